// `steer bench fbp`: focusing-BP iterations per second with the cavity sums from the row totals
// (O(1) per message, O(N²) per iteration) against recomputing them per message (O(N) per message,
// O(N³) per iteration), both measured here from the same initial messages (DESIGN.md, Benchmarks);
// the first iteration of both must give the same messages. Also the relaxed (AMP) form
// (relaxed_focusing_bp.hpp, fbp-amp) from the same initial fields, as a ratio to the fast route.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "numerics/atomic_file.hpp"
#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/relaxed_focusing_bp.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  int n = 1000;
  double self_coupling = 0.5;
  double min_seconds = 1.0;
};

// Three N×N message matrices; the naive route costs N³ per iteration (8e9 at 2000).
constexpr int max_bench_neurons = 2000;

// Iterations per second of `messages` (with `method`, if any) at focusing p = 0.5, y = 3, damping
// 0.5, for min_seconds (at least one iteration).
template <typename Messages, typename... Method>
double iterations_per_second(Messages messages, double min_seconds, Method... method) {
  const auto start = std::chrono::steady_clock::now();
  std::int64_t iterations = 0;
  double elapsed = 0.0;
  do {
    messages.iterate(0.5, 3.0, 0.5, method...);
    ++iterations;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return static_cast<double>(iterations) / elapsed;
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const auto couplings = numerics::sample_couplings({o.n, o.self_coupling, 0.0}, o.common.seed, 0);
  const solvers::focusing_bp_messages initial(couplings, 0.3, o.common.seed, 0);
  auto a = initial, b = initial;
  a.iterate(0.5, 3.0, 0.5, solvers::cavity_sums::from_totals);
  b.iterate(0.5, 3.0, 0.5, solvers::cavity_sums::recomputed);
  const auto ma = a.marginals(), mb = b.marginals();
  double difference = 0.0;
  for (std::size_t i = 0; i < ma.size(); ++i) difference = std::max(difference, std::abs(ma[i] - mb[i]));
  const double fast = iterations_per_second(initial, o.min_seconds, solvers::cavity_sums::from_totals);
  const double naive = iterations_per_second(initial, o.min_seconds, solvers::cavity_sums::recomputed);
  const double relaxed = iterations_per_second(
      solvers::relaxed_focusing_bp_messages(couplings, 0.3, o.common.seed, 0), o.min_seconds);
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"iterations_per_second", fast},
                       {"ns_per_message", 1e9 / fast / (static_cast<double>(o.n) * o.n)},
                       {"baseline_iterations_per_second", naive},
                       {"speedup", fast / naive},
                       {"max_marginal_difference", difference},
                       {"relaxed_iterations_per_second", relaxed},
                       {"relaxed_speedup", relaxed / fast}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "bench_fbp.csv",
                                    fmt::format("n,self_coupling,iterations_per_second,baseline_iterations_per_second,"
                                                "speedup,max_marginal_difference,relaxed_iterations_per_second,"
                                                "relaxed_speedup\n{},{},{},{},{},{},{},{}\n",
                                                o.n, o.self_coupling, fast, naive, fast / naive, difference, relaxed,
                                                relaxed / fast));
    write_sidecar(out, "bench_fbp", "bench fbp", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("focusing BP at N={}: {:.4g} iterations/s ({:.3g} ns per message); cavity sums recomputed per message "
             "{:.4g} iterations/s; speedup {:.4g}; marginals after one iteration differ by {:.2g}; relaxed (AMP) form "
             "{:.4g} iterations/s, {:.4g}x the fast route\n",
             o.n, fast, 1e9 / fast / (static_cast<double>(o.n) * o.n), naive, fast / naive, difference, relaxed,
             relaxed / fast);
}

}  // namespace

void register_bench_fbp(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* command = bench.add_subcommand(
      "fbp", "Focusing-BP iterations/s with cavity sums from row totals against recomputing them per message, and "
             "the relaxed (AMP) form's rate as a ratio to the former");
  add_integer_option(*command, "--n", o->n, 2, max_bench_neurons, "Number of neurons N");
  add_real_option(*command, "--self-coupling", o->self_coupling, "Self-coupling J_D");
  add_real_option(*command, "--min-seconds", o->min_seconds, "Minimum time per measurement", 0.0, 3600.0);
  add_common_options(*command, o->common, "Directory for bench_fbp.csv and bench_fbp.json");
  command->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
