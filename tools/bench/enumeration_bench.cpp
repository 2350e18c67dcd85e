// Google Benchmark: enumeration throughput per kernel and N (items/s = states covered per
// second), and the per-chunk cost model behind `automatic` (ns per pruned node vs ns per
// Gray-code state). `steer bench enumerate` prints the ratio to the scalar baseline.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/enumeration_kernels.hpp"
#include "numerics/fixed_points/quantised_couplings.hpp"

namespace {

using namespace steer::numerics;

void enumerate(benchmark::State& state, enumeration_kernel kernel) {
  const int n = static_cast<int>(state.range(0));
  const auto couplings = sample_couplings({n, 0.5, 0.0}, 1, 0);
  const enumeration_options options{kernel, true, false, false};
  for (auto _ : state) benchmark::DoNotOptimize(enumerate_fixed_points(couplings, options).count);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * (std::int64_t{1} << n));
}

void fast_kernel(benchmark::State& state) { enumerate(state, enumeration_kernel::automatic); }
void scalar_baseline(benchmark::State& state) { enumerate(state, enumeration_kernel::scalar); }

// Args: N, 10·J_D. Both AVX-512 kernels on 16 spread chunks of 2^(N−9) states, one thread.
// Counters: nodes_per_state (what `automatic` measures), ns_per_node, ns_per_gray_state and
// pruned_over_gray (time ratio; < 1 means pruning pays). docs/numerics/fixed_points/enumeration.md.
void kernel_cost_model(benchmark::State& state) {
  if (!detail::cpu_has_avx512()) {
    state.SkipWithError("no AVX-512");
    return;
  }
  const int n = static_cast<int>(state.range(0));
  const auto q = quantise(sample_couplings({n, static_cast<double>(state.range(1)) / 10.0, 0.0}, 1, 0));
  const int free_bits = n - 1, chunk_free_bits = free_bits - 8;
  double pruned_seconds = 0, gray_seconds = 0, nodes = 0, states = 0;
  for (auto _ : state)
    for (int c = 0; c < 256; c += 16) {
      const packed_state base = (packed_state{1} << free_bits) | (static_cast<packed_state>(c) << chunk_free_bits);
      detail::chunk_output pruned, gray;
      pruned.store_certain = gray.store_certain = false;
      const auto t0 = std::chrono::steady_clock::now();
      detail::enumerate_chunk_pruned(q, base, chunk_free_bits, pruned);
      const auto t1 = std::chrono::steady_clock::now();
      detail::enumerate_chunk_avx512(q, base, chunk_free_bits, gray);
      const auto t2 = std::chrono::steady_clock::now();
      pruned_seconds += std::chrono::duration<double>(t1 - t0).count();
      gray_seconds += std::chrono::duration<double>(t2 - t1).count();
      nodes += static_cast<double>(pruned.nodes);
      states += std::ldexp(1.0, chunk_free_bits);
    }
  state.counters["nodes_per_state"] = nodes / states;
  state.counters["ns_per_node"] = 1e9 * pruned_seconds / nodes;
  state.counters["ns_per_gray_state"] = 1e9 * gray_seconds / states;
  state.counters["pruned_over_gray"] = pruned_seconds / gray_seconds;
}

BENCHMARK(fast_kernel)->DenseRange(20, 32, 4)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(scalar_baseline)->DenseRange(20, 28, 4)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(kernel_cost_model)
    ->ArgsProduct({{24, 28, 32}, {0, 5, 10, 20}})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
