#include "validation/count_check.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>

#include "theory/annealed_count.hpp"
#include "theory/pair_count.hpp"

namespace steer::validation {

double pair_profile_z_threshold(int n) {
  const boost::math::normal_distribution<double> unit;
  const double single_test_alpha = 2.0 * boost::math::cdf(unit, -count_z_threshold);
  const double tests = n / 2 + 1;
  const double per_test_alpha = -std::expm1(std::log1p(-single_test_alpha) / tests);
  return boost::math::quantile(boost::math::complement(unit, per_test_alpha / 2.0));
}

double pair_z_score(const numerics::mean_with_error& measured, double theory, int d, int n, std::int64_t networks) {
  const double unit = (d == 0 || d == n) ? 2.0 : 4.0;
  const double floor = std::sqrt(unit * theory / static_cast<double>(networks));
  const double se = std::max(measured.sem, floor);
  if (se == 0.0) return measured.mean == theory ? 0.0 : HUGE_VAL;
  return (measured.mean - theory) / se;
}

count_check evaluate_count_check(const count_check_config& config, const numerics::ensemble_summary& summary) {
  count_check check;
  check.config = config;
  const int n = config.n;
  const double jd = config.self_coupling;
  const double log_mean = theory::log_expected_fixed_points(n, jd);
  check.theory_mean = std::exp(log_mean);
  // Var = E[F²] − E[F]² = E[F]² (e^{ln E[F²] − 2 ln E[F]} − 1), without cancellation.
  check.theory_sd = check.theory_mean * std::sqrt(std::expm1(theory::log_expected_squared_count(n, jd) - 2.0 * log_mean));
  check.measured = summary.count;
  const double se = check.theory_sd / std::sqrt(static_cast<double>(config.networks));
  check.z = (check.measured.mean - check.theory_mean) / se;
  check.pass = std::abs(check.z) < count_z_threshold;

  check.theory_pairs = theory::expected_pairs(n, jd);
  check.measured_pairs = summary.pairs;
  check.pair_z_threshold = pair_profile_z_threshold(n);
  check.pairs_pass = true;
  for (int d = 0; d <= n; ++d) {
    const auto k = static_cast<std::size_t>(d);
    check.pair_z.push_back(pair_z_score(check.measured_pairs[k], check.theory_pairs[k], d, n, config.networks));
    check.pairs_pass = check.pairs_pass && std::abs(check.pair_z.back()) < check.pair_z_threshold;
  }
  check.count_distribution = summary.count_distribution;
  return check;
}

count_check run_count_check(const count_check_config& config) {
  numerics::ensemble_options options;
  options.seed = config.seed;
  options.networks = config.networks;
  options.pair_histograms = true;
  options.progress = config.progress;
  const auto per_network = numerics::enumerate_ensemble({config.n, config.self_coupling, 0.0}, options);
  return evaluate_count_check(config, numerics::summarise(per_network));
}

}  // namespace steer::validation
