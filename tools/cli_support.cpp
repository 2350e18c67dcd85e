#include "tools/cli_support.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/directory_lock.hpp"
#include "numerics/progress.hpp"
#include "tools/build_info.hpp"

namespace steer::tools {
namespace {

const auto process_start = std::chrono::steady_clock::now();

// Every strict option: the text goes to `parse` when CLI11 has matched the option, and the result
// to `target`; parse errors propagate as std::invalid_argument (main prints them as one line).
template <class T, class Parse>
CLI::Option* add_parsed_option(CLI::App& command, const std::string& name, T& target, Parse parse,
                               const std::string& type, const std::string& help) {
  auto* option = command.add_option_function<std::string>(
      name, [&target, parse](const std::string& text) { target = parse(text); }, help);
  return option->type_name(type)->default_str(fmt::format("{}", target));
}

}  // namespace

void add_common_options(CLI::App& command, common_options& options, const std::string& out_help) {
  add_parsed_option(command, "--seed", options.seed, [](const std::string& text) { return parse_seed(text, "--seed"); },
                    "UINT64", "Master seed of every random draw (decimal, 0 to 2^64-1)");
  add_text_option(command, "--out", options.out, out_help);
  command.add_flag("--json", options.json, "Print one JSON object with the results on stdout");
  command.add_flag("--quiet", options.quiet, "No progress lines on stderr");
  add_integer_option(command, "--threads", options.threads, 0, max_threads,
                     "OpenMP threads (0: all cores); results do not depend on it");
}

CLI::Option* add_integer_option(CLI::App& command, const std::string& name, int& target, int min, int max,
                                const std::string& help) {
  return add_parsed_option(
      command, name, target,
      [name, min, max](const std::string& text) { return static_cast<int>(parse_integer(text, name, min, max)); },
      fmt::format("INT in [{}, {}]", min, max), help);
}

CLI::Option* add_integer_option(CLI::App& command, const std::string& name, std::int64_t& target, std::int64_t min,
                                std::int64_t max, const std::string& help) {
  return add_parsed_option(
      command, name, target, [name, min, max](const std::string& text) { return parse_integer(text, name, min, max); },
      fmt::format("INT in [{}, {}]", min, max), help);
}

CLI::Option* add_real_option(CLI::App& command, const std::string& name, double& target, const std::string& help,
                             double min, double max) {
  const bool bounded = min != -std::numeric_limits<double>::max() || max != std::numeric_limits<double>::max();
  return add_parsed_option(
      command, name, target, [name, min, max](const std::string& text) { return parse_real(text, name, min, max); },
      bounded ? fmt::format("FLOAT in [{}, {}]", min, max) : "FLOAT", help);
}

CLI::Option* add_text_option(CLI::App& command, const std::string& name, std::string& target, const std::string& help,
                             std::function<void(const std::string&)> check) {
  auto* option = command.add_option_function<std::string>(
      name,
      [&target, name, check](const std::string& text) {
        if (text.empty()) throw std::invalid_argument(fmt::format("{}: got an empty value", name));
        if (check) check(text);
        target = text;
      },
      help);
  if (!target.empty()) option->default_str(target);
  return option;
}

bool apply_common_options(const common_options& options) {
  if (options.threads > 0) omp_set_num_threads(options.threads);
  return !options.quiet && numerics::stderr_is_terminal();
}

std::filesystem::path prepare_output_directory(const std::string& dir, std::string_view option) {
  const std::filesystem::path path(dir);
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) throw std::invalid_argument(fmt::format("{}: cannot create {}: {}", option, dir, error.message()));
  try {
    numerics::write_file_atomically(path / ".write-test", "");
    std::filesystem::remove(path / ".write-test");
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("{}: cannot write to {}", option, dir));
  }
  // Claimed until the process exits: a second steer run writing here would mix its files with
  // this run's (directory_lock.hpp). A directory named twice (--out and --save-couplings) is
  // claimed once.
  static std::map<std::filesystem::path, numerics::directory_lock> claimed;
  const std::filesystem::path key = std::filesystem::canonical(path);
  if (!claimed.contains(key)) claimed.try_emplace(key, key);
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
