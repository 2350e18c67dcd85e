// `steer report`'s options of the accessibility section (validation/fixed_points/
// accessibility_report.hpp): on by default, --no-accessibility skips it, the others scale it.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "validation/fixed_points/accessibility_report.hpp"

namespace steer::tools {

struct accessibility_options {
  bool skip = false;
  std::string sizes = "50,100,200";
  std::string self_couplings = "0:0.8:17";
  std::int64_t networks = 40;
  std::int64_t max_sweeps = 1000;
  std::string exact_sizes = "16,20,24";
  std::string exact_self_couplings = "0.5";
  std::int64_t exact_networks = 4;
  int quenched_size = 40;
  std::string quenched_self_couplings = "0.25,0.5,1";
  std::int64_t quenched_networks = 8;
  int walks = 8;
  double final_log_f = 1e-5;
};

// Adds --no-accessibility, --accessibility-* and --count-mc-* to `report`; lists are checked at
// parse time.
void add_accessibility_options(CLI::App& report, accessibility_options& options);

// The section's configuration (nullopt with --no-accessibility), `out` left empty; throws
// std::invalid_argument naming the option.
std::optional<validation::accessibility_report_config> accessibility_config(const accessibility_options& options,
                                                                            std::uint64_t seed, bool progress,
                                                                            const std::string& program_version);

}  // namespace steer::tools
