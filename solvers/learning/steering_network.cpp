#include "solvers/learning/steering_network.hpp"

#include <cmath>

#include "numerics/rng_stream.hpp"
#include "solvers/learning/coupling_ties.hpp"

namespace steer::solvers {
namespace {

// Stream ids of the raw Gaussian matrices: fixed forever, as they determine every result.
enum matrix_id : std::uint64_t { internal_id = 0, forward_id = 100, backward_id = 200, input_skip_id = 300,
                                 bias_id = 400, w_back_id = 1000, w_forth_id = 1001 };

matrix_f gaussian(Eigen::Index rows, Eigen::Index cols, double scale, std::uint64_t seed, std::uint64_t id) {
  numerics::rng_stream stream(seed, id, numerics::stream_purpose::learning_couplings);
  matrix_f m(rows, cols);
  for (Eigen::Index c = 0; c < cols; ++c) {
    for (Eigen::Index r = 0; r < rows; ++r) m(r, c) = static_cast<float>(scale * stream.standard_normal());
  }
  return m;
}

// F^l or Bk^l (§1.2): λ_fc·G/√H + λ·I when learned and not zero_fc_init, λ·I otherwise.
inter_layer_coupling inter_layer(const steering_parameters& p, bool learned, double one_to_one, std::uint64_t id) {
  inter_layer_coupling c;
  c.one_to_one = static_cast<float>(one_to_one);
  if (!learned) return c;
  const double scale = p.zero_fc_init ? 0.0 : p.lambda_fc / std::sqrt(double(p.hidden));
  c.dense = gaussian(p.hidden, p.hidden, scale, p.seed, id);
  c.dense.diagonal().array() += c.one_to_one;
  return c;
}

}  // namespace

steering_network::steering_network(const steering_parameters& p) : parameters(p) {
  p.validate();
  const double h = p.hidden, n = p.inputs, c = p.classes;
  for (int l = 0; l < p.layers; ++l) {
    hidden_layer layer;
    const double strength = p.internal_strength(l);
    // Diagonal set to J_D before the λ_internal factor (§1.2), so diag = λ_internal·J_D.
    layer.internal = gaussian(p.hidden, p.hidden, strength / std::sqrt(h), p.seed, internal_id + l);
    layer.diagonal = static_cast<float>(strength * p.self_coupling);
    layer.internal.diagonal().setConstant(layer.diagonal);
    if (p.symmetric_J_init) layer.internal = (0.5F * (layer.internal + layer.internal.transpose())).eval();
    if (p.input_skip_strength(l) != 0.0) {
      layer.input_skip = gaussian(p.hidden, p.inputs, p.input_skip_strength(l) / std::sqrt(n), p.seed, input_skip_id + l);
    }
    if (l > 0) layer.forward = inter_layer(p, p.fc_left, p.lambda_l, forward_id + l);
    if (l < p.layers - 1) layer.backward = inter_layer(p, p.fc_right, p.lambda_r, backward_id + l);
    if (p.bias_std != 0.0) layer.bias = gaussian(p.hidden, 1, p.bias_std, p.seed, bias_id + l);
    layers.push_back(std::move(layer));
  }
  w_back = gaussian(p.hidden, p.classes, p.lambda_wback / std::sqrt(c), p.seed, w_back_id);
  w_forth = gaussian(p.classes, p.hidden, p.lambda_wforth / std::sqrt(h), p.seed, w_forth_id);
  // The skips reuse the raw W_back / W_forth Gaussians with their own strengths (§1.2).
  for (int l = 0; l + 1 < p.layers; ++l) {
    if (p.lambda_wback_skip[l] != 0.0) {
      layers[l].wback_skip = gaussian(p.hidden, p.classes, p.lambda_wback_skip[l] / std::sqrt(c), p.seed, w_back_id);
    }
    if (p.lambda_wforth_skip[l] != 0.0) {
      layers[l].wforth_skip = gaussian(p.classes, p.hidden, p.lambda_wforth_skip[l] / std::sqrt(h), p.seed, w_forth_id);
    }
  }
  apply_coupling_ties(*this);
}

}  // namespace steer::solvers
