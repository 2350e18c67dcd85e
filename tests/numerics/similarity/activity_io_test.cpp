// Activity arrays and their readers: .npy (C and Fortran order, float32), .npz (stored and
// deflated), tidy and wide CSV.
#include "numerics/similarity/activity_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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

// The archives in tests/numerics/similarity/data/ were written by NumPy (np.savez,
// np.savez_compressed) from tools/reference/activity_npz.py: x = numbered(2, 3, 4) in float64, C
// order; y = x + 0.5 in float32, Fortran order; single.npz holds x as arr_0.
const std::filesystem::path npz_data = std::filesystem::path(STEER_SOURCE_DIR) / "tests/numerics/similarity/data";

TEST(ActivityIo, NpzStoredAndDeflatedMembers) {
  const Eigen::MatrixXd x = numbered(2, 3, 4).samples();
  for (const char* archive : {"stored.npz", "deflated.npz"}) {
    const activity_array a = read_activity((npz_data / archive).string() + ":x");
    EXPECT_EQ(a.conditions(), 2) << archive;
    EXPECT_EQ(a.times(), 3) << archive;
    EXPECT_EQ(a.samples(), x) << archive;
    EXPECT_EQ(read_activity((npz_data / archive).string() + ":y").samples(), (x.array() + 0.5).matrix()) << archive;
  }
  EXPECT_EQ(read_activity(npz_data / "single.npz").samples(), x);
  EXPECT_EQ(read_activity((npz_data / "single.npz").string() + ":arr_0").samples(), x);
}

// The bytes of `from` with `edit` applied, written to the scratch file `name`.
template <class Edit>
std::filesystem::path edited_copy(const std::filesystem::path& from, const std::string& name, Edit edit) {
  std::ifstream in(from, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  edit(bytes);
  std::ofstream(scratch(name), std::ios::binary) << bytes;
  return scratch(name);
}

// Offset of the first member's data: after the 30-byte local header, its name and extra field
// (lengths at bytes 26 and 28, little-endian; APPNOTE.TXT 4.3.7).
std::size_t first_member_data(const std::string& zip) {
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
  };
  return 30 + u16(26) + u16(28);
}

TEST(ActivityIo, BadNpzArchivesAreRefusedInOneLine) {
  const std::string stored = (npz_data / "stored.npz").string();
  const auto one_line = [](const std::string& message) { return message.find('\n') == std::string::npos; };
  std::string e = error_of(stored);
  EXPECT_NE(e.find("holds 2 arrays ('x', 'y'); name one as " + stored + ":<member>"), std::string::npos) << e;
  e = error_of(stored + ":z");
  EXPECT_NE(e.find("has no member 'z' (members: 'x', 'y')"), std::string::npos) << e;
  e = error_of(stored + ":");
  EXPECT_NE(e.find("name the member after the colon"), std::string::npos) << e;
  e = error_of(scratch("absent.npz"));
  EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
  for (const char* archive : {"stored.npz", "deflated.npz"}) {
    const auto truncated = edited_copy(npz_data / archive, "truncated.npz", [](std::string& b) { b.resize(b.size() / 2); });
    e = error_of(truncated.string() + ":x");
    EXPECT_NE(e.find("not a readable .npz (ZIP) archive"), std::string::npos) << archive << ": " << e;
    EXPECT_TRUE(one_line(e)) << e;
    // A changed byte inside member x's data (past its .npy header when stored): the CRC-32 (or,
    // deflated, the inflation) fails.
    const auto flipped = edited_copy(npz_data / archive, "flipped.npz", [](std::string& b) {
      b[first_member_data(b) + 130] = static_cast<char>(b[first_member_data(b) + 130] ^ 0x5a);
    });
    e = error_of(flipped.string() + ":x");
    EXPECT_NE(e.find(flipped.string() + ":x: corrupt member"), std::string::npos) << archive << ": " << e;
    EXPECT_TRUE(one_line(e)) << e;
    EXPECT_EQ(read_activity(flipped.string() + ":y").samples()(0, 0), 0.5) << archive;  // the other member is intact
  }
  const auto text = edited_copy(npz_data / "stored.npz", "text.npz", [](std::string& b) { b = "x,y\n1,2\n"; });
  EXPECT_NE(error_of(text).find("not a readable .npz (ZIP) archive"), std::string::npos);
}

}  // namespace
