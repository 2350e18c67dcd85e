// `steer predict` as a user runs it, on a tiny stand-in for MNIST (28 × 28 images written to a
// temporary data folder, so no dataset is needed): its labels for the eval images are
// `steer evaluate`'s, sample by sample (hence the same accuracy); IDX, integer .npy and float
// .npy of the same images give the same labels and margins; any thread count gives the same
// bytes; each bad input ends with one line naming the problem and exit code 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "numerics/learning/image_datasets.hpp"
#include "tests/support/steer_process.hpp"

namespace {

using steer_test::read_text;
using steer_test::run;
using steer_test::scratch;

constexpr int side = 28, pixels = side * side, classes = 10;
constexpr std::uint64_t seed = 5;
constexpr int p_eval = 2;  // eval images per class

void expect_one_line_error(const steer_test::run_result& r, const std::string& part) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("steer: error: ", 0), 0U) << r.err;
  EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

std::string big_endian(std::uint32_t v) {
  return {char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
}

// An unsigned-byte IDX file (type 0x08) of the given dimensions.
std::string idx_bytes(const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& values) {
  std::string bytes{'\0', '\0', '\x08', char(dims.size())};
  for (const std::uint32_t d : dims) bytes += big_endian(d);
  return bytes + std::string(values.begin(), values.end());
}

// A .npy file (format 1.0, C order) of dtype `descr` holding the raw little-endian `data`.
std::string npy_bytes(const std::string& descr, const std::vector<std::size_t>& shape, const std::string& data) {
  std::string dims;
  for (const std::size_t d : shape) dims += std::to_string(d) + ", ";
  if (shape.size() > 1) dims.resize(dims.size() - 1);
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  const auto length = static_cast<std::uint16_t>(header.size());
  return std::string("\x93NUMPY\x01\x00", 8) + char(length & 0xFF) + char(length >> 8) + header + data;
}

template <class T>
std::string raw(const std::vector<T>& values) {
  std::string data(values.size() * sizeof(T), '\0');
  std::memcpy(data.data(), values.data(), data.size());
  return data;
}

// Image k of class c: a class prototype with some pixels varied per image (deterministic).
std::vector<std::uint8_t> images_of(const std::vector<std::uint8_t>& labels) {
  std::vector<std::uint8_t> values;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    for (int p = 0; p < pixels; ++p) {
      const unsigned prototype = (labels[k] * 7919U + unsigned(p) * 104729U) % 251U;
      const unsigned jitter = (unsigned(k) * 31U + unsigned(p) * 17U) % 97U;
      values.push_back(static_cast<std::uint8_t>(jitter < 20 ? jitter * 12U : prototype));
    }
  }
  return values;
}

std::vector<std::uint8_t> labels_cycling(int count) {
  std::vector<std::uint8_t> labels;
  for (int k = 0; k < count; ++k) labels.push_back(static_cast<std::uint8_t>(k % classes));
  return labels;
}

struct fixture_paths {
  std::filesystem::path data, model;
  std::vector<std::uint8_t> eval_labels, eval_images;  // the model's eval split, in its order
};

