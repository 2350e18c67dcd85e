#include "validation/fixed_points/count_check.hpp"

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "theory/annealed_count.hpp"
#include "theory/pair_count.hpp"
#include "validation/ensemble/group_blocks.hpp"
#include "validation/fixed_points/network_results_json.hpp"

namespace steer::validation {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// A z-score that is NaN would be a verdict nobody computed; refuse it loudly.
double checked(double z, int n, double self_coupling, const char* what) {
  if (std::isnan(z))
    throw std::logic_error(fmt::format("count check: the {} z-score is NaN at N = {}, J_D = {}", what, n, self_coupling));
  return z;
}

// ln Var[#FP] = ln E[F²] + ln(1 − E[F]²/E[F²]) without forming the difference; the ratio's log
// is ≤ 0 (clamped against rounding). −inf when the variance is 0 to double precision.
double log_count_variance(double log_mean, double log_second_moment) {
  if (log_mean == -infinity) return -infinity;
  return log_second_moment + std::log(-std::expm1(std::min(0.0, 2.0 * log_mean - log_second_moment)));
}

}  // namespace

double pair_profile_z_threshold(int n) {
  const boost::math::normal_distribution<double> unit;
  const double single_test_alpha = 2.0 * boost::math::cdf(unit, -count_z_threshold);
  const double tests = n / 2 + 1;
  const double per_test_alpha = -std::expm1(std::log1p(-single_test_alpha) / tests);
  return boost::math::quantile(boost::math::complement(unit, per_test_alpha / 2.0));
}

double count_z_score(double measured_mean, double log_theory_mean, double log_theory_second_moment,
                     std::int64_t networks) {
  if (log_theory_mean == -infinity) return measured_mean == 0.0 ? 0.0 : infinity;  // theory: never a fixed point
  const double log_se = std::max(0.5 * log_count_variance(log_theory_mean, log_theory_second_moment) - 0.5 * std::log(static_cast<double>(networks)),
                                 log_theory_mean + std::log(theory_relative_accuracy));
  // (mean − E)/se term by term, so E and se may both underflow while their ratio does not.
  const double theory_over_se = std::exp(log_theory_mean - log_se);
  if (measured_mean == 0.0) return 0.0 - theory_over_se;  // +0, not −0, when both vanish
  return measured_mean * std::exp(-log_se) - theory_over_se;  // inf − finite = inf if se underflows
}

int pair_multiplicity(int d, int n) {
  if (d == 0 || d == n) return 2;
  return 2 * d == n ? 8 : 4;
}

double pair_z_score(const numerics::mean_with_error& measured, double theory, int d, int n, std::int64_t networks) {
  const double poisson_floor = std::sqrt(pair_multiplicity(d, n) * theory / static_cast<double>(networks));
  const double se = std::max({measured.sem, poisson_floor, theory_relative_accuracy * theory});
  if (se == 0.0) return measured.mean == theory ? 0.0 : infinity;
  return (measured.mean - theory) / se;
}

double pair_profile::max_abs_z() const {
  double largest = 0.0;
  for (const double v : z) largest = std::max(largest, std::abs(v));
  return largest;
}

pair_profile judge_pair_profile(std::vector<double> theory, std::vector<numerics::mean_with_error> measured, int n,
                                std::int64_t networks) {
  if (theory.size() != static_cast<std::size_t>(n) + 1 || measured.size() != theory.size())
    throw std::invalid_argument(fmt::format("pair profile: need d = 0..{} for theory and measurement, got {} and {}", n,
                                            theory.size(), measured.size()));
  pair_profile p{std::move(theory), std::move(measured), {}, pair_profile_z_threshold(n), true};
  for (int d = 0; d <= n; ++d) {
    const auto k = static_cast<std::size_t>(d);
    p.z.push_back(pair_z_score(p.measured[k], p.theory[k], d, n, networks));
    p.pass = p.pass && std::abs(p.z.back()) < p.z_threshold;
  }
  return p;
}

count_check evaluate_count_check(const count_check_config& config, const numerics::ensemble_summary& summary) {
  count_check check;
  check.config = config;
  const int n = config.n;
  const double jd = config.self_coupling;
  check.theory_log_mean = theory::log_expected_fixed_points(n, jd);
  const double log_second_moment = theory::log_expected_squared_count(n, jd);
  check.theory_mean = std::exp(check.theory_log_mean);
  check.theory_sd = std::exp(0.5 * log_count_variance(check.theory_log_mean, log_second_moment));
  check.measured = summary.count;
  check.z = checked(count_z_score(check.measured.mean, check.theory_log_mean, log_second_moment, config.networks), n, jd,
                    "count");
  check.pass = std::abs(check.z) < count_z_threshold;

  if (summary.pairs.size() != static_cast<std::size_t>(n) + 1)
    throw std::invalid_argument(
        fmt::format("count check: need pair histograms for d = 0..{}, got {} entries", n, summary.pairs.size()));
  std::vector<double> theory_pairs;
  for (const double log_pairs : theory::log_expected_pairs(n, jd)) theory_pairs.push_back(std::exp(log_pairs));
  pair_profile profile = judge_pair_profile(std::move(theory_pairs), summary.pairs, n, config.networks);
  for (const double z : profile.z) checked(z, n, jd, "pair");
  check.theory_pairs = std::move(profile.theory);
  check.measured_pairs = std::move(profile.measured);
  check.pair_z = std::move(profile.z);
  check.pair_z_threshold = profile.z_threshold;
  check.pairs_pass = profile.pass;
  check.count_distribution = summary.count_distribution;
  return check;
}

numerics::ensemble_options ensemble_options_for(std::uint64_t seed, index_range networks, bool progress,
                                                enumeration_keeps keeps) {
  numerics::ensemble_options options;
  options.seed = seed;
  options.first_network = networks.begin;
  options.networks = networks.size();
  options.progress = progress;
  options.pair_histograms = keeps == enumeration_keeps::pair_histograms;
  options.keep_states = keeps == enumeration_keeps::fixed_points;
  return options;
}

std::vector<numerics::network_fixed_points> enumerate_on_group(const numerics::network_source& source, std::uint64_t seed,
                                                               std::int64_t networks, bool progress) {
  return compute_on_group<numerics::network_fixed_points>(
      networks, fixed_point_count_codec(source.n, true), [&](index_range block) {
        if (block.size() == 0) return std::vector<numerics::network_fixed_points>{};
        return numerics::enumerate_networks(source, ensemble_options_for(seed, block, progress, enumeration_keeps::pair_histograms));
      });
}

count_check run_count_check(const count_check_config& config) {
  const auto options =
      ensemble_options_for(config.seed, {0, config.networks}, config.progress, enumeration_keeps::pair_histograms);
  const auto per_network = numerics::enumerate_ensemble({config.n, config.self_coupling, 0.0}, options);
  return evaluate_count_check(config, numerics::summarise(per_network));
}

}  // namespace steer::validation
