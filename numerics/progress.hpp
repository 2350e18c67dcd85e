// Progress of a long run on stderr: about one line per second with done/total, rate and ETA
// (DESIGN.md, Long runs). Thread-safe: workers call advance() from OpenMP loops.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace steer::numerics {

class progress_meter {
 public:
  // Silent when !enabled (--quiet, or stderr is not a terminal). Lines go to `sink`.
  progress_meter(std::string label, std::uint64_t total, bool enabled, std::FILE* sink = stderr);
  ~progress_meter();
  progress_meter(const progress_meter&) = delete;
  progress_meter& operator=(const progress_meter&) = delete;

  void advance(std::uint64_t done = 1);

  // Text shown after the rate on every following line (e.g. running figures of a training epoch).
  void set_note(std::string note);

 private:
  void print_line(std::uint64_t done, bool final_line);

  std::string label_;
  std::uint64_t total_;
  bool enabled_;
  std::FILE* sink_;
  std::atomic<std::uint64_t> done_{0};
  std::chrono::steady_clock::time_point start_;
  // Time of the last line, read by every advance() without the lock: atomic, so the cheap
  // "not yet a second" check is race-free (ticks of steady_clock since start_).
  std::atomic<std::chrono::steady_clock::rep> last_print_{0};
  std::mutex print_mutex_;
  std::string note_;  // guarded by print_mutex_
};

// True when stderr is a terminal: the default for progress output.
bool stderr_is_terminal();

}  // namespace steer::numerics
