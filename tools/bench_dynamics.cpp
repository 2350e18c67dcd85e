// `steer bench dynamics`: asynchronous sign dynamics, flips per second of the incremental update
// (a float column per flip, asynchronous_dynamics.hpp) against the naive loop that recomputes each
// neuron's field from the double couplings before deciding it, both measured here on the same
// network and trajectory (DESIGN.md, Benchmarks; issue 9 "Benchmarks"). At N = 10^4 a flip streams
// a 40 KB column of the 400 MB float copy from memory, so the incremental loop is bound by memory
// bandwidth: the bytes/s it reaches are reported, beside the bytes/s of merely summing columns of an
// N² float array in the same jumping order, measured in the same run — the memory roofline of this
// access pattern, so the ratio says how close to memory-bound the update is.
#include <Eigen/Core>
#include <fmt/format.h>

#include <chrono>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  std::string sizes = "1000,10000";
  double self_coupling = 0.0;
  double min_seconds = 1.0;
};

constexpr int max_bench_neurons = 20000;

struct timing {
  double flips_per_second = 0.0;
  std::int64_t flips = 0;
  std::int64_t sweeps = 0;
  numerics::spin_vector state;
};

// Whole runs from the same start with a doubling sweep budget until one lasts min_seconds: a run
// at J_D = 0 keeps flipping (no fixed point is reached), so every sweep does work.
template <typename Run>
timing measure(Run&& run, double min_seconds) {
  for (std::int64_t sweeps = 1;; sweeps *= 2) {
    const auto start = std::chrono::steady_clock::now();
    auto result = run(sweeps);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed >= min_seconds || result.sweeps < sweeps)
      return {static_cast<double>(result.flips) / elapsed, result.flips, result.sweeps, std::move(result.state)};
  }
}

// Bytes/s of reading whole columns (4N contiguous bytes) of an N² float array, the next column 7919
// columns on (mod N), as flips of random neurons jump between columns of the couplings. Eigen sums
// each column with vector accumulators, so the loop is limited by memory, not by an add chain.
double column_read_bytes_per_second(int n, double min_seconds) {
  const auto size = static_cast<std::size_t>(n);
  const std::vector<float> matrix(size * size, 1.0f);
  for (std::int64_t columns = 1;; columns *= 2) {
    const auto start = std::chrono::steady_clock::now();
    double total = 0.0;
    std::size_t k = 0;
    for (std::int64_t c = 0; c < columns; ++c) {
      total += Eigen::Map<const Eigen::VectorXf>(&matrix[k * size], n).sum();
      k = (k + 7919) % size;
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Every entry is 1, so the sum counts the floats read (exact: n < 2^24 per column).
    if (total != static_cast<double>(columns) * n) throw std::logic_error("bench dynamics: column sums are wrong");
    if (elapsed >= min_seconds) return static_cast<double>(columns) * 4.0 * n / elapsed;
  }
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const auto sizes = parse_size_list(o.sizes, "--sizes", 10, max_bench_neurons);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  json rows = json::array();
  std::string csv = "n,self_coupling,flips_per_second,ns_per_flip,baseline_flips_per_second,speedup,"
                    "coupling_bytes_per_second,column_read_bytes_per_second,bandwidth_fraction,same_trajectory\n";
  for (const int n : sizes) {
    const auto couplings = numerics::sample_couplings({n, o.self_coupling, 0.0}, o.common.seed, 0);
    const auto start = solvers::random_spin_vector(n, o.common.seed, 0);
    const solvers::asynchronous_dynamics dynamics(couplings);
    auto options = [&](std::int64_t sweeps) {
      return solvers::dynamics_options{solvers::update_schedule::random_order, sweeps, o.common.seed, 0};
    };
    const timing fast = measure([&](std::int64_t s) { return dynamics.run(start, options(s)); }, o.min_seconds);
    const timing naive =
        measure([&](std::int64_t s) { return solvers::run_asynchronous_naively(couplings, start, options(s)); }, o.min_seconds);
    if (fast.flips == 0) throw std::invalid_argument(fmt::format("--self-coupling {}: no flip at N = {}", o.self_coupling, n));
    // The same trajectory for the same budget (the tests prove it; checked here on the naive budget).
    const bool same = dynamics.run(start, options(naive.sweeps)).state == naive.state;
    // Per flip: one column of N floats streamed (the fields, 8N bytes, stay in cache).
    const double bytes = fast.flips_per_second * 4.0 * n;
    const double roofline = column_read_bytes_per_second(n, o.min_seconds);
    const json row = {{"n", n},
                      {"self_coupling", o.self_coupling},
                      {"flips_per_second", fast.flips_per_second},
                      {"ns_per_flip", 1e9 / fast.flips_per_second},
                      {"baseline_flips_per_second", naive.flips_per_second},
                      {"baseline_ns_per_flip", 1e9 / naive.flips_per_second},
                      {"speedup", fast.flips_per_second / naive.flips_per_second},
                      {"coupling_bytes_per_second", bytes},
                      {"column_read_bytes_per_second", roofline},
                      {"bandwidth_fraction", bytes / roofline},
                      {"flips_timed", fast.flips},
                      {"same_trajectory", same}};
    rows.push_back(row);
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", n, o.self_coupling, fast.flips_per_second,
                       1e9 / fast.flips_per_second, naive.flips_per_second, fast.flips_per_second / naive.flips_per_second,
                       bytes, roofline, bytes / roofline, same);
    if (!o.common.json)
      fmt::print("N={}: {:.3g} flips/s ({:.3g} ns/flip, {:.3g} GB/s of couplings = {:.2f} of the {:.3g} GB/s of "
                 "summing columns), naive recompute {:.3g} flips/s, speedup {:.0f}x, same trajectory: {}\n",
                 n, fast.flips_per_second, 1e9 / fast.flips_per_second, bytes / 1e9, bytes / roofline, roofline / 1e9,
                 naive.flips_per_second, fast.flips_per_second / naive.flips_per_second, same);
  }
  const json result = sizes.size() == 1 ? rows.front() : json{{"table", rows}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "bench_dynamics.csv", csv);
    write_sidecar(out, "bench_dynamics", "bench dynamics", result);
  }
  if (o.common.json) print_json(result);
}

}  // namespace

void register_bench_dynamics(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* command = bench.add_subcommand(
      "dynamics", "Asynchronous dynamics (flips/s, ns/flip, bytes/s) vs recomputing each field before each decision");
  add_text_option(*command, "--sizes", o->sizes, "Network sizes N, e.g. 1000,10000",
                  [](const std::string& text) { parse_size_list(text, "--sizes", 10, max_bench_neurons); });
  add_real_option(*command, "--self-coupling", o->self_coupling,
                  "Self-coupling J_D (0: the dynamics keeps flipping, so every sweep is work)");
  add_real_option(*command, "--min-seconds", o->min_seconds, "Minimum measuring time per method and N", 0.001, 3600.0);
  add_common_options(*command, o->common, "Directory for bench_dynamics.csv + bench_dynamics.json");
  command->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
