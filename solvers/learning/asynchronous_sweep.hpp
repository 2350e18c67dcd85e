// Asynchronous (random-sequential) sweeps of the steering learner: an extension — the reference
// has synchronous sweeps only (spec steering-learning §3.2). Each sweep visits every unit of a
// sample once (hidden units of every layer and the readout) in a fresh random order, and sets the
// visited unit to sign(its current field), so a unit sees every earlier flip of the same sweep.
#pragma once

#include <cstdint>
#include <vector>

#include "solvers/learning/local_fields.hpp"

namespace steer::solvers {

// Unit numbering of one sample: hidden unit i of layer l is l·H + i, readout unit c is L·H + c.
// A uniformly random permutation of 0..units−1 (Fisher–Yates with Boost's exact integer draw).
std::vector<std::uint32_t> random_sweep_order(numerics::rng_stream& stream, std::size_t units);

// Visits the units of column `column` in `order`: each is set to sign(field) (with probability
// p_update, from `mask` when it is not null), and the fields of that column are updated
// incrementally (O(H) per flip) through every coupling the mode keeps. `fields` must hold the
// fields of the current state under `mode` on entry; they hold those of the new state on return.
void update_in_order(const steering_network& net, batch_state& state, field_set& fields, field_mode mode,
                     Eigen::Index column, const std::vector<std::uint32_t>& order, numerics::rng_stream* mask);

// One asynchronous sweep of every column: fields recomputed from scratch (the bounded refresh
// that keeps float drift to one sweep), then each column in its own random order drawn from its
// stream (seed, sample id, learning_sweep_order) — results do not depend on the thread count.
void asynchronous_sweep(const steering_network& net, batch_state& state, field_set& fields, field_mode mode);

}  // namespace steer::solvers
