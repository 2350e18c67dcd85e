// Activity arrays and their readers: .npy (C and Fortran order, float32), tidy and wide CSV.
#include "numerics/similarity/activity_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "tests/support/file_errors.hpp"

namespace {

using namespace steer::numerics;

std::filesystem::path scratch(const std::string& name) { return steer_test::scratch_file("steer_activity_io", name); }

std::string error_of(const std::filesystem::path& file) {
  return steer_test::invalid_argument_message([&] { read_activity(file); });
}

// value(c, t, u) = 100 c + 10 t + u: every position distinguishable.
activity_array numbered(int conditions, int times, int units) {
  Eigen::MatrixXd samples(conditions * times, units);
  for (int c = 0; c < conditions; ++c)
    for (int t = 0; t < times; ++t)
      for (int u = 0; u < units; ++u) samples(t + times * c, u) = 100 * c + 10 * t + u;
  return {conditions, times, samples};
}

TEST(ActivityArray, LayoutAndConditionAverage) {
  const activity_array a = numbered(2, 3, 4);
  EXPECT_EQ(a(1, 2, 3), 123);
  EXPECT_EQ(a.samples()(2 + 3 * 1, 3), 123);  // row r = t + T·c
  const activity_array mean = a.condition_averaged();
  EXPECT_EQ(mean(0, 2, 3), 73);  // (23 + 123)/2
  EXPECT_EQ(mean(1, 2, 3), 73);
  EXPECT_EQ(a.select_units({3, 0})(1, 2, 0), 123);
  EXPECT_THROW(activity_array(2, 3, Eigen::MatrixXd::Zero(5, 1)), std::invalid_argument);
  EXPECT_THROW(require_same_layout(a, numbered(3, 2, 4), "model", "data"), std::invalid_argument);
}

TEST(ActivityIo, NpyRoundTripAndTwoDimensionalArrays) {
  const activity_array a = numbered(2, 3, 4);
  write_activity_npy(a, scratch("a.npy"));
  const activity_array back = read_activity(scratch("a.npy"));
  EXPECT_EQ(back.conditions(), 2);
  EXPECT_EQ(back.times(), 3);
  EXPECT_EQ(back.samples(), a.samples());
}

TEST(ActivityIo, TidyCsvInAnyRowAndColumnOrder) {
  std::ofstream(scratch("tidy.csv")) << "direction,rate_hz,neuron,time_bin\n"
                                        "1,7.5,0,1\n0,1,0,0\n0,2,0,1\n1,3,0,0\n"
                                        "0,4,1,0\n0,5,1,1\n1,6,1,0\n1,8,1,1\n";
  const activity_array a = read_activity(scratch("tidy.csv"));
  EXPECT_EQ(a.conditions(), 2);
  EXPECT_EQ(a.times(), 2);
  EXPECT_EQ(a.units(), 2);
  EXPECT_EQ(a(1, 1, 0), 7.5);
  EXPECT_EQ(a(1, 1, 1), 8);
  EXPECT_EQ(a(0, 1, 1), 5);
}

TEST(ActivityIo, WideCsv) {
  std::ofstream(scratch("wide.csv")) << "condition,time,m1,m2,m3\n0,0,1,2,3\n0,1,4,5,6\n1,1,10,11,12\n1,0,7,8,9\n";
  const activity_array a = read_activity(scratch("wide.csv"));
  EXPECT_EQ(a.conditions(), 2);
  EXPECT_EQ(a.units(), 3);
  EXPECT_EQ(a(1, 0, 2), 9);
  EXPECT_EQ(a(1, 1, 0), 10);
}

TEST(ActivityIo, BadFilesNameFileAndLine) {
  std::ofstream(scratch("dup.csv")) << "neuron,time,condition,v\n0,0,0,1\n0,0,0,2\n";
  EXPECT_NE(error_of(scratch("dup.csv")).find("do not fill"), std::string::npos);
  std::ofstream(scratch("repeat.csv")) << "neuron,time,condition,v\n0,0,0,1\n0,0,0,2\n0,1,0,1\n0,0,1,1\n";
  EXPECT_NE(error_of(scratch("repeat.csv")).find("line 3: (unit 0, time 0, condition 0) appears again (first on line 2)"),
            std::string::npos)
      << error_of(scratch("repeat.csv"));
  std::ofstream(scratch("nan.csv")) << "condition,time,a\n0,0,nan\n";
  EXPECT_NE(error_of(scratch("nan.csv")).find("line 2: (condition 0, time 0, a) is nan"), std::string::npos);
  std::ofstream(scratch("frac.csv")) << "condition,time,a\n0,0.5,1\n";
  EXPECT_NE(error_of(scratch("frac.csv")).find("line 2: time = 0.5 is not an index"), std::string::npos);
  std::ofstream(scratch("header.csv")) << "x,y\n1,2\n";
  EXPECT_NE(error_of(scratch("header.csv")).find("is neither tidy"), std::string::npos);
  std::ofstream(scratch("a.txt")) << "1\n";
  EXPECT_NE(error_of(scratch("a.txt")).find("format unknown"), std::string::npos);
}

}  // namespace
