#include "tools/fixed_point_search_cli.hpp"

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/coupling_io.hpp"
#include "numerics/progress.hpp"
#include "solvers/fixed_points/restart_search.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

}  // namespace

void add_search_options(CLI::App& command, search_command_options& o, int max_n) {
  auto* file = add_text_option(command, "--couplings", o.couplings_file,
                               "Run on this N×N matrix (formats as `steer enumerate --couplings`) instead of a sampled one");
  add_integer_option(command, "--n", o.n, 2, max_n, "Number of neurons N of the sampled network")->excludes(file);
  add_real_option(command, "--self-coupling", o.self_coupling, "Self-coupling J_D of the sampled network")->excludes(file);
  add_real_option(command, "--symmetry", o.symmetry, "Correlation of J_ij and J_ji of the sampled network", -1.0, 1.0)
      ->excludes(file);
  add_integer_option(command, "--network", o.network, 0, std::numeric_limits<std::int64_t>::max(),
                     "Index of the sampled network (stream (seed, network, couplings))")
      ->excludes(file);
  add_integer_option(command, "--restarts", o.restarts, 1, 100000000, "Independent runs (restart r: streams (seed, r, .))");
  add_common_options(command, o.common, "Directory for <command>.csv (one row per restart) + <command>.json");
}

void run_search(const search_command_options& o, int max_n, const search_command& what,
                const solvers::fixed_point_solver& solve) {
  const bool progress = apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const bool sampled = o.couplings_file.empty();
  const numerics::coupling_matrix couplings =
      sampled ? numerics::sample_couplings({o.n, o.self_coupling, o.symmetry}, o.common.seed, static_cast<std::uint64_t>(o.network))
              : numerics::read_couplings(o.couplings_file);
  if (couplings.size() < 2 || couplings.size() > max_n)
    throw std::invalid_argument(
        fmt::format("--couplings {}: N must be in [2, {}], got {}", o.couplings_file, max_n, couplings.size()));
  solvers::restart_search_result search;
  {
    numerics::progress_meter meter(fmt::format("{} N={}", what.name, couplings.size()),
                                   static_cast<std::uint64_t>(o.restarts), progress);
    search = solvers::run_restarts(couplings, solve, o.restarts, o.common.seed, [&meter] { meter.advance(); });
  }
  const auto& stats = search.statistics;
  std::string csv =
      fmt::format("restart,converged,{},cycle_length,unstable_units,smallest_margin,seconds\n", what.step_unit);
  for (std::size_t r = 0; r < search.runs.size(); ++r) {
    const auto& run = search.runs[r];
    csv += fmt::format("{},{},{},{},{},{},{}\n", r, run.converged ? 1 : 0, run.steps, run.cycle_length,
                       search.unstable_units[r], search.smallest_margins[r], run.seconds);
  }
  // Periods of the cycles entered (synchronous dynamics only; empty for every other algorithm).
  json cycles = json::object();
  for (const auto& [period, count] : stats.cycle_lengths) cycles[std::to_string(period)] = count;
  const json result = {{"algorithm", what.name},
                       {"n", couplings.size()},
                       {"couplings", sampled ? json(nullptr) : json(o.couplings_file)},
                       {"self_coupling", sampled ? json(o.self_coupling) : json(nullptr)},
                       {"symmetry", sampled ? json(o.symmetry) : json(nullptr)},
                       {"network", sampled ? json(o.network) : json(nullptr)},
                       {"seed", o.common.seed},
                       {"restarts", o.restarts},
                       {"parameters", what.parameters},
                       {"step_unit", what.step_unit},
                       {"converged", stats.converged},
                       {"converged_fraction", stats.converged_fraction},
                       {"distinct_fixed_points", search.distinct_fixed_points},
                       {"mean_steps_to_converge", optional_json(stats.mean_steps_to_converge)},
                       {"median_steps_to_converge", optional_json(stats.median_steps_to_converge)},
                       {"mean_smallest_margin", optional_json(stats.mean_smallest_margin)},
                       {"mean_margin", optional_json(stats.mean_margin)},
                       {"cycle_lengths", cycles},
                       {"mean_seconds", stats.mean_seconds}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / (what.name + ".csv"), csv);
    write_sidecar(out, what.name, what.name, result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("{}, N={}: {} of {} restarts reached a fixed point ({} distinct); {:.3g} s per restart\n", what.name,
             couplings.size(), stats.converged, stats.restarts, search.distinct_fixed_points, stats.mean_seconds);
  if (stats.mean_steps_to_converge)
    fmt::print("{} to converge: mean {:.4g}, median {:.4g}; margins of the fixed points: smallest {:.4g} (mean over "
               "restarts), mean {:.4g}\n",
               what.step_unit, *stats.mean_steps_to_converge, *stats.median_steps_to_converge,
               *stats.mean_smallest_margin, *stats.mean_margin);
  if (!cycles.empty()) fmt::print("cycles entered (period: restarts): {}\n", cycles.dump());
}

}  // namespace steer::tools
