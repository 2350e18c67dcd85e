#include "numerics/fixed_points/couplings.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

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

}  // namespace steer::numerics
