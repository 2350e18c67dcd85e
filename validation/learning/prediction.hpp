// Labels for images by a trained steering learner (spec steering-learning §5, §6), shared by
// `steer evaluate` (a split of the model's own data set) and `steer predict` (images in a file):
// the images go through the training's entangled transform x = sign(img · G) with the model's
// seeded G, inference runs from the zero state with no label, and the label is the argmax of the
// readout field.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "numerics/learning/labelled_set.hpp"
#include "validation/learning/model_file.hpp"

namespace steer::validation {

// MNIST and Fashion-MNIST images are 28 × 28 (LeCun et al., "THE MNIST DATABASE"; Xiao et al.
// 2017, Fashion-MNIST): the pixel count G was drawn for.
inline constexpr int image_side = 28;

struct readout_predictions {
  std::vector<int> labels;      // argmax of the readout field, first index on ties (§5)
  std::vector<double> margins;  // readout field of the label minus the runner-up's (≥ 0)
};

// Inference from the zero state on every column of `inputs` (features × samples), with the
// update-mask streams solvers::predict uses, so the labels equal solvers::predict's.
readout_predictions predict_with_margins(const solvers::steering_network& net, const numerics::matrix_f& inputs);

// The model of the last finished epoch of a `steer train` run directory; std::invalid_argument
// "--model: DIR has no checkpoint.json (not a steer train run)" when it is missing or holds no run.
loaded_model load_trained_model(const std::filesystem::path& run_dir);

// Images read from a file, scaled as training scales them (pixels × images, values in [0, 1]).
struct image_batch {
  numerics::matrix_f pixels;
  std::string shape;  // as the file states it, e.g. "(10000, 28, 28)"
};

// An IDX file of unsigned bytes (idx3-ubyte, numerics/learning/idx_file.hpp) or a .npy file
// (numerics/array_io.hpp), told apart by their magic bytes; shape (images, rows, cols) or
// (images, pixels). Raw pixels (IDX, integer .npy) must be in 0..255 and are divided by 255
// exactly as training does; float .npy values must already be in [0, 1] (pixel/255). Throws
// std::invalid_argument "--input FILE: problem" (missing, truncated, wrong rank, no images,
// a value out of range or not finite, naming its position).
image_batch read_image_file(const std::filesystem::path& file);

// The model's input features for `images` (entangled transform of the model's seed and N).
// Throws std::invalid_argument when the model was not trained on images (synthetic / hetero)
// or the images do not have 28 × 28 pixels.
numerics::matrix_f image_features(const training_config& config, const image_batch& images, const std::string& source);

// CSV "index,label,margin" (index 0-based, file order), with a true_label column after the index
// when `true_labels` is given (one per prediction).
std::string predictions_csv(const readout_predictions& predictions, const std::vector<int>* true_labels = nullptr);

}  // namespace steer::validation
