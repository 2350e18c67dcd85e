// `steer bench anneal`: simulated-annealing sweeps per second with incremental margins
// (margin_state.hpp: O(N) per proposal and per accepted flip, O(N²) per sweep) against a naive
// Metropolis loop that recomputes every field of the proposed state from scratch (O(N²) per
// proposal, O(N³) per sweep), both measured here on the same network, start, β and random stream
// (DESIGN.md, Benchmarks). The two follow the same trajectory, which the benchmark checks. A third
// loop runs the incremental margins with the portable baseline build of their passes
// (margin_passes.hpp), on the same proposals and the same trajectory: the ratio is what the
// vectorised passes of this CPU give.
#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <chrono>
#include <cmath>
#include <memory>

#include "numerics/atomic_file.hpp"
#include "numerics/rng_stream.hpp"
#include "numerics/vector_clones.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/margin_state.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  int n = 1000;
  double self_coupling = 0.5;
  double beta = 3.0;
  double min_seconds = 1.0;
};

constexpr int max_bench_neurons = 8000;

// E(s) from the definition, O(N²).
int naive_energy(const numerics::coupling_matrix& j, const numerics::spin_vector& s) {
  int energy = 0;
  for (int i = 0; i < j.size(); ++i) {
    double h = 0.0;
    for (int k = 0; k < j.size(); ++k)
      if (k != i) h += j(i, k) * s[static_cast<std::size_t>(k)];
    energy += s[static_cast<std::size_t>(i)] * h + j(i, i) <= 0.0 ? 1 : 0;
  }
  return energy;
}

