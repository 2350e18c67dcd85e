#include "tools/report_accessibility_options.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "tools/cli_support.hpp"
#include "validation/fixed_points/count_report.hpp"

namespace steer::tools {
namespace {

constexpr int max_threshold_neurons = 20000;  // as `steer thresholds`

std::vector<double> increasing_grid(const std::string& text) {
  const auto grid = parse_range_list(text, "--accessibility-self-couplings");
  for (std::size_t k = 1; k < grid.size(); ++k)
    if (!(grid[k] > grid[k - 1]))
      throw std::invalid_argument(fmt::format("--accessibility-self-couplings: J_D must be strictly increasing, got {} after {}",
                                              grid[k], grid[k - 1]));
  return grid;
}

}  // namespace

void add_accessibility_options(CLI::App& report, accessibility_options& o) {
  report.add_flag("--no-accessibility", o.skip,
                  "Skip the accessibility section (async success curves and thresholds, count-mc vs enumeration and "
                  "vs the annealed entropy)");
  add_text_option(report, "--accessibility-sizes", o.sizes, "Accessibility: N of the async success curves",
                  [](const std::string& text) { parse_size_list(text, "--accessibility-sizes", 2, max_threshold_neurons); });
  add_text_option(report, "--accessibility-self-couplings", o.self_couplings,
                  "Accessibility: J_D grid of the success curves (strictly increasing)",
                  [](const std::string& text) { increasing_grid(text); });
  add_integer_option(report, "--accessibility-networks", o.networks, 1, validation::max_report_networks,
                     "Accessibility: networks per (N, J_D) point of the success curves (1 start each)");
  add_integer_option(report, "--accessibility-sweeps", o.max_sweeps, 1, 1000000000,
                     "Accessibility: budget of the dynamics in sweeps (it co-determines the threshold)");
  add_text_option(report, "--count-mc-exact-sizes", o.exact_sizes, "Accessibility: N where count-mc meets enumeration",
                  [](const std::string& text) {
                    parse_size_list(text, "--count-mc-exact-sizes", 2, validation::max_report_neurons);
                  });
  add_text_option(report, "--count-mc-exact-self-couplings", o.exact_self_couplings,
                  "Accessibility: J_D where count-mc meets enumeration",
                  [](const std::string& text) { parse_range_list(text, "--count-mc-exact-self-couplings"); });
  add_integer_option(report, "--count-mc-exact-networks", o.exact_networks, 1, validation::max_report_networks,
                     "Accessibility: enumerated networks per count-mc point");
  add_integer_option(report, "--count-mc-size", o.quenched_size, 2, validation::max_accessibility_count_mc_neurons,
                     "Accessibility: N of the quenched <ln #FP>/N vs the annealed entropy");
  add_text_option(report, "--count-mc-self-couplings", o.quenched_self_couplings,
                  "Accessibility: J_D of the quenched <ln #FP>/N",
                  [](const std::string& text) { parse_range_list(text, "--count-mc-self-couplings"); });
  add_integer_option(report, "--count-mc-networks", o.quenched_networks, 2, validation::max_report_networks,
                     "Accessibility: networks of the quenched average");
  add_integer_option(report, "--count-mc-walks", o.walks, 2, 1 << 20,
                     "Accessibility: Wang-Landau walks per network (the error bar is their SEM)");
  add_real_option(report, "--count-mc-final-log-f", o.final_log_f,
                  "Accessibility: a walk stops when ln f falls below this (cost ~ 1/final-log-f)", 1e-12, 0.5);
}

std::optional<validation::accessibility_report_config> accessibility_config(const accessibility_options& o,
                                                                            std::uint64_t seed, bool progress,
                                                                            const std::string& program_version) {
  if (o.skip) return std::nullopt;
  validation::accessibility_report_config c;
  c.threshold_sizes = parse_size_list(o.sizes, "--accessibility-sizes", 2, max_threshold_neurons);
  c.threshold_self_couplings = increasing_grid(o.self_couplings);
  c.threshold_networks = o.networks;
  c.max_sweeps = o.max_sweeps;
  c.exact_sizes = parse_size_list(o.exact_sizes, "--count-mc-exact-sizes", 2, validation::max_report_neurons);
  c.exact_self_couplings = parse_range_list(o.exact_self_couplings, "--count-mc-exact-self-couplings");
  c.exact_networks = o.exact_networks;
  c.quenched_size = o.quenched_size;
  c.quenched_self_couplings = parse_range_list(o.quenched_self_couplings, "--count-mc-self-couplings");
  c.quenched_networks = o.quenched_networks;
  c.walks = o.walks;
  c.final_log_f = o.final_log_f;
  c.seed = seed;
  c.progress = progress;
  c.program_version = program_version;
  c.validate();
  return c;
}

}  // namespace steer::tools
