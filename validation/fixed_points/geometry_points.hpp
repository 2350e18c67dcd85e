// Saved points of the report's geometry section (geometry_report.hpp), in the project's one resume
// format (validation/ensemble/saved_unit.hpp): each point is unit 0 of a store keyed by every
// parameter that changes its result plus the steer version. An enumerated cluster point holds
// every network's geometry sums (re-summarised on load, so that theory and verdicts are always
// recomputed); a modular count point is an ensemble summary (saved_point.hpp's codec).
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/fixed_point_geometry.hpp"
#include "validation/ensemble/unit_json.hpp"

namespace steer::validation {

// {"networks": [one network_geometry_codec unit per network]}; decode checks that there are
// `networks` of them, each with `options.max_distance` distances and N + 1 nearest distances.
// Component ids are not saved (the report does not list them).
unit_codec<std::vector<numerics::network_geometry>> cluster_point_codec(int n, std::int64_t networks,
                                                                        const numerics::geometry_options& options);

}  // namespace steer::validation
