#include "solvers/fixed_points/focusing_schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"
#include "solvers/fixed_points/focusing_bp_factor.hpp"

namespace steer::solvers {

std::vector<double> initial_factor_fields(int n, double randomness, std::uint64_t seed, std::uint64_t restart) {
  numerics::rng_stream stream(seed, restart, numerics::stream_purpose::focusing_bp);
  std::vector<double> fields(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (auto& u : fields) u = randomness * (2.0 * stream.uniform_open() - 1.0);
  return fields;
}

std::vector<double> checked_external_field(std::vector<double> field, int n) {
  const auto size = static_cast<std::size_t>(n);
  if (field.empty()) field.assign(size, 0.0);
  if (field.size() != size)
    throw std::invalid_argument(fmt::format("focusing BP: external field has {} entries for N = {}", field.size(), size));
  for (const double b : field)
    if (!std::isfinite(b)) throw std::invalid_argument("focusing BP: external field must be finite");
  return field;
}

void update_focusing_fields(const std::vector<double>& cavity, double polarisation, double y, double damping,
                            std::vector<double>& focusing, std::vector<double>& total) {
  for (std::size_t j = 0; j < cavity.size(); ++j) {
    // entro_node_update of BinaryCommitteeMachineFBP.jl: y − 1 replicas pull through tanh γ.
    const double focus =
        polarisation == 0.0
            ? 0.0
            : std::atanh(polarisation * std::tanh((y - 1.0) * std::atanh(polarisation * std::tanh(cavity[j]))));
    focusing[j] = clamp_fbp_field(damping * focusing[j] + (1.0 - damping) * focus);
    total[j] = cavity[j] + focusing[j];
  }
}

std::vector<double> marginals_of_fields(const std::vector<double>& total) {
  std::vector<double> m(total.size());
  std::transform(total.begin(), total.end(), m.begin(), [](double h) { return std::tanh(h); });
  return m;
}

numerics::spin_vector sign_state_of_fields(const std::vector<double>& total) {
  numerics::spin_vector s(total.size());
  for (std::size_t j = 0; j < s.size(); ++j) s[j] = total[j] >= 0.0 ? 1 : -1;
  return s;
}

solver_result run_focusing_schedule(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                                    const std::function<double(double polarisation, double y)>& iterate,
                                    const std::function<numerics::spin_vector()>& sign_state) {
  solver_result result;
  // ρ_k = k dρ for k = 0, 1, … while ρ_k < 1 (PseudoReinforcement(0:dρ:1−dρ; x = 0.5)).
  const auto steps = static_cast<int>(std::ceil(1.0 / options.rho_step - 1e-9));
  for (int step = 0; step < steps && !result.converged && result.steps < options.max_iterations; ++step) {
    const double rho = step * options.rho_step;
    const double polarisation = std::sqrt(rho);  // tanh γ with γ = atanh(√ρ)
    const double y = (2.0 - rho) / (1.0 - rho);
    for (int it = 0; it < options.iterations_per_step && result.steps < options.max_iterations; ++it) {
      ++result.steps;
      if (iterate(polarisation, y) < options.tolerance) break;
    }
    result.state = sign_state();
    result.converged = numerics::is_fixed_point(couplings, result.state);
  }
  return result;
}

}  // namespace steer::solvers
