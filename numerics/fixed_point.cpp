#include "numerics/fixed_point.hpp"

#include <algorithm>
#include <limits>

namespace steer::numerics {

long double min_margin(const coupling_matrix& couplings, packed_state s) {
  const int n = couplings.size();
  long double smallest = std::numeric_limits<long double>::infinity();
  for (int i = 0; i < n; ++i) {
    long double field = 0.0L;
    for (int j = 0; j < n; ++j)
      if (j != i) field += static_cast<long double>(couplings(i, j)) * spin(s, j);
    smallest = std::min(smallest, spin(s, i) * field + couplings(i, i));
  }
  return smallest;
}

}  // namespace steer::numerics
