// The state of a batch and the local fields of every unit (spec steering-learning §2).
// Columns are samples. The input drive W_in^l x (+ bias) is computed once per batch, since W_in
// only changes after the dynamics (spec §11); J s is skipped while the hidden state is all zero.
#pragma once

#include <vector>

#include "numerics/rng_stream.hpp"
#include "solvers/learning/steering_network.hpp"

namespace steer::solvers {

// Which terms an `ignore_right` mode keeps (spec §2 table).
struct field_mode {
  bool backward = true;    // inter-layer backward couplings Bk^l (l < L)
  bool wback = true;       // W_back φ(ŷ) into the last layer
  bool wback_skip = true;  // Wback_skip φ(ŷ) into the lower layers
  bool label = true;       // λ_y·y on the readout
};
// Throws std::invalid_argument for a mode outside 0..4.
field_mode field_mode_of(int ignore_right);

struct batch_state {
  matrix_f input;                      // N × B
  matrix_f label;                      // C × B: 2·onehot − 1, or −1 everywhere at inference (§5)
  std::vector<matrix_f> hidden;        // L matrices H × B, entries −1, 0, +1
  matrix_f readout;                    // C × B; under reference_quirks it holds the re-mapped values (§1.3)
  std::vector<matrix_f> input_drive;   // W_in^l x + bias^l, per layer
  bool hidden_silent = true;           // every hidden unit is 0 (the initial state, §3.1)
  std::vector<matrix_f> first_phase_hidden;  // hidden state after phase 1, kept for double_update (§3.4)
  std::vector<numerics::rng_stream> update_streams;  // one per column when p_update < 1 (fix of P1)
  std::vector<numerics::rng_stream> order_streams;   // one per column with asynchronous_sweeps
};

struct field_set {
  std::vector<matrix_f> hidden;  // L matrices H × B
  matrix_f readout;              // C × B
};

// The initial state of init_mode (§3.1: the zero state by default) for samples `inputs`; `labels`
// (one per column) or nullptr for inference. `sample_ids` (one per column) key the update-mask
// and sweep-order streams. noisy_zeros applies to training states only (labels given; inference
// starts from the zero state, §5): one unit mask for the batch, every hidden unit of every layer
// and every readout unit in it with probability init_noise, keyed by the batch's first sample id
// (unique in a run: (epoch − 1)·P + position); each sample draws its own ±1 for the masked units.
batch_state zero_state(const steering_network& net, const Eigen::Ref<const matrix_f>& inputs, const int* labels,
                       const std::vector<std::uint64_t>& sample_ids);

// φ(ŷ) = −0.5 if ŷ = −1, else ŷ·√C/2 (§1.3): the weights of wrong and right classes in the feedback.
float readout_remap(float value, float half_sqrt_classes);

// Every field of every unit from the current state. Under reference_quirks the readout is
// re-mapped in place first, as the reference does at each evaluation (P2); otherwise φ is pure.
void compute_fields(const steering_network& net, batch_state& state, field_mode mode, field_set& fields);

}  // namespace steer::solvers
