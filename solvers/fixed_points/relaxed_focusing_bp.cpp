#include "solvers/fixed_points/relaxed_focusing_bp.hpp"

#include <algorithm>
#include <cmath>

#include "solvers/fixed_points/focusing_bp_factor.hpp"
#include "solvers/fixed_points/focusing_schedule.hpp"

namespace steer::solvers {

relaxed_focusing_bp_messages::relaxed_focusing_bp_messages(const numerics::coupling_matrix& couplings,
                                                           double initial_randomness, std::uint64_t seed,
                                                           std::uint64_t restart, std::vector<double> external_field)
    : couplings_(couplings),
      n_(couplings.size()),
      squared_(n_, n_),
      self_couplings_(n_),
      first_limit_(n_),
      second_limit_(n_),
      coefficients_(Eigen::VectorXd::Zero(n_)),
      own_fields_(n_),
      input_sums_(Eigen::VectorXd::Zero(n_)),
      external_field_(checked_external_field(std::move(external_field), n_)),
      focusing_fields_(static_cast<std::size_t>(n_), 0.0),
      total_fields_(static_cast<std::size_t>(n_), 0.0) {
  for (int i = 0; i < n_; ++i) {
    double largest = 0.0;
    for (int k = 0; k < n_; ++k) {
      const double jik = k == i ? 0.0 : couplings(i, k);
      squared_(i, k) = jik * jik;
      largest = std::max(largest, std::abs(jik));
    }
    self_couplings_[i] = couplings(i, i);
    // Every first-order input message J_ik A_i and second-order term J_ik² c_i stays within the
    // exact solver's |û| ≤ 30 (a row of zeros: no bound needed, the products are 0).
    first_limit_[i] = largest > 0.0 ? fbp_field_limit / largest : HUGE_VAL;
    second_limit_[i] = largest > 0.0 ? fbp_field_limit / (largest * largest) : HUGE_VAL;
  }
  // The exact solver's random initial messages, of which the relaxed form keeps the own message
  // û_kk and the column sums Σ_{i≠k} û_ik: the same initial fields H_k. Their reaction on the
  // cavity means (−Σ_j J_ij (1 − m_j²) û_ij, random signs, O(initial_randomness)) is dropped: A = 0.
  const auto initial = initial_factor_fields(n_, initial_randomness, seed, restart);
  for (int i = 0; i < n_; ++i)
    for (int k = 0; k < n_; ++k) {
      const double u = initial[static_cast<std::size_t>(i) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(k)];
      if (k == i)
        own_fields_[i] = u;
      else
        input_sums_[k] += u;
    }
  update_total_fields(0.0, 1.0, 0.0);
}

void relaxed_focusing_bp_messages::update_total_fields(double polarisation, double y, double damping) {
  std::vector<double> cavity = external_field_;
  for (int k = 0; k < n_; ++k) cavity[static_cast<std::size_t>(k)] += input_sums_[k] + own_fields_[k];
  update_focusing_fields(cavity, polarisation, y, damping, focusing_fields_, total_fields_);
}

double relaxed_focusing_bp_messages::iterate(double polarisation, double y, double damping) {
  const Eigen::Map<const row_matrix> couplings(couplings_.values().data(), n_, n_);
  Eigen::VectorXd m(n_), unpolarised(n_);
  for (int j = 0; j < n_; ++j) {
    m[j] = std::tanh(total_fields_[static_cast<std::size_t>(j)]);
    unpolarised[j] = 1.0 - m[j] * m[j];
  }
  // Cavity mean and variance of every factor (the diagonal J_ii m_i taken out of J·m).
  const Eigen::VectorXd variance = squared_ * unpolarised;
  const Eigen::VectorXd mean =
      couplings * m - self_couplings_.cwiseProduct(m) - coefficients_.cwiseProduct(variance);
  Eigen::VectorXd first(n_), second(n_);
  for (int i = 0; i < n_; ++i) {
    const double g = total_fields_[static_cast<std::size_t>(i)] - own_fields_[i];  // s_i without factor i
    const auto slopes = fbp_factor_slopes(self_couplings_[i], mean[i], fbp_cavity_sigma(variance[i]), g);
    first[i] = std::clamp(slopes.first, -first_limit_[i], first_limit_[i]);
    second[i] = std::clamp(slopes.second, -second_limit_[i], second_limit_[i]);
    own_fields_[i] = clamp_fbp_field(damping * own_fields_[i] +
                                     (1.0 - damping) * fbp_output_message(self_couplings_[i], mean[i], variance[i]));
  }
  // Σ_{i≠k} û_ik = Σ_i J_ik a_i − m_k Σ_i J_ik² c_i + O(N^{−1}) (relaxed_focusing_bp.md).
  const Eigen::VectorXd inputs = couplings.transpose() * first - self_couplings_.cwiseProduct(first) -
                                 m.cwiseProduct(squared_.transpose() * second);
  input_sums_ = damping * input_sums_ + (1.0 - damping) * inputs;
  coefficients_ = damping * coefficients_ + (1.0 - damping) * first;
  update_total_fields(polarisation, y, damping);
  double change = 0.0;
  for (int j = 0; j < n_; ++j)
    change = std::max(change, std::abs(std::tanh(total_fields_[static_cast<std::size_t>(j)]) - m[j]));
  return change;
}

std::vector<double> relaxed_focusing_bp_messages::marginals() const { return marginals_of_fields(total_fields_); }

numerics::spin_vector relaxed_focusing_bp_messages::sign_state() const { return sign_state_of_fields(total_fields_); }

solver_result relaxed_focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                                  std::uint64_t seed, std::uint64_t restart) {
  return run_focusing_bp<relaxed_focusing_bp_messages>(couplings, options, seed, restart);
}

fixed_point_solver relaxed_focusing_bp_solver(const focusing_bp_options& options) {
  return focusing_bp_solver_of<relaxed_focusing_bp_messages>(options);
}

}  // namespace steer::solvers
