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

// The modular variant (issue 8 item 4; companion paper v2's "sparse excitatory inter-module
// connections" in place of self-coupling): M modules of n units, N = M·n, unit i of module m is
// neuron m·n + i. Inside a module J ~ N(0, 1/n) i.i.d. for every ordered pair (asymmetric), the
// diagonal is J_D; unit i of module m and unit i of modules m ± 1 are coupled by λ in both
// directions (open chain, or a ring when `ring`; a ring of M = 2 has one link per pair, not two);
// every other entry is 0.
struct modular_ensemble {
  int modules = 2;
  int module_size = 4;
  double self_coupling = 0.0;
  double inter_module_coupling = 0.0;
  bool ring = false;

  int size() const { return modules * module_size; }
  // M >= 1, n >= 2, M·n <= 64 (packed states), finite J_D and λ; throws naming the field.
  void validate() const;
};

// Network `network` under master seed `seed`: stream (seed, network, couplings) gives, module by
// module and row by row, one normal z per off-diagonal in-module entry, J = z/√n.
coupling_matrix sample_modular_couplings(const modular_ensemble& ensemble, std::uint64_t seed, std::uint64_t network);

}  // namespace steer::numerics
