// Exhaustive enumeration of the fixed points of one network (spec fixed-points-theory §7-8).
//
// All 2^N states are visited with exact integer fields (quantised_couplings.hpp): a state is
// reported iff it satisfies eq. (1) exactly for the given double couplings — states within
// the rounding band are decided in exact arithmetic (fixed_point.hpp), in bounded batches per
// chunk, so the result carries neither float drift nor rounding. Global spin flip maps fixed points to fixed points, so only
// states with s_{N−1} = +1 are visited and each fixed point found also yields −s.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

inline constexpr int max_enumeration_neurons = 40;

// avx512: Gray-code/block kernel; pruned: AVX-512 branch-and-bound (same result, skips
// subtrees that provably hold no fixed point); scalar: portable baseline.
enum class enumeration_kernel { automatic, avx512, pruned, scalar };

struct enumeration_options {
  enumeration_kernel kernel = enumeration_kernel::automatic;
  bool parallel = true;       // OpenMP over chunks of this network's state space
  bool keep_states = true;    // false: count only (for outputs too large to store)
  bool progress = false;      // progress lines on stderr, one unit per chunk
};

struct enumeration_result {
  std::uint64_t count = 0;                  // number of fixed points
  std::vector<packed_state> fixed_points;   // ascending; empty unless keep_states
  std::uint64_t ambiguous = 0;              // states decided by the exact direct check
  std::uint64_t states_visited = 0;         // 2^(N−1) (the other half by symmetry)
  const char* kernel = "";                  // "avx512", "pruned" or "scalar": what ran the bulk
};

// Throws std::invalid_argument if `kernel` cannot run on this CPU (avx512/pruned without AVX-512).
void require_kernel(enumeration_kernel kernel);
bool kernel_available(enumeration_kernel kernel);

// Throws std::invalid_argument if N < 2 or N > max_enumeration_neurons, or if the avx512
// kernel is requested on a CPU without AVX-512.
enumeration_result enumerate_fixed_points(const coupling_matrix& couplings,
                                          const enumeration_options& options = {});

}  // namespace steer::numerics
