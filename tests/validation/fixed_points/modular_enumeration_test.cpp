// The modular variant's exact annealed count (theory/modular_count, issue 8 item 4) against
// exhaustive enumeration of sampled modular networks (numerics, item 7): 4σ, fixed seeds.
#include <gtest/gtest.h>

#include <cmath>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "theory/modular_count.hpp"

using namespace steer;

TEST(ModularEnumeration, MeanCountMatchesTheTransferMatrixCount) {
  struct point {
    int modules, module_size;
    double self_coupling, lambda;
    bool ring;
  };
  for (const point p : {point{2, 5, 0.0, 0.5, false}, point{3, 4, 0.25, 0.3, true}, point{2, 6, 0.5, 0.0, false},
                        point{4, 3, 0.0, 1.0, false}, point{4, 3, 0.0, 1.0, true}, point{3, 4, -0.25, 0.75, false}}) {
    numerics::ensemble_options options;
    options.seed = 31;
    options.networks = 4000;
    options.pair_histograms = false;
    const auto summary = numerics::summarise(numerics::enumerate_networks(
        numerics::sampled_networks(numerics::modular_ensemble{p.modules, p.module_size, p.self_coupling, p.lambda, p.ring}),
        options));
    const double theory = std::exp(theory::log_expected_fixed_points_modular(
        {p.modules, p.module_size, p.self_coupling, p.lambda, p.ring}));
    EXPECT_LT(std::abs(summary.count.mean - theory), 4.0 * summary.count.sem)
        << "M " << p.modules << " n " << p.module_size << " J_D " << p.self_coupling << " lambda " << p.lambda
        << " ring " << p.ring << ": " << summary.count.mean << " ± " << summary.count.sem << " vs " << theory;
  }
}
