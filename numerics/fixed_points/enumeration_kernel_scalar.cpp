// Built with -fno-tree-vectorize (numerics/CMakeLists.txt): this is the scalar baseline.
#include <bit>

#include "numerics/fixed_points/enumeration_kernels.hpp"

namespace steer::numerics::detail {

void enumerate_chunk_scalar(const quantised_couplings& q, packed_state base, int free_bits,
                            chunk_output& out) {
  const int n = q.n;
  const auto lanes = static_cast<std::size_t>(q.lanes);
  std::vector<std::int32_t> field = q.partial_fields(base, 0);
  packed_state state = base;
  const std::uint64_t steps = std::uint64_t{1} << free_bits;
  for (std::uint64_t g = 1;; ++g) {
    bool candidate = true;
    for (int i = 0; i < n && candidate; ++i) {
      const std::int32_t stability = spin(state, i) > 0 ? field[i] : -field[i];
      candidate = stability > q.lower[i];
    }
    if (candidate) {
      bool certain = true;
      for (int i = 0; i < n && certain; ++i)
        certain = (spin(state, i) > 0 ? field[i] : -field[i]) > q.upper[i];
      if (certain) {
        out.add_fixed_point(state);
      } else {
        out.add_ambiguous(q, state);
      }
    }
    if (g == steps) break;
    // Gray code: step g flips bit ctz(g).
    const int j = std::countr_zero(g);
    state ^= packed_state{1} << j;
    const std::int32_t* step = q.column_step.data() + static_cast<std::size_t>(j) * lanes;
    if (spin(state, j) > 0) {
      for (int i = 0; i < n; ++i) field[i] += step[i];
    } else {
      for (int i = 0; i < n; ++i) field[i] -= step[i];
    }
  }
  out.settle(q);
}

}  // namespace steer::numerics::detail
