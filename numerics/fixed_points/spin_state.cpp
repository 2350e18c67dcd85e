#include "numerics/fixed_points/spin_state.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace steer::numerics {

packed_state pack(const std::vector<int>& spins) {
  if (spins.size() > static_cast<std::size_t>(max_packed_neurons))
    throw std::invalid_argument(
        fmt::format("pack: at most {} neurons fit a packed state, got {}", max_packed_neurons, spins.size()));
  packed_state s = 0;
  for (std::size_t i = 0; i < spins.size(); ++i) {
    if (spins[i] != 1 && spins[i] != -1)
      throw std::invalid_argument(fmt::format("pack: spin {} must be +1 or -1, got {}", i, spins[i]));
    if (spins[i] == 1) s |= packed_state{1} << i;
  }
  return s;
}

std::vector<int> unpack(packed_state s, int n) {
  std::vector<int> spins(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) spins[static_cast<std::size_t>(i)] = spin(s, i);
  return spins;
}

}  // namespace steer::numerics
