// Initialisation (spec steering-learning §1.2, T9): the empirical std of every coupling block at
// H = 1600 against λ/√fan-in (4σ of the sample std, ≈ 2% for W_back and W_forth), the diagonal
// λ_internal·J_D, and reproducibility from the seed.
#include <gtest/gtest.h>

#include <cmath>

#include "solvers/learning/steering_network.hpp"

namespace steer::solvers {
namespace {

double std_of(const Eigen::Ref<const matrix_f>& m, bool skip_diagonal = false) {
  double sum = 0.0, square = 0.0, n = 0.0;
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
      if (skip_diagonal && r == c) continue;
      sum += m(r, c);
      square += double(m(r, c)) * m(r, c);
      n += 1.0;
    }
  }
  return std::sqrt((square - sum * sum / n) / (n - 1));
}

void expect_std(const matrix_f& m, double expected, bool skip_diagonal = false) {
  const double n = double(m.size()) - (skip_diagonal ? double(m.rows()) : 0.0);
  EXPECT_NEAR(std_of(m, skip_diagonal) / expected, 1.0, 4.0 / std::sqrt(2.0 * n));
}

TEST(SteeringNetwork, InitialisationStatisticsOfTheBaseline) {
  steering_parameters p;  // baseline_1layer_mnist: N = 784, H = 1600, C = 10
  const steering_network net(p);
  expect_std(net.layers[0].internal, 1.0 / 40.0, true);
  expect_std(net.layers[0].input_skip, 4.0 / 28.0);
  expect_std(net.w_back, 0.9 / std::sqrt(10.0));
  expect_std(net.w_forth, 1.0 / 40.0);
  EXPECT_TRUE((net.layers[0].internal.diagonal().array() == 0.5F).all());
  EXPECT_EQ(net.layers[0].bias.size(), 0);
}

TEST(SteeringNetwork, MultiLayerBlocksAndStrengths) {
  steering_parameters p;
  p.inputs = 30;
  p.hidden = 40;
  p.layers = 2;
  p.lambda_internal = {1.0, 0.01};
  p.lambda_input_skip = {2.0, 0.0};
  p.lambda_wback_skip = {0.9};
  p.lambda_wforth_skip = {0.0};
  p.fc_left = true;
  p.zero_fc_init = true;
  p.lambda_l = 1.5;
  p.threshold = {0.9, 0.9, 3.0};
  const steering_network net(p);
  EXPECT_FLOAT_EQ(net.layers[1].internal(3, 3), 0.01F * 0.5F);  // diag = λ_internal·J_D (P15)
  EXPECT_EQ(net.layers[1].input_skip.size(), 0);                 // λ = 0: never stored or multiplied
  EXPECT_TRUE(net.layers[1].forward.learned());
  EXPECT_TRUE(net.layers[1].forward.dense.isApprox(1.5F * matrix_f::Identity(40, 40)));  // zero_fc_init
  EXPECT_FALSE(net.layers[0].backward.learned());
  EXPECT_EQ(net.layers[0].backward.one_to_one, 1.0F);  // λ_r as given (its default 1)
  // Wback_skip reuses W_back's raw Gaussian (§1.2): same matrix up to the strength.
  EXPECT_EQ(net.layers[0].wback_skip, net.w_back);  // here λ_wback_skip = λ_wback = 0.9
  EXPECT_EQ(net.layers[0].wforth_skip.size(), 0);
}

TEST(SteeringNetwork, SeedDeterminesEverything) {
  steering_parameters p;
  p.inputs = 10;
  p.hidden = 20;
  const steering_network a(p), b(p);
  EXPECT_EQ(a.layers[0].internal, b.layers[0].internal);
  EXPECT_EQ(a.w_forth, b.w_forth);
  p.seed = 18;
  EXPECT_NE(steering_network(p).w_forth, a.w_forth);
}

TEST(SteeringNetwork, ValidatesParameters) {
  steering_parameters p;
  p.hidden = 0;
  EXPECT_THROW(steering_network{p}, std::invalid_argument);
  p = {};
  p.lr_J = -0.1;
  try {
    steering_network{p};
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "lr_J must be finite and >= 0, got -0.1");
  }
  p = {};
  p.threshold = {0.9};
  EXPECT_THROW(steering_network{p}, std::invalid_argument);
}

}  // namespace
}  // namespace steer::solvers
