// `steer dynamics`: sign dynamics (asynchronous random-sequential, fixed-order sequential or
// synchronous) from random starts on one network, sampled or read from a file (issue 9 item 1):
// fraction converged, sweeps to converge, margins of the fixed points reached, cycle periods.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/coupling_io.hpp"
#include "numerics/progress.hpp"
#include "solvers/fixed_points/restart_statistics.hpp"
#include "solvers/fixed_points/solver_registry.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct dynamics_command_options {
  common_options common;
  std::string couplings_file;
  int n = 200;
  double self_coupling = 0.5;
  double symmetry = 0.0;
  std::int64_t network = 0;
  std::string schedule = "async";
  std::int64_t restarts = 10;
  std::int64_t max_sweeps = 1000;
};

// The couplings alone are N² doubles (800 MB at N = 10^4) plus a float copy per thread for the
// asynchronous schedules; 20000 bounds a typo, not a machine.
constexpr int max_dynamics_neurons = 20000;

void check_schedule(const std::string& text) {
  if (text != "async" && text != "sequential" && text != "sync")
    throw std::invalid_argument(fmt::format("--schedule must be async, sequential or sync, got '{}'", text));
}

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

void run_dynamics(const dynamics_command_options& o, bool progress) {
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const numerics::coupling_matrix couplings =
      o.couplings_file.empty()
          ? numerics::sample_couplings({o.n, o.self_coupling, o.symmetry}, o.common.seed, static_cast<std::uint64_t>(o.network))
          : numerics::read_couplings(o.couplings_file);
  if (couplings.size() < 2 || couplings.size() > max_dynamics_neurons)
    throw std::invalid_argument(fmt::format("--couplings {}: N must be in [2, {}], got {}", o.couplings_file,
                                            max_dynamics_neurons, couplings.size()));
  const auto solve = solvers::make_solver(o.schedule, {o.max_sweeps});
  std::vector<solvers::solver_result> runs(static_cast<std::size_t>(o.restarts));
  numerics::progress_meter meter(fmt::format("dynamics {} N={}", o.schedule, couplings.size()),
                                 static_cast<std::uint64_t>(o.restarts), progress);
  // Restart r uses streams (seed, r, initial_state / dynamics): the same runs for any --threads.
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t r = 0; r < o.restarts; ++r) {
    runs[static_cast<std::size_t>(r)] = solve(couplings, o.common.seed, static_cast<std::uint64_t>(r));
    meter.advance();
  }
  const auto stats = solvers::summarise_restarts(couplings, runs);
  std::set<numerics::spin_vector> distinct;
  std::string csv = "restart,converged,sweeps,cycle_length,smallest_margin,seconds\n";
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto& run = runs[r];
    std::string smallest;
    if (run.converged) {
      distinct.insert(run.state);
      const auto m = solvers::margins(couplings, run.state);
      smallest = fmt::format("{}", *std::min_element(m.begin(), m.end()));
    }
    csv += fmt::format("{},{},{},{},{},{}\n", r, run.converged ? 1 : 0, run.steps, run.cycle_length, smallest, run.seconds);
  }
  json cycles = json::object();
  for (const auto& [period, count] : stats.cycle_lengths) cycles[std::to_string(period)] = count;
  const json result = {{"n", couplings.size()},
                       {"couplings", o.couplings_file.empty() ? json(nullptr) : json(o.couplings_file)},
                       {"self_coupling", o.couplings_file.empty() ? json(o.self_coupling) : json(nullptr)},
                       {"symmetry", o.couplings_file.empty() ? json(o.symmetry) : json(nullptr)},
                       {"network", o.couplings_file.empty() ? json(o.network) : json(nullptr)},
                       {"schedule", o.schedule},
                       {"restarts", o.restarts},
                       {"max_sweeps", o.max_sweeps},
                       {"converged", stats.converged},
                       {"converged_fraction", stats.converged_fraction},
                       {"distinct_fixed_points", distinct.size()},
                       {"mean_sweeps_to_converge", optional_json(stats.mean_steps_to_converge)},
                       {"median_sweeps_to_converge", optional_json(stats.median_steps_to_converge)},
                       {"mean_smallest_margin", optional_json(stats.mean_smallest_margin)},
                       {"mean_margin", optional_json(stats.mean_margin)},
                       {"cycle_lengths", cycles},
                       {"mean_seconds", stats.mean_seconds}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "dynamics.csv", csv);
    write_sidecar(out, "dynamics", "dynamics", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("{} dynamics, N={}: {} of {} restarts converged within {} sweeps ({} distinct fixed points)\n", o.schedule,
             couplings.size(), stats.converged, stats.restarts, o.max_sweeps, distinct.size());
  if (stats.mean_steps_to_converge)
    fmt::print("sweeps to converge: mean {:.4g}, median {:.4g}; margins of the fixed points: smallest {:.4g} (mean over "
               "restarts), mean {:.4g}\n",
               *stats.mean_steps_to_converge, *stats.median_steps_to_converge, *stats.mean_smallest_margin,
               *stats.mean_margin);
  if (!stats.cycle_lengths.empty()) fmt::print("cycles entered (period: restarts): {}\n", cycles.dump());
}

}  // namespace

void register_dynamics(CLI::App& app) {
  auto o = std::make_shared<dynamics_command_options>();
  auto* command = app.add_subcommand(
      "dynamics", "Sign dynamics from random starts on one network: fraction converged, sweeps to converge, margins, "
                  "cycle periods");
  auto* file = add_text_option(*command, "--couplings", o->couplings_file,
                               "Run on this N×N matrix (formats as `steer enumerate --couplings`) instead of a sampled one");
  add_integer_option(*command, "--n", o->n, 2, max_dynamics_neurons, "Number of neurons N of the sampled network")->excludes(file);
  add_real_option(*command, "--self-coupling", o->self_coupling, "Self-coupling J_D of the sampled network")->excludes(file);
  add_real_option(*command, "--symmetry", o->symmetry, "Correlation of J_ij and J_ji of the sampled network", -1.0, 1.0)
      ->excludes(file);
  add_integer_option(*command, "--network", o->network, 0, std::numeric_limits<std::int64_t>::max(),
                     "Index of the sampled network (stream (seed, network, couplings))")
      ->excludes(file);
  add_text_option(*command, "--schedule", o->schedule,
                  "async (random order, a new permutation per sweep), sequential (fixed order) or sync (all at once, "
                  "cycles detected)",
                  check_schedule);
  add_integer_option(*command, "--restarts", o->restarts, 1, 100000000, "Random starts (restart r: streams (seed, r, .))");
  add_integer_option(*command, "--max-sweeps", o->max_sweeps, 1, 1000000000,
                     "Budget: sweeps of N single-neuron updates (synchronous: steps)");
  add_common_options(*command, o->common, "Directory for dynamics.csv (one row per restart) + dynamics.json");
  command->callback([o] { run_dynamics(*o, apply_common_options(o->common)); });
}

}  // namespace steer::tools
