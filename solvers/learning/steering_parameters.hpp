// Parameters of the steering learner (spec steering-learning §1-§4, names as in §7 / the
// reference configs). Every λ is a multiplicative factor applied once at initialisation (§2).
#pragma once

#include <cstdint>
#include <vector>

namespace steer::solvers {

// symmetric_W (spec §4.5): how W_back follows W_forth — not at all (the baselines), transposed and
// rescaled (true), the same / 100 ("buggy"), or row directions with W_back's mean norm ("normalize").
enum class feedback_tie { none, transpose, transpose_over_100, normalize };

// init_mode (spec §3.1): every unit 0; x copied into the first N units of every hidden layer
// with the readout set to the 0/1 one-hot label (P9; zeros at inference); or noisy_zeros: a mask
// of units shared by the batch, each with probability init_noise, set to random ±1 (training only;
// zero_state in local_fields.hpp).
enum class initial_state_mode { zeros, input, noisy_zeros };

struct steering_parameters {
  int inputs = 784;   // N
  int hidden = 1600;  // H, neurons per hidden layer
  int layers = 1;     // L
  int classes = 10;   // C
  double self_coupling = 0.5;  // J_D: diagonal of J before the λ_internal factor (§1.2)
  int steps_train = 7;         // T = max_steps_train: sweeps per phase (§3)
  int steps_eval = 7;          // max_steps_eval: sweeps at inference (§5)
  double lambda_y = 1000.0;    // label clamp of the readout
  double lambda_l = 1.0;       // one-to-one forward inter-layer coupling (diagonal of F^l, l ≥ 2)
  double lambda_r = 1.0;       // one-to-one backward inter-layer coupling (diagonal of Bk^l)
  double lambda_fc = 1.0;      // random part of learned F / Bk
  double lambda_wback = 0.9;   // readout → last hidden feedback
  double lambda_wforth = 1.0;  // readout weights
  std::vector<double> lambda_internal{1.0};      // per hidden layer (one value broadcasts)
  std::vector<double> lambda_input_skip{4.0};    // per hidden layer (one value broadcasts)
  std::vector<double> lambda_wback_skip;         // L-1 values (readout → lower layers)
  std::vector<double> lambda_wforth_skip;        // L-1 values (lower layers → readout)
  bool fc_left = false;        // learned dense forward couplings F^l
  bool fc_right = false;       // learned dense backward couplings Bk^l
  bool zero_fc_init = true;    // F/Bk random part starts at 0
  bool symmetric_J_init = false;
  // Symmetrisation options of §4.5 (coupling_ties.hpp, plasticity.hpp); all off in the baselines.
  feedback_tie symmetric_W = feedback_tie::none;
  bool symmetrize_fc = false;                           // Bk^l ← (F^{l+1})ᵀ; needs fc_left
  bool symmetrize_internal_couplings = false;           // J ← (J + Jᵀ)/2
  bool symmetric_update_internal_couplings = false;     // ΔJ ← (ΔJ + ΔJᵀ)/2
  bool symmetric_threshold_internal_couplings = false;  // ΔJ_ij only where ΔJ_ji ≠ 0 too, per sample
  double bias_std = 0.0;
  initial_state_mode init_mode = initial_state_mode::zeros;
  double init_noise = 0.0;  // noisy_zeros: probability that a unit is in the batch's random ±1 mask
  bool double_dynamics = true;  // §3.4
  bool double_update = false;   // hidden couplings learn from the phase-1 state, the readout from the final one (§3.4)
  double p_update = 1.0;        // probability that a unit is updated in a sweep (§3.2)
  bool asynchronous_sweeps = false;  // one unit at a time in random order (extension; the reference is synchronous)
  bool use_local_ce = false;    // soft stability gate (§4.1)
  double beta_ce = 10.0;
  std::vector<double> threshold{0.9, 3.0};  // L hidden margins (without J_D, P3) + the readout's
  double lr_J = 0.005, lr_W = 0.1, lr_input_skip = 0.03, lr_wforth_skip = 0.1;
  double weight_decay_J = 0.005, weight_decay_W = 0.005, weight_decay_input_skip = 0.0,
         weight_decay_wforth_skip = 0.005;
  int inference_ignore_right = 1;  // field mode used at inference and in the stability test (§2)
  bool reference_quirks = false;   // replicate the reference's in-place readout re-mapping (§1.3, §4.4)
  std::uint64_t seed = 17;

  // Per-layer values with a single entry broadcast to all L layers.
  double internal_strength(int layer) const;
  double input_skip_strength(int layer) const;
  // Effective hidden margin against the full field: threshold + J_D (+ λ_l in mode 4 when
  // λ_l = λ_r), as the reference's parse_config adds them (§4.1, P3).
  double hidden_threshold(int layer) const;
  double readout_threshold() const { return threshold.back(); }

  // Throws std::invalid_argument naming the first bad parameter and its value.
  void validate() const;
};

}  // namespace steer::solvers
