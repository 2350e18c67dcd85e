// The per-network results of the fixed-point ensembles as JSON units (validation/ensemble/
// unit_json.hpp), for shard files and MPI gathers of `steer enumerate` and `steer clusters`.
// Decoding checks what a network's result must satisfy, so a damaged or foreign shard is
// refused rather than merged.
#pragma once

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "numerics/fixed_points/fixed_point_geometry.hpp"
#include "validation/ensemble/unit_json.hpp"

namespace steer::validation {

// {"count", "pairs" (with pair histograms: d = 0..N, pairs[0] = count)}. Fixed-point states
// are not carried (a sharded run lists no fixed points).
unit_codec<numerics::network_fixed_points> fixed_point_count_codec(int n, bool pair_histograms);

// Every sum of numerics::network_geometry except the per-fixed-point component ids.
unit_codec<numerics::network_geometry> network_geometry_codec(int n, const numerics::geometry_options& options);

}  // namespace steer::validation
