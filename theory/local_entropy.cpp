#include "theory/local_entropy.hpp"

#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/toms748_solve.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"
#include "theory/pair_entropy.hpp"

namespace steer::theory {
namespace {

void check_arguments(const char* function, double delta, double self_coupling, double margin) {
  if (!(delta >= 0.0 && delta <= 1.0))
    throw std::domain_error(fmt::format("{}: delta must lie in [0, 1], got {}", function, delta));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("{}: self_coupling must be finite, got {}", function, self_coupling));
  if (!(margin >= 0.0 && std::isfinite(margin)))
    throw std::domain_error(fmt::format("{}: margin must be finite and >= 0, got {}", function, margin));
}

// weight · ln[Φ2(h, k; ρ)/Φ(h)], 0 for a zero weight; ρ given as (1 − ρ, 1 + ρ).
double weighted_log_ratio(double weight, double h, double k, double one_minus_rho, double one_plus_rho,
                          double log_reference) {
  if (weight == 0.0) return 0.0;
  const double joint = bivariate_normal_cdf_pm(h, k, one_minus_rho, one_plus_rho);
  if (joint <= 0.0)
    throw std::underflow_error(fmt::format(
        "margin_local_entropy: Phi2({}, {}; {}) underflows double (no single flip allowed when J_D - margin <= -J_D)", h,
        k, 0.5 * (one_plus_rho - one_minus_rho)));
  // Where Φ2 is close to Φ(h) (agreeing rows, ρ → 1: the ratio is 1 − O(e^{−κ²/(8δ)})) the
  // difference of the two logs would keep only its ~ε rounding, 1e−5 of V at δ = 1e−12. Instead
  // use Φ(h) − Φ2(h, k; ρ) = P(X ≤ h, Y > k) = Φ2(h, −k; −ρ): ln ratio = log1p(−Φ2(h, −k; −ρ)/Φ(h)).
  const double reference = std::exp(log_reference);
  if (joint >= 0.5 * reference && reference >= std::numeric_limits<double>::min()) {
    const double missing = bivariate_normal_cdf_pm(h, -k, one_plus_rho, one_minus_rho);
    return weight * std::log1p(-missing / reference);
  }
  return weight * (std::log(joint) - log_reference);
}

}  // namespace

double annealed_local_entropy(double delta, double self_coupling) {
  check_arguments("annealed_local_entropy", delta, self_coupling, 0.0);
  return pair_entropy_near_one(delta, self_coupling) - fixed_point_entropy(self_coupling);
}

double margin_local_entropy(double delta, double self_coupling, double margin) {
  check_arguments("margin_local_entropy", delta, self_coupling, margin);
  if (margin == 0.0) return annealed_local_entropy(delta, self_coupling);
  // Eq. (9). Rows where reference and partner agree have correlation 1 − 2δ, the others −(1 − 2δ);
  // the reference's threshold is h = J_D − κ, the partner's k = J_D. The correlations go in as
  // (1 − ρ, 1 + ρ) with the small one, 2δ, exact: at κ = 2 J_D the disagreeing rows' Φ2(−J_D, J_D;
  // −(1 − 2δ)) ~ √δ, and a rounded 1 − 2δ would cost V ~2e−6 relative at δ = 1e−12 (mpmath).
  const double h = self_coupling - margin, twice_delta = 2.0 * delta, rest = 2.0 - twice_delta;
  const double log_reference = log_normal_cdf(h);
  return binary_entropy(delta) + weighted_log_ratio(1.0 - delta, h, self_coupling, twice_delta, rest, log_reference) +
         weighted_log_ratio(delta, h, self_coupling, rest, twice_delta, log_reference);
}

local_entropy_extrema find_local_entropy_extrema(double self_coupling, double margin) {
  check_arguments("find_local_entropy_extrema", 0.0, self_coupling, margin);
  const auto potential = [self_coupling, margin](double delta) { return margin_local_entropy(delta, self_coupling, margin); };
  const std::vector<double> grid = small_distance_grid();
  std::vector<double> values;
  std::size_t best = 0;
  for (const double delta : grid) {
    values.push_back(potential(delta));
    if (values.back() < values[best]) best = values.size() - 1;
  }
  local_entropy_extrema result{0.0, 0.0, std::nullopt};
  if (best == 0 && values[0] > 0.0) return result;  // infimum V(0) = 0, no negative region
  // Brent in t = ln δ: the dip is narrow on a linear scale but a few grid cells wide in log δ.
  const double lower = std::log(best == 0 ? grid[0] : grid[best - 1]);
  const double upper = std::log(best + 1 == grid.size() ? grid[best] : grid[best + 1]);
  const auto in_log = [&potential](double t) { return potential(std::exp(t)); };
  const auto [t_min, v_min] = boost::math::tools::brent_find_minima(in_log, lower, upper, std::numeric_limits<double>::digits / 2);
  result.minimum = std::min(v_min, values[best]);
  result.argmin_delta = v_min <= values[best] ? std::exp(t_min) : grid[best];
  if (result.minimum >= 0.0) return result;
  for (std::size_t k = best + 1; k < grid.size(); ++k) {
    if (values[k] <= 0.0) continue;
    std::uintmax_t iterations = 200;
    const auto [left, right] = boost::math::tools::toms748_solve(
        potential, grid[k - 1], grid[k], values[k - 1], values[k], boost::math::tools::eps_tolerance<double>(52), iterations);
    if (iterations >= 200) throw std::runtime_error("find_local_entropy_extrema: toms748_solve did not converge");
    result.root_delta = 0.5 * (left + right);
    break;
  }
  return result;
}

}  // namespace steer::theory
