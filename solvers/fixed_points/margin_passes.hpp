// The two O(N) passes of margin_state (margin_state.hpp) over column k of J, the cost of every
// Metropolis proposal of simulated annealing and replicated MC: the energy change of flipping s_k
// and the flip itself. They are plain loops that GCC vectorises only from AVX2 on (an int count of
// double comparisons has no SSE2 form), so the `best` passes are compiled for x86-64-v4 (AVX-512),
// v3 (AVX2) and the portable baseline and the loader picks one per CPU (numerics/vector_clones.hpp);
// the `baseline` passes are the portable build alone, for `steer bench anneal`'s
// same-run ratio. Every path gives the same bits: c·s_i·J_ik = ±2 J_ik is exact, so
// m_i − c·s_i·J_ik is one rounding whether or not the compiler fuses it into an FMA, and the
// counts are integers.
#pragma once

#include <cstddef>

namespace steer::solvers {

struct margin_passes {
  // Σ_i [m_i − c s_i J_ik ≤ 0] − [m_i ≤ 0] over i < n (i = k included; the caller corrects it).
  int (*count_change)(const double* margins, const double* spins, const double* column, double c, std::size_t n);
  // m_i −= c s_i J_ik for every i < n; returns #{i : m_i ≤ 0} after the update.
  int (*apply_flip)(double* margins, const double* spins, const double* column, double c, std::size_t n);
};

enum class margin_isa { best, baseline };

const margin_passes& margin_passes_for(margin_isa isa);

}  // namespace steer::solvers
