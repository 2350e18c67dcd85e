#include "solvers/fixed_points/focusing_bp.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"
#include "theory/normal_probability.hpp"

namespace steer::solvers {
namespace {

// |û|, |f| ≤ 30: tanh(30) is 1 in double, so a larger field carries no more information, and
// bounded fields keep H_j − û_ij free of cancellation against a huge term.
constexpr double field_limit = 30.0;
// σ² floor: when every other input is polarised the cavity field is deterministic and Φ(x/σ)
// becomes a step; the floor keeps x/σ finite (the clamp above then decides).
constexpr double variance_floor = 1e-24;

double clamp_field(double u) { return std::clamp(u, -field_limit, field_limit); }

// ln Φ(x): std::erfc (a few ns, relative error of a few ulp) where 0.5 erfc(−x/√2) is far from
// underflow, theory::log_normal_cdf (accurate everywhere, slower) in the tail. Four per message.
double log_phi(double x) {
  return x > -5.0 ? std::log(0.5 * std::erfc(-x * std::numbers::sqrt2 / 2.0)) : theory::log_normal_cdf(x);
}

double log_sum_exp(double a, double b) { return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b))); }

// û_ik for factor i (self-coupling jd, cavity mean/variance of the other inputs) to input k with
// coupling jik, given the field g of the output s_i without factor i.
double input_message(double jd, double cavity_mean, double cavity_variance, double jik, double g) {
  const double sigma = std::sqrt(std::max(cavity_variance, variance_floor));
  const auto log_weight = [&](double sk) {
    const double mean = cavity_mean + jik * sk;  // the field h_i given s_k
    return log_sum_exp(g + log_phi((jd + mean) / sigma), -g + log_phi((jd - mean) / sigma));
  };
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
    : couplings_(couplings), n_(couplings.size()), external_field_(std::move(external_field)) {
  const auto n = static_cast<std::size_t>(n_);
  if (external_field_.empty()) external_field_.assign(n, 0.0);
  if (external_field_.size() != n)
    throw std::invalid_argument(fmt::format("focusing BP: external field has {} entries for N = {}", external_field_.size(), n));
  for (const double b : external_field_)
    if (!std::isfinite(b)) throw std::invalid_argument("focusing BP: external field must be finite");
  numerics::rng_stream stream(seed, restart, numerics::stream_purpose::focusing_bp);
  factor_fields_.resize(n * n);
  for (auto& u : factor_fields_) u = initial_randomness * (2.0 * stream.uniform_open() - 1.0);
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
    const double sigma = std::sqrt(std::max(variance, variance_floor));
    const double own = 0.5 * (log_phi((jd + mean) / sigma) - log_phi((jd - mean) / sigma));
    next[i] = clamp_field(damping * old[i] + (1.0 - damping) * own);
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
      next[k] = clamp_field(damping * old[k] + (1.0 - damping) * u);
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
  for (std::size_t j = 0; j < n; ++j) {
    // entro_node_update of BinaryCommitteeMachineFBP.jl: y − 1 replicas pull through tanh γ.
    const double focus =
        polarisation == 0.0
            ? 0.0
            : std::atanh(polarisation * std::tanh((y - 1.0) * std::atanh(polarisation * std::tanh(cavity[j]))));
    focusing_fields_[j] = clamp_field(damping * focusing_fields_[j] + (1.0 - damping) * focus);
    total_fields_[j] = cavity[j] + focusing_fields_[j];
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      magnetisations_[i * n + j] = j == i ? 0.0 : std::tanh(total_fields_[j] - factor_fields_[i * n + j]);
}

std::vector<double> focusing_bp_messages::marginals() const {
  std::vector<double> m(total_fields_.size());
  std::transform(total_fields_.begin(), total_fields_.end(), m.begin(), [](double h) { return std::tanh(h); });
  return m;
}

numerics::spin_vector focusing_bp_messages::sign_state() const {
  numerics::spin_vector s(total_fields_.size());
  for (std::size_t j = 0; j < s.size(); ++j) s[j] = total_fields_[j] >= 0.0 ? 1 : -1;
  return s;
}

solver_result focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                          std::uint64_t seed, std::uint64_t restart) {
  options.validate();
  const auto start = std::chrono::steady_clock::now();
  focusing_bp_messages messages(couplings, options.initial_randomness, seed, restart);
  solver_result result;
  // ρ_k = k dρ for k = 0, 1, … while ρ_k < 1 (PseudoReinforcement(0:dρ:1−dρ; x = 0.5)).
  const auto steps = static_cast<int>(std::ceil(1.0 / options.rho_step - 1e-9));
  for (int step = 0; step < steps && !result.converged && result.steps < options.max_iterations; ++step) {
    const double rho = step * options.rho_step;
    const double polarisation = std::sqrt(rho);  // tanh γ with γ = atanh(√ρ)
    const double y = (2.0 - rho) / (1.0 - rho);
    for (int it = 0; it < options.iterations_per_step && result.steps < options.max_iterations; ++it) {
      ++result.steps;
      if (messages.iterate(polarisation, y, options.damping) < options.tolerance) break;
    }
    result.state = messages.sign_state();
    result.converged = numerics::is_fixed_point(couplings, result.state);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

fixed_point_solver focusing_bp_solver(const focusing_bp_options& options) {
  options.validate();
  return [options](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
    return focusing_bp(couplings, options, seed, restart);
  };
}

}  // namespace steer::solvers
