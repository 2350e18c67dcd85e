#include "solvers/learning/training_schedule.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "solvers/learning/coupling_ties.hpp"

namespace steer::solvers {

schedule_phase phase_of_epoch(const training_schedule& s, int epoch) {
  if (epoch < 1 || epoch > s.epochs()) {
    throw std::invalid_argument(fmt::format("epoch {} is outside the schedule's 1..{}", epoch, s.epochs()));
  }
  if (epoch <= s.warmup) return schedule_phase::warmup;
  if (epoch <= s.warmup + s.couplings) return schedule_phase::couplings;
  if (epoch <= s.warmup + s.couplings + s.full) return schedule_phase::full;
  return schedule_phase::tuning;
}

void enter_schedule_epoch(steering_network& net, const steering_parameters& configured, const training_schedule& s,
                          int epoch) {
  if (!s.active()) return;
  const schedule_phase phase = phase_of_epoch(s, epoch);
  const bool readout_only = phase == schedule_phase::warmup || phase == schedule_phase::tuning;
  steering_parameters& p = net.parameters;
  p.lr_J = readout_only ? 0.0 : configured.lr_J;
  p.lr_input_skip = readout_only ? 0.0 : configured.lr_input_skip;
  p.lr_W = phase == schedule_phase::couplings ? 0.0 : configured.lr_W;
  p.symmetric_W = readout_only ? feedback_tie::none : configured.symmetric_W;
  const bool first = epoch == 1 || phase_of_epoch(s, epoch - 1) != phase;
  if (!first) return;
  if (readout_only) {
    net.w_back.setZero();
  } else if (phase == schedule_phase::couplings || s.couplings == 0) {
    // multi_step_train.py: W_back ← wforth2wback(W_forth) after the warm-up, then its ties.
    tie_feedback_transposed(net);
    apply_coupling_ties(net);
  }
}

}  // namespace steer::solvers
