// Focusing BP: marginals of plain BP against exact marginals from enumeration, the O(N) cavity
// trick against the naive recomputation, and fixed points found at large J_D.
#include "solvers/fixed_points/focusing_bp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer;

namespace {

// Exact marginals ⟨s_j⟩ over the fixed points with s_0 = +1 (uniform measure), by enumeration.
std::vector<double> exact_clamped_marginals(const numerics::coupling_matrix& j) {
  const auto found = numerics::enumerate_fixed_points(j, {numerics::enumeration_kernel::scalar, false, true, false});
  std::vector<double> m(static_cast<std::size_t>(j.size()), 0.0);
  int count = 0;
  for (const auto s : found.fixed_points) {
    if (numerics::spin(s, 0) < 0) continue;
    ++count;
    for (int i = 0; i < j.size(); ++i) m[static_cast<std::size_t>(i)] += numerics::spin(s, i);
  }
  for (auto& v : m) v /= count;
  return m;
}

}  // namespace

// Plain BP (no focusing) with s_0 clamped by an external field of 30 (the global flip s → −s maps
// fixed points to fixed points, so unclamped exact marginals are all 0 and so are BP's) against the
// exact marginals over the fixed points with s_0 = +1, on 5 networks of N = 20 at J_D = 1 (~10^3
// fixed points each: a broad measure, where BP is at its best). BP is approximate here — a dense
// graph of short loops, a Gaussian cavity field of only 18 inputs — so the check is quantitative,
// not exact: measured mean |error| 0.019 and largest 0.054 (seed 5) against a mean |exact
// marginal| of 0.106. Tolerances: mean < 0.03, largest < 0.08 (≈1.5× measured), and the error
// must be below 30% of the signal, so a BP that ignores the couplings (all marginals 0) fails.
TEST(FocusingBp, PlainBpMarginalsAgainstEnumeration) {
  const int n = 20;
  const int networks = 5;
  double worst = 0.0, sum_error = 0.0, sum_signal = 0.0;
  for (std::uint64_t network = 0; network < networks; ++network) {
    const auto j = numerics::sample_couplings({n, 1.0, 0.0}, 5, network);
    const auto exact = exact_clamped_marginals(j);
    std::vector<double> clamp(static_cast<std::size_t>(n), 0.0);
    clamp[0] = 30.0;
    solvers::focusing_bp_messages bp(j, 0.0, 5, 0, clamp);
    double change = 1.0;
    for (int it = 0; it < 2000 && change > 1e-12; ++it) change = bp.iterate(0.0, 1.0, 0.5);
    ASSERT_LE(change, 1e-12) << "BP did not converge on network " << network;
    const auto m = bp.marginals();
    EXPECT_GT(m[0], 0.999);
    for (std::size_t i = 1; i < m.size(); ++i) {
      const double e = std::abs(m[i] - exact[i]);
      worst = std::max(worst, e);
      sum_error += e;
      sum_signal += std::abs(exact[i]);
    }
  }
  const double mean_error = sum_error / (networks * (n - 1));
  EXPECT_LT(mean_error, 0.03);
  EXPECT_LT(worst, 0.08);
  EXPECT_LT(sum_error, 0.3 * sum_signal);
}

TEST(FocusingBp, CavitySumsFromTotalsEqualRecomputation) {
  const auto j = numerics::sample_couplings({30, 0.5, 0.0}, 9, 0);
  solvers::focusing_bp_messages fast(j, 0.3, 9, 0), naive(j, 0.3, 9, 0);
  for (int it = 0; it < 5; ++it) {
    const double a = fast.iterate(0.5, 3.0, 0.2, solvers::cavity_sums::from_totals);
    const double b = naive.iterate(0.5, 3.0, 0.2, solvers::cavity_sums::recomputed);
    EXPECT_NEAR(a, b, 1e-12);
  }
  const auto ma = fast.marginals(), mb = naive.marginals();
  for (std::size_t i = 0; i < ma.size(); ++i) EXPECT_NEAR(ma[i], mb[i], 1e-12) << i;
}

TEST(FocusingBp, FindsFixedPointsAtLargeSelfCoupling) {
  const auto j = numerics::sample_couplings({100, 1.0, 0.0}, 3, 0);
  for (std::uint64_t restart = 0; restart < 2; ++restart) {
    const auto r = solvers::focusing_bp(j, {}, 3, restart);
    ASSERT_TRUE(r.converged) << restart;
    EXPECT_TRUE(numerics::is_fixed_point(j, r.state));
  }
}

TEST(FocusingBp, RejectsBadOptions) {
  solvers::focusing_bp_options o;
  o.rho_step = 1.0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.damping = 1.0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.iterations_per_step = 0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
}
