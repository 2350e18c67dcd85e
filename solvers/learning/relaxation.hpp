// The sign dynamics of the steering learner (spec steering-learning §3, §5): synchronous sweeps
// with an optional random update mask, plain relaxation, the training double dynamics with the
// feedback switched off in its second phase, and inference from the zero state.
#pragma once

#include <functional>
#include <vector>

#include "solvers/learning/local_fields.hpp"

namespace steer::solvers {

// sign with sign(0) = 0 (§3.5): a unit whose field is exactly 0 falls silent.
inline float sign0(float v) { return static_cast<float>((v > 0.0F) - (v < 0.0F)); }

// One sweep (§3.2): every field from the old state, then each unit (hidden and readout) set to
// sign(field) with probability p_update (always when p_update = 1), drawn from the sample's
// own stream so results do not depend on the batch or the thread count. With
// asynchronous_sweeps, a random-sequential sweep instead (asynchronous_sweep.hpp).
void sweep(const steering_network& net, batch_state& state, field_set& fields, field_mode mode);

// relax(state, T, ir) (§3.3): the first `warmup` = L sweeps in the inference mode, then `mode`.
// Exactly `steps` sweeps, no convergence test. Under reference_quirks the reference's logging
// evaluation after the loop is kept for its side effect on the readout (§1.3).
void relax(const steering_network& net, batch_state& state, field_set& fields, int steps, int ignore_right);

// The training dynamics (§3.4): with double_dynamics, relax(T, 0) then T sweeps in mode 3
// (feedback off, label still clamped); otherwise relax(T, 0). Leaves the state to learn from
// (and, with double_update, the phase-1 hidden state in first_phase_hidden).
void steer_dynamics(const steering_network& net, batch_state& state, field_set& fields);

// Inference (§5): zero state, relax(T_eval, inference mode), logits = readout field (C × B).
matrix_f inference_logits(const steering_network& net, const Eigen::Ref<const matrix_f>& inputs,
                          const std::vector<std::uint64_t>& sample_ids);

// argmax of each column, first index on ties (as PyTorch's argmax).
std::vector<int> argmax_columns(const matrix_f& logits);

// Inference update-mask streams are keyed by inference_stream_base + column, apart from the
// training samples' keys (epoch · P + position).
inline constexpr std::uint64_t inference_stream_base = std::uint64_t{1} << 63;

// The logits of every column of `inputs`, computed in chunks of 1024 columns (bounds the states'
// memory; results independent of the chunking: the update masks are keyed by the column index):
// `visit(first column, logits of the chunk)` for each chunk in order.
void for_each_inference_chunk(const steering_network& net, const matrix_f& inputs,
                              const std::function<void(Eigen::Index, const matrix_f&)>& visit);

// Predicted labels (argmax of the logits) for every column of `inputs`.
std::vector<int> predict(const steering_network& net, const matrix_f& inputs);

}  // namespace steer::solvers
