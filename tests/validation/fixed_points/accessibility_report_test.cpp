// The report's accessibility section at small sizes (issue 9, Outputs): its numbers against
// independent sources — a brute-force count of every network's fixed points (2^N states, fields
// summed directly, spec eq. 1), the spec §7 table of E[#FP] and s(J_D), the Wilson closed form,
// and the hand-derived limits (no fixed point when J_D < −max_i Σ_j≠i |J_ij|, every state one when
// J_D > max_i Σ_j≠i |J_ij|); its verdict lines; and resume from saved units.
#include "validation/fixed_points/accessibility_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/couplings.hpp"
#include "theory/annealed_count.hpp"
#include "tests/support/scratch_files.hpp"
#include "validation/fixed_points/accessibility_rules.hpp"

using namespace steer;
using steer_test::read_text;

namespace {

std::filesystem::path fresh(const std::string& name) { return steer_test::fresh_directory("steer_accessibility_report_test", name); }

validation::accessibility_report_config small(const std::filesystem::path& out) {
  validation::accessibility_report_config c;
  c.threshold_sizes = {20, 40};
  c.threshold_self_couplings = {-10.0, 0.0, 0.25, 0.5, 1.0, 10.0};
  c.threshold_networks = 10;
  c.max_sweeps = 300;
  c.exact_sizes = {12, 14};
  c.exact_self_couplings = {0.5};
  c.exact_networks = 3;
  c.quenched_size = 16;
  c.quenched_self_couplings = {0.5, 1.0};
  c.quenched_networks = 4;
  c.walks = 8;
  c.final_log_f = 1e-4;
  c.seed = 3;
  c.out = out;
  c.program_version = "test";
  return c;
}

// Fixed points of network k by brute force: s is one iff s_i Σ_j J_ij s_j > 0 for every i (the
// diagonal holds J_D), spec eq. 1.
std::uint64_t brute_force_count(int n, double self_coupling, std::uint64_t seed, std::uint64_t network) {
  const auto j = numerics::sample_couplings({n, self_coupling, 0.0}, seed, network);
  std::uint64_t count = 0;
  for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << n); ++bits) {
    bool fixed = true;
    for (int i = 0; i < n && fixed; ++i) {
      double field = 0.0;
      for (int k = 0; k < n; ++k) field += j(i, k) * ((bits >> k) & 1 ? 1.0 : -1.0);
      fixed = ((bits >> i) & 1 ? 1.0 : -1.0) * field > 0.0;
    }
    count += fixed;
  }
  return count;
}

double largest_row_sum(int n, std::uint64_t seed, std::uint64_t network) {
  const auto j = numerics::sample_couplings({n, 0.0, 0.0}, seed, network);
  double largest = 0.0;
  for (int i = 0; i < n; ++i) {
    double row = 0.0;
    for (int k = 0; k < n; ++k) row += k == i ? 0.0 : std::abs(j(i, k));
    largest = std::max(largest, row);
  }
  return largest;
}

// The cells of every line of a CSV file (no quoting: the report writes none).
std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream text(read_text(file));
  for (std::string line; std::getline(text, line);) {
    rows.emplace_back();
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) rows.back().push_back(cell);
  }
  return rows;
}

const validation::accessibility_verdict& verdict_of(const validation::accessibility_report& r, const std::string& what) {
  for (const auto& v : r.verdicts)
    if (v.what == what) return v;
  throw std::runtime_error("no verdict '" + what + "'");
}

}  // namespace

