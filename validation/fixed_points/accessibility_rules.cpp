#include "validation/fixed_points/accessibility_rules.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <stdexcept>

#include "theory/pair_count.hpp"

namespace steer::validation {

double count_mc_z_threshold(int walks, int comparisons) {
  if (walks < 2 || comparisons < 1)
    throw std::invalid_argument(fmt::format("count_mc_z_threshold: needs walks >= 2 and comparisons >= 1, got {} and {}",
                                            walks, comparisons));
  const boost::math::students_t t(walks - 1);
  return boost::math::quantile(boost::math::complement(t, count_mc_family_alpha / comparisons / 2.0));
}

double quenched_jensen_gap(int n, double self_coupling) {
  return 0.5 * theory::log_second_moment_ratio(n, self_coupling) / n;
}

std::string quenched_band_verdict(double mean, double sem, double annealed, double gap) {
  constexpr double sigmas = 4.0;
  return mean >= annealed - gap - sigmas * sem && mean <= annealed + sigmas * sem ? "PASS" : "FAIL";
}

}  // namespace steer::validation
