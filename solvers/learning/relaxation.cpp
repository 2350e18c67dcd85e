#include "solvers/learning/relaxation.hpp"

#include <algorithm>
#include <numeric>

#include "solvers/learning/asynchronous_sweep.hpp"

namespace steer::solvers {
namespace {

// Inference chunk (§5.4: the reference evaluates ≤ 1024 samples at a time).
constexpr Eigen::Index inference_chunk = 1024;

void extra_quirk_evaluation(const steering_network& net, batch_state& state, field_set& fields, int ignore_right) {
  if (net.parameters.reference_quirks) compute_fields(net, state, field_mode_of(ignore_right), fields);
}

void update_silence(batch_state& state) {
  state.hidden_silent = std::all_of(state.hidden.begin(), state.hidden.end(),
                                    [](const matrix_f& s) { return (s.array() == 0.0F).all(); });
}

}  // namespace

void sweep(const steering_network& net, batch_state& state, field_set& fields, field_mode mode) {
  if (net.parameters.asynchronous_sweeps) {
    asynchronous_sweep(net, state, fields, mode);
    update_silence(state);
    return;
  }
  compute_fields(net, state, mode, fields);
  const Eigen::Index batch = state.input.cols();
  if (state.update_streams.empty()) {
    for (std::size_t l = 0; l < state.hidden.size(); ++l) state.hidden[l] = fields.hidden[l].unaryExpr(&sign0);
    state.readout = fields.readout.unaryExpr(&sign0);
  } else {
    const double p = net.parameters.p_update;
    // Threads only pay off for large batches (a parallel region per sweep costs more otherwise).
    const bool parallel = double(batch) * double(state.hidden[0].rows() * Eigen::Index(state.hidden.size())) >= 1.0e5;
#pragma omp parallel for schedule(static) if (parallel)
    for (Eigen::Index b = 0; b < batch; ++b) {
      numerics::rng_stream& stream = state.update_streams[static_cast<std::size_t>(b)];
      for (std::size_t l = 0; l < state.hidden.size(); ++l) {
        for (Eigen::Index i = 0; i < state.hidden[l].rows(); ++i) {
          if (stream.uniform_open() < p) state.hidden[l](i, b) = sign0(fields.hidden[l](i, b));
        }
      }
      for (Eigen::Index c = 0; c < state.readout.rows(); ++c) {
        if (stream.uniform_open() < p) state.readout(c, b) = sign0(fields.readout(c, b));
      }
    }
  }
  update_silence(state);
}

void relax(const steering_network& net, batch_state& state, field_set& fields, int steps, int ignore_right) {
  const int inference = net.parameters.inference_ignore_right;
  for (int t = 0; t < steps; ++t) {
    sweep(net, state, fields, field_mode_of(t < net.parameters.layers ? inference : ignore_right));
  }
  extra_quirk_evaluation(net, state, fields, ignore_right);
}

void steer_dynamics(const steering_network& net, batch_state& state, field_set& fields) {
  const steering_parameters& p = net.parameters;
  relax(net, state, fields, p.steps_train, 0);
  if (!p.double_dynamics) return;
  if (p.double_update) state.first_phase_hidden = state.hidden;
  for (int t = 0; t < p.steps_train; ++t) sweep(net, state, fields, field_mode_of(3));
  extra_quirk_evaluation(net, state, fields, 3);
}

matrix_f inference_logits(const steering_network& net, const Eigen::Ref<const matrix_f>& inputs,
                          const std::vector<std::uint64_t>& sample_ids) {
  batch_state state = zero_state(net, inputs, nullptr, sample_ids);
  field_set fields;
  const int mode = net.parameters.inference_ignore_right;
  for (int t = 0; t < net.parameters.steps_eval; ++t) sweep(net, state, fields, field_mode_of(mode));
  compute_fields(net, state, field_mode_of(mode), fields);
  return fields.readout;
}

std::vector<int> argmax_columns(const matrix_f& logits) {
  std::vector<int> labels(static_cast<std::size_t>(logits.cols()));
  for (Eigen::Index b = 0; b < logits.cols(); ++b) {
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < logits.rows(); ++c) {
      if (logits(c, b) > logits(best, b)) best = c;
    }
    labels[static_cast<std::size_t>(b)] = static_cast<int>(best);
  }
  return labels;
}

void for_each_inference_chunk(const steering_network& net, const matrix_f& inputs,
                              const std::function<void(Eigen::Index, const matrix_f&)>& visit) {
  for (Eigen::Index first = 0; first < inputs.cols(); first += inference_chunk) {
    const Eigen::Index count = std::min(inference_chunk, inputs.cols() - first);
    std::vector<std::uint64_t> ids(static_cast<std::size_t>(count));
    std::iota(ids.begin(), ids.end(), inference_stream_base + static_cast<std::uint64_t>(first));
    visit(first, inference_logits(net, inputs.middleCols(first, count), ids));
  }
}

std::vector<int> predict(const steering_network& net, const matrix_f& inputs) {
  std::vector<int> labels;
  labels.reserve(static_cast<std::size_t>(inputs.cols()));
  for_each_inference_chunk(net, inputs, [&labels](Eigen::Index, const matrix_f& logits) {
    const std::vector<int> chunk = argmax_columns(logits);
    labels.insert(labels.end(), chunk.begin(), chunk.end());
  });
  return labels;
}

}  // namespace steer::solvers
