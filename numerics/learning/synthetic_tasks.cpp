#include "numerics/learning/synthetic_tasks.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "numerics/rng_stream.hpp"

namespace steer::numerics {
namespace {

float random_sign(rng_stream& stream) { return (stream.next_u64() >> 63) != 0 ? 1.0F : -1.0F; }

void check_sizes(int n, int classes, int per_class) {
  if (n < 1) throw std::invalid_argument(fmt::format("N must be at least 1, got {}", n));
  if (classes < 2) throw std::invalid_argument(fmt::format("C must be at least 2, got {}", classes));
  if (per_class < 1) throw std::invalid_argument(fmt::format("P must be at least 1, got {}", per_class));
}

labelled_set noisy_copies(const matrix_f& prototypes, int per_class, double flip, std::uint64_t seed,
                          std::uint64_t first_id) {
  const auto classes = static_cast<int>(prototypes.cols());
  labelled_set set;
  set.classes = classes;
  set.inputs.resize(prototypes.rows(), Eigen::Index{classes} * per_class);
  Eigen::Index column = 0;
  for (int c = 0; c < classes; ++c) {
    for (int k = 0; k < per_class; ++k, ++column) {
      rng_stream stream(seed, first_id + static_cast<std::uint64_t>(column), stream_purpose::learning_data);
      for (Eigen::Index i = 0; i < prototypes.rows(); ++i) {
        const bool flipped = stream.uniform_open() < flip;
        set.inputs(i, column) = flipped ? -prototypes(i, c) : prototypes(i, c);
      }
      set.labels.push_back(c);
    }
  }
  return set;
}

}  // namespace

learning_task prototype_task(int n, int classes, int p_per_class, int p_eval_per_class, double flip, std::uint64_t seed) {
  check_sizes(n, classes, p_per_class);
  check_sizes(n, classes, p_eval_per_class);
  if (!(flip >= 0.0 && flip <= 1.0)) throw std::invalid_argument(fmt::format("flip probability p must be in [0, 1], got {}", flip));
  rng_stream stream(seed, 0, stream_purpose::learning_data);
  matrix_f prototypes(n, classes);
  for (int c = 0; c < classes; ++c) {
    for (int i = 0; i < n; ++i) prototypes(i, c) = random_sign(stream);
  }
  const auto train_count = static_cast<std::uint64_t>(classes) * static_cast<std::uint64_t>(p_per_class);
  return {noisy_copies(prototypes, p_per_class, flip, seed, 1),
          noisy_copies(prototypes, p_eval_per_class, flip, seed, 1 + train_count)};
}

learning_task hetero_association_task(int n, int classes, int p_per_class, std::uint64_t seed) {
  check_sizes(n, classes, p_per_class);
  labelled_set set;
  set.classes = classes;
  set.inputs.resize(n, Eigen::Index{classes} * p_per_class);
  for (Eigen::Index column = 0; column < set.inputs.cols(); ++column) {
    rng_stream stream(seed, static_cast<std::uint64_t>(column), stream_purpose::learning_data);
    for (int i = 0; i < n; ++i) set.inputs(i, column) = random_sign(stream);
    set.labels.push_back(static_cast<int>(stream.next_u64() % static_cast<std::uint64_t>(classes)));
  }
  return {set, set};
}

}  // namespace steer::numerics
