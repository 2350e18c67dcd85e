#include "solvers/learning/plasticity.hpp"

#include <cmath>

#include "solvers/learning/coupling_ties.hpp"

namespace steer::solvers {
namespace {

// w ← (1 − wd·lr_eff)·w + (lr_eff/√B)·g·preᵀ, the diagonal kept when it is not learned (§4.2-4.3).
void hebbian_update(matrix_f& w, const matrix_f& g, const matrix_f& pre, double lr_eff, double weight_decay,
                    double batch, bool keep_diagonal) {
  if (lr_eff == 0.0 || w.size() == 0) return;  // not learned: no update and no decay
  const vector_f diagonal = keep_diagonal ? vector_f(w.diagonal()) : vector_f();
  const matrix_f scaled_g = static_cast<float>(lr_eff / std::sqrt(batch)) * g;
  numerics::panel_product_transposed(scaled_g, pre, w, static_cast<float>(1.0 - weight_decay * lr_eff));
  if (keep_diagonal) w.diagonal() = diagonal;
}

// J's update with the symmetric variants of §4.5 (the plain rule otherwise). Symmetrised update:
// ΔJ = (c/2)(g sᵀ + s gᵀ). Symmetric threshold: per sample, ΔJ_ij = c·g_i s_j is kept only when
// ΔJ_ji = c·g_j s_i is non-zero too, i.e. when g_i ≠ 0 and g_j ≠ 0 (g ≠ 0 implies s ≠ 0), and is
// replaced by their mean; summed over the batch that is (c/2)(g ŝᵀ + ŝ gᵀ) with ŝ = s ⊙ [g ≠ 0].
void internal_update(matrix_f& j, const matrix_f& g, const matrix_f& s, double lr_eff, double weight_decay,
                     double batch, const steering_parameters& p) {
  const bool threshold = p.symmetric_threshold_internal_couplings;  // takes precedence (§4.5)
  if (!threshold && !p.symmetric_update_internal_couplings) {
    hebbian_update(j, g, s, lr_eff, weight_decay, batch, true);
    return;
  }
  if (lr_eff == 0.0) return;
  const vector_f diagonal = j.diagonal();
  const matrix_f half_g = static_cast<float>(0.5 * lr_eff / std::sqrt(batch)) * g;
  const matrix_f pre = threshold ? matrix_f(s.array() * (g.array() != 0.0F).cast<float>()) : s;
  numerics::panel_product_transposed(half_g, pre, j, static_cast<float>(1.0 - weight_decay * lr_eff));
  numerics::panel_product_transposed(pre, half_g, j, 1.0F);
  j.diagonal() = diagonal;
}

// g = S ⊙ gate, accumulating the layer's statistics.
matrix_f gated_state(const steering_parameters& p, const matrix_f& field, const matrix_f& state, double threshold,
                     stability_sums& sums, std::size_t layer) {
  matrix_f g(state.rows(), state.cols());
  double unstable = 0.0, stability = 0.0;
  for (Eigen::Index b = 0; b < state.cols(); ++b) {
    for (Eigen::Index i = 0; i < state.rows(); ++i) {
      const float s = state(i, b), stab = field(i, b) * s;
      const float gate = stability_gate(p, stab, threshold);
      g(i, b) = s * gate;
      unstable += gate;
      stability += stab;
    }
  }
  sums.unstable[layer] += unstable;
  sums.stability[layer] += stability;
  sums.count[layer] += static_cast<double>(state.size());
  return g;
}

}  // namespace

void stability_sums::add(const stability_sums& other) {
  for (std::size_t l = 0; l < unstable.size(); ++l) {
    unstable[l] += other.unstable[l];
    stability[l] += other.stability[l];
    count[l] += other.count[l];
  }
}

// The soft gate is evaluated in float32 like the reference (torch, DTYPE float32): the scalars are cast
// to the tensor's dtype, torch's CPU sigmoid is 1/(1 + exp(−x)), and 1 − sigmoid is exactly 0 once
// exp(−x) < 2⁻²⁵ (x ≳ 17.3); in double it would stay non-zero up to x ≈ 37 and change which pairs the
// symmetric-threshold rule keeps (g ≠ 0).
float stability_gate(const steering_parameters& p, float stability, double threshold) {
  if (!p.use_local_ce) return stability <= threshold ? 1.0F : 0.0F;
  const float x = static_cast<float>(p.beta_ce) * (stability - static_cast<float>(threshold));
  return 1.0F - 1.0F / (1.0F + std::exp(-x));
}

stability_sums apply_plasticity(steering_network& net, batch_state& state, field_set& fields) {
  const steering_parameters& p = net.parameters;
  const field_mode mode = field_mode_of(p.inference_ignore_right);
  compute_fields(net, state, mode, fields);
  const auto layers = static_cast<std::size_t>(p.layers);
  stability_sums sums{std::vector<double>(layers + 1), std::vector<double>(layers + 1), std::vector<double>(layers + 1)};
  const matrix_f g_readout = gated_state(p, fields.readout, state.readout, p.readout_threshold(), sums, layers);
  // double_update (§3.4): the hidden layers' couplings learn from the phase-1 state (gates and
  // Hebbian products), the readout's from the final one; every gate is taken before any update.
  batch_state first_phase;
  if (p.double_update) {
    first_phase = state;
    first_phase.hidden = state.first_phase_hidden;
    first_phase.hidden_silent = false;
    compute_fields(net, first_phase, mode, fields);
  }
  const batch_state& hidden_state = p.double_update ? first_phase : state;
  std::vector<matrix_f> g;
  for (std::size_t l = 0; l < layers; ++l) {
    g.push_back(gated_state(p, fields.hidden[l], hidden_state.hidden[l], p.hidden_threshold(static_cast<int>(l)), sums, l));
  }
  const double batch = static_cast<double>(state.input.cols());
  const double sqrt_h = std::sqrt(double(p.hidden)), sqrt_n = std::sqrt(double(p.inputs));
  for (std::size_t l = 0; l < layers; ++l) {
    hidden_layer& layer = net.layers[l];
    const int li = static_cast<int>(l);
    const std::vector<matrix_f>& s = hidden_state.hidden;
    internal_update(layer.internal, g[l], s[l], p.lr_J * p.internal_strength(li) / sqrt_h, p.weight_decay_J, batch, p);
    hebbian_update(layer.input_skip, g[l], state.input, p.lr_input_skip * p.input_skip_strength(li) / sqrt_n,
                   p.weight_decay_input_skip, batch, false);
    const double lr_fc = p.lr_J * p.lambda_fc / sqrt_h;
    if (l > 0) hebbian_update(layer.forward.dense, g[l], s[l - 1], lr_fc, p.weight_decay_J, batch, true);
    // Under symmetrize_fc, Bk is overwritten by Fᵀ right after the update (coupling_ties.hpp).
    if (l + 1 < layers && !p.symmetrize_fc) hebbian_update(layer.backward.dense, g[l], s[l + 1], lr_fc, p.weight_decay_J, batch, true);
    if (l + 1 < layers) {
      hebbian_update(layer.wforth_skip, g_readout, state.hidden[l], p.lr_wforth_skip * p.lambda_wforth_skip[l] / sqrt_h,
                     p.weight_decay_wforth_skip, batch, false);
    }
  }
  hebbian_update(net.w_forth, g_readout, state.hidden[layers - 1], p.lr_W * p.lambda_wforth / sqrt_h, p.weight_decay_W,
                 batch, false);
  apply_coupling_ties(net);
  return sums;
}

}  // namespace steer::solvers
