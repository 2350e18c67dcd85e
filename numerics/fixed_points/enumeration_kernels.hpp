// Inner loops of exhaustive enumeration (internal to numerics; use enumeration.hpp).
//
// A kernel visits the 2^free_bits states  base ^ x,  x < 2^free_bits  (base has its low
// free_bits bits clear) with exact integer fields (quantised_couplings.hpp): certain fixed
// points are recorded at once, ambiguous states are queued and decided exactly in batches
// (fixed_point.hpp), so a chunk's memory stays bounded whatever the matrix.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/quantised_couplings.hpp"

namespace steer::numerics::detail {

struct chunk_output {
  // Ambiguous states waiting for the exact check: at most this many (32 KiB) per chunk.
  static constexpr std::size_t pending_capacity = 4096;

  bool store_certain = true;  // false: only count fixed points (huge outputs)
  std::uint64_t count = 0;      // fixed points found (certain + ambiguous ones that passed)
  std::uint64_t ambiguous = 0;  // states that needed the exact check
  std::uint64_t nodes = 0;      // pruned kernel: partial states examined (its cost measure)
  std::vector<packed_state> fixed_points;  // if store_certain; in visiting order
  std::vector<packed_state> pending;       // ambiguous, not yet decided

  void add_fixed_point(packed_state s) {
    ++count;
    if (store_certain) fixed_points.push_back(s);
  }
  void add_ambiguous(const quantised_couplings& q, packed_state s) {
    ++ambiguous;
    pending.push_back(s);
    if (pending.size() == pending_capacity) settle(q);
  }
  // Decides the pending states exactly (is_fixed_point on q.couplings); every kernel calls it
  // before returning, so a finished chunk has nothing pending.
  void settle(const quantised_couplings& q);
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
