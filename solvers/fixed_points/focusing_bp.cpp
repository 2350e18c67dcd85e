#include "solvers/fixed_points/focusing_bp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "solvers/fixed_points/focusing_bp_factor.hpp"
#include "solvers/fixed_points/focusing_schedule.hpp"

namespace steer::solvers {
namespace {

// û_ik for factor i (self-coupling jd, cavity mean/variance of the other inputs) to input k with
// coupling jik, given the field g of the output s_i without factor i: ½[F_i(μ_i\k + J_ik) − F_i(μ_i\k − J_ik)].
double input_message(double jd, double cavity_mean, double cavity_variance, double jik, double g) {
  const double sigma = fbp_cavity_sigma(cavity_variance);
  const auto log_weight = [&](double sk) { return fbp_factor_log_weight(jd, cavity_mean + jik * sk, sigma, g); };
  return 0.5 * (log_weight(1.0) - log_weight(-1.0));
}

}  // namespace

void focusing_bp_options::validate() const {
  if (!(rho_step > 0.0 && rho_step < 1.0))
    throw std::invalid_argument(fmt::format("focusing BP: rho_step must be in (0, 1), got {}", rho_step));
  if (iterations_per_step < 1)
    throw std::invalid_argument(fmt::format("focusing BP: iterations_per_step must be >= 1, got {}", iterations_per_step));
  if (!(std::isfinite(tolerance) && tolerance > 0.0))
    throw std::invalid_argument(fmt::format("focusing BP: tolerance must be finite and > 0, got {}", tolerance));
  if (!(damping >= 0.0 && damping < 1.0))
    throw std::invalid_argument(fmt::format("focusing BP: damping must be in [0, 1), got {}", damping));
  if (!(std::isfinite(initial_randomness) && initial_randomness >= 0.0))
    throw std::invalid_argument(
        fmt::format("focusing BP: initial_randomness must be finite and >= 0, got {}", initial_randomness));
  if (max_iterations < 1)
    throw std::invalid_argument(fmt::format("focusing BP: max_iterations must be >= 1, got {}", max_iterations));
}

focusing_bp_messages::focusing_bp_messages(const numerics::coupling_matrix& couplings, double initial_randomness,
                                           std::uint64_t seed, std::uint64_t restart, std::vector<double> external_field)
    : couplings_(couplings),
      n_(couplings.size()),
      factor_fields_(initial_factor_fields(n_, initial_randomness, seed, restart)),
      external_field_(checked_external_field(std::move(external_field), n_)) {
  const auto n = static_cast<std::size_t>(n_);
  next_fields_.resize(n * n);
  magnetisations_.assign(n * n, 0.0);
  focusing_fields_.assign(n, 0.0);
  total_fields_.assign(n, 0.0);
  update_variables(0.0, 1.0, 0.0);
}

double focusing_bp_messages::iterate(double polarisation, double y, double damping, cavity_sums method) {
  const auto n = static_cast<std::size_t>(n_);
  const double* J = couplings_.values().data();
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = J + i * n;
    const double* m = &magnetisations_[i * n];
    double mean = 0.0, variance = 0.0;
    for (std::size_t j = 0; j < n; ++j)
      if (j != i) {
        mean += row[j] * m[j];
        variance += row[j] * row[j] * (1.0 - m[j] * m[j]);
      }
    const double jd = row[i];
    const double* old = &factor_fields_[i * n];
    double* next = &next_fields_[i * n];
    next[i] = clamp_fbp_field(damping * old[i] + (1.0 - damping) * fbp_output_message(jd, mean, variance));
    const double g = total_fields_[i] - old[i];
    for (std::size_t k = 0; k < n; ++k) {
      if (k == i) continue;
      double cavity_mean = mean - row[k] * m[k];
      double cavity_variance = variance - row[k] * row[k] * (1.0 - m[k] * m[k]);
      if (method == cavity_sums::recomputed) {
        cavity_mean = 0.0;
        cavity_variance = 0.0;
        for (std::size_t j = 0; j < n; ++j)
          if (j != i && j != k) {
            cavity_mean += row[j] * m[j];
            cavity_variance += row[j] * row[j] * (1.0 - m[j] * m[j]);
          }
      }
      const double u = input_message(jd, cavity_mean, cavity_variance, row[k], g);
      next[k] = clamp_fbp_field(damping * old[k] + (1.0 - damping) * u);
    }
  }
  factor_fields_.swap(next_fields_);
  const std::vector<double> previous = magnetisations_;
  update_variables(polarisation, y, damping);
  double change = 0.0;
  for (std::size_t e = 0; e < n * n; ++e) change = std::max(change, std::abs(magnetisations_[e] - previous[e]));
  return change;
}

void focusing_bp_messages::update_variables(double polarisation, double y, double damping) {
  const auto n = static_cast<std::size_t>(n_);
  std::vector<double> cavity = external_field_;  // H_j − f_j: every factor's field plus b_j
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) cavity[j] += factor_fields_[i * n + j];
  update_focusing_fields(cavity, polarisation, y, damping, focusing_fields_, total_fields_);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      magnetisations_[i * n + j] = j == i ? 0.0 : std::tanh(total_fields_[j] - factor_fields_[i * n + j]);
}

std::vector<double> focusing_bp_messages::marginals() const { return marginals_of_fields(total_fields_); }

numerics::spin_vector focusing_bp_messages::sign_state() const { return sign_state_of_fields(total_fields_); }

solver_result focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                          std::uint64_t seed, std::uint64_t restart) {
  return run_focusing_bp<focusing_bp_messages>(couplings, options, seed, restart);
}

fixed_point_solver focusing_bp_solver(const focusing_bp_options& options) {
  return focusing_bp_solver_of<focusing_bp_messages>(options);
}

}  // namespace steer::solvers
