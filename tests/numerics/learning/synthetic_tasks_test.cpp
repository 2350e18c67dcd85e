// Synthetic tasks: the flip rate of prototype copies (binomial, 4σ), labels and shapes, and the
// hetero-association task's random labels.
#include <gtest/gtest.h>

#include <cmath>

#include "numerics/learning/synthetic_tasks.hpp"

namespace steer::numerics {
namespace {

TEST(SyntheticTasks, PrototypeCopiesFlipAtTheGivenRate) {
  const learning_task task = prototype_task(200, 4, 50, 10, 0.35, 3);
  ASSERT_EQ(task.train.size(), 200);
  ASSERT_EQ(task.eval.size(), 40);
  // Estimate each prototype by the majority of its training copies, then count disagreements.
  double flips = 0.0, bits = 0.0;
  for (int c = 0; c < 4; ++c) {
    const auto block = task.train.inputs.middleCols(c * 50, 50);
    const Eigen::VectorXf prototype = block.rowwise().sum().unaryExpr([](float v) { return v > 0 ? 1.0F : -1.0F; });
    for (Eigen::Index k = 0; k < 50; ++k) {
      EXPECT_EQ(task.train.labels[c * 50 + k], c);
      flips += double((block.col(k).array() != prototype.array()).count());
      bits += 200.0;
    }
  }
  // Majority of 50 copies at p = 0.35 is wrong with probability ~0.01, so the estimate is exact
  // up to a few bits; 4σ of the binomial count.
  EXPECT_NEAR(flips / bits, 0.35, 4.0 * std::sqrt(0.35 * 0.65 / bits) + 0.01);
  EXPECT_TRUE(((task.eval.inputs.array() == 1.0F) || (task.eval.inputs.array() == -1.0F)).all());
}

TEST(SyntheticTasks, HeteroAssociationHasRandomLabels) {
  const learning_task task = hetero_association_task(30, 3, 100, 4);
  ASSERT_EQ(task.train.size(), 300);
  std::vector<int> counts(3, 0);
  for (const int label : task.train.labels) ++counts.at(static_cast<std::size_t>(label));
  for (const int c : counts) EXPECT_NEAR(c, 100, 4.0 * std::sqrt(300 * (1.0 / 3) * (2.0 / 3)));
  EXPECT_EQ(task.eval.inputs, task.train.inputs);
  EXPECT_THROW(hetero_association_task(0, 3, 1, 4), std::invalid_argument);
}

}  // namespace
}  // namespace steer::numerics
