// numerics/array_io: the .npy and text parsers shared by the couplings and activity readers
// (the couplings reader's own tests, tests/numerics/fixed_points/coupling_io_test.cpp, cover the
// 2-D cases, every dtype and the overflow-safe shape check).
#include "numerics/array_io.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "numerics/atomic_file.hpp"
#include "tests/support/file_errors.hpp"

namespace {

using namespace steer::numerics;

std::filesystem::path scratch(const std::string& name) { return steer_test::scratch_file("steer_array_io", name); }

template <class F>
std::string error_of(F f) {
  return steer_test::invalid_argument_message(f);
}

TEST(ArrayIo, ThreeDimensionalNpyRoundTripAndPositions) {
  std::vector<double> values(24);
  for (std::size_t k = 0; k < values.size(); ++k) values[k] = 0.5 * static_cast<double>(k);
  write_file_atomically(scratch("a.npy"), npy_bytes({2, 3, 4}, values));
  const npy_file npy("array", scratch("a.npy"));
  EXPECT_EQ(npy.shape(), (std::vector<std::size_t>{2, 3, 4}));
  EXPECT_EQ(npy.shape_text(), "(2, 3, 4)");
  EXPECT_EQ(npy.values(), values);
  EXPECT_EQ(npy.position(23), "index (2, 3, 4)");
  write_file_atomically(scratch("v.npy"), npy_bytes({3}, {1, 2, 3}));
  EXPECT_EQ(npy_file("array", scratch("v.npy")).shape_text(), "(3,)");
}

// Fortran order: element (i, j, k) of shape (2, 3, 2) stored at i + 2 j + 6 k.
TEST(ArrayIo, FortranOrderThreeDimensional) {
  std::string bytes = npy_bytes({2, 3, 2}, std::vector<double>(12, 0.0));
  const std::size_t at = bytes.find("False");
  bytes.replace(at, 5, "True ");
  std::vector<double> stored(12);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 2; ++k) stored[i + 2 * j + 6 * k] = 100.0 * i + 10.0 * j + k;
  std::memcpy(bytes.data() + bytes.size() - 96, stored.data(), 96);
  write_file_atomically(scratch("f.npy"), bytes);
  const auto values = npy_file("array", scratch("f.npy")).values();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 2; ++k) EXPECT_EQ(values[6 * i + 2 * j + k], 100.0 * i + 10.0 * j + k);
}

TEST(ArrayIo, TextTableWithHeaderAndLineNumbers) {
  std::ofstream(scratch("t.csv")) << "\xEF\xBB\xBF# comment\na,b\n\n1,2\n3 ,4\n";
  const text_table table = read_text_table("table", scratch("t.csv"), true);
  EXPECT_EQ(table.header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table.rows, (std::vector<std::vector<double>>{{1, 2}, {3, 4}}));
  EXPECT_EQ(table.line_numbers, (std::vector<std::size_t>{4, 5}));
}

TEST(ArrayIo, ErrorsCarryTheCallersLabel) {
  std::ofstream(scratch("bad.csv")) << "1 2\n3 y\n";
  EXPECT_EQ(error_of([] { read_text_table("activity file", scratch("bad.csv")); }),
            "activity file " + scratch("bad.csv").string() + ": line 2, column 2: 'y' is not a number");
  EXPECT_NE(error_of([] { npy_file("model", scratch("missing.npy")); }).find("model "), std::string::npos);
  write_file_atomically(scratch("short.npy"), npy_bytes({2, 3, 4}, std::vector<double>(24, 0.0)).substr(0, 200));
  EXPECT_NE(error_of([] { npy_file("x", scratch("short.npy")).values(); }).find("shape (2, 3, 4) of 8-byte elements"),
            std::string::npos);
}

}  // namespace
