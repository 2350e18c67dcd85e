// Google Benchmark: enumeration throughput per kernel and N (items/s = states covered per
// second). Compare the two kernels' rows of one run; `steer bench enumerate` prints the ratio.
#include <benchmark/benchmark.h>

#include <cmath>

#include "numerics/enumeration.hpp"

namespace {

using steer::numerics::enumeration_kernel;

void enumerate(benchmark::State& state, enumeration_kernel kernel) {
  const int n = static_cast<int>(state.range(0));
  const auto couplings = steer::numerics::sample_couplings({n, 0.5, 0.0}, 1, 0);
  const steer::numerics::enumeration_options options{kernel, true, false, false};
  for (auto _ : state) benchmark::DoNotOptimize(steer::numerics::enumerate_fixed_points(couplings, options).count);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * (std::int64_t{1} << n));
}

void fast_kernel(benchmark::State& state) { enumerate(state, enumeration_kernel::automatic); }
void scalar_baseline(benchmark::State& state) { enumerate(state, enumeration_kernel::scalar); }

BENCHMARK(fast_kernel)->DenseRange(20, 32, 4)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(scalar_baseline)->DenseRange(20, 28, 4)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
