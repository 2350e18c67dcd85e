// What every `steer` subcommand shares: the common options (--seed, --out, --json, --quiet,
// --threads), options read through the strict parsers, the run directory, and run metadata for
// JSON sidecars.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/strict_parse.hpp"

namespace steer::tools {

// Upper bound of --threads: far above any machine this runs on, low enough to catch typos.
inline constexpr int max_threads = 1024;

// Upper bound of --networks (enumerate, report): per-network results stay in memory until the
// end (a pair histogram is (N + 1) × 8 bytes, ~0.3 KB at N = 40), and 10^6 networks already
// give a standard error of 0.1% of the spread.
inline constexpr std::int64_t max_networks = 1000000;

struct common_options {
  std::uint64_t seed = 1;
  std::string out;  // empty: no files
  bool json = false;
  bool quiet = false;
  int threads = 0;  // 0: OpenMP default
};

// Adds --seed, --out, --json, --quiet, --threads to a subcommand.
void add_common_options(CLI::App& command, common_options& options, const std::string& out_help);

// Options whose text goes through strict_parse.hpp instead of CLI11's own conversion (which
// reads "010" as octal, '' as 0 and wraps out-of-range seeds). The value is checked while the
// command line is parsed, so a bad value stops the run before any work or output; --help shows
// the bounds and the current value of `target` as the default.
CLI::Option* add_integer_option(CLI::App& command, const std::string& name, int& target, int min, int max,
                                const std::string& help);
CLI::Option* add_integer_option(CLI::App& command, const std::string& name, std::int64_t& target, std::int64_t min,
                                std::int64_t max, const std::string& help);
CLI::Option* add_real_option(CLI::App& command, const std::string& name, double& target, const std::string& help,
                             double min = -std::numeric_limits<double>::max(),
                             double max = std::numeric_limits<double>::max());

// A non-empty text option; `check` (if given) validates the text at parse time and throws
// std::invalid_argument naming the option, e.g. a range list that is parsed again later.
CLI::Option* add_text_option(CLI::App& command, const std::string& name, std::string& target, const std::string& help,
                             std::function<void(const std::string&)> check = {});

// Applies --threads; says whether progress lines should be printed (stderr is a TTY, no --quiet).
bool apply_common_options(const common_options& options);

// Creates `dir` (and parents), checks it is writable and claims it for this process (an flock
// held until exit, numerics/directory_lock.hpp), before any work starts. Throws
// std::invalid_argument "OPTION: cannot write to DIR: reason", or naming the PID of another
// steer run that holds the directory.
std::filesystem::path prepare_output_directory(const std::string& dir, std::string_view option = "--out");

// Version, git hash, build type, host threads and the start time of this run.
nlohmann::json run_metadata();

// Seconds since the process started (for the sidecar's wall time).
double wall_seconds();

// The JSON sidecar <dir>/<stem>.json: {"command", "metadata" (run_metadata + wall time),
// "results"}, written atomically.
void write_sidecar(const std::filesystem::path& dir, const std::string& stem, const std::string& command,
                   const nlohmann::json& results);

// One JSON object on stdout.
void print_json(const nlohmann::json& value);

}  // namespace steer::tools
