// The multi-step schedule of the reference's multi_step_train.py (spec steering-learning §4.6,
// §7.2), used by its multi-layer configs. Four consecutive phases of whole epochs:
//   warmup    — only the readout learns (W_forth, and the readout skips) with W_back = 0;
//   couplings — W_back ← W_forthᵀ·√H·λ_wback/(√C·λ_wforth) on entry, everything but W_forth learns;
//   full      — everything learns (W_back re-initialised on entry only when there was no couplings phase);
//   tuning    — as warmup: W_back = 0 on entry, the hidden couplings and the input skips frozen.
// symmetric_W is off in warmup and tuning (W_back would otherwise start feeding back). As in the
// reference the readout skips (Wforth_skip, lr_wforth_skip) keep learning in every phase and
// Wback_skip is left as it is. A phase of 0 epochs is skipped.
#pragma once

#include "solvers/learning/steering_network.hpp"

namespace steer::solvers {

struct training_schedule {
  int warmup = 0, couplings = 0, full = 0, tuning = 0;  // epochs per phase
  bool active() const { return warmup + couplings + full + tuning > 0; }
  int epochs() const { return warmup + couplings + full + tuning; }
};

enum class schedule_phase { warmup, couplings, full, tuning };

// The phase of epoch `epoch` (1-based, ≤ epochs()).
schedule_phase phase_of_epoch(const training_schedule& schedule, int epoch);

// Prepares `net` for epoch `epoch`: its learning rates and symmetric_W from `configured` and the
// phase, and, at the first epoch of a phase, the phase's change of W_back. Does nothing when the
// schedule is not active. Called before every epoch, also after a resume, so a resumed run
// equals an uninterrupted one (W_back itself is saved with the model).
void enter_schedule_epoch(steering_network& net, const steering_parameters& configured,
                          const training_schedule& schedule, int epoch);

}  // namespace steer::solvers
