#include "numerics/fixed_points/count_mc_energy.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "numerics/vector_clones.hpp"

namespace steer::numerics {

integer_couplings::integer_couplings(const coupling_matrix& couplings)
    : n_(couplings.size()),
      column_step_(static_cast<std::size_t>(n_) * n_, 0),
      threshold_(static_cast<std::size_t>(n_), 0) {
  if (n_ < 2) throw std::invalid_argument(fmt::format("integer_couplings: N must be >= 2, got {}", n_));
  for (int i = 0; i < n_; ++i) {
    double row_sum = 0.0;
    for (int j = 0; j < n_; ++j) row_sum += std::abs(couplings(i, j));
    // S_i = 2^(59 − ilogb(row_sum)) gives S_i·row_sum < 2^60; rounding adds at most N/2, so the
    // integer row sum, every field and s_i h̃_i + threshold stay far inside int64.
    const int exponent = row_sum > 0.0 ? 59 - std::ilogb(row_sum) : 0;
    for (int j = 0; j < n_; ++j) {
      const auto rounded = static_cast<std::int64_t>(std::llround(std::ldexp(couplings(i, j), exponent)));
      if (j == i)
        threshold_[static_cast<std::size_t>(i)] = rounded;
      else
        column_step_[static_cast<std::size_t>(j) * n_ + i] = 2 * rounded;
    }
  }
}

namespace {

// s_i x for the sign encoded by mask (0: +1, −1: −1).
inline std::int64_t signed_by(std::int64_t x, std::int64_t mask) { return (x ^ mask) - mask; }

}  // namespace

unstable_units::unstable_units(const integer_couplings& couplings, const spin_vector& state)
    : couplings_(couplings), n_(couplings.size()), negative_mask_(state.size()), field_(state.size(), 0) {
  if (static_cast<int>(state.size()) != n_)
    throw std::invalid_argument(fmt::format("unstable_units: state has {} entries, N = {}", state.size(), n_));
  for (int i = 0; i < n_; ++i) {
    if (state[i] != 1 && state[i] != -1)
      throw std::invalid_argument(fmt::format("unstable_units: entry {} is {}, not ±1", i, int{state[i]}));
    negative_mask_[i] = state[i] < 0 ? -1 : 0;
  }
  for (int i = 0; i < n_; ++i)
    for (int j = 0; j < n_; ++j) field_[i] += signed_by(couplings_.entry(i, j), negative_mask_[j]);
  energy_ = recompute_energy();
}

// Both passes are integer-exact, so every clone (numerics/vector_clones.hpp) gives the same result.
STEER_VECTOR_CLONES int unstable_units::energy_after_flip(int k) const {
  const std::int64_t* step = couplings_.column_step(k);
  const std::int64_t* threshold = couplings_.threshold().data();
  const std::int64_t mask_k = negative_mask_[k];
  int energy = 0;
  // h̃_i − s_k step_i for every i (step_k = 0), judged with the old spins ...
  for (int i = 0; i < n_; ++i) {
    const std::int64_t field = field_[i] - signed_by(step[i], mask_k);
    energy += signed_by(field, negative_mask_[i]) + threshold[i] <= 0 ? 1 : 0;
  }
  // ... then unit k with its own spin flipped (its field does not depend on s_k).
  const std::int64_t old_margin = signed_by(field_[k], mask_k) + threshold[k];
  const std::int64_t new_margin = -signed_by(field_[k], mask_k) + threshold[k];
  return energy - (old_margin <= 0 ? 1 : 0) + (new_margin <= 0 ? 1 : 0);
}

STEER_VECTOR_CLONES void unstable_units::flip(int k) {
  const std::int64_t* step = couplings_.column_step(k);
  const std::int64_t* threshold = couplings_.threshold().data();
  const std::int64_t mask_k = negative_mask_[k];
  negative_mask_[k] = ~mask_k;
  int energy = 0;
  for (int i = 0; i < n_; ++i) {
    field_[i] -= signed_by(step[i], mask_k);
    energy += signed_by(field_[i], negative_mask_[i]) + threshold[i] <= 0 ? 1 : 0;
  }
  energy_ = energy;
}

int unstable_units::recompute_energy() const {
  // Column by column (contiguous), summing 2·round(S_i J_ij) s_j and halving at the end (exact).
  std::vector<std::int64_t> twice_field(static_cast<std::size_t>(n_), 0);
  for (int j = 0; j < n_; ++j) {
    const std::int64_t* step = couplings_.column_step(j);
    for (int i = 0; i < n_; ++i) twice_field[i] += signed_by(step[i], negative_mask_[j]);
  }
  int energy = 0;
  for (int i = 0; i < n_; ++i)
    energy += signed_by(twice_field[i] / 2, negative_mask_[i]) + couplings_.threshold()[i] <= 0 ? 1 : 0;
  return energy;
}

spin_vector unstable_units::state() const {
  spin_vector s(static_cast<std::size_t>(n_));
  for (int i = 0; i < n_; ++i) s[i] = negative_mask_[i] != 0 ? -1 : 1;
  return s;
}

}  // namespace steer::numerics
