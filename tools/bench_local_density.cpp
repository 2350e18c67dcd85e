// `steer bench local-density`: ball states decided per second by the Hamming-ball counter
// (incremental margins, early rejection, pruning) against the naive check that rebuilds each ball
// state and recomputes its fields from scratch, both measured here on the same network and centre
// (DESIGN.md, Benchmarks). Single-threaded: the counter runs one centre per thread in
// `steer local-density`.
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  int n = 1000;
  double self_coupling = 1.0;
  int radius = 2;
  double min_seconds = 1.0;
};

constexpr int max_bench_neurons = 8000;
constexpr std::int64_t max_starts = 100;

// Repeats `run` (which returns the states it decided) until min_seconds have passed.
template <typename Run>
double states_per_second(Run&& run, double min_seconds) {
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t states = 0;
  double elapsed = 0.0;
  do {
    states += run();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return static_cast<double>(states) / elapsed;
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const auto couplings = numerics::sample_couplings({o.n, o.self_coupling, 0.0}, o.common.seed, 0);
  const solvers::asynchronous_dynamics dynamics(couplings);
  numerics::spin_vector centre;
  for (std::int64_t t = 0; t < max_starts && centre.empty(); ++t) {
    auto reached = dynamics.run(solvers::random_spin_vector(o.n, o.common.seed, static_cast<std::uint64_t>(t)),
                                {solvers::update_schedule::random_order, 1000, o.common.seed, static_cast<std::uint64_t>(t)});
    if (reached.converged) centre = std::move(reached.state);
  }
  if (centre.empty())
    throw std::invalid_argument(fmt::format("--self-coupling {}: no fixed point reached from {} starts at N = {}; "
                                            "use a larger J_D", o.self_coupling, max_starts, o.n));
  const numerics::hamming_ball_counter counter(couplings);
  numerics::ball_count fast_count;
  const double fast = states_per_second([&] { fast_count = counter.count(centre, o.radius); return fast_count.states_checked; },
                                        o.min_seconds);
  // The naive check decides far fewer states per second: time it on growing prefixes of the ball.
  std::uint64_t prefix = 64;
  const double naive = states_per_second(
      [&] {
        const auto states = numerics::count_ball_naively(couplings, centre, o.radius, prefix).states_checked;
        prefix = std::min<std::uint64_t>(2 * prefix, fast_count.states_checked);
        return states;
      },
      o.min_seconds);
  // Both must find the same fixed points at distance 1 (the naive check's doubles agree with the
  // exact count whenever no margin is within rounding of 0).
  const auto naive_r1 = numerics::count_ball_naively(couplings, centre, 1, static_cast<std::uint64_t>(o.n));
  const bool agree = naive_r1.fixed_points_at_distance[0] == fast_count.fixed_points_at_distance[0];
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"radius", o.radius},
                       {"ball_states", fast_count.states_checked},
                       {"fixed_points_in_ball", fast_count.fixed_points_at_distance},
                       {"states_per_second", fast},
                       {"baseline_states_per_second", naive},
                       {"speedup", fast / naive},
                       {"distance_1_counts_agree", agree}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "bench_local_density.csv",
                                    fmt::format("n,self_coupling,radius,states_per_second,baseline_states_per_second,speedup\n"
                                                "{},{},{},{},{},{}\n",
                                                o.n, o.self_coupling, o.radius, fast, naive, fast / naive));
    write_sidecar(out, "bench_local_density", "bench local-density", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("N={} r={} J_D={}: {:.3g} ball states/s, naive recompute {:.3g} states/s, speedup {:.0f}x "
               "({} fixed points among {} ball states)\n",
               o.n, o.radius, o.self_coupling, fast, naive, fast / naive, result["fixed_points_in_ball"].dump(),
               fast_count.states_checked);
  }
}

}  // namespace

void register_bench_local_density(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* command = bench.add_subcommand(
      "local-density", "Hamming-ball counter (ball states/s around a fixed point found by dynamics) vs recomputing "
                       "every field of every ball state");
  add_integer_option(*command, "--n", o->n, 10, max_bench_neurons, "Number of neurons N");
  add_real_option(*command, "--self-coupling", o->self_coupling,
                  "Self-coupling J_D (large enough for asynchronous dynamics to reach a fixed point)");
  add_integer_option(*command, "--radius", o->radius, 1, numerics::max_ball_radius, "Ball radius r");
  add_real_option(*command, "--min-seconds", o->min_seconds, "Minimum measuring time per method", 0.001, 3600.0);
  add_common_options(*command, o->common, "Directory for bench_local_density.csv + bench_local_density.json");
  command->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
