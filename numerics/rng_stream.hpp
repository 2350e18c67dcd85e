// Counter-based random streams keyed by (seed, sample, purpose).
//
// Every random draw in steer comes from one of these streams. A stream is the Philox4x64-10
// block cipher (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11; the
// Random123 library) keyed by (seed, purpose) and counted by (block, sample): the values a
// sample sees do not depend on which thread draws them or in which order samples run, so
// results are bitwise identical for any thread count (DESIGN.md, Randomness).
#pragma once

#include <array>
#include <cstdint>

namespace steer::numerics {

// What a stream is used for; part of the key, so streams for different purposes of the same
// sample never overlap. Values are fixed forever: changing one changes every published result.
enum class stream_purpose : std::uint64_t {
  couplings = 1,
  initial_state = 2,
  dynamics = 3,
  state_sampling = 4,
  // Fixed-point search and counting beyond enumeration (issue 9): one purpose per algorithm.
  annealing = 5,
  focusing_bp = 6,
  replicated_mc = 7,
  count_mc = 8,
  threshold_bootstrap = 9,
  // Similarity to neural data (numerics/similarity): 200+.
  similarity_splits = 201,
  similarity_dsa_starts = 202,
  // Learning by steering (numerics/learning, solvers/learning): 100+ keeps them apart from other subjects.
  learning_couplings = 101,
  learning_data = 102,
  learning_projection = 103,
  learning_update_mask = 104,
  learning_epoch_order = 105,
  learning_sweep_order = 106,  // visiting order of asynchronous sweeps
  learning_curriculum = 107,   // keep/drop draw of the curriculum, per sample
  learning_noise_mask = 108,   // init_mode noisy_zeros: the batch's unit mask, keyed by its first sample
  learning_noise_sign = 109,   // init_mode noisy_zeros: the ±1 of a masked unit, per sample
};

class rng_stream {
 public:
  rng_stream(std::uint64_t seed, std::uint64_t sample, stream_purpose purpose);

  // Next 64 uniformly distributed bits.
  std::uint64_t next_u64();

  // UniformRandomBitGenerator, so Boost.Random distributions can draw from a stream.
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return next_u64(); }
  // Uniform on the open interval (0, 1): 53 random bits placed at the centre of their cell,
  // so 0 and 1 never occur and the inverse CDF below stays finite.
  double uniform_open();
  // Standard normal by the inverse CDF (Boost.Math quantile): portable, unlike
  // std::normal_distribution whose algorithm is implementation-defined.
  double standard_normal();

 private:
  void refill();

  std::array<std::uint64_t, 2> key_;
  std::uint64_t sample_;
  std::uint64_t block_ = 0;
  std::array<std::uint64_t, 4> buffer_{};
  unsigned used_ = 4;
};

}  // namespace steer::numerics
