// Field arithmetic against the hand-computed example of spec steering-learning §2.1 in every
// mode (T1), the readout re-mapping φ with its reference-quirk double application (T2), and the
// noisy_zeros initial state of §3.1 (shared mask, per-sample signs, masked fraction, zero at inference).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "learning_fixture.hpp"

namespace steer::solvers {
namespace {

void expect_column(const matrix_f& m, std::vector<double> expected, double tolerance = 1e-5) {
  ASSERT_EQ(m.rows(), static_cast<Eigen::Index>(expected.size()));
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(m(static_cast<Eigen::Index>(i), 0), expected[i], tolerance) << i;
}

TEST(LocalFields, HandExampleInEveryMode) {
  const steering_network net = test::hand_network();
  field_set f;
  batch_state s = test::hand_state(net);
  compute_fields(net, s, field_mode_of(0), f);
  expect_column(f.hidden[0], {0.99142, -1.25, 1.92071});
  expect_column(f.readout, {1000.0, -999.5}, 1e-3);
  compute_fields(net, s, field_mode_of(1), f);
  expect_column(f.hidden[0], {0.8, -1.1, 1.9});
  expect_column(f.readout, {0.0, 0.5});
  compute_fields(net, s, field_mode_of(3), f);
  expect_column(f.hidden[0], {0.8, -1.1, 1.9});
  expect_column(f.readout, {1000.0, -999.5}, 1e-3);
  // Mode 2 is mode 0 without the label; mode 4 equals mode 1 for L = 1 (spec §2 table).
  compute_fields(net, s, field_mode_of(2), f);
  expect_column(f.hidden[0], {0.99142, -1.25, 1.92071});
  expect_column(f.readout, {0.0, 0.5});
  EXPECT_THROW(field_mode_of(5), std::invalid_argument);
}

TEST(LocalFields, ReadoutRemapAndItsQuirk) {
  const float half_sqrt_10 = static_cast<float>(std::sqrt(10.0) / 2.0);
  EXPECT_NEAR(readout_remap(1.0F, half_sqrt_10), 1.58114, 1e-5);
  EXPECT_EQ(readout_remap(-1.0F, half_sqrt_10), -0.5F);
  EXPECT_EQ(readout_remap(0.0F, half_sqrt_10), 0.0F);
  EXPECT_NEAR(readout_remap(readout_remap(1.0F, half_sqrt_10), half_sqrt_10), 2.5, 1e-5);
  EXPECT_NEAR(readout_remap(readout_remap(-1.0F, half_sqrt_10), half_sqrt_10), -0.790569, 1e-6);
}

TEST(LocalFields, QuirkRemapsTheStoredReadoutOnEveryEvaluation) {
  const steering_network clean = test::hand_network(false), quirky = test::hand_network(true);
  field_set f;
  batch_state a = test::hand_state(clean), b = test::hand_state(quirky);
  compute_fields(clean, a, field_mode_of(0), f);
  compute_fields(clean, a, field_mode_of(0), f);
  EXPECT_EQ(a.readout(0, 0), 1.0F);  // clean: φ is pure
  compute_fields(quirky, b, field_mode_of(0), f);
  expect_column(f.hidden[0], {0.99142, -1.25, 1.92071});  // the first evaluation agrees
  compute_fields(quirky, b, field_mode_of(0), f);
  // C = 2, √C/2 = 0.7071: +1 → 0.7071 → 0.5 and −1 → −0.5 → −0.35355 after two evaluations.
  EXPECT_NEAR(b.readout(0, 0), 0.5, 1e-6);
  EXPECT_NEAR(b.readout(1, 0), -0.5 * std::sqrt(2.0) / 2.0, 1e-6);
}

// init_mode noisy_zeros (spec §3.1): a training batch's starting state for `noise`, on a
// 2-layer network with H = 500, C = 5 (1005 units) and 6 samples with ids first_id, first_id + 1, ...
batch_state noisy_start(double noise, std::uint64_t first_id = 40, bool training = true,
                        initial_state_mode mode = initial_state_mode::noisy_zeros) {
  static steering_network net(test::two_layer_parameters(10, 500, 5));
  net.parameters.init_mode = mode;
  net.parameters.init_noise = noise;
  const matrix_f x = matrix_f::Ones(10, 6);
  const std::vector<int> labels{0, 1, 2, 3, 4, 0};
  std::vector<std::uint64_t> ids(6);
  for (std::size_t b = 0; b < ids.size(); ++b) ids[b] = first_id + b;
  return zero_state(net, x, training ? labels.data() : nullptr, ids);
}

// Every unit (hidden units of both layers, then the readout) as the rows of one matrix.
matrix_f all_units(const batch_state& s) {
  matrix_f units(s.hidden[0].rows() + s.hidden[1].rows() + s.readout.rows(), s.readout.cols());
  units << s.hidden[0], s.hidden[1], s.readout;
  return units;
}

TEST(NoisyZeros, NoNoiseIsTheZeroState) {
  const matrix_f zeros = all_units(noisy_start(0.0, 40, true, initial_state_mode::zeros));
  EXPECT_TRUE((zeros.array() == 0.0F).all());
  EXPECT_TRUE(all_units(noisy_start(0.0)) == zeros);
  EXPECT_TRUE(noisy_start(0.0).hidden_silent);
  EXPECT_TRUE((all_units(noisy_start(0.7, 40, false)).array() == 0.0F).all());  // inference starts from zero (§5)
}

TEST(NoisyZeros, FullNoiseSetsEveryUnitToRandomSigns) {
  const batch_state s = noisy_start(1.0);
  const matrix_f units = all_units(s);
  EXPECT_TRUE((units.array().abs() == 1.0F).all());
  EXPECT_FALSE(s.hidden_silent);
  // The mask is shared, the signs are each sample's own: +1 in half the entries (4σ of 6030
  // draws = 0.026), and the columns differ.
  const double n = double(units.size());
  EXPECT_NEAR(static_cast<double>((units.array() > 0.0F).count()) / n, 0.5, 4.0 * std::sqrt(0.25 / n));
  EXPECT_FALSE(units.col(0) == units.col(1));
}

TEST(NoisyZeros, MaskIsSharedByTheBatchAndCoversInitNoiseOfTheUnits) {
  for (const double noise : {0.1, 0.3}) {
    const matrix_f units = all_units(noisy_start(noise));
    // Evaluated into arrays: an `auto` Eigen expression would keep a reference to a temporary.
    const Eigen::ArrayXXi masked = (units.array() != 0.0F).cast<int>();
    const Eigen::ArrayXi per_unit = masked.rowwise().sum();
    // Each unit is masked in every sample or in none.
    EXPECT_TRUE(((per_unit == 0) || (per_unit == 6)).all()) << noise;
    const double n = double(units.rows()), fraction = static_cast<double>((per_unit == 6).count()) / n;
    EXPECT_NEAR(fraction, noise, 4.0 * std::sqrt(noise * (1.0 - noise) / n)) << noise;  // 4σ = 0.038 / 0.058
    // Another batch (another first sample id) draws another mask, the same batch the same one.
    const Eigen::ArrayXXi other = (all_units(noisy_start(noise, 46)).array() != 0.0F).cast<int>();
    EXPECT_FALSE((other == masked).all()) << noise;
    EXPECT_TRUE(all_units(noisy_start(noise)) == units) << noise;
  }
}

}  // namespace
}  // namespace steer::solvers
