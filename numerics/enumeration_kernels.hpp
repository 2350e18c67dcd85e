// Inner loops of exhaustive enumeration (internal to numerics; use enumeration.hpp).
//
// A kernel visits the 2^free_bits states  base ^ x,  x < 2^free_bits  (base has its low
// free_bits bits clear) with exact integer fields (quantised_couplings.hpp) and sorts every
// state that is not certainly rejected into `certain` or `ambiguous`.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/quantised_couplings.hpp"

namespace steer::numerics::detail {

struct chunk_output {
  bool store_certain = true;  // false: only count certain fixed points (huge outputs)
  std::uint64_t certain_count = 0;
  std::uint64_t nodes = 0;  // pruned kernel: partial states examined (its cost measure)
  std::vector<packed_state> certain;
  std::vector<packed_state> ambiguous;
};

using chunk_kernel = void (*)(const quantised_couplings&, packed_state base, int free_bits,
                              chunk_output& out);

// AVX-512F/BW kernel: 16 neurons per register, the low free bits handled as a precomputed
// block of partial fields. Compiled with a target attribute; call only if cpu_has_avx512().
void enumerate_chunk_avx512(const quantised_couplings& q, packed_state base, int free_bits,
                            chunk_output& out);
bool cpu_has_avx512();

// AVX-512 branch-and-bound kernel (enumeration_kernel_pruned.cpp): same output, skips
// subtrees that provably hold no candidate. Same CPU requirement.
void enumerate_chunk_pruned(const quantised_couplings& q, packed_state base, int free_bits, chunk_output& out);

// Plain scalar Gray-code loop with incremental fields: the portable fallback and the
// baseline of `steer bench enumerate` (compiled without auto-vectorisation).
void enumerate_chunk_scalar(const quantised_couplings& q, packed_state base, int free_bits,
                            chunk_output& out);

}  // namespace steer::numerics::detail
