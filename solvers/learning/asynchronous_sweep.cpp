#include "solvers/learning/asynchronous_sweep.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "solvers/learning/relaxation.hpp"

namespace steer::solvers {
namespace {

// field += delta · (column `unit` of the coupling c), c = one_to_one·I (+ dense when learned).
void add_inter_column(const inter_layer_coupling& c, Eigen::Index unit, float delta, Eigen::Ref<vector_f> field) {
  if (c.learned()) {
    field += delta * c.dense.col(unit);
  } else if (c.one_to_one != 0.0F) {
    field(unit) += delta * c.one_to_one;
  }
}

// A hidden unit of layer l changed by delta: every field it enters (spec §2) moves by delta times
// its coupling column — J^l, F^{l+1}, Bk^{l-1} (when the mode keeps it), W_forth or Wforth_skip^l.
void hidden_flip(const steering_network& net, field_set& fields, field_mode mode, std::size_t l, Eigen::Index i,
                 Eigen::Index b, float delta) {
  const std::size_t last = net.layers.size() - 1;
  fields.hidden[l].col(b) += delta * net.layers[l].internal.col(i);
  if (l < last) add_inter_column(net.layers[l + 1].forward, i, delta, fields.hidden[l + 1].col(b));
  if (l > 0 && mode.backward) add_inter_column(net.layers[l - 1].backward, i, delta, fields.hidden[l - 1].col(b));
  const matrix_f& readout = l == last ? net.w_forth : net.layers[l].wforth_skip;
  if (readout.size() != 0) fields.readout.col(b) += delta * readout.col(i);
}

// A readout unit changed its feedback value φ(ŷ_c) by delta: W_back into the last layer and the
// Wback_skip into the lower ones, when the mode keeps them.
void readout_flip(const steering_network& net, field_set& fields, field_mode mode, Eigen::Index c, Eigen::Index b,
                  float delta) {
  const std::size_t last = net.layers.size() - 1;
  if (mode.wback) fields.hidden[last].col(b) += delta * net.w_back.col(c);
  for (std::size_t l = 0; l < last; ++l) {
    if (mode.wback_skip && net.layers[l].wback_skip.size() != 0) fields.hidden[l].col(b) += delta * net.layers[l].wback_skip.col(c);
  }
}

}  // namespace

std::vector<std::uint32_t> random_sweep_order(numerics::rng_stream& stream, std::size_t units) {
  std::vector<std::uint32_t> order(units);
  for (std::size_t u = 0; u < units; ++u) order[u] = static_cast<std::uint32_t>(u);
  for (std::size_t i = units; i > 1; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(order[i - 1], order[pick(stream)]);
  }
  return order;
}

void update_in_order(const steering_network& net, batch_state& state, field_set& fields, field_mode mode,
                     Eigen::Index column, const std::vector<std::uint32_t>& order, numerics::rng_stream* mask) {
  const steering_parameters& p = net.parameters;
  const auto h = static_cast<std::uint32_t>(p.hidden);
  const auto hidden_units = h * static_cast<std::uint32_t>(p.layers);
  const auto half_sqrt_c = static_cast<float>(std::sqrt(double(p.classes)) / 2.0);
  for (const std::uint32_t unit : order) {
    if (mask != nullptr && !(mask->uniform_open() < p.p_update)) continue;
    if (unit < hidden_units) {
      const std::size_t l = unit / h;
      const Eigen::Index i = unit % h;
      float& s = state.hidden[l](i, column);
      const float next = sign0(fields.hidden[l](i, column));
      if (next != s) hidden_flip(net, fields, mode, l, i, column, next - s);
      s = next;
    } else {
      const Eigen::Index c = unit - hidden_units;
      float& y = state.readout(c, column);
      const float next = sign0(fields.readout(c, column));
      if (next != y) readout_flip(net, fields, mode, c, column, readout_remap(next, half_sqrt_c) - readout_remap(y, half_sqrt_c));
      y = next;
    }
  }
}

void asynchronous_sweep(const steering_network& net, batch_state& state, field_set& fields, field_mode mode) {
  compute_fields(net, state, mode, fields);
  const Eigen::Index batch = state.input.cols();
  const std::size_t units = static_cast<std::size_t>(net.parameters.hidden) * net.layers.size() +
                            static_cast<std::size_t>(net.parameters.classes);
  const bool masked = !state.update_streams.empty();
  // zero_state fills the streams only when the parameters ask for them (asynchronous_sweeps, p_update < 1).
  const auto columns = static_cast<std::size_t>(batch);
  if (state.order_streams.size() != columns || (masked && state.update_streams.size() != columns)) {
    throw std::logic_error(fmt::format("asynchronous_sweep: the state holds {} order stream(s) and {} update stream(s) for {} "
                                       "column(s); it needs one order stream per column (a zero_state built with "
                                       "asynchronous_sweeps)",
                                       state.order_streams.size(), state.update_streams.size(), columns));
  }
  // Threads only pay off for inference-sized batches: with a training batch (B = 16) a parallel
  // region per sweep costs more than it saves on a shared machine (measured 30× slower at H = 400).
  const bool parallel = double(batch) * double(units) * double(net.parameters.hidden) >= 1.0e8;
#pragma omp parallel for schedule(dynamic, 1) if (parallel)
  for (Eigen::Index b = 0; b < batch; ++b) {
    const std::vector<std::uint32_t> order = random_sweep_order(state.order_streams[static_cast<std::size_t>(b)], units);
    update_in_order(net, state, fields, mode, b, order, masked ? &state.update_streams[static_cast<std::size_t>(b)] : nullptr);
  }
}

}  // namespace steer::solvers
