#include "validation/learning/prediction.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/array_io.hpp"
#include "numerics/learning/idx_file.hpp"
#include "numerics/learning/image_datasets.hpp"
#include "solvers/learning/relaxation.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::validation {
namespace {

// The pixel count of a shape (images, rows, cols) or (images, pixels); refuses other ranks.
std::size_t pixels_of(const std::vector<std::size_t>& shape, const std::string& where) {
  if (shape.size() != 2 && shape.size() != 3) {
    throw std::invalid_argument(fmt::format("{}: expected (images, rows, cols) or (images, pixels), found {} dimensions",
                                            where, shape.size()));
  }
  if (shape[0] == 0) throw std::invalid_argument(fmt::format("{}: holds no images", where));
  return shape.size() == 3 ? shape[1] * shape[2] : shape[1];
}

std::string shape_text(const std::vector<std::size_t>& shape) { return fmt::format("({})", fmt::join(shape, ", ")); }

image_batch from_idx(const std::string& bytes, const std::string& where) {
  const numerics::idx_array array = numerics::parse_idx(bytes, where);
  const std::vector<std::size_t> shape(array.dimensions.begin(), array.dimensions.end());
  const std::size_t pixels = pixels_of(shape, where);
  image_batch batch{numerics::matrix_f(static_cast<Eigen::Index>(pixels), static_cast<Eigen::Index>(shape[0])), shape_text(shape)};
  // The same float operation as training (numerics/learning/image_datasets.cpp, entangle).
  for (std::size_t k = 0; k < array.values.size(); ++k) batch.pixels.data()[k] = static_cast<float>(array.values[k]) / 255.0F;
  return batch;
}

image_batch from_npy(const std::filesystem::path& file, std::string bytes, const std::string& where) {
  const numerics::npy_file npy("--input", file, std::move(bytes));
  const std::size_t pixels = pixels_of(npy.shape(), where);
  const std::vector<double> values = npy.values();
  image_batch batch{numerics::matrix_f(static_cast<Eigen::Index>(pixels), static_cast<Eigen::Index>(npy.shape()[0])),
                    npy.shape_text()};
  const bool raw = !npy.floating();
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double v = values[k];
    if (!std::isfinite(v)) throw std::invalid_argument(fmt::format("{}: value {} at {} is not finite", where, v, npy.position(k)));
    if (v < 0.0 || v > (raw ? 255.0 : 1.0)) {
      throw std::invalid_argument(fmt::format("{}: value {} at {} is outside {}", where, v, npy.position(k),
                                              raw ? "0..255 (integer images hold raw pixels)" : "[0, 1] (float images hold pixel/255)"));
    }
    // Raw pixels as training scales them; float values are taken as pixel/255 already.
    batch.pixels.data()[k] = raw ? static_cast<float>(v) / 255.0F : static_cast<float>(v);
  }
  return batch;
}

}  // namespace

readout_predictions predict_with_margins(const solvers::steering_network& net, const numerics::matrix_f& inputs) {
  readout_predictions out;
  solvers::for_each_inference_chunk(net, inputs, [&out](Eigen::Index, const numerics::matrix_f& logits) {
    const std::vector<int> labels = solvers::argmax_columns(logits);
    for (Eigen::Index b = 0; b < logits.cols(); ++b) {
      const int best = labels[static_cast<std::size_t>(b)];
      float runner_up = -std::numeric_limits<float>::infinity();
      for (Eigen::Index c = 0; c < logits.rows(); ++c) {
        if (c != best) runner_up = std::max(runner_up, logits(c, b));
      }
      out.labels.push_back(best);
      out.margins.push_back(logits.rows() > 1 ? double(logits(best, b)) - double(runner_up) : 0.0);
    }
  });
  return out;
}

loaded_model load_trained_model(const std::filesystem::path& run_dir) {
  return read_model_file(latest_model_file(run_dir));
}

image_batch read_image_file(const std::filesystem::path& file) {
  std::string bytes = numerics::read_file_bytes("--input", file);
  const std::string where = "--input " + file.string();
  if (bytes.rfind("\x93NUMPY", 0) == 0) return from_npy(file, std::move(bytes), where);
  return from_idx(bytes, where);
}

numerics::matrix_f image_features(const training_config& config, const image_batch& images, const std::string& source) {
  if (config.dataset != "mnist" && config.dataset != "fashionmnist") {
    throw std::invalid_argument(fmt::format("--model: trained on {} data, not images (predict needs a model trained on mnist "
                                            "or fashionmnist)", config.dataset));
  }
  constexpr int pixels = image_side * image_side;
  if (images.pixels.rows() != pixels) {
    throw std::invalid_argument(fmt::format("{}: images have {} pixels (shape {}), the model expects {} ({} × {})", source,
                                            images.pixels.rows(), images.shape, pixels, image_side, image_side));
  }
  return numerics::entangled_features(numerics::entangling_projection(pixels, config.model.inputs, config.model.seed),
                                      images.pixels);
}

std::string predictions_csv(const readout_predictions& predictions, const std::vector<int>* true_labels) {
  std::string csv = true_labels ? "index,true_label,label,margin\n" : "index,label,margin\n";
  for (std::size_t k = 0; k < predictions.labels.size(); ++k) {
    csv += true_labels ? fmt::format("{},{},{},{}\n", k, (*true_labels)[k], predictions.labels[k], predictions.margins[k])
                       : fmt::format("{},{},{}\n", k, predictions.labels[k], predictions.margins[k]);
  }
  return csv;
}

}  // namespace steer::validation
