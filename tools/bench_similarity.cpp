// `steer bench similarity` (issue 11, item 7): comparisons per second of Procrustes and CCA on
// (968 × 200) vs (968 × 141) arrays — a 200-unit model against the shipped Hatsopoulos data, 8
// conditions × 121 bins — each against the direct textbook route measured in the same run, and
// of one DSA comparison at p·d = 100.
//   Procrustes: library = singular values only of the 200 × 141 cross-product (nuclear norm);
//               baseline = explicit rotation (full SVD with U and V of the zero-padded 200 × 200
//               cross-product, Jacobi) and the residual ‖X̂ − ŶQ‖ = 2 sin(θ/2).
//   CCA:        library = whitening by C^{−1/2} and the SVD of Γ (spec §7.3);
//               baseline = the generalised symmetric eigenproblem of the 40 × 40 block matrices.
//   DSA:        p = 10 PCs, d = 10 delays, rank 20 (p·d = 100); library = Procrustes over vector
//               fields in O(40) after the exact support reduction, gradient ascent + Newton;
//               baseline = the same starts in O(100) itself (gradient ascent only: the dense
//               Hessian of O(100) has 4950 rows), the route used before the reduction.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <utility>

#include "numerics/atomic_file.hpp"
#include "numerics/similarity/cca.hpp"
#include "numerics/similarity/dsa.hpp"
#include "numerics/similarity/hatsopoulos.hpp"
#include "numerics/similarity/principal_components.hpp"
#include "numerics/similarity/procrustes.hpp"
#include "numerics/rng_stream.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/similarity_options.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct bench_options {
  common_options common;
  double min_seconds = 1.0;
};

// A smooth random "model": cumulative sums of normals along time within each condition.
numerics::activity_array random_walk_model(int units, std::uint64_t seed) {
  numerics::rng_stream stream(seed, 0, numerics::stream_purpose::similarity_splits);
  Eigen::MatrixXd samples(numerics::hatsopoulos_directions * numerics::hatsopoulos_bins, units);
  for (int u = 0; u < units; ++u)
    for (int c = 0; c < numerics::hatsopoulos_directions; ++c) {
      double x = 0.0;
      for (int t = 0; t < numerics::hatsopoulos_bins; ++t)
        samples(t + numerics::hatsopoulos_bins * c, u) = x += stream.standard_normal();
    }
  return {numerics::hatsopoulos_directions, numerics::hatsopoulos_bins, std::move(samples)};
}

struct timing {
  double per_second;
  double value;
};

