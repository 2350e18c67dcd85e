#include "numerics/fixed_points/couplings.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "numerics/fixed_points/spin_state.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::numerics {

coupling_matrix::coupling_matrix(int n, std::vector<double> row_major)
    : n_(n), values_(std::move(row_major)) {
  if (n < 1) throw std::invalid_argument(fmt::format("coupling matrix: n must be >= 1, got {}", n));
  const auto expected = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  if (values_.size() != expected)
    throw std::invalid_argument(fmt::format("coupling matrix: expected {}x{} = {} entries, got {}", n,
                                            n, expected, values_.size()));
  for (std::size_t k = 0; k < values_.size(); ++k)
    if (!std::isfinite(values_[k]))
      throw std::domain_error(fmt::format("coupling matrix: entry ({}, {}) must be finite, got {}",
                                          k / n, k % n, values_[k]));
}

void coupling_ensemble::validate() const {
  if (n < 2) throw std::invalid_argument(fmt::format("n must be >= 2, got {}", n));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("self_coupling must be finite, got {}", self_coupling));
  if (!(symmetry >= -1.0 && symmetry <= 1.0))
    throw std::domain_error(fmt::format("symmetry must lie in [-1, 1], got {}", symmetry));
}

coupling_matrix sample_couplings(const coupling_ensemble& ensemble, std::uint64_t seed,
                                 std::uint64_t network) {
  ensemble.validate();
  const int n = ensemble.n;
  const double inv_sqrt_n = 1.0 / std::sqrt(static_cast<double>(n));
  const double a = std::sqrt((1.0 + ensemble.symmetry) / 2.0) * inv_sqrt_n;
  const double b = std::sqrt((1.0 - ensemble.symmetry) / 2.0) * inv_sqrt_n;
  std::vector<double> j(static_cast<std::size_t>(n) * n);
  rng_stream stream(seed, network, stream_purpose::couplings);
  for (int row = 0; row < n; ++row) {
    j[static_cast<std::size_t>(row) * n + row] = ensemble.self_coupling;
    for (int col = row + 1; col < n; ++col) {
      const double z1 = stream.standard_normal();
      const double z2 = stream.standard_normal();
      j[static_cast<std::size_t>(row) * n + col] = a * z1 + b * z2;
      j[static_cast<std::size_t>(col) * n + row] = a * z1 - b * z2;
    }
  }
  return coupling_matrix(n, std::move(j));
}

void modular_ensemble::validate() const {
  if (modules < 1) throw std::invalid_argument(fmt::format("modules must be >= 1, got {}", modules));
  if (module_size < 2) throw std::invalid_argument(fmt::format("module size must be >= 2, got {}", module_size));
  if (modules > max_packed_neurons / module_size)
    throw std::invalid_argument(fmt::format("modules x module size must be <= {}, got {} x {}", max_packed_neurons,
                                            modules, module_size));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("self_coupling must be finite, got {}", self_coupling));
  if (!std::isfinite(inter_module_coupling))
    throw std::domain_error(fmt::format("inter_module_coupling must be finite, got {}", inter_module_coupling));
}

coupling_matrix sample_modular_couplings(const modular_ensemble& ensemble, std::uint64_t seed, std::uint64_t network) {
  ensemble.validate();
  const int n = ensemble.module_size, total = ensemble.size();
  const double inv_sqrt_n = 1.0 / std::sqrt(static_cast<double>(n));
  std::vector<double> j(static_cast<std::size_t>(total) * total, 0.0);
  const auto at = [&](int row, int col) -> double& { return j[static_cast<std::size_t>(row) * total + col]; };
  rng_stream stream(seed, network, stream_purpose::couplings);
  for (int m = 0; m < ensemble.modules; ++m)
    for (int row = m * n; row < (m + 1) * n; ++row)
      for (int col = m * n; col < (m + 1) * n; ++col)
        at(row, col) = row == col ? ensemble.self_coupling : stream.standard_normal() * inv_sqrt_n;
  // Links m ↔ m+1 (and M−1 ↔ 0 on a ring of M >= 3; at M = 2 that link is the chain's own).
  const int links = ensemble.ring && ensemble.modules >= 3 ? ensemble.modules : ensemble.modules - 1;
  for (int m = 0; m < links; ++m) {
    const int next = (m + 1) % ensemble.modules;
    for (int i = 0; i < n; ++i) {
      at(m * n + i, next * n + i) = ensemble.inter_module_coupling;
      at(next * n + i, m * n + i) = ensemble.inter_module_coupling;
    }
  }
  return coupling_matrix(total, std::move(j));
}

}  // namespace steer::numerics