TEST(AccessibilityReport, NumbersAgreeWithIndependentSources) {
  const auto out = fresh("numbers");
  const auto config = small(out);
  const auto r = validation::run_accessibility_report(config);

  // (a) Curves: J_D = ∓10 lies beyond every network's Σ|J_ij| (checked), so success is exactly 0
  // and 1 there; Wilson intervals as in Wilson (1927) with z = 1.959963984540054.
  ASSERT_EQ(r.curves.size(), 2u);
  for (const auto& t : r.curves) {
    for (std::int64_t k = 0; k < config.threshold_networks; ++k)
      ASSERT_LT(largest_row_sum(t.config.n, config.seed, static_cast<std::uint64_t>(k)), 10.0);
    EXPECT_EQ(t.success.front(), 0.0);
    EXPECT_EQ(t.success.back(), 1.0);
    const double z = 1.959963984540054, m = static_cast<double>(config.threshold_networks);
    for (std::size_t k = 0; k < t.success.size(); ++k) {
      const double p = t.success[k], centre = (p + z * z / (2 * m)) / (1 + z * z / m);
      const double half = z * std::sqrt(p * (1 - p) / m + z * z / (4 * m * m)) / (1 + z * z / m);
      EXPECT_NEAR(t.wilson[k].lower, std::max(0.0, centre - half), 1e-12);
      EXPECT_NEAR(t.wilson[k].upper, std::min(1.0, centre + half), 1e-12);
    }
    ASSERT_TRUE(t.threshold.has_value());
    EXPECT_GT(*t.threshold, -10.0);
    EXPECT_LT(*t.threshold, 10.0);
    // At these small N and 300 sweeps every network reaches a fixed point at J_D = 0.25, the
    // smallest J_D > 0 of the grid: no threshold above 0 at this resolution, so the claim FAILs
    // here although the curve crosses 50 % inside the grid (threshold_existence.hpp).
    ASSERT_EQ(t.success[2], 1.0);
    const auto& existence = verdict_of(r, "a threshold exists, async N=" + std::to_string(t.config.n));
    EXPECT_EQ(existence.verdict, "FAIL");
    EXPECT_NE(existence.numbers.find("smallest J_D > 0 of the grid: J_D=0.25 [0.72, 1.00]"), std::string::npos)
        << existence.numbers;
  }
  // accessibility_thresholds.csv: the flag of each measured threshold.
  const auto thresholds = csv_rows(out / "accessibility_thresholds.csv");
  ASSERT_EQ(thresholds.size(), 4u);
  ASSERT_EQ(thresholds[0].back(), "flagged");
  for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(thresholds[k + 1].back(), r.curves[k].threshold_flagged ? "true" : "false");
  ASSERT_TRUE(r.extrapolation.has_value());
  const auto& drift = verdict_of(r, "threshold drift with N and extrapolation (async)");
  EXPECT_EQ(drift.verdict, "measurement");
  ASSERT_TRUE(r.extrapolation->fit.has_value());  // two sizes whose curves do not cross: the 1/ln N fit
  EXPECT_NE(drift.numbers.find("conditional on the 1/ln N form"), std::string::npos) << drift.numbers;

  // (b) count-mc vs a brute-force count of the same networks: exact counts equal, estimates within
  // 4 SEM and 0.1 in ln #FP.
  ASSERT_EQ(r.exact.size(), 2u);
  for (const auto& p : r.exact) {
    for (const auto& k : p.result.per_network) {
      const std::uint64_t truth = brute_force_count(p.n, p.self_coupling, config.seed, k.network);
      ASSERT_EQ(k.exact_count, truth);
      ASSERT_TRUE(k.estimate.log_fixed_points.has_value());
      const double error = k.estimate.log_fixed_points->mean - std::log(static_cast<double>(truth));
      EXPECT_LT(std::abs(error), 4.0 * k.estimate.log_fixed_points->sem) << p.n << " " << k.network;
      EXPECT_LT(std::abs(error), 0.1);
    }
    EXPECT_EQ(p.verdict, "PASS");
    EXPECT_EQ(p.result.calibration->compared, config.exact_networks);
    const auto& v = verdict_of(r, fmt::format("count-mc vs enumeration N={} J_D=0.5", p.n));
    EXPECT_NE(v.numbers.find(fmt::format("threshold {:.2f}: two-sided Student-t, 7 dof", validation::count_mc_z_threshold(8, 3))),
              std::string::npos)
        << v.numbers;
  }

  // (c) The annealed entropy against spec §7 (E[#FP] at N = 16: 204.3217090 at J_D = 0.5,
  // 4788.861336 at J_D = 1; s(0.5) = 0.3242007653, s(1) = 0.5203934015), and the quenched mean
  // against the brute-force ⟨ln #FP⟩ of the same networks within 4 × the walks' error of the mean.
  const auto rows = csv_rows(out / "accessibility_quenched.csv");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0][6], "annealed_entropy_finite_n");
  const double spec_count[] = {204.3217090, 4788.861336}, spec_entropy[] = {0.3242007653, 0.5203934015};
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(std::stod(rows[k + 1][6]), std::log(spec_count[k]) / 16, 1e-9);
    EXPECT_NEAR(std::stod(rows[k + 1][7]), spec_entropy[k], 1e-9);
  }
  for (const auto& p : r.quenched) {
    double truth = 0.0, walk_variance = 0.0;
    for (const auto& k : p.result.per_network) {
      truth += std::log(static_cast<double>(brute_force_count(p.n, p.self_coupling, config.seed, k.network)));
      walk_variance += std::pow(k.estimate.log_fixed_points->sem, 2);
    }
    const double m = static_cast<double>(p.result.per_network.size());
    ASSERT_TRUE(p.result.quenched_log_fixed_points.has_value());
    EXPECT_LT(std::abs(p.result.quenched_log_fixed_points->mean - truth / m), 4.0 * std::sqrt(walk_variance) / m);
    EXPECT_EQ(p.verdict, "PASS");  // N = 16 networks agree with ln E[#FP] within their spread
  }
  EXPECT_EQ(r.predictions(), 2 + 2 + 2);
  EXPECT_EQ(r.passed(), 2 + 2);  // the two threshold verdicts FAIL (above)

  const std::string md = validation::accessibility_markdown(config, r);
  EXPECT_NE(md.find("| a threshold exists, async N=20 | FAIL | J_D* = "), std::string::npos) << md;
  EXPECT_NE(md.find("at a budget of 300 sweeps"), std::string::npos) << md;
  EXPECT_NE(md.find("| threshold drift with N and extrapolation (async) | measurement |"), std::string::npos) << md;
  EXPECT_NE(md.find("the papers give no number to compare (spec §5, §9)"), std::string::npos) << md;
  EXPECT_NE(md.find("| count-mc vs enumeration N=14 J_D=0.5 | PASS | max \\|z\\| = "), std::string::npos) << md;
  EXPECT_NE(md.find("| quenched = annealed entropy, count-mc N=16 J_D=1 | PASS |"), std::string::npos) << md;
  EXPECT_NE(md.find("4 of 4 networks with an estimate"), std::string::npos) << md;
}

