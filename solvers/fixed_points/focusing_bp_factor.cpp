#include "solvers/fixed_points/focusing_bp_factor.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "theory/normal_probability.hpp"

namespace steer::solvers {
namespace {

double log_sum_exp(double a, double b) { return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b))); }

}  // namespace

double clamp_fbp_field(double u) { return std::clamp(u, -fbp_field_limit, fbp_field_limit); }

double fbp_log_phi(double x) {
  return x > -5.0 ? std::log(0.5 * std::erfc(-x * std::numbers::sqrt2 / 2.0)) : theory::log_normal_cdf(x);
}

double fbp_cavity_sigma(double variance) { return std::sqrt(std::max(variance, fbp_variance_floor)); }

double fbp_output_message(double self_coupling, double mean, double variance) {
  const double sigma = fbp_cavity_sigma(variance);
  return 0.5 * (fbp_log_phi((self_coupling + mean) / sigma) - fbp_log_phi((self_coupling - mean) / sigma));
}

double fbp_factor_log_weight(double self_coupling, double x, double sigma, double g) {
  return log_sum_exp(g + fbp_log_phi((self_coupling + x) / sigma), -g + fbp_log_phi((self_coupling - x) / sigma));
}

factor_slopes fbp_factor_slopes(double self_coupling, double x, double sigma, double g) {
  const double up = (self_coupling + x) / sigma, down = (self_coupling - x) / sigma;
  const double log_up = g + fbp_log_phi(up), log_down = -g + fbp_log_phi(down);
  const double total = log_sum_exp(log_up, log_down);
  const double w_up = std::exp(log_up - total), w_down = std::exp(log_down - total);
  const double r_up = theory::normal_pdf_over_cdf(up), r_down = theory::normal_pdf_over_cdf(down);
  const auto curvature = [](double u, double r) { return std::clamp(r * (u + r), 0.0, 1.0); };  // −(ln Φ)''(u)
  const double spread = r_up + r_down;
  return {(w_up * r_up - w_down * r_down) / sigma,
          (w_up * w_down * spread * spread - w_up * curvature(up, r_up) - w_down * curvature(down, r_down)) /
              (sigma * sigma)};
}

}  // namespace steer::solvers
