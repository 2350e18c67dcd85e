// The IDX reader against hand-made byte strings: a valid file, and each defect refused with a
// message that says what is wrong.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "numerics/learning/idx_file.hpp"

namespace steer::numerics {
namespace {

// Header of an unsigned-byte IDX file with the given dimensions (big-endian), then `payload`.
std::string idx_bytes(const std::vector<std::uint32_t>& dims, const std::string& payload, char type = 0x08) {
  std::string bytes{'\0', '\0', type, static_cast<char>(dims.size())};
  for (const std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>((d >> shift) & 0xFF);
  }
  return bytes + payload;
}

std::string message_of(const std::string& bytes) {
  try {
    parse_idx(bytes, "f.idx");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(IdxFile, ReadsDimensionsAndValuesRowMajor) {
  const idx_array a = parse_idx(idx_bytes({2, 3}, std::string("\x01\x02\x03\x04\x05\xff", 6)), "f.idx");
  EXPECT_EQ(a.dimensions, (std::vector<std::uint32_t>{2, 3}));
  EXPECT_EQ(a.values, (std::vector<std::uint8_t>{1, 2, 3, 4, 5, 255}));
}

TEST(IdxFile, ReadsLargeBigEndianDimension) {
  const idx_array a = parse_idx(idx_bytes({258}, std::string(258, 'x')), "f.idx");
  EXPECT_EQ(a.dimensions.at(0), 258U);
}

TEST(IdxFile, RefusesEachDefectWithOneClearMessage) {
  EXPECT_EQ(message_of("\x01"), "f.idx: not an IDX file (only 1 bytes)");
  EXPECT_EQ(message_of(std::string("\x01\x00\x08\x01\x00\x00\x00\x01x", 9)), "f.idx: not an IDX file (bad magic number)");
  EXPECT_EQ(message_of(idx_bytes({1}, "x", 0x0D)), "f.idx: unsupported IDX element type 0x0d (only unsigned bytes, 0x08)");
  EXPECT_EQ(message_of(idx_bytes({}, "")), "f.idx: unsupported number of dimensions 0");
  EXPECT_EQ(message_of(idx_bytes({2, 0}, "")), "f.idx: dimension 1 is 0");
  EXPECT_EQ(message_of(idx_bytes({2, 3}, "abcd")), "f.idx: truncated: 6 data bytes expected, 4 present");
  EXPECT_EQ(message_of(idx_bytes({2}, "abc")), "f.idx: 1 unexpected bytes after the data");
  EXPECT_EQ(message_of(idx_bytes({2, 3}, "").substr(0, 9)), "f.idx: truncated header");
}

TEST(IdxFile, MissingFileNamesIt) {
  EXPECT_THROW(read_idx_file("/nonexistent/steer/file.idx"), std::invalid_argument);
}

}  // namespace
}  // namespace steer::numerics
