#include "solvers/learning/coupling_ties.hpp"

#include <cmath>

namespace steer::solvers {
namespace {

// back ← forthᵀ·√H·λ_back/(√C·λ_forth)·factor (spec §4.5, symmetric_W: true / "buggy").
void tie_transposed(matrix_f& back, const matrix_f& forth, double lambda_back, double lambda_forth, double factor,
                    const steering_parameters& p) {
  const double scale = std::sqrt(double(p.hidden)) * lambda_back / (std::sqrt(double(p.classes)) * lambda_forth) * factor;
  back = static_cast<float>(scale) * forth.transpose();
}

// Column c of back ← (row c of forth)/‖row c‖ × mean_c ‖column c of back‖ (symmetric_W: "normalize").
void tie_normalized(matrix_f& back, const matrix_f& forth) {
  const float kept_norm = back.colwise().norm().mean();
  const vector_f row_norms = forth.rowwise().norm();
  back = (forth.array().colwise() / row_norms.array()).matrix().transpose() * kept_norm;
}

}  // namespace

void tie_feedback_transposed(steering_network& net) {
  const steering_parameters& p = net.parameters;
  tie_transposed(net.w_back, net.w_forth, p.lambda_wback, p.lambda_wforth, 1.0, p);
}

void apply_coupling_ties(steering_network& net) {
  const steering_parameters& p = net.parameters;
  const std::size_t last = net.layers.size() - 1;
  if (p.symmetric_W == feedback_tie::normalize) {
    tie_normalized(net.w_back, net.w_forth);
    // As the reference: the skips are tied only when every lower layer has readout weights.
    bool all_skips = true;
    for (std::size_t l = 0; l < last; ++l) all_skips = all_skips && net.layers[l].wforth_skip.size() != 0;
    for (std::size_t l = 0; l < last && all_skips; ++l) {
      if (net.layers[l].wback_skip.size() != 0) tie_normalized(net.layers[l].wback_skip, net.layers[l].wforth_skip);
    }
  } else if (p.symmetric_W != feedback_tie::none) {
    const double factor = p.symmetric_W == feedback_tie::transpose_over_100 ? 0.01 : 1.0;
    tie_transposed(net.w_back, net.w_forth, p.lambda_wback, p.lambda_wforth, factor, p);
    for (std::size_t l = 0; l < last; ++l) {
      hidden_layer& layer = net.layers[l];
      if (layer.wback_skip.size() == 0) continue;  // λ_wback_skip = 0: no feedback to tie
      tie_transposed(layer.wback_skip, layer.wforth_skip, p.lambda_wback_skip[l], p.lambda_wforth_skip[l], factor, p);
    }
  }
  if (p.symmetrize_fc) {
    for (std::size_t l = 0; l < last; ++l) net.layers[l].backward.dense = net.layers[l + 1].forward.dense.transpose();
  }
  if (p.symmetrize_internal_couplings) {
    for (hidden_layer& layer : net.layers) layer.internal = (0.5F * (layer.internal + layer.internal.transpose())).eval();
  }
}

}  // namespace steer::solvers
