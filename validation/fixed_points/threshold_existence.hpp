// "A threshold exists" for a success curve of a dynamics vs J_D (spec fixed-points-theory §5, §6):
// the papers claim that fixed points become accessible only above an algorithm-dependent
// self-coupling threshold > 0, although for every J_D > 0 they are exponentially many (annealed
// entropy ln 2 + ln Φ(J_D) > 0, spec eq. 3). Shared by `steer report` and (later) `steer thresholds`.
//
//   PASS          the 50 % crossing lies inside the grid, AND at some grid point with J_D > 0 the
//                 Wilson upper bound is < 0.5 (the dynamics fails where fixed points are
//                 exponentially many), AND at some grid point the Wilson lower bound is > 0.5;
//   FAIL          the Wilson lower bound is > 0.5 at every grid point with J_D > 0 (accessible as
//                 soon as fixed points are exponentially many, at the grid's resolution: the
//                 smallest positive J_D of the grid);
//   inconclusive  otherwise (too few networks, or the grid does not resolve the rise).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "validation/fixed_points/success_curve.hpp"

namespace steer::validation {

struct threshold_existence_verdict {
  std::string verdict;  // "PASS", "FAIL" or "inconclusive"
  std::string numbers;  // the grid points that decided it, with their Wilson bounds
};

// self_couplings strictly increasing; wilson the 95 % interval per grid point; crossing the J_D of
// 50 % on the monotone curve when it lies inside the grid.
threshold_existence_verdict threshold_existence(const std::vector<double>& self_couplings,
                                                const std::vector<proportion_interval>& wilson,
                                                const std::optional<double>& crossing);

}  // namespace steer::validation