// A run that gives no estimate for some networks, or no crossing inside the grid, says so and is
// inconclusive; nothing is dropped silently.
TEST(AccessibilityReport, MissingEstimatesAndOutOfGridThresholdsAreInconclusive) {
  const auto out = fresh("inconclusive");
  auto c = small(out);
  c.threshold_sizes = {12};
  c.threshold_self_couplings = {-10.0, -5.0};  // below −Σ|J_ij|: no fixed point exists
  c.exact_sizes = {10};
  c.exact_self_couplings = {0.5, -10.0};  // −10: no network has a fixed point, nothing to compare
  c.exact_networks = 2;
  c.quenched_size = 12;
  c.quenched_self_couplings = {0.0};  // E[#FP] = 1: many networks have none
  c.quenched_networks = 8;
  const auto r = validation::run_accessibility_report(c);
  EXPECT_FALSE(r.extrapolation.has_value());
  const auto& curve = verdict_of(r, "a threshold exists, async N=12");
  EXPECT_EQ(curve.verdict, "inconclusive");
  EXPECT_NE(curve.numbers.find("the threshold lies above the grid or the budget is too short"), std::string::npos);

  int without_fixed_points = 0;
  for (std::uint64_t k = 0; k < 8; ++k) without_fixed_points += brute_force_count(12, 0.0, c.seed, k) == 0;
  ASSERT_GT(without_fixed_points, 0);  // else this test would not test anything
  const auto& p = r.quenched.front();
  EXPECT_GE(8 - p.result.networks_with_estimate, without_fixed_points);
  EXPECT_EQ(p.verdict, "inconclusive");
  const auto& q = verdict_of(r, "quenched = annealed entropy, count-mc N=12 J_D=0");
  EXPECT_NE(q.numbers.find(fmt::format("{} of 8 networks with an estimate", p.result.networks_with_estimate)),
            std::string::npos)
      << q.numbers;
  EXPECT_NE(q.numbers.find("so no verdict"), std::string::npos) << q.numbers;
  EXPECT_NE(q.numbers.find(fmt::format("networks {} have none", fmt::join(p.result.networks_without_estimate, ", "))),
            std::string::npos)
      << q.numbers;
  const auto& none = verdict_of(r, "count-mc vs enumeration N=10 J_D=-10");
  EXPECT_EQ(none.verdict, "inconclusive");
  EXPECT_NE(none.numbers.find("2 networks have no fixed point and no estimate (agree)"), std::string::npos) << none.numbers;
  EXPECT_EQ(r.predictions(), 1);  // only the count-mc vs enumeration point at J_D = 0.5
  EXPECT_NE(read_text(out / "accessibility_quenched.csv").find("inconclusive"), std::string::npos);
}

