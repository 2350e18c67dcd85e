#include "solvers/learning/local_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace steer::solvers {

using numerics::panel_product;

namespace {

// noisy_zeros (spec §3.1): units numbered l·H + i (hidden) and L·H + c (readout); unit u is in the
// batch's mask when draw u of the stream (seed, first sample id, learning_noise_mask) is below
// init_noise, and a masked unit of sample b takes the sign of the next draw of (seed, id_b,
// learning_noise_sign) — one draw per masked unit, in unit order.
void add_initial_noise(const steering_parameters& p, batch_state& s, const std::vector<std::uint64_t>& sample_ids) {
  const Eigen::Index hidden = p.hidden, units = p.layers * hidden + p.classes;
  numerics::rng_stream mask_stream(p.seed, sample_ids.front(), numerics::stream_purpose::learning_noise_mask);
  std::vector<Eigen::Index> masked;
  for (Eigen::Index u = 0; u < units; ++u) {
    if (mask_stream.uniform_open() < p.init_noise) masked.push_back(u);
  }
  for (std::size_t b = 0; b < sample_ids.size(); ++b) {
    numerics::rng_stream sign_stream(p.seed, sample_ids[b], numerics::stream_purpose::learning_noise_sign);
    const auto column = static_cast<Eigen::Index>(b);
    for (const Eigen::Index u : masked) {
      const float value = (sign_stream.next_u64() & 1U) != 0 ? 1.0F : -1.0F;
      if (u < p.layers * hidden) {
        s.hidden[static_cast<std::size_t>(u / hidden)](u % hidden, column) = value;
      } else {
        s.readout(u - p.layers * hidden, column) = value;
      }
    }
  }
  s.hidden_silent = std::all_of(s.hidden.begin(), s.hidden.end(), [](const matrix_f& h) { return (h.array() == 0.0F).all(); });
}

}  // namespace

field_mode field_mode_of(int ignore_right) {
  switch (ignore_right) {
    case 0: return {true, true, true, true};
    case 1: return {false, false, false, false};
    case 2: return {true, true, true, false};
    case 3: return {true, false, false, true};
    case 4: return {true, false, false, false};
    default: throw std::invalid_argument(fmt::format("ignore_right mode must be in 0..4, got {}", ignore_right));
  }
}

batch_state zero_state(const steering_network& net, const Eigen::Ref<const matrix_f>& inputs, const int* labels,
                       const std::vector<std::uint64_t>& sample_ids) {
  const steering_parameters& p = net.parameters;
  const Eigen::Index batch = inputs.cols();
  batch_state s;
  s.input = inputs;
  s.label = matrix_f::Constant(p.classes, batch, -1.0F);
  if (labels != nullptr) {
    for (Eigen::Index b = 0; b < batch; ++b) s.label(labels[b], b) = 1.0F;
  }
  s.readout = matrix_f::Zero(p.classes, batch);
  for (const hidden_layer& layer : net.layers) {
    s.hidden.push_back(matrix_f::Zero(p.hidden, batch));
    matrix_f drive = matrix_f::Zero(p.hidden, batch);
    if (layer.input_skip.size() != 0) panel_product(layer.input_skip, inputs, drive, false);
    if (layer.bias.size() != 0) drive.colwise() += layer.bias;
    s.input_drive.push_back(std::move(drive));
  }
  if (p.init_mode == initial_state_mode::input) {  // §3.1, P9
    for (matrix_f& layer : s.hidden) layer.topRows(p.inputs) = inputs;
    if (labels != nullptr) {
      for (Eigen::Index b = 0; b < batch; ++b) s.readout(labels[b], b) = 1.0F;
    }
    s.hidden_silent = false;
  }
  if (p.init_mode == initial_state_mode::noisy_zeros && labels != nullptr && batch > 0) add_initial_noise(p, s, sample_ids);
  if (p.p_update < 1.0) {
    for (const std::uint64_t id : sample_ids) s.update_streams.emplace_back(p.seed, id, numerics::stream_purpose::learning_update_mask);
  }
  if (p.asynchronous_sweeps) {
    for (const std::uint64_t id : sample_ids) s.order_streams.emplace_back(p.seed, id, numerics::stream_purpose::learning_sweep_order);
  }
  return s;
}

float readout_remap(float value, float half_sqrt_classes) { return value == -1.0F ? -0.5F : value * half_sqrt_classes; }

void compute_fields(const steering_network& net, batch_state& state, field_mode mode, field_set& fields) {
  const steering_parameters& p = net.parameters;
  const auto last = static_cast<std::size_t>(p.layers - 1);
  const auto half_sqrt_c = static_cast<float>(std::sqrt(double(p.classes)) / 2.0);
  auto remap = [half_sqrt_c](float v) { return readout_remap(v, half_sqrt_c); };
  matrix_f remapped;
  if (p.reference_quirks) {
    state.readout = state.readout.unaryExpr(remap).eval();  // P2: in place, compounds on re-evaluation
  } else {
    remapped = state.readout.unaryExpr(remap);
  }
  const matrix_f& feedback = p.reference_quirks ? state.readout : remapped;
  fields.hidden.resize(net.layers.size());
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const hidden_layer& layer = net.layers[l];
    matrix_f& h = fields.hidden[l];
    h = state.input_drive[l];
    if (!state.hidden_silent) panel_product(layer.internal, state.hidden[l], h, true);
    const auto add_inter = [&](const inter_layer_coupling& c, const matrix_f& source) {
      if (c.learned()) {
        panel_product(c.dense, source, h, true);
      } else if (c.one_to_one != 0.0F) {
        h += c.one_to_one * source;
      }
    };
    if (l > 0) add_inter(layer.forward, state.hidden[l - 1]);
    if (l < last && mode.backward) add_inter(layer.backward, state.hidden[l + 1]);
    if (l == last && mode.wback) panel_product(net.w_back, feedback, h, true);
    if (l < last && mode.wback_skip && layer.wback_skip.size() != 0) panel_product(layer.wback_skip, feedback, h, true);
  }
  fields.readout.resize(p.classes, state.input.cols());
  panel_product(net.w_forth, state.hidden[last], fields.readout, false);
  for (std::size_t l = 0; l < last; ++l) {
    if (net.layers[l].wforth_skip.size() != 0) panel_product(net.layers[l].wforth_skip, state.hidden[l], fields.readout, true);
  }
  if (mode.label) fields.readout += static_cast<float>(p.lambda_y) * state.label;
}

}  // namespace steer::solvers
