// A training run of the steering learner (spec steering-learning §4.6): epochs of seeded random
// order and batches of B (the last incomplete batch is dropped, P13); after each epoch the train
// and eval accuracies (measured after the epoch — fix of P7), the unstable fraction and mean
// stability per layer, and the wall time. Every finished epoch is checkpointed atomically;
// running again on the same directory resumes from the last finished epoch and ends with the
// same bytes as an uninterrupted run.
#pragma once

#include <filesystem>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "numerics/learning/labelled_set.hpp"
#include "solvers/learning/plasticity.hpp"
#include "validation/learning/train_config.hpp"

namespace steer::validation {

struct epoch_metrics {
  int epoch = 0;
  double train_accuracy = 0.0, eval_accuracy = 0.0;
  std::vector<double> unstable_fraction;  // L hidden layers, then the readout
  std::vector<double> mean_stability;     // mean of h_i·S_i under the free field, same layers
  double train_seconds = 0.0;             // training only (no evaluation)
  double samples_per_second = 0.0;        // training samples / train_seconds
  double epoch_seconds = 0.0;             // training + both evaluations
};

// The task the config names (entangled MNIST / Fashion-MNIST from config.data_dir, or synthetic).
numerics::learning_task load_task(const training_config& config);

// Fraction of samples whose prediction (inference from the zero state, §5) equals the label.
double accuracy(const solvers::steering_network& net, const numerics::labelled_set& set);

// Running figures of an epoch in progress, for the progress line of steer train.
struct running_epoch {
  std::uint64_t batches = 0;  // batches trained so far in this epoch
  // Running train accuracy: the checked batches (the 1st, then every accuracy_check_interval-th)
  // are classified by inference from the zero state (§5, exactly as steer evaluate) with the
  // couplings as they are just before that batch's update; `correct` of `checked` samples right.
  std::uint64_t checked = 0, correct = 0;
  solvers::stability_sums sums;  // stability gates of the batches so far (as in epoch_metrics)
};

// One batch in 16 checked: inference costs ~40% of a training step (T_eval sweeps against 2T
// sweeps and the update), so the running accuracy costs ~2.5% of the epoch.
inline constexpr std::uint64_t accuracy_check_interval = 16;

// One epoch (epoch = 1, 2, ...): the order is a seeded permutation (stream (seed, epoch,
// learning_epoch_order)); sample k of the epoch keys its update-mask stream with
// (epoch − 1)·P + k. `after_batch` (may be empty) is called after each batch with the running
// figures; only then are batches checked. Checking never changes the trained couplings: inference
// has its own update-mask streams (solvers/learning/relaxation.hpp) and does not touch the network.
// With `p_curriculum` (the curriculum of spec §4.6 is on in this epoch) each batch is first
// classified as the running accuracy is (inference from the zero state, couplings before the
// update, inference's own streams); sample k is kept when the draw of the stream ((epoch − 1)·P + k,
// learning_curriculum) is below p_curriculum if it is misclassified, 1 − p_curriculum if not. The
// kept samples form the batch (B = their number in the 1/√B scaling); a batch with none kept is
// skipped, weight decay included. The stability sums cover the trained samples only.
solvers::stability_sums train_epoch(solvers::steering_network& net, const numerics::labelled_set& train, int batch_size,
                                    int epoch, const std::function<void(const running_epoch&)>& after_batch,
                                    std::optional<double> p_curriculum = std::nullopt);

// p_curriculum when the curriculum is on in `epoch` (1-based): from the first epoch that starts
// with at least begin_curriculum of the run's epochs done, i.e. epoch − 1 ≥ begin_curriculum·num_epochs
// (to 1e-9, so 0.3·10 counts as 3); never with begin_curriculum = 1.
std::optional<double> curriculum_of_epoch(const training_config& config, int epoch);

// The running figures as the progress line shows them: batch, running accuracy, unstable fractions.
std::string running_note(const running_epoch& running, std::uint64_t batches);

struct run_outcome {
  std::vector<epoch_metrics> epochs;  // all epochs, resumed ones included
  int resumed_epochs = 0;             // epochs read from the checkpoint instead of trained
  std::filesystem::path model_file;   // the final model
};

struct run_display {
  bool progress = false;  // progress lines (stderr is a terminal and no --quiet)
  bool summaries = true;  // one line per finished epoch on stderr (off with --quiet)
};

// Trains config.num_epochs epochs into `out` (checkpoint.json, model_epoch_NNNN.bin,
// metrics.csv). Throws std::invalid_argument if `out` holds a run with another config. With
// `stop_after_epochs`, returns after training that many epochs in this call (fewer if the run
// ends first): a time-limited batch job trains in slices, each rerun resuming where the last
// stopped, and ends with the same bytes as one uninterrupted run.
run_outcome run_training(const training_config& config, const std::filesystem::path& out, run_display display,
                         std::optional<int> stop_after_epochs = std::nullopt);

// The model file of the last finished epoch in a run directory (its checkpoint.json).
std::filesystem::path latest_model_file(const std::filesystem::path& run_dir);

}  // namespace steer::validation
