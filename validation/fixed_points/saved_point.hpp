// A finished (N, J_D) point of `steer report`, saved so that an interrupted sweep resumes
// (DESIGN.md, Long runs). The cache is only as good as its key and its validation: a point is
// reused only when every parameter that changes its result and the program version match and
// every field is well-formed and self-consistent; anything else is a reason to recompute.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "numerics/fixed_points/ensemble_enumeration.hpp"

namespace steer::validation {

struct point_key {
  int n = 0;
  double self_coupling = 0.0;
  std::int64_t networks = 0;
  std::uint64_t seed = 0;
  std::string program_version;
};

// <points_dir>/n{N}_jd{J_D}_m{networks}_seed{seed}.json: runs with other parameters sharing a
// directory keep their own points instead of overwriting each other's.
std::filesystem::path saved_point_file(const std::filesystem::path& points_dir, const point_key& key);

// The JSON text of a finished point (format 2: key + mean ± SEM of the count and of each pair
// distance + the distribution of #FP).
std::string saved_point_text(const point_key& key, const numerics::ensemble_summary& summary);

// The summary saved in `file` if it exists, matches `key` and validates. Otherwise nullopt,
// with `reason` saying why ("" when the file does not exist, so no note is needed).
std::optional<numerics::ensemble_summary> load_saved_point(const std::filesystem::path& file, const point_key& key,
                                                           std::string& reason);

}  // namespace steer::validation
