// `steer bench count-mc`: proposals/s of the Wang–Landau walk's incremental energy (one column
// update per proposal, numerics/fixed_points/count_mc_energy.hpp) against recomputing every field
// from scratch after each proposal (O(N²)), both measured here on the same network and the same
// proposal sequence (DESIGN.md, Benchmarks). Single-threaded: count-mc runs one walk per thread.
#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/count_mc_energy.hpp"
#include "numerics/rng_stream.hpp"
#include "numerics/vector_clones.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_count_mc_options {
  common_options common;
  int n = 100;
  double self_coupling = 0.5;
  std::int64_t proposals = 2000000;
};

struct measured {
  double proposals_per_second = 0.0;
  std::uint64_t energy_sum = 0;  // Σ E over the walk: both methods must agree exactly
};

// A walk that proposes a random flip and accepts it when E does not increase (the acceptance
// pattern of the walk's low-energy phase); `propose` returns E after the flip of k, `accept` makes it.
template <class Propose, class Accept>
measured time_walk(std::uint64_t seed, int n, std::int64_t proposals, int energy, Propose&& propose, Accept&& accept) {
  numerics::rng_stream stream(seed, 0, numerics::stream_purpose::count_mc);
  measured m;
  const auto start = std::chrono::steady_clock::now();
  for (std::int64_t t = 0; t < proposals; ++t) {
    const auto k = static_cast<int>(((stream.next_u64() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    const int proposed = propose(k);
    if (proposed <= energy) {
      accept(k);
      energy = proposed;
    }
    m.energy_sum += static_cast<std::uint64_t>(energy);
  }
  m.proposals_per_second = static_cast<double>(proposals) /
                           std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return m;
}

void run_bench_count_mc(const bench_count_mc_options& o) {
  apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const auto couplings = numerics::sample_couplings({o.n, o.self_coupling, 0.0}, o.common.seed, 0);
  const numerics::integer_couplings exact(couplings);
  numerics::spin_vector start(static_cast<std::size_t>(o.n));
  numerics::rng_stream init(o.common.seed, 1, numerics::stream_purpose::count_mc);
  for (auto& s : start) s = (init.next_u64() >> 63) != 0 ? 1 : -1;

  numerics::unstable_units incremental(exact, start);
  const measured fast = time_walk(o.common.seed, o.n, o.proposals, incremental.energy(),
                                  [&](int k) { return incremental.energy_after_flip(k); },
                                  [&](int k) { incremental.flip(k); });
  // The naive baseline: flip, recompute all fields from scratch, flip back if rejected. Fewer
  // proposals (it is ~N times slower); the energy sums are compared over the same prefix.
  const std::int64_t naive_proposals = std::max<std::int64_t>(1, o.proposals / o.n);
  numerics::unstable_units naive(exact, start);
  numerics::unstable_units check(exact, start);
  const measured slow = time_walk(o.common.seed, o.n, naive_proposals, naive.energy(),
                                  [&](int k) {
                                    naive.flip(k);
                                    const int e = naive.recompute_energy();
                                    naive.flip(k);
                                    return e;
                                  },
                                  [&](int k) { naive.flip(k); });
  const measured prefix = time_walk(o.common.seed, o.n, naive_proposals, check.energy(),
                                    [&](int k) { return check.energy_after_flip(k); }, [&](int k) { check.flip(k); });
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"proposals", o.proposals},
                       {"proposals_per_second", fast.proposals_per_second},
                       {"ns_per_proposal", 1e9 / fast.proposals_per_second},
                       {"baseline_proposals_per_second", slow.proposals_per_second},
                       {"speedup", fast.proposals_per_second / slow.proposals_per_second},
                       {"energies_agree", prefix.energy_sum == slow.energy_sum},
                       {"instruction_set", numerics::vector_clone_isa()}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "bench_count_mc.csv",
                                    fmt::format("n,self_coupling,proposals_per_second,baseline_proposals_per_second,speedup\n"
                                                "{},{},{},{},{}\n", o.n, o.self_coupling, fast.proposals_per_second,
                                                slow.proposals_per_second, fast.proposals_per_second / slow.proposals_per_second));
    write_sidecar(out, "bench_count_mc", "bench count-mc", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("N={}: {:.3g} proposals/s ({:.1f} ns each, passes built for {}), naive recompute {:.3g} proposals/s, "
               "speedup {:.0f}x, energies agree: {}\n", o.n, fast.proposals_per_second, 1e9 / fast.proposals_per_second,
               numerics::vector_clone_isa(), slow.proposals_per_second,
               fast.proposals_per_second / slow.proposals_per_second, result["energies_agree"].get<bool>());
  }
}

}  // namespace

void register_bench_count_mc(CLI::App& bench) {
  auto o = std::make_shared<bench_count_mc_options>();
  auto* command = bench.add_subcommand(
      "count-mc", "Wang-Landau walk proposals/s: incremental energy (O(N) per proposal) vs recomputing every field");
  add_integer_option(*command, "--n", o->n, 2, 4096, "Number of neurons N");
  add_real_option(*command, "--self-coupling", o->self_coupling, "Self-coupling J_D");
  add_integer_option(*command, "--proposals", o->proposals, 1000, std::int64_t{1} << 40,
                     "Proposals of the incremental walk (the naive one makes proposals/N)");
  add_common_options(*command, o->common, "Directory for bench_count_mc.csv + bench_count_mc.json");
  command->callback([o] { run_bench_count_mc(*o); });
}

}  // namespace steer::tools