// Every unit is saved and reused on the next run with the same parameters (same tables), a
// corrupted unit is recomputed, and a changed parameter recomputes only what it changes.
TEST(AccessibilityReport, ResumeReusesSavedUnits) {
  const auto out = fresh("resume");
  auto c = small(out);
  c.exact_sizes = {12};
  c.quenched_self_couplings = {1.0};
  const auto first = validation::run_accessibility_report(c);
  EXPECT_EQ(first.reused_units, 0);
  const std::string curves = read_text(out / "accessibility_curves.csv");
  const std::string networks = read_text(out / "accessibility_count_mc.csv");

  const auto second = validation::run_accessibility_report(c);
  EXPECT_EQ(second.reused_units, 2 * 6 + 3 + 4);  // 2 N × 6 J_D curve points, 3 exact and 4 quenched networks
  EXPECT_EQ(read_text(out / "accessibility_curves.csv"), curves);
  EXPECT_EQ(read_text(out / "accessibility_count_mc.csv"), networks);
  EXPECT_EQ(validation::accessibility_markdown(c, second), validation::accessibility_markdown(c, first));

  // One network's unit of one curve point (N = 20, J_D = 0.5), and one exact count-mc network, corrupted.
  int corrupted = 0;
  for (const auto& [dir, prefix] : {std::pair{out / "points", std::string("threshold_async_n20_jd0.5_")},
                                    std::pair{out / "points" / "count_mc_exact", std::string("count_mc_n12_")}}) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().filename().string().rfind(prefix, 0) == 0) files.push_back(entry.path());
    ASSERT_FALSE(files.empty()) << prefix;
    steer::numerics::write_file_atomically(*std::min_element(files.begin(), files.end()), "{");
    ++corrupted;
  }
  ASSERT_EQ(corrupted, 2);
  const auto third = validation::run_accessibility_report(c);
  EXPECT_EQ(third.reused_units, 2 * 6 - 1 + 3 - 1 + 4);
  EXPECT_EQ(read_text(out / "accessibility_curves.csv"), curves);
  EXPECT_EQ(read_text(out / "accessibility_count_mc.csv"), networks);

  c.quenched_networks = 5;  // a longer run reuses the 4 networks of the shorter one
  EXPECT_EQ(validation::run_accessibility_report(c).reused_units, 2 * 6 + 3 + 4);
}

