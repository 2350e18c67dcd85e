// Independent reference for exactness tests: the fixed-point condition (spec eq. 1) in exact
// rational arithmetic (Boost.Multiprecision cpp_rational converts a double exactly), by brute
// force over all 2^n states. Slow (~µs per term): small n only.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics::testing {

inline int rational_margin_sign(const coupling_matrix& j, packed_state s, int i) {
  boost::multiprecision::cpp_rational margin = j(i, i);
  for (int k = 0; k < j.size(); ++k)
    if (k != i) margin += boost::multiprecision::cpp_rational(j(i, k)) * (spin(s, i) * spin(s, k));
  return margin.sign();
}

inline std::vector<packed_state> rational_fixed_points(const coupling_matrix& j) {
  std::vector<packed_state> found;
  for (packed_state s = 0; s < (packed_state{1} << j.size()); ++s) {
    bool fixed = true;
    for (int i = 0; i < j.size() && fixed; ++i) fixed = rational_margin_sign(j, s, i) > 0;
    if (fixed) found.push_back(s);
  }
  return found;
}

}  // namespace steer::numerics::testing
