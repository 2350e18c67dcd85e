// Coupling matrices of binary networks and the Gaussian ensemble they are drawn from
// (spec fixed-points-theory §1).
#pragma once

#include <cstdint>
#include <vector>

namespace steer::numerics {

// Dense N×N couplings, row-major: entry (i, j) is J_ij, the weight of neuron j in the input of
// neuron i; the diagonal holds the self-couplings J_ii. Every entry is finite (checked).
class coupling_matrix {
 public:
  coupling_matrix(int n, std::vector<double> row_major);

  int size() const { return n_; }
  double operator()(int i, int j) const { return values_[static_cast<std::size_t>(i) * n_ + j]; }
  const std::vector<double>& values() const { return values_; }

 private:
  int n_;
  std::vector<double> values_;
};

// The ensemble of spec §1: J_ij ~ N(0, 1/N) for i ≠ j, corr(J_ij, J_ji) = symmetry
// (0: fully asymmetric, 1: symmetric SK/Hopfield-like, -1: antisymmetric), J_ii = self_coupling.
struct coupling_ensemble {
  int n = 0;
  double self_coupling = 0.0;
  double symmetry = 0.0;

  // Throws std::invalid_argument / std::domain_error naming the bad field.
  void validate() const;
};

// Network `network` of the ensemble under master seed `seed`. For each pair i < j, two
// independent normals z1, z2 from the (seed, network, couplings) stream give
//   J_ij = (a z1 + b z2)/√N,  J_ji = (a z1 − b z2)/√N,  a = √((1+η)/2), b = √((1−η)/2),
// so both have variance 1/N and correlation a² − b² = η.
coupling_matrix sample_couplings(const coupling_ensemble& ensemble, std::uint64_t seed,
                                 std::uint64_t network);

}  // namespace steer::numerics
