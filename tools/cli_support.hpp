// What every `steer` subcommand shares: the common options (--seed, --out, --json, --quiet,
// --threads), value ranges "a:b:k", the run directory, and run metadata for JSON sidecars.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace steer::tools {

struct common_options {
  std::uint64_t seed = 1;
  std::string out;  // empty: no files
  bool json = false;
  bool quiet = false;
  int threads = 0;  // 0: OpenMP default
};

// Adds --seed, --out, --json, --quiet, --threads to a subcommand.
void add_common_options(CLI::App& command, common_options& options, const std::string& out_help);

// Applies --threads; says whether progress lines should be printed (stderr is a TTY, no --quiet).
bool apply_common_options(const common_options& options);

// "a:b:k" → k evenly spaced values from a to b inclusive ("a" alone is one value).
// Throws std::invalid_argument naming `parameter` on a malformed or non-finite range.
std::vector<double> parse_range(const std::string& text, const std::string& parameter);

// Comma-separated list of ranges: "8:20:7" or "8,10,12" or "-0.25,0:1:5".
std::vector<double> parse_range_list(const std::string& text, const std::string& parameter);

// Creates `dir` (and parents) and checks it is writable, before any work starts.
// Throws std::invalid_argument "--out: cannot write to DIR: reason".
std::filesystem::path prepare_output_directory(const std::string& dir);

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
