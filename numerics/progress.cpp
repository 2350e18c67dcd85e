#include "numerics/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace steer::numerics {

progress_meter::progress_meter(std::string label, std::uint64_t total, bool enabled, std::FILE* sink)
    : label_(std::move(label)), total_(total), enabled_(enabled), sink_(sink),
      start_(std::chrono::steady_clock::now()) {}

progress_meter::~progress_meter() {
  if (enabled_) print_line(done_.load(), true);
}

void progress_meter::advance(std::uint64_t done) {
  const std::uint64_t now_done = done_.fetch_add(done) + done;
  if (!enabled_) return;
  constexpr auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::seconds(1)).count();
  const auto now = (std::chrono::steady_clock::now() - start_).count();
  if (now - last_print_.load(std::memory_order_relaxed) < interval) return;
  const std::lock_guard lock(print_mutex_);
  if (now - last_print_.load(std::memory_order_relaxed) < interval) return;
  last_print_.store(now, std::memory_order_relaxed);
  print_line(now_done, false);
}

void progress_meter::set_note(std::string note) {
  const std::lock_guard lock(print_mutex_);
  note_ = std::move(note);
}

void progress_meter::print_line(std::uint64_t done, bool final_line) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - std::min(done, total_)) / rate : 0.0;
  fmt::print(sink_, "\r{}: {}/{} ({:.3g}/s, ETA {:.0f} s){}{}{}", label_, done, total_, rate, eta,
             note_.empty() ? "" : ", ", note_, final_line ? "\n" : "   ");
  std::fflush(sink_);
}

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

}  // namespace steer::numerics
