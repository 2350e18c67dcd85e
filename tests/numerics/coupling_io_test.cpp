#include "numerics/coupling_io.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

using namespace steer::numerics;

namespace {

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_coupling_io_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string error_of(const std::filesystem::path& file) {
  try {
    read_couplings(file);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(CouplingIo, CsvAndNpyRoundTripExactly) {
  const auto j = sample_couplings({7, 0.5, 0.2}, 3, 0);
  for (const char* name : {"j.csv", "j.npy"}) {
    write_couplings(j, scratch(name));
    EXPECT_EQ(read_couplings(scratch(name)).values(), j.values()) << name;
  }
}

TEST(CouplingIo, CsvAllowsCommentsBlankLinesAndSpaces) {
  write_text(scratch("c.csv"), "# a 2x2 matrix\n 0.5 , -1\n\n2,0.25\r\n");
  const auto j = read_couplings(scratch("c.csv"));
  EXPECT_EQ(j.values(), (std::vector<double>{0.5, -1, 2, 0.25}));
}

// NumPy writes Fortran-ordered arrays too: np.asfortranarray([[1,2],[3,4]]) stores 1,3,2,4.
TEST(CouplingIo, ReadsFortranOrderNpy) {
  std::string header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }";
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size());
  bytes += '\0';
  bytes += header;
  for (const double v : {1.0, 3.0, 2.0, 4.0}) bytes.append(reinterpret_cast<const char*>(&v), 8);
  write_text(scratch("f.npy"), bytes);
  EXPECT_EQ(read_couplings(scratch("f.npy")).values(), (std::vector<double>{1, 2, 3, 4}));
}

TEST(CouplingIo, BadFilesGiveOneClearMessage) {
  EXPECT_NE(error_of(scratch("missing.csv")).find("does not exist"), std::string::npos);
  write_text(scratch("ragged.csv"), "1,2\n3\n");
  EXPECT_NE(error_of(scratch("ragged.csv")).find("not square: row 2 has 1 entries"), std::string::npos);
  write_text(scratch("word.csv"), "1,x\n3,4\n");
  EXPECT_NE(error_of(scratch("word.csv")).find("line 1: 'x' is not a number"), std::string::npos);
  write_text(scratch("nan.csv"), "1,nan\n3,4\n");
  EXPECT_NE(error_of(scratch("nan.csv")).find("entry (1, 2) is nan"), std::string::npos);
  write_text(scratch("empty.csv"), "");
  EXPECT_NE(error_of(scratch("empty.csv")).find("no rows"), std::string::npos);

  const auto good = sample_couplings({4, 0.0, 0.0}, 1, 0);
  write_couplings(good, scratch("t.npy"));
  std::ifstream in(scratch("t.npy"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  write_text(scratch("truncated.npy"), bytes.substr(0, bytes.size() - 8));
  EXPECT_NE(error_of(scratch("truncated.npy")).find("truncated"), std::string::npos);
  write_text(scratch("magic.npy"), "not numpy at all");
  EXPECT_NE(error_of(scratch("magic.npy")).find("bad magic"), std::string::npos);
  std::string f4 = bytes;
  f4.replace(f4.find("<f8"), 3, "<f4");
  write_text(scratch("f4.npy"), f4);
  EXPECT_NE(error_of(scratch("f4.npy")).find("float64"), std::string::npos);
}
