// The report's geometry section end to end at tiny sizes (issue 8, Outputs): its numbers against
// closed forms, its verdicts, a contradicting saved point failing them, and resume.
#include "validation/fixed_points/geometry_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>

#include "numerics/atomic_file.hpp"
#include "tests/support/scratch_files.hpp"
#include "theory/neighbour_count.hpp"

using namespace steer;
using steer_test::read_text;

namespace {

std::filesystem::path fresh(const std::string& name) { return steer_test::fresh_directory("steer_geometry_report_test", name); }

validation::count_report run_counts(const std::filesystem::path& out) {
  validation::count_report_config c;
  c.sizes = {6};
  c.self_couplings = {0.5};
  c.networks = 200;
  c.seed = 5;
  c.out = out;
  c.program_version = "test";
  return validation::run_count_report(c);
}

validation::geometry_report_config tiny(const std::filesystem::path& out) {
  validation::geometry_report_config g;
  g.cluster_sizes = {6, 8};
  g.cluster_self_couplings = {0.5, 1.0};
  g.cluster_networks = 300;
  g.max_distance = 2;
  g.density_sizes = {40};
  g.density_self_couplings = {1.0};
  g.density_networks = 2;
  g.density_starts = 3;
  g.density_radius = 2;
  // λ = 0 is hand-checkable: independent modules, E[#FP] = (2^n Φ(J_D/σ)^n)^M, σ² = (n−1)/n.
  g.modular_points = {{2, 4, 0.5, 0.0, false}, {2, 3, 0.0, 0.5, true}};
  g.modular_networks = 800;
  g.margins = {0.25};
  g.seed = 5;
  g.out = out;
  g.program_version = "test";
  return g;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

}  // namespace

TEST(GeometryReport, TinySectionAgreesWithClosedFormsAndPasses) {
  const auto out = fresh("tiny");
  const auto counts = run_counts(out);
  const auto config = tiny(out);
  const auto r = validation::run_geometry_report(config, counts);

  ASSERT_EQ(r.clusters.size(), 4u);
  ASSERT_EQ(r.densities.size(), 1u);
  ASSERT_EQ(r.modular.size(), 2u);
  // 4 cluster points × 2 predictions + 2 modular points × 2 (count, pairs); the rest are measurements.
  EXPECT_EQ(r.predictions(), 12);
  EXPECT_EQ(r.failed(), 0) << validation::geometry_markdown(config, r);
  EXPECT_EQ(r.passed(), 12);
  int measurements = 0;
  for (const auto& v : r.verdicts) measurements += v.verdict == "measurement";
  EXPECT_EQ(measurements, 4 + 1);

  // Neighbours at d = 1 at N = 6, J_D = 0.5: E[P_N(1)]/E[#FP] = N Φ2(a,a;ρ_s)^{N−1} Φ2(a,a;ρ_d)/Φ(a)^N
  // (spec eq. 4 over eq. 2) — theory/neighbour_count, the cluster point's own theory.
  EXPECT_NEAR(r.clusters[0].theory_mean_neighbours[0], theory::expected_neighbours_at_distance(6, 0.5)[1], 1e-15);

  // λ = 0: the product of independent modules.
  const double sigma = std::sqrt(3.0 / 4.0);
  const double product = std::pow(std::pow(2.0 * normal_cdf(0.5 / sigma), 4), 2);
  EXPECT_NEAR(r.modular[0].theory_mean, product, 1e-12 * product);
  EXPECT_LT(std::abs(r.modular[0].measured.mean - product), 4.0 * r.modular[0].measured.sem);
  EXPECT_NEAR(r.modular[0].pairs.theory[0], product, 1e-12 * product);  // E[P(0)] = E[#FP]

  // Pair entropy at d = 0: (1/N) ln E[#FP] = ln 2 + ln Φ(J_D √(N/(N−1))) (spec eq. 2).
  const std::string pairs = read_text(out / "geometry_pair_entropy.csv");
  std::istringstream lines(pairs);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  std::vector<std::string> cells;
  for (std::size_t b = 0, e; (e = first.find(',', b)) != std::string::npos || b <= first.size(); b = e + 1) {
    cells.push_back(first.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
  }
  ASSERT_EQ(cells.size(), 9u) << first;
  EXPECT_EQ(cells[2], "0");
  EXPECT_NEAR(std::stod(cells[4]), std::log(2.0) + std::log(normal_cdf(0.5 * std::sqrt(6.0 / 5.0))), 1e-14);
  for (const char* file : {"geometry_curves.csv", "geometry_clusters.csv", "geometry_local_density.csv", "geometry_modular.csv"})
    EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  EXPECT_NE(read_text(out / "geometry_curves.csv").find("V_kappa,0.5,0.25,"), std::string::npos);
}

TEST(GeometryReport, SecondRunReusesEveryUnitWithIdenticalTables) {
  const auto out = fresh("resume");
  const auto counts = run_counts(out);
  const auto config = tiny(out);
  const auto first = validation::run_geometry_report(config, counts);
  EXPECT_EQ(first.reused_units, 0);
  const std::string clusters = read_text(out / "geometry_clusters.csv"), modular = read_text(out / "geometry_modular.csv"),
                    density = read_text(out / "geometry_local_density.csv");
  const auto second = validation::run_geometry_report(config, counts);
  EXPECT_EQ(second.reused_units, 4 + 2 + 2);  // cluster points, modular points, local-density networks
  EXPECT_EQ(read_text(out / "geometry_clusters.csv"), clusters);
  EXPECT_EQ(read_text(out / "geometry_modular.csv"), modular);
  EXPECT_EQ(read_text(out / "geometry_local_density.csv"), density);

  // A damaged point is recomputed (not trusted, not fatal) and gives the same numbers.
  const auto point = out / "points" / "clusters_n6_jd0.5_m300_D2_seed5_unit0.json";
  ASSERT_TRUE(std::filesystem::exists(point));
  for (const std::string broken : {"{", "[]", R"({"format": 1, "key": {}})"}) {
    numerics::write_file_atomically(point, broken);
    const auto again = validation::run_geometry_report(config, counts);
    EXPECT_EQ(again.reused_units, 4 + 2 + 2 - 1) << broken;
    EXPECT_EQ(read_text(out / "geometry_clusters.csv"), clusters) << broken;
  }
  // Another program version recomputes everything.
  auto other = config;
  other.program_version = "other";
  EXPECT_EQ(validation::run_geometry_report(other, counts).reused_units, 0);
}

// Well-formed saved points that contradict theory must fail their verdicts: 16 fixed points in
// every modular network where E[#FP] ≈ 1.8, and 5 neighbours at distance 1 for every fixed point.
TEST(GeometryReport, ContradictingSavedPointsFail) {
  const auto out = fresh("contradicted");
  const auto counts = run_counts(out);
  const auto config = tiny(out);
  ASSERT_EQ(validation::run_geometry_report(config, counts).failed(), 0);

  const auto modular_file = out / "points" / "modular_M2_n3_jd0_lambda0.5_ring_m800_seed5_unit0.json";
  auto modular = nlohmann::json::parse(read_text(modular_file));
  modular["result"]["count"] = {16.0, 0.0};
  modular["result"]["pairs"][0] = {16.0, 0.0};
  modular["result"]["count_distribution"] = {{16, 800}};
  numerics::write_file_atomically(modular_file, modular.dump());

  const auto cluster_file = out / "points" / "clusters_n8_jd1_m300_D2_seed5_unit0.json";
  auto clusters = nlohmann::json::parse(read_text(cluster_file));
  for (auto& network : clusters["result"]["networks"])
    network["neighbor_pairs"][0] = 5 * network["fixed_points"].get<std::uint64_t>();
  numerics::write_file_atomically(cluster_file, clusters.dump());

  const auto r = validation::run_geometry_report(config, counts);
  EXPECT_EQ(r.reused_units, 4 + 2 + 2);  // contradicting, yet well-formed: reused and judged
  EXPECT_EQ(r.failed(), 3) << validation::geometry_markdown(config, r);  // cluster neighbours, modular count and pairs
  EXPECT_FALSE(r.modular[1].pass);
  EXPECT_FALSE(r.modular[1].pairs.pass);
  EXPECT_GT(r.modular[1].z, 4.0);
  EXPECT_FALSE(*r.clusters[3].neighbours_pass);
  EXPECT_NE(read_text(out / "geometry_modular.csv").find("FAIL"), std::string::npos);
}

TEST(GeometryReport, BadConfigurationNamesTheParameter) {
  auto g = tiny("unused");
  g.max_distance = 7;  // > N = 6
  EXPECT_THROW(g.validate(), std::invalid_argument);
  g = tiny("unused");
  g.modular_points = {{4, 8, 0.0, 0.5, false}};  // N = 32 > 26
  EXPECT_THROW(g.validate(), std::invalid_argument);
  g = tiny("unused");
  g.margins = {-0.5};
  EXPECT_THROW(g.validate(), std::invalid_argument);
}