// Metropolis proposals, `delta(k)` the energy change of flipping k and `flip(k)` the flip, until
// min_seconds have passed (and at least `at_least` proposals). Returns {proposals, accepted, seconds}.
template <typename Delta, typename Flip>
std::array<double, 3> run_proposals(int n, double beta, std::uint64_t seed, double min_seconds, std::int64_t at_least,
                                    Delta&& delta, Flip&& flip) {
  numerics::rng_stream stream(seed, 0, numerics::stream_purpose::annealing);
  boost::random::uniform_int_distribution<int> pick(0, n - 1);
  const auto start = std::chrono::steady_clock::now();
  std::int64_t proposals = 0, accepted = 0;
  double elapsed = 0.0;
  do {
    for (int p = 0; p < 16; ++p, ++proposals) {
      const int k = pick(stream);
      const int d = delta(k);
      if (d > 0 && stream.uniform_open() >= std::exp(-beta * d)) continue;
      flip(k);
      ++accepted;
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds || proposals < at_least);
  return {static_cast<double>(proposals), static_cast<double>(accepted), elapsed};
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const auto couplings = numerics::sample_couplings({o.n, o.self_coupling, 0.0}, o.common.seed, 0);
  const auto start = solvers::random_spin_vector(o.n, o.common.seed, 0);
  // Naive first: it sets how many proposals the comparison of trajectories covers.
  numerics::spin_vector naive_state = start;
  int naive_e = naive_energy(couplings, naive_state);
  const auto naive = run_proposals(
      o.n, o.beta, o.common.seed, o.min_seconds, 16,
      [&](int k) {
        auto& sk = naive_state[static_cast<std::size_t>(k)];
        sk = static_cast<std::int8_t>(-sk);
        const int after = naive_energy(couplings, naive_state);
        sk = static_cast<std::int8_t>(-sk);
        return after - naive_e;
      },
      [&](int k) {
        auto& sk = naive_state[static_cast<std::size_t>(k)];
        sk = static_cast<std::int8_t>(-sk);
        naive_e = naive_energy(couplings, naive_state);
      });
  const auto transposed = solvers::transposed_couplings(couplings);
  // The same proposals as the naive loop first (its trajectory), then on for min_seconds.
  solvers::margin_state replay(couplings, transposed, start);
  run_proposals(
      o.n, o.beta, o.common.seed, 0.0, static_cast<std::int64_t>(naive[0]),
      [&](int k) { return replay.delta_energy(k); }, [&](int k) { replay.flip(k); });
  const bool agree = replay.state() == naive_state && replay.energy() == naive_e;
  solvers::margin_state state(couplings, transposed, start);
  const auto fast = run_proposals(
      o.n, o.beta, o.common.seed, o.min_seconds, 16, [&](int k) { return state.delta_energy(k); },
      [&](int k) { state.flip(k); });
  solvers::margin_state portable(couplings, transposed, start, solvers::margin_isa::baseline);
  const auto baseline = run_proposals(
      o.n, o.beta, o.common.seed, o.min_seconds, 16, [&](int k) { return portable.delta_energy(k); },
      [&](int k) { portable.flip(k); });
  // Both ran their own number of proposals from the same start and stream: compare the trajectory
  // of the shorter run with a replay of it on the best passes.
  solvers::margin_state check(couplings, transposed, start);
  run_proposals(
      o.n, o.beta, o.common.seed, 0.0, static_cast<std::int64_t>(baseline[0]),
      [&](int k) { return check.delta_energy(k); }, [&](int k) { check.flip(k); });
  const bool isa_agree = check.state() == portable.state() && check.energy() == portable.energy();
  const double fast_sweeps = fast[0] / o.n / fast[2];
  const double naive_sweeps = naive[0] / o.n / naive[2];
  const double baseline_isa_sweeps = baseline[0] / o.n / baseline[2];
  const std::string isa = numerics::vector_clone_isa();
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"beta", o.beta},
                       {"sweeps_per_second", fast_sweeps},
                       {"ns_per_proposal", 1e9 * fast[2] / fast[0]},
                       {"acceptance", fast[1] / fast[0]},
                       {"baseline_sweeps_per_second", naive_sweeps},
                       {"speedup", fast_sweeps / naive_sweeps},
                       {"trajectories_agree", agree},
                       {"compared_proposals", naive[0]},
                       {"instruction_set", isa},
                       {"baseline_isa_sweeps_per_second", baseline_isa_sweeps},
                       {"isa_speedup", fast_sweeps / baseline_isa_sweeps},
                       {"isa_trajectories_agree", isa_agree}};
  if (!out.empty()) {
    numerics::write_file_atomically(
        out / "bench_anneal.csv",
        fmt::format("n,self_coupling,beta,sweeps_per_second,baseline_sweeps_per_second,speedup,acceptance,trajectories_agree,"
                    "instruction_set,baseline_isa_sweeps_per_second,isa_speedup,isa_trajectories_agree\n"
                    "{},{},{},{},{},{},{},{},{},{},{},{}\n",
                    o.n, o.self_coupling, o.beta, fast_sweeps, naive_sweeps, fast_sweeps / naive_sweeps,
                    fast[1] / fast[0], agree ? 1 : 0, isa, baseline_isa_sweeps, fast_sweeps / baseline_isa_sweeps,
                    isa_agree ? 1 : 0));
    write_sidecar(out, "bench_anneal", "bench anneal", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("simulated annealing at N={}, beta={}: {:.4g} sweeps/s ({:.4g} ns per proposal, acceptance {:.3g}); naive "
             "recompute {:.4g} sweeps/s; speedup {:.4g}; same trajectory over {} proposals: {}\n"
             "passes built for {}: {:.4g}x the portable build's {:.4g} sweeps/s; same trajectory over {} proposals: {}\n",
             o.n, o.beta, fast_sweeps, 1e9 * fast[2] / fast[0], fast[1] / fast[0], naive_sweeps,
             fast_sweeps / naive_sweeps, naive[0], agree ? "yes" : "NO", isa, fast_sweeps / baseline_isa_sweeps,
             baseline_isa_sweeps, baseline[0], isa_agree ? "yes" : "NO");
}

}  // namespace

void register_bench_anneal(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* command = bench.add_subcommand(
      "anneal", "Simulated-annealing sweeps/s (incremental margins) against a naive recompute-every-field Metropolis");
  add_integer_option(*command, "--n", o->n, 2, max_bench_neurons, "Number of neurons N");
  add_real_option(*command, "--self-coupling", o->self_coupling, "Self-coupling J_D");
  add_real_option(*command, "--beta", o->beta, "Fixed inverse temperature of the timed Metropolis sweeps", 1e-300);
  add_real_option(*command, "--min-seconds", o->min_seconds, "Minimum time per measurement", 0.0, 3600.0);
  add_common_options(*command, o->common, "Directory for bench_anneal.csv and bench_anneal.json");
  command->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
