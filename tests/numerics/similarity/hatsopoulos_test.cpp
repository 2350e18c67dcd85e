// The shipped Hatsopoulos 2007 data and its strict loader (spec rate-rnn-credit-assignment §5.1,
// §10 item 12; issue 11: truncated, reordered and edited copies are refused).
#include "numerics/similarity/hatsopoulos.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <stdexcept>
#include <string>

#include "tests/support/file_errors.hpp"
#include "tests/support/scratch_files.hpp"

namespace {

using namespace steer::numerics;
using steer_test::read_text;

const std::filesystem::path shipped = std::filesystem::path(STEER_SOURCE_DIR) / "data" / "hatsopoulos2007";

// A copy of the shipped folder whose firing_rates.csv is `rates`.
std::filesystem::path copy_with_rates(const std::string& name, const std::string& rates) {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_hatsopoulos_" + std::to_string(getpid())) / name;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "firing_rates.csv", std::ios::binary) << rates;
  std::filesystem::copy_file(shipped / "kinematics.csv", dir / "kinematics.csv",
                             std::filesystem::copy_options::overwrite_existing);
  return dir;
}

std::string error_of(const std::filesystem::path& dir) {
  return steer_test::invalid_argument_message([&] { load_hatsopoulos_rates(dir); });
}

TEST(Hatsopoulos, ShippedRatesHaveTheDocumentedLayout) {
  const activity_array rates = load_hatsopoulos_rates(shipped);
  EXPECT_EQ(rates.conditions(), 8);
  EXPECT_EQ(rates.times(), 121);
  EXPECT_EQ(rates.units(), 141);
  // First and last data rows of the file, read by eye: "0,0,0,8.48196776", "0,0,1,6.76206387",
  // "140,120,7,2.55943208" (neuron, time_bin, direction, rate_hz).
  EXPECT_EQ(rates(0, 0, 0), 8.48196776);
  EXPECT_EQ(rates(1, 0, 0), 6.76206387);
  EXPECT_EQ(rates(7, 120, 140), 2.55943208);
  EXPECT_GE(rates.samples().minCoeff(), 0.0);
}

TEST(Hatsopoulos, ShippedKinematicsHaveTheDocumentedLayout) {
  const auto kinematics = load_hatsopoulos_kinematics(shipped);
  EXPECT_EQ(kinematics.values.rows(), 8 * 121);
  EXPECT_EQ(kinematics.variables.back(), "elbowangle");
  // Last line of the file: "7,120,0.71899134,-0.723851313,...,0.504260301".
  EXPECT_EQ(kinematics.values(8 * 121 - 1, 0), 0.71899134);
  EXPECT_EQ(kinematics.values(8 * 121 - 1, 5), 0.504260301);
  EXPECT_LE(kinematics.values.cwiseAbs().maxCoeff(), 1.0);
}

// Spec §4.3 and §10 item 12: direction k reaches towards 45°·k (end positions, within 5°; the
// file gives 0.8° to 4.0° off), and bin 80 is movement onset: the hand has covered < 10% of its
// path there and its speed peaks 10-25 bins (100-250 ms) later.
TEST(Hatsopoulos, DirectionsAndOnsetAgreeWithTheKinematics) {
  const auto k = load_hatsopoulos_kinematics(shipped);
  for (int direction = 0; direction < hatsopoulos_directions; ++direction) {
    const auto row = [&](int bin) { return k.values.row(bin + hatsopoulos_bins * direction); };
    double angle = std::atan2(row(120)(1), row(120)(0)) * 180.0 / std::numbers::pi;
    if (angle < -10) angle += 360;
    EXPECT_NEAR(angle, 45.0 * direction, 5.0) << direction;
    EXPECT_LT(std::hypot(row(hatsopoulos_onset_bin)(0), row(hatsopoulos_onset_bin)(1)),
              0.1 * std::hypot(row(120)(0), row(120)(1)));
    int peak = 0;
    double fastest = 0.0;
    for (int bin = 0; bin < hatsopoulos_bins; ++bin)
      if (const double speed = std::hypot(row(bin)(2), row(bin)(3)); speed > fastest) {
        fastest = speed;
        peak = bin;
      }
    EXPECT_GE(peak, hatsopoulos_onset_bin + 10) << direction;
    EXPECT_LE(peak, hatsopoulos_onset_bin + 25) << direction;
  }
}

TEST(Hatsopoulos, RefusesTruncatedReorderedAndEditedCopies) {
  const std::string rates = read_text(shipped / "firing_rates.csv");
  // Truncated in the middle of a line, and after a whole line.
  const std::string cut = rates.substr(0, rates.size() / 2);
  EXPECT_NE(error_of(copy_with_rates("cut", cut)).find("data rows, expected 136488 (truncated"), std::string::npos);
  const std::string lines = rates.substr(0, rates.rfind('\n', rates.size() - 2) + 1);
  EXPECT_NE(error_of(copy_with_rates("lines", lines)).find("has 136487 data rows"), std::string::npos);
  // Two data rows swapped (rows 2 and 3: directions 1 and 2 of neuron 0, bin 0).
  const std::size_t row2 = rates.find("\n0,0,1,") + 1, row3 = rates.find("\n0,0,2,") + 1, row4 = rates.find("\n0,0,3,") + 1;
  const std::string swapped = rates.substr(0, row2) + rates.substr(row3, row4 - row3) + rates.substr(row2, row3 - row2) +
                              rates.substr(row4);
  const std::string reorder_error = error_of(copy_with_rates("swapped", swapped));
  EXPECT_NE(reorder_error.find("firing_rates.csv: row 2 (line 3): direction = 2, expected 1"), std::string::npos)
      << reorder_error;
  // A value replaced by NaN, and one made negative.
  std::string edited = rates;
  edited.replace(edited.find("6.76206387"), 10, "nan");
  EXPECT_NE(error_of(copy_with_rates("nan", edited)).find("row 2 (line 3): rate_hz = nan is not in [0, 1000]"),
            std::string::npos);
  edited = rates;
  edited.replace(edited.find("6.76206387"), 10, "-6.76206387");
  EXPECT_NE(error_of(copy_with_rates("negative", edited)).find("rate_hz = -6.76206387 is not in"), std::string::npos);
  edited = rates;
  edited.replace(edited.find("6.76206387"), 10, "6.7x");
  EXPECT_NE(error_of(copy_with_rates("word", edited)).find("line 3, column 4: '6.7x' is not a number"), std::string::npos);
  EXPECT_NE(error_of(std::filesystem::path("/nonexistent")).find("does not exist"), std::string::npos);
}

}  // namespace
