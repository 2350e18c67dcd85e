#include "tools/cli_support.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/progress.hpp"
#include "tools/build_info.hpp"

namespace steer::tools {
namespace {

const auto process_start = std::chrono::steady_clock::now();

double parse_number(std::string_view text, const std::string& parameter, const std::string& whole) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size())
    throw std::invalid_argument(fmt::format("{}: '{}' is not a number (in '{}')", parameter, text, whole));
  if (!std::isfinite(value)) throw std::invalid_argument(fmt::format("{} must be finite, got {}", parameter, text));
  return value;
}

}  // namespace

void add_common_options(CLI::App& command, common_options& options, const std::string& out_help) {
  command.add_option("--seed", options.seed, "Master seed of every random draw")->capture_default_str();
  command.add_option("--out", options.out, out_help);
  command.add_flag("--json", options.json, "Print one JSON object with the results on stdout");
  command.add_flag("--quiet", options.quiet, "No progress lines on stderr");
  command.add_option("--threads", options.threads, "OpenMP threads (0: all cores); results do not depend on it")
      ->check(CLI::NonNegativeNumber);
}

bool apply_common_options(const common_options& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  return !options.quiet && numerics::stderr_is_terminal();
}

std::vector<double> parse_range(const std::string& text, const std::string& parameter) {
  const auto first = text.find(':');
  if (first == std::string::npos) return {parse_number(text, parameter, text)};
  const auto second = text.find(':', first + 1);
  if (second == std::string::npos || text.find(':', second + 1) != std::string::npos)
    throw std::invalid_argument(fmt::format("{}: expected a:b:k, got '{}'", parameter, text));
  const double a = parse_number(std::string_view(text).substr(0, first), parameter, text);
  const double b = parse_number(std::string_view(text).substr(first + 1, second - first - 1), parameter, text);
  const std::string_view count_text = std::string_view(text).substr(second + 1);
  long long k = 0;
  const auto [end, error] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), k);
  if (error != std::errc{} || end != count_text.data() + count_text.size() || k < 1 || k > 1000000)
    throw std::invalid_argument(fmt::format("{}: the point count k in a:b:k must be an integer in [1, 1000000], got '{}'",
                                            parameter, count_text));
  if (k == 1 && a != b)
    throw std::invalid_argument(fmt::format("{}: a:b:1 needs a == b, got '{}'", parameter, text));
  std::vector<double> values;
  for (long long i = 0; i < k; ++i)
    values.push_back(k == 1 ? a : a + (b - a) * static_cast<double>(i) / static_cast<double>(k - 1));
  return values;
}

std::vector<double> parse_range_list(const std::string& text, const std::string& parameter) {
  std::vector<double> values;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const auto part = parse_range(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start), parameter);
    values.insert(values.end(), part.begin(), part.end());
    if (comma == std::string::npos) return values;
    start = comma + 1;
  }
}

std::filesystem::path prepare_output_directory(const std::string& dir) {
  const std::filesystem::path path(dir);
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw std::invalid_argument(fmt::format("--out: cannot create {}: {}", dir, error.message()));
  try {
    numerics::write_file_atomically(path / ".write-test", "");
    std::filesystem::remove(path / ".write-test");
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("--out: cannot write to {}", dir));
  }
  return path;
}

nlohmann::json run_metadata() {
  const std::time_t now = std::time(nullptr);
  char started[32];
  std::strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return {{"steer_version", build_info::version}, {"git_hash", build_info::git_hash},
          {"build_type", build_info::build_type}, {"threads", omp_get_max_threads()}, {"finished_at", started}};
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - process_start).count();
}

void write_sidecar(const std::filesystem::path& dir, const std::string& stem, const std::string& command,
                   const nlohmann::json& results) {
  nlohmann::json metadata = run_metadata();
  metadata["wall_seconds"] = wall_seconds();
  const nlohmann::json sidecar = {{"command", command}, {"metadata", metadata}, {"results", results}};
  numerics::write_file_atomically(dir / (stem + ".json"), sidecar.dump(2) + "\n");
}

void print_json(const nlohmann::json& value) { std::cout << value.dump() << std::endl; }

}  // namespace steer::tools
