// Field arithmetic against the hand-computed example of spec steering-learning §2.1 in every
// mode (T1), and the readout re-mapping φ with its reference-quirk double application (T2).
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace steer::solvers
