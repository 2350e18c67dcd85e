// A finished (N, J_D) point of `steer report`, saved so that an interrupted sweep resumes
// (DESIGN.md, Long runs) through the project's one resume format, the saved-unit store
// (validation/ensemble/saved_unit.hpp): the point is unit 0 of a store whose key holds every
// parameter that changes its result and the steer version. A point is reused only when the key
// matches and every field is well-formed and self-consistent; anything else is a reason to recompute.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "validation/ensemble/saved_unit.hpp"

namespace steer::validation {

struct point_key {
  int n = 0;
  double self_coupling = 0.0;
  std::int64_t networks = 0;
  std::uint64_t seed = 0;
  std::string program_version;
};

// <points_dir>/n{N}_jd{J_D}_m{networks}_seed{seed}_unit0.json, keyed "report" + the point's
// parameters + version: runs with other parameters sharing a directory keep their own points.
saved_unit_store saved_point_store(const std::filesystem::path& points_dir, const point_key& key);

// Mean ± SEM of the count and of each pair distance d = 0..N, and the distribution of #FP over
// the `networks` networks. `decode` checks the shape (N + 1 pair entries, [mean, sem] pairs of
// finite non-negative numbers, distinct #FP) and the self-consistency (the distribution covers
// every network and reproduces the mean count, which is also pairs[0]).
unit_codec<numerics::ensemble_summary> ensemble_summary_codec(int n, std::int64_t networks);

}  // namespace steer::validation