// Every table is the same for 1 and 2 threads (streams keyed by network and walk, DESIGN.md).
TEST(AccessibilityReport, SameTablesForAnyThreadCount) {
  std::vector<std::string> tables[2];
  for (const int threads : {1, 2}) {
    auto c = small(fresh("threads" + std::to_string(threads)));
    c.exact_sizes = {12};
    c.quenched_self_couplings = {1.0};
    omp_set_num_threads(threads);
    validation::run_accessibility_report(c);
    for (const char* name : {"accessibility_curves.csv", "accessibility_thresholds.csv", "accessibility_count_mc.csv",
                             "accessibility_quenched.csv"})
      tables[threads - 1].push_back(read_text(c.out / name));
  }
  EXPECT_EQ(tables[0], tables[1]);
  EXPECT_FALSE(tables[0].front().empty());
}

TEST(AccessibilityReport, BadConfigurationsThrow) {
  const auto base = small(fresh("bad"));
  const auto expect_throw = [&](auto change) {
    auto c = base;
    change(c);
    EXPECT_THROW(c.validate(), std::invalid_argument);
  };
  expect_throw([](auto& c) { c.threshold_sizes.clear(); });
  expect_throw([](auto& c) { c.threshold_self_couplings = {0.5, 0.25}; });
  expect_throw([](auto& c) { c.threshold_networks = 0; });
  expect_throw([](auto& c) { c.threshold_sizes = {40, 20}; });  // the extrapolation assumes ascending N
  expect_throw([](auto& c) { c.threshold_sizes = {20, 20}; });  // duplicates repeat the same streams
  expect_throw([](auto& c) { c.exact_sizes = {40}; });
  expect_throw([](auto& c) { c.quenched_size = 1; });
  expect_throw([](auto& c) { c.quenched_networks = 1; });
  expect_throw([](auto& c) { c.walks = 1; });
  expect_throw([](auto& c) { c.final_log_f = 2.0; });
  expect_throw([](auto& c) { c.exact_self_couplings = {std::nan("")}; });
  EXPECT_NO_THROW(base.validate());
}

// Δ = ½ (ln E[#FP²] − 2 ln E[#FP]) / N from the exact pair count (theory/pair_count.hpp, spec eq. 4)
// against enumeration: the second moment of the brute-force count over 3000 networks at N = 10,
// J_D = 0.5, within 4 σ of the sample (delta method for ln m₂ − 2 ln m₁).
TEST(AccessibilityReport, JensenGapAgreesWithEnumeratedSecondMoment) {
  const int n = 10, networks = 3000;
  const double jd = 0.5;
  double m1 = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0;
  for (int k = 0; k < networks; ++k) {
    const double x = static_cast<double>(brute_force_count(n, jd, 11, static_cast<std::uint64_t>(k)));
    m1 += x, m2 += x * x, m3 += x * x * x, m4 += x * x * x * x;
  }
  m1 /= networks, m2 /= networks, m3 /= networks, m4 /= networks;
  // Var of ln m₂ − 2 ln m₁ by the delta method: gradient (−2/m₁, 1/m₂) on the covariance of (X, X²).
  const double var_x = m2 - m1 * m1, var_x2 = m4 - m2 * m2, cov = m3 - m1 * m2;
  const double var = (4 * var_x / (m1 * m1) + var_x2 / (m2 * m2) - 4 * cov / (m1 * m2)) / networks;
  const double measured = 0.5 * (std::log(m2) - 2 * std::log(m1)) / n;
  const double gap = validation::quenched_jensen_gap(n, jd);
  EXPECT_NEAR(gap, measured, 4.0 * 0.5 * std::sqrt(var) / n) << "sigma " << 0.5 * std::sqrt(var) / n;
  EXPECT_GT(gap, 0.0);
  // and E[#FP] itself (spec eq. 2) within 4 σ.
  EXPECT_NEAR(std::exp(theory::log_expected_fixed_points(n, jd)), m1, 4.0 * std::sqrt(var_x / networks));
}
