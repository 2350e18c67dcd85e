// Neuron-split noise floor and normalised model–data distances (spec rate-rnn-credit-assignment
// §7.5; Liu et al. 2025, App. A.3 and Fig. 5 / Table 3).
//
// Data Y with M neurons, model X with N units, n_s = ⌊M/2⌋ (N >= n_s required). Each split k
// draws, from the stream (seed, k, similarity_splits), a random permutation of the neurons —
// S1 = its first n_s, S2 = the next n_s (disjoint) — and a random permutation of the model's
// units, U = its first n_s:
//   d1 = D(Y[S1], Y[S2])        data–data floor
//   d2 = D(Y[S1], X[U])         model–data
//   d3 = D(Y[S1], Ȳ[S2])        Ȳ: each neuron's condition-averaged time course in every condition
//   d̂2 = (d2 − d1)/(1 − d1),  d̂3 = (d3 − d1)/(1 − d1)
// plus the full-data baseline D(Y, Ȳ). Splits run in parallel (OpenMP); every split's draws come
// from its own stream, so the result is the same for any thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/progress.hpp"
#include "numerics/sample_statistics.hpp"
#include "numerics/similarity/activity.hpp"
#include "numerics/similarity/metric.hpp"

namespace steer::numerics {

struct noise_floor_options {
  similarity_metric metric = similarity_metric::procrustes;
  similarity_options similarity;
  int splits = 0;  // 0: 100, or 5 for DSA (spec §7.4-7.5)
  std::uint64_t seed = 1;
};

// The number of splits `options` asks for (its default filled in).
int split_count(const noise_floor_options& options);

struct split_distances {
  double d1 = 0.0, d2 = 0.0, d3 = 0.0, d2_hat = 0.0, d3_hat = 0.0;  // d2, d2_hat: NaN without a model
};

struct noise_floor_result {
  int split_size = 0;  // n_s
  std::vector<split_distances> splits;
  mean_with_sd d1, d2, d3, d2_hat, d3_hat;  // over splits, population SD; d2, d2_hat NaN without a model
  double full_data_baseline = 0.0;          // D(Y, Ȳ)
};

// d1, d3, d̂3 and the baseline of `data` alone. `progress` (may be null) advances once per split.
noise_floor_result data_noise_floor(const activity_array& data, const noise_floor_options& options,
                                    progress_meter* progress = nullptr);

// All of §7.5 for a model; model and data must have the same conditions and times.
noise_floor_result compare_model_to_data(const activity_array& model, const activity_array& data,
                                         const noise_floor_options& options, progress_meter* progress = nullptr);

}  // namespace steer::numerics