// Calls f until min_seconds have passed; comparisons per second and the last value.
template <class F>
timing measure(F f, double min_seconds) {
  const auto start = std::chrono::steady_clock::now();
  long repetitions = 0;
  double value = 0.0, elapsed = 0.0;
  do {
    value = f();
    ++repetitions;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (elapsed < min_seconds);
  return {static_cast<double>(repetitions) / elapsed, value};
}

double direct_procrustes(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  const Eigen::MatrixXd xc = numerics::centred_columns(x), yc = numerics::centred_columns(y);
  const Eigen::Index n = std::max(xc.cols(), yc.cols());
  Eigen::MatrixXd x_hat = Eigen::MatrixXd::Zero(x.rows(), n), y_hat = Eigen::MatrixXd::Zero(y.rows(), n);
  x_hat.leftCols(xc.cols()) = xc / xc.norm();
  y_hat.leftCols(yc.cols()) = yc / yc.norm();
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(y_hat.transpose() * x_hat, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const double residual = (x_hat - y_hat * (svd.matrixU() * svd.matrixV().transpose())).norm();
  return 2.0 * std::asin(std::min(1.0, residual / 2.0)) / (std::numbers::pi / 2);
}

json row(const char* name, const timing& library, const timing* baseline, double difference) {
  json r = {{"comparison", name}, {"comparisons_per_second", library.per_second}, {"value", library.value}};
  if (baseline) {
    r["baseline_comparisons_per_second"] = baseline->per_second;
    r["speedup"] = library.per_second / baseline->per_second;
    r["max_difference"] = difference;
  }
  return r;
}

void run_bench(const bench_options& o) {
  apply_common_options(o.common);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const numerics::activity_array data = numerics::load_hatsopoulos_rates(default_hatsopoulos_directory());
  const numerics::activity_array model = random_walk_model(200, o.common.seed);
  const Eigen::MatrixXd& x = model.samples();
  const Eigen::MatrixXd& y = data.samples();

  const timing procrustes = measure([&] { return numerics::procrustes_distance(x, y); }, o.min_seconds);
  const timing procrustes_base = measure([&] { return direct_procrustes(x, y); }, o.min_seconds);
  const timing cca = measure([&] { return numerics::regularised_cca(x, y).singular_values[0]; }, o.min_seconds);
  const timing cca_base =
      measure([&] { return numerics::cca_generalized_eigenvalues(x, y).front(); }, o.min_seconds);
  numerics::dsa_options dsa_options;
  dsa_options.delays = 10;
  dsa_options.rank = 20;
  dsa_options.procrustes.seed = o.common.seed;
  numerics::dsa_options dsa_direct = dsa_options;
  dsa_direct.procrustes.reduce_support = false;
  numerics::dsa_result dsa_result, dsa_direct_result;
  // One comparison per route: each takes seconds.
  const timing dsa = measure([&] { return (dsa_result = numerics::dsa(model, data, dsa_options)).distance; }, 0.0);
  const timing dsa_base =
      measure([&] { return (dsa_direct_result = numerics::dsa(model, data, dsa_direct)).distance; }, 0.0);

  const json rows = json::array({row("procrustes", procrustes, &procrustes_base, std::abs(procrustes.value - procrustes_base.value)),
                                 row("cca", cca, &cca_base, std::abs(cca.value - cca_base.value)),
                                 row("dsa", dsa, &dsa_base, std::abs(dsa.value - dsa_base.value))});
  const auto dsa_details = [](const numerics::dsa_result& r) {
    return json{{"distance", r.distance}, {"converged", r.converged}, {"gradient_norm", r.gradient_norm},
                {"iterations", r.iterations}, {"newton_steps", r.newton_steps}};
  };
  json result = {{"table", rows},
                 {"shapes", "968x200 vs 968x141"},
                 {"dsa", dsa_details(dsa_result)},
                 {"dsa_baseline", dsa_details(dsa_direct_result)}};
  if (!out.empty()) {
    std::string csv = "comparison,comparisons_per_second,baseline_comparisons_per_second,speedup,max_difference\n";
    for (const auto& r : rows)
      csv += fmt::format("{},{},{},{},{}\n", r["comparison"].get<std::string>(), r["comparisons_per_second"].dump(),
                         r.value("baseline_comparisons_per_second", json(nullptr)).dump(),
                         r.value("speedup", json(nullptr)).dump(), r.value("max_difference", json(nullptr)).dump());
    numerics::write_file_atomically(out / "bench_similarity.csv", csv);
    write_sidecar(out, "bench_similarity", "bench similarity", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("procrustes: {:.4g} comparisons/s, direct rotation route {:.4g}/s, speedup {:.1f}x (|diff| {:.1e})\n",
             procrustes.per_second, procrustes_base.per_second, procrustes.per_second / procrustes_base.per_second,
             std::abs(procrustes.value - procrustes_base.value));
  fmt::print("cca:        {:.4g} comparisons/s, generalised-eigen route {:.4g}/s, speedup {:.1f}x (|diff| {:.1e})\n",
             cca.per_second, cca_base.per_second, cca.per_second / cca_base.per_second,
             std::abs(cca.value - cca_base.value));
  fmt::print("dsa (p*d = 100, rank 20): {:.4g} comparisons/s, O(100) route {:.4g}/s, speedup {:.1f}x\n", dsa.per_second,
             dsa_base.per_second, dsa.per_second / dsa_base.per_second);
  for (const auto& [name, r] : {std::pair{"reduced O(40)", dsa_result}, std::pair{"direct O(100)", dsa_direct_result}})
    fmt::print("  {}: distance {:.12g}, converged {}, |W| {:.2e}, {} ascent iterations, {} Newton steps\n", name,
               r.distance, r.converged, r.gradient_norm, r.iterations, r.newton_steps);
}

}  // namespace

void register_bench_similarity(CLI::App& bench) {
  auto o = std::make_shared<bench_options>();
  auto* similarity = bench.add_subcommand(
      "similarity", "Procrustes and CCA (comparisons/s) vs their direct routes, and one DSA comparison");
  add_real_option(*similarity, "--min-seconds", o->min_seconds, "Minimum measuring time per route", 0.001, 3600.0);
  add_common_options(*similarity, o->common, "Directory for bench_similarity.csv + bench_similarity.json");
  similarity->callback([o] { run_bench(*o); });
}

}  // namespace steer::tools
