// `steer bench enumerate`: throughput of exhaustive enumeration against the plain scalar
// Gray-code loop with incremental fields, both measured here, in this process, on the same
// network and thread count (DESIGN.md, Benchmarks).
#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <cmath>
#include <memory>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  int n = 28;
  std::string sizes;
  double self_coupling = 0.5;
  double min_seconds = 1.0;
};

// A whole enumeration at N = 34 takes seconds per kernel; larger N belongs to `steer enumerate`.
constexpr int max_bench_neurons = 34;

struct timing {
  double states_per_second;
  std::uint64_t count;
  const char* kernel;
};

// Repeats whole enumerations until min_seconds have passed. "States" are the 2^N states
// covered; both kernels visit half of them and get the other half from the global flip.
timing measure(const numerics::coupling_matrix& couplings, numerics::enumeration_kernel kernel, double min_seconds) {
  const numerics::enumeration_options options{kernel, true, false, false};
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t repetitions = 0;
  numerics::enumeration_result last;
  double elapsed = 0.0;
  do {
    last = numerics::enumerate_fixed_points(couplings, options);
    ++repetitions;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return {std::ldexp(static_cast<double>(repetitions), couplings.size()) / elapsed, last.count, last.kernel};
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const std::vector<int> sizes =
      o.sizes.empty() ? std::vector<int>{o.n} : parse_size_list(o.sizes, "--sizes", 2, max_bench_neurons);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const bool avx512 = numerics::kernel_available(numerics::enumeration_kernel::avx512);
  const int threads = omp_get_max_threads();
  json rows = json::array();
  std::string csv = "n,kernel,states_per_second,baseline_states_per_second,speedup,per_core_states_per_second,"
                    "gray_states_per_second,pruned_states_per_second,threads,counts_agree\n";
  for (const int n : sizes) {
    const auto couplings = numerics::sample_couplings({n, o.self_coupling, 0.0}, o.common.seed, 0);
    // `automatic` is what users get; the two AVX-512 kernels are also timed on their own.
    const timing fast = measure(couplings, numerics::enumeration_kernel::automatic, o.min_seconds);
    const timing baseline = measure(couplings, numerics::enumeration_kernel::scalar, o.min_seconds);
    const timing gray = avx512 ? measure(couplings, numerics::enumeration_kernel::avx512, o.min_seconds) : baseline;
    const timing pruned = avx512 ? measure(couplings, numerics::enumeration_kernel::pruned, o.min_seconds) : baseline;
    const bool agree = fast.count == baseline.count && gray.count == baseline.count && pruned.count == baseline.count;
    const json row = {{"n", n},
                      {"kernel", fast.kernel},
                      {"states_per_second", fast.states_per_second},
                      {"baseline_states_per_second", baseline.states_per_second},
                      {"speedup", fast.states_per_second / baseline.states_per_second},
                      {"per_core_states_per_second", fast.states_per_second / threads},
                      {"gray_states_per_second", avx512 ? json(gray.states_per_second) : json(nullptr)},
                      {"pruned_states_per_second", avx512 ? json(pruned.states_per_second) : json(nullptr)},
                      {"threads", threads},
                      {"counts_agree", agree}};
    rows.push_back(row);
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", n, fast.kernel, fast.states_per_second,
                       baseline.states_per_second, fast.states_per_second / baseline.states_per_second,
                       fast.states_per_second / threads, row["gray_states_per_second"].dump(),
                       row["pruned_states_per_second"].dump(), threads, agree);
    if (!o.common.json)
      fmt::print("N={:2d}: {:.3g} states/s ({:.3g}/core, {}), baseline {:.3g} states/s, speedup {:.1f}x\n", n,
                 fast.states_per_second, fast.states_per_second / threads, fast.kernel, baseline.states_per_second,
                 fast.states_per_second / baseline.states_per_second);
  }
  const json result = sizes.size() == 1 ? rows.front() : json{{"table", rows}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "bench_enumerate.csv", csv);
    write_sidecar(out, "bench_enumerate", "bench enumerate", result);
  }
  if (o.common.json) print_json(result);
}

}  // namespace

void register_bench(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Throughput benchmarks, each against a baseline measured in the same run");
  bench->require_subcommand(1);
  register_bench_enumerate(*bench);
  register_bench_similarity(*bench);
  register_bench_train(*bench);
  register_bench_local_density(*bench);
  register_bench_count_mc(*bench);
  register_bench_dynamics(*bench);
  register_bench_anneal(*bench);
  register_bench_fbp(*bench);
}

void register_bench_enumerate(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* enumerate = bench.add_subcommand("enumerate", "Exhaustive enumeration (states/s) vs the scalar Gray-code loop");
  add_integer_option(*enumerate, "--n", o->n, 2, max_bench_neurons, "Number of neurons N");
  add_text_option(*enumerate, "--sizes", o->sizes, "A table over N instead, e.g. 20:32:7",
                  [](const std::string& text) { parse_size_list(text, "--sizes", 2, max_bench_neurons); });
  add_real_option(*enumerate, "--self-coupling", o->self_coupling, "Self-coupling J_D of the benchmark network");
  add_real_option(*enumerate, "--min-seconds", o->min_seconds, "Minimum measuring time per kernel and N", 0.001, 3600.0);
  add_common_options(*enumerate, o->common, "Directory for bench_enumerate.csv + bench_enumerate.json");
  enumerate->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
