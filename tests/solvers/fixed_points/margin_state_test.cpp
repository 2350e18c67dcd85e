// Incremental margins and energy of margin_state against recomputation from scratch.
#include "solvers/fixed_points/margin_state.hpp"

#include <gtest/gtest.h>

#include <boost/random/uniform_int_distribution.hpp>

#include "numerics/rng_stream.hpp"
#include "numerics/vector_clones.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"

using namespace steer;

namespace {

// E(s) straight from the definition: #{i : s_i Σ_{j≠i} J_ij s_j + J_ii ≤ 0}.
int direct_energy(const numerics::coupling_matrix& j, const numerics::spin_vector& s) {
  int energy = 0;
  for (int i = 0; i < j.size(); ++i) {
    double h = 0.0;
    for (int k = 0; k < j.size(); ++k)
      if (k != i) h += j(i, k) * s[static_cast<std::size_t>(k)];
    energy += s[static_cast<std::size_t>(i)] * h + j(i, i) <= 0.0 ? 1 : 0;
  }
  return energy;
}

}  // namespace

TEST(MarginState, IncrementalEnergyEqualsRecomputationAfterManyFlips) {
  const int n = 60;
  const auto j = numerics::sample_couplings({n, 0.3, 0.0}, 11, 0);
  const auto transposed = solvers::transposed_couplings(j);
  solvers::margin_state state(j, transposed, solvers::random_spin_vector(n, 11, 0));
  numerics::rng_stream stream(11, 0, numerics::stream_purpose::dynamics);
  boost::random::uniform_int_distribution<int> pick(0, n - 1);
  for (int flip = 0; flip < 20000; ++flip) {
    const int k = pick(stream);
    const int before = state.energy();
    const int predicted = state.delta_energy(k);
    state.flip(k);
    if (flip % 997 == 0) {  // spot checks against the definition
      ASSERT_EQ(state.energy(), direct_energy(j, state.state())) << flip;
      ASSERT_EQ(state.energy() - before, predicted) << flip;
    }
  }
  const solvers::margin_state fresh(j, transposed, state.state());
  EXPECT_EQ(state.energy(), fresh.energy());
  for (int i = 0; i < n; ++i) EXPECT_NEAR(state.margin(i), fresh.margin(i), 1e-11) << i;
}

TEST(MarginState, DeltaEnergyOfEveryFlipMatchesTheDefinition) {
  const int n = 25;
  const auto j = numerics::sample_couplings({n, 0.5, 0.0}, 4, 2);
  const auto transposed = solvers::transposed_couplings(j);
  const auto start = solvers::random_spin_vector(n, 4, 2);
  const solvers::margin_state state(j, transposed, start);
  EXPECT_EQ(state.energy(), direct_energy(j, start));
  for (int k = 0; k < n; ++k) {
    auto flipped = start;
    flipped[static_cast<std::size_t>(k)] = static_cast<std::int8_t>(-flipped[static_cast<std::size_t>(k)]);
    EXPECT_EQ(state.delta_energy(k), direct_energy(j, flipped) - direct_energy(j, start)) << k;
  }
}

// The vectorised passes of this CPU and the portable build give the same bits (margin_passes.hpp:
// the update is exact up to one rounding either way): same ΔE for every proposal and margins
// equal to the last bit after 5000 flips, at an N that is not a multiple of any vector width.
TEST(MarginState, VectorisedAndPortablePassesAgreeBitForBit) {
  const int n = 203;
  const auto j = numerics::sample_couplings({n, 0.4, 0.0}, 8, 1);
  const auto transposed = solvers::transposed_couplings(j);
  const auto start = solvers::random_spin_vector(n, 8, 1);
  solvers::margin_state best(j, transposed, start);
  solvers::margin_state portable(j, transposed, start, solvers::margin_isa::baseline);
  numerics::rng_stream stream(8, 1, numerics::stream_purpose::dynamics);
  boost::random::uniform_int_distribution<int> pick(0, n - 1);
  for (int flip = 0; flip < 5000; ++flip) {
    const int k = pick(stream);
    ASSERT_EQ(best.delta_energy(k), portable.delta_energy(k)) << flip;
    best.flip(k);
    portable.flip(k);
    ASSERT_EQ(best.energy(), portable.energy()) << flip;
  }
  for (int i = 0; i < n; ++i) EXPECT_EQ(best.margin(i), portable.margin(i)) << i;
  EXPECT_FALSE(numerics::vector_clone_isa().empty());
}
