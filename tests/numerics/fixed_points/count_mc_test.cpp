// Wang–Landau count of fixed points (count_mc.hpp) against exhaustive enumeration, hand-checkable
// limits, thread-count independence; the incremental energy against recomputation and against the
// exact margin signs of fixed_point.hpp.
#include "numerics/fixed_points/count_mc.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>

#include "numerics/fixed_points/count_mc_energy.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

// E(s) from the exact margin signs (an independent implementation of eq. 1).
int exact_energy(const coupling_matrix& j, const spin_vector& s) {
  int e = 0;
  for (int i = 0; i < j.size(); ++i) e += margin_sign(j, s, i) <= 0 ? 1 : 0;
  return e;
}

}  // namespace

TEST(CountMcEnergy, IncrementalEnergyEqualsRecomputationAndExactMarginsAfterManyFlips) {
  for (const double jd : {0.0, 0.5, 1.5}) {
    const coupling_matrix j = sample_couplings({70, jd, 0.0}, 3, 0);
    const integer_couplings q(j);
    rng_stream stream(5, 0, stream_purpose::state_sampling);
    spin_vector s(70);
    for (auto& x : s) x = (stream.next_u64() & 1u) != 0 ? 1 : -1;
    unstable_units walker(q, s);
    for (int t = 0; t < 5000; ++t) {
      const int k = static_cast<int>(stream.next_u64() % 70);
      const int predicted = walker.energy_after_flip(k);
      walker.flip(k);
      ASSERT_EQ(walker.energy(), predicted) << "step " << t;
      if (t % 100 == 0) {
        ASSERT_EQ(walker.energy(), walker.recompute_energy()) << "step " << t;
        ASSERT_EQ(walker.energy(), exact_energy(j, walker.state())) << "J_D " << jd << " step " << t;
      }
    }
  }
}

// Hand-made ties: no off-diagonal couplings and J_D = 0 make every margin exactly 0 (unstable,
// strict inequality), so E = N in every state.
TEST(CountMcEnergy, ExactTiesAreUnstable) {
  const coupling_matrix zero(5, std::vector<double>(25, 0.0));
  const integer_couplings q(zero);
  unstable_units walker(q, spin_vector{1, -1, 1, 1, -1});
  EXPECT_EQ(walker.energy(), 5);
  EXPECT_EQ(walker.energy_after_flip(2), 5);
  EXPECT_THROW(unstable_units(q, spin_vector{1, 0, 1, 1, -1}), std::invalid_argument);
  EXPECT_THROW(unstable_units(q, spin_vector{1, 1}), std::invalid_argument);
}

// The estimator against the exact count on networks small enough to enumerate in milliseconds.
// Tolerance: |z| < 4 with the SEM over 8 walks (a t_7 variable: P(|t| > 4) ≈ 0.5 %, the docs'
// calibration at N ≤ 36 shows no larger spread), and |estimate − exact| < 0.1 in ln #FP (10 %).
TEST(CountMc, AgreesWithEnumerationAtSmallN) {
  count_mc_options options;
  options.runs = 8;
  options.final_log_f = 1e-5;
  options.seed = 11;
  int networks = 0;
  for (const auto& [n, jd] : {std::pair{16, 0.5}, std::pair{18, 1.0}, std::pair{20, 0.5}, std::pair{20, 0.25}})
    for (std::uint64_t network = 0; network < 2; ++network) {
      const coupling_matrix j = sample_couplings({n, jd, 0.0}, 23, network);
      const auto exact = enumerate_fixed_points(j, {enumeration_kernel::automatic, true, false, false}).count;
      ASSERT_GT(exact, 0u);
      options.network = network;
      const count_mc_result got = estimate_log_fixed_points(j, options);
      ASSERT_TRUE(got.log_fixed_points.has_value()) << "N " << n << " J_D " << jd;
      const double truth = std::log(static_cast<double>(exact));
      const auto [mean, sem] = *got.log_fixed_points;
      EXPECT_LT(std::abs(mean - truth), 4.0 * sem) << "N " << n << " J_D " << jd << " network " << network;
      EXPECT_LT(std::abs(mean - truth), 0.1) << "N " << n << " J_D " << jd << " network " << network;
      EXPECT_GT(sem, 0.0);
      ++networks;
    }
  EXPECT_EQ(networks, 8);
}

// J_D above every |h_i|: all 2^N states are fixed points, the walk never sees E ≥ 1, and the
// estimate is N ln 2 exactly. J_D below −Σ_j |J_ij|: no state is one; no walk visits E = 0 and no
// estimate is given (the command reports null and the lowest E reached).
TEST(CountMc, HandCheckableLimits) {
  count_mc_options options;
  options.runs = 3;
  options.final_log_f = 1e-4;
  const coupling_matrix all_fixed = sample_couplings({30, 100.0, 0.0}, 1, 0);
  const count_mc_result every = estimate_log_fixed_points(all_fixed, options);
  ASSERT_TRUE(every.log_fixed_points.has_value());
  EXPECT_DOUBLE_EQ(every.log_fixed_points->mean, 30 * std::log(2.0));
  EXPECT_EQ(every.log_fixed_points->sem, 0.0);

  const coupling_matrix none = sample_couplings({30, -100.0, 0.0}, 1, 0);
  const count_mc_result nothing = estimate_log_fixed_points(none, options);
  EXPECT_FALSE(nothing.log_fixed_points.has_value());
  EXPECT_EQ(nothing.runs_visiting_zero, 0);
  for (const auto& run : nothing.runs) {
    EXPECT_EQ(run.lowest_energy, 30);
    EXPECT_TRUE(std::isinf(run.log_fixed_points) && run.log_fixed_points < 0);
  }
}

TEST(CountMc, SameResultForOneAndTwoThreads) {
  const coupling_matrix j = sample_couplings({24, 0.5, 0.0}, 4, 2);
  count_mc_options options;
  options.runs = 4;
  options.final_log_f = 1e-4;
  options.network = 2;
  omp_set_num_threads(1);
  const count_mc_result one = estimate_log_fixed_points(j, options);
  omp_set_num_threads(2);
  const count_mc_result two = estimate_log_fixed_points(j, options);
  ASSERT_EQ(one.runs.size(), two.runs.size());
  for (std::size_t r = 0; r < one.runs.size(); ++r) {
    EXPECT_EQ(one.runs[r].log_fixed_points, two.runs[r].log_fixed_points);
    EXPECT_EQ(one.runs[r].proposals, two.runs[r].proposals);
  }
  EXPECT_EQ(one.log_fixed_points, two.log_fixed_points);
  // Different runs are different walks.
  EXPECT_NE(one.runs[0].log_fixed_points, one.runs[1].log_fixed_points);
}

TEST(CountMc, OptionsAreValidated) {
  const coupling_matrix j = sample_couplings({10, 0.5, 0.0}, 1, 0);
  for (const auto& bad : {count_mc_options{1}, count_mc_options{4, 0.0}, count_mc_options{4, 1.5},
                          count_mc_options{4, 1e-3, -0.1}, count_mc_options{4, 1e-3, 1.0},
                          count_mc_options{4, 1e-3, 0.5, -1}})
    EXPECT_THROW(estimate_log_fixed_points(j, bad), std::invalid_argument);
}
