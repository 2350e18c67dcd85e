#include "solvers/fixed_points/margin_state.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"

namespace steer::solvers {

std::vector<double> transposed_couplings(const numerics::coupling_matrix& couplings) {
  const auto n = static_cast<std::size_t>(couplings.size());
  std::vector<double> transposed(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < n; ++k) transposed[k * n + i] = couplings.values()[i * n + k];
  return transposed;
}

margin_state::margin_state(const numerics::coupling_matrix& couplings, const std::vector<double>& transposed,
                           const numerics::spin_vector& start, margin_isa isa)
    : couplings_(couplings), transposed_(transposed), passes_(margin_passes_for(isa)), n_(couplings.size()) {
  if (start.size() != static_cast<std::size_t>(n_))
    throw std::invalid_argument(fmt::format("margin state: start has {} spins for N = {}", start.size(), n_));
  if (transposed.size() != static_cast<std::size_t>(n_) * n_)
    throw std::invalid_argument("margin state: transposed couplings do not match N");
  spins_.resize(start.size());
  for (std::size_t i = 0; i < start.size(); ++i) spins_[i] = start[i] > 0 ? 1.0 : -1.0;
  refresh();
}

void margin_state::refresh() {
  const auto n = static_cast<std::size_t>(n_);
  margins_.assign(n, 0.0);
  energy_ = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = &couplings_.values()[i * n];
    double h = 0.0;
    for (std::size_t j = 0; j < n; ++j) h += row[j] * spins_[j];
    // h included the diagonal term J_ii s_i; the margin needs s_i h_i + J_ii with h_i off-diagonal.
    margins_[i] = spins_[i] * (h - row[i] * spins_[i]) + row[i];
    energy_ += margins_[i] <= 0.0 ? 1 : 0;
  }
}

int margin_state::delta_energy(int k) const {
  const auto n = static_cast<std::size_t>(n_);
  const auto uk = static_cast<std::size_t>(k);
  const double* column = &transposed_[uk * n];
  const double c = 2.0 * spins_[uk];
  const int delta = passes_.count_change(margins_.data(), spins_.data(), column, c, n);
  // The pass treated i = k like the others; its own margin becomes −(m_k − J_kk) + J_kk.
  const double diagonal = column[uk];
  const double wrong = margins_[uk] - c * spins_[uk] * diagonal;
  const double right = 2.0 * diagonal - margins_[uk];
  return delta - (wrong <= 0.0 ? 1 : 0) + (right <= 0.0 ? 1 : 0);
}

void margin_state::flip(int k) {
  const auto n = static_cast<std::size_t>(n_);
  const auto uk = static_cast<std::size_t>(k);
  const double* column = &transposed_[uk * n];
  const double c = 2.0 * spins_[uk];
  const double own = 2.0 * column[uk] - margins_[uk];
  int energy = passes_.apply_flip(margins_.data(), spins_.data(), column, c, n);
  energy -= margins_[uk] <= 0.0 ? 1 : 0;
  margins_[uk] = own;
  energy += own <= 0.0 ? 1 : 0;
  spins_[uk] = -spins_[uk];
  energy_ = energy;
}

numerics::spin_vector margin_state::state() const {
  numerics::spin_vector s(spins_.size());
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = spins_[i] > 0.0 ? 1 : -1;
  return s;
}

bool margin_state::reached_fixed_point() {
  if (energy_ != 0) return false;
  if (numerics::is_fixed_point(couplings_, state())) return true;
  refresh();
  return false;
}

}  // namespace steer::solvers