// A stand-in MNIST (60 train, 30 test images) and a model trained on it for 2 epochs.
const fixture_paths& fixture() {
  static const fixture_paths paths = [] {
    fixture_paths f{scratch() / "tiny_data", scratch() / "tiny_model", {}, {}};
    std::filesystem::remove_all(f.data);
    std::filesystem::remove_all(f.model);
    std::filesystem::create_directories(f.data / "mnist");
    const std::vector<std::uint8_t> train_labels = labels_cycling(60), test_labels = labels_cycling(30);
    const std::vector<std::uint8_t> test_images = images_of(test_labels);
    write_bytes(f.data / "mnist" / "train-images-idx3-ubyte", idx_bytes({60, side, side}, images_of(train_labels)));
    write_bytes(f.data / "mnist" / "train-labels-idx1-ubyte", idx_bytes({60}, train_labels));
    write_bytes(f.data / "mnist" / "t10k-images-idx3-ubyte", idx_bytes({30, side, side}, test_images));
    write_bytes(f.data / "mnist" / "t10k-labels-idx1-ubyte", idx_bytes({30}, test_labels));
    const auto r = run("train --quiet --set data.dir=" + f.data.string() + " seed=" + std::to_string(seed) +
                       " N=30 H=40 data.P=5 data.P_eval=" + std::to_string(p_eval) +
                       " batch_size=5 max_steps_train=3 num_epochs=2 --out " + f.model.string());
    EXPECT_EQ(r.status, 0) << r.err;
    // The eval split as training chose it (image_datasets.hpp: stream id 1 for the test subset).
    for (const std::size_t k : steer::numerics::random_subset_by_label(test_labels, p_eval * classes, seed, 1)) {
      f.eval_labels.push_back(test_labels[k]);
      f.eval_images.insert(f.eval_images.end(), test_images.begin() + std::ptrdiff_t(k * pixels),
                           test_images.begin() + std::ptrdiff_t((k + 1) * pixels));
    }
    return f;
  }();
  return paths;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

steer_test::run_result predict(const std::filesystem::path& input, const std::string& out, const std::string& extra = "") {
  return run("predict --quiet --json --model " + fixture().model.string() + " --input " + input.string() + " --out " +
             (scratch() / out).string() + extra);
}

TEST(PredictCli, EvalImagesGiveEvaluatesLabelsSampleBySample) {
  const fixture_paths& f = fixture();
  const auto input = scratch() / "eval-images-idx3-ubyte";
  const auto n = static_cast<std::uint32_t>(f.eval_labels.size());
  write_bytes(input, idx_bytes({n, side, side}, f.eval_images));
  const auto e = run("evaluate --quiet --json --model " + f.model.string() + " --out " + (scratch() / "evaluated").string());
  ASSERT_EQ(e.status, 0) << e.err;
  const auto p = predict(input, "predicted");
  ASSERT_EQ(p.status, 0) << p.err;
  const auto result = nlohmann::json::parse(p.out);
  EXPECT_EQ(result["images"], n);
  EXPECT_EQ(result["input_shape"], "(20, 28, 28)");
  const auto evaluated = csv_rows(read_text(scratch() / "evaluated" / "predictions.csv"));
  const auto predicted = csv_rows(read_text(scratch() / "predicted" / "predictions.csv"));
  ASSERT_EQ(evaluated.size(), n + 1);
  ASSERT_EQ(predicted.size(), n + 1);
  EXPECT_EQ(evaluated[0], (std::vector<std::string>{"index", "true_label", "label", "margin"}));
  EXPECT_EQ(predicted[0], (std::vector<std::string>{"index", "label", "margin"}));
  int right = 0;
  for (std::size_t k = 1; k <= n; ++k) {
    EXPECT_EQ(evaluated[k][1], std::to_string(f.eval_labels[k - 1])) << "row " << k;  // same images, same order
    EXPECT_EQ(predicted[k][1], evaluated[k][2]) << "row " << k;
    EXPECT_EQ(predicted[k][2], evaluated[k][3]) << "row " << k;
    EXPECT_GE(std::stod(predicted[k][2]), 0.0);
    right += predicted[k][1] == evaluated[k][1] ? 1 : 0;
  }
  EXPECT_EQ(static_cast<double>(right) / n, nlohmann::json::parse(e.out)["accuracy"].get<double>());
  EXPECT_TRUE(std::filesystem::exists(scratch() / "predicted" / "predict.json"));
}

TEST(PredictCli, IdxIntegerNpyAndFloatNpyGiveTheSameLabelsForAnyThreadCount) {
  const fixture_paths& f = fixture();
  const auto n = f.eval_labels.size();
  write_bytes(scratch() / "same.idx", idx_bytes({std::uint32_t(n), side, side}, f.eval_images));
  write_bytes(scratch() / "same_u8.npy", npy_bytes("|u1", {n, pixels}, raw(f.eval_images)));
  std::vector<float> scaled;  // what `images.astype(np.float32) / 255` gives (float32 division, rounded once)
  for (const std::uint8_t v : f.eval_images) scaled.push_back(static_cast<float>(v) / 255.0F);
  write_bytes(scratch() / "same_f4.npy", npy_bytes("<f4", {n, side, side}, raw(scaled)));
  ASSERT_EQ(predict(scratch() / "same.idx", "same_idx", " --threads 1").status, 0);
  ASSERT_EQ(predict(scratch() / "same_u8.npy", "same_u8", " --threads 2").status, 0);
  ASSERT_EQ(predict(scratch() / "same_f4.npy", "same_f4", " --threads 2").status, 0);
  const std::string reference = read_text(scratch() / "same_idx" / "predictions.csv");
  EXPECT_EQ(std::count(reference.begin(), reference.end(), '\n'), std::ptrdiff_t(n + 1));
  EXPECT_EQ(read_text(scratch() / "same_u8" / "predictions.csv"), reference);
  EXPECT_EQ(read_text(scratch() / "same_f4" / "predictions.csv"), reference);
}

TEST(PredictCli, BadInputEndsWithOneLineAndExitTwo) {
  const auto dir = scratch();
  write_bytes(dir / "small.idx", idx_bytes({3, 10, 10}, std::vector<std::uint8_t>(300, 7)));
  expect_one_line_error(predict(dir / "small.idx", "bad"), "images have 100 pixels (shape (3, 10, 10)), the model expects 784 (28 × 28)");
  std::string truncated = idx_bytes({2, side, side}, std::vector<std::uint8_t>(2 * pixels, 1));
  truncated.resize(truncated.size() - 5);
  write_bytes(dir / "truncated.idx", truncated);
  expect_one_line_error(predict(dir / "truncated.idx", "bad"), "truncated: 1568 data bytes expected, 1563 present");
  std::vector<float> values(2 * pixels, 0.5F);
  values[pixels + 3] = 1.5F;
  write_bytes(dir / "big.npy", npy_bytes("<f4", {2, pixels}, raw(values)));
  expect_one_line_error(predict(dir / "big.npy", "bad"), "value 1.5 at row 2, column 4 is outside [0, 1]");
  values[pixels + 3] = std::nanf("");
  write_bytes(dir / "nan.npy", npy_bytes("<f4", {2, pixels}, raw(values)));
  expect_one_line_error(predict(dir / "nan.npy", "bad"), "value nan at row 2, column 4 is not finite");
  std::vector<std::int16_t> wide(pixels, 255);
  wide[9] = 300;
  write_bytes(dir / "wide.npy", npy_bytes("<i2", {1, side, side}, raw(wide)));
  expect_one_line_error(predict(dir / "wide.npy", "bad"), "value 300 at index (1, 1, 10) is outside 0..255");
  std::string short_npy = npy_bytes("|u1", {2, pixels}, std::string(2 * pixels, '\1'));
  short_npy.resize(short_npy.size() - 1);
  write_bytes(dir / "short.npy", short_npy);
  expect_one_line_error(predict(dir / "short.npy", "bad"), "(truncated or oversized)");
  write_bytes(dir / "flat.npy", npy_bytes("|u1", {pixels}, std::string(pixels, '\1')));
  expect_one_line_error(predict(dir / "flat.npy", "bad"), "expected (images, rows, cols) or (images, pixels), found 1 dimensions");
  expect_one_line_error(predict(dir / "missing.idx", "bad"), "--input " + (dir / "missing.idx").string());
  expect_one_line_error(run("predict --model /nonexistent/run --input " + (dir / "small.idx").string()),
                        "--model: /nonexistent/run has no checkpoint.json");
  const auto synthetic = dir / "synthetic_model";
  ASSERT_EQ(run("train --quiet --set data.dataset=synthetic N=30 H=40 data.P=5 data.P_eval=2 data.synthetic.C=3 batch_size=5 "
                "num_epochs=0 --out " + synthetic.string()).status, 0);
  expect_one_line_error(run("predict --model " + synthetic.string() + " --input " + (dir / "small.idx").string()),
                        "--model: trained on synthetic data, not images");
}

}  // namespace
