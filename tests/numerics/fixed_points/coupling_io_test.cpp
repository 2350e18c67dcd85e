#include "numerics/fixed_points/coupling_io.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <utility>

#include "tests/support/npy_bytes.hpp"

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
  EXPECT_NE(error_of(scratch("word.csv")).find("line 1, column 2: 'x' is not a number"), std::string::npos);
  write_text(scratch("nan.csv"), "1,nan\n3,4\n");
  EXPECT_NE(error_of(scratch("nan.csv")).find("entry (row 1, column 2) is nan"), std::string::npos);
  write_text(scratch("inf.txt"), "1 2\n-inf 4\n");
  EXPECT_NE(error_of(scratch("inf.txt")).find("entry (row 2, column 1) is -inf"), std::string::npos);
  write_text(scratch("huge.csv"), "1,1e999\n3,4\n");
  EXPECT_NE(error_of(scratch("huge.csv")).find("line 1, column 2: '1e999' is out of the range of double"), std::string::npos);
  write_text(scratch("nul.csv"), std::string("1,\0\n3,4\n", 8));
  EXPECT_NE(error_of(scratch("nul.csv")).find("line 1, column 2: '\\x00' is not a number"), std::string::npos);
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
  std::string c8 = bytes;
  c8.replace(c8.find("<f8"), 3, "<c8");
  write_text(scratch("c8.npy"), c8);
  EXPECT_NE(error_of(scratch("c8.npy")).find("dtype '<c8' is not supported"), std::string::npos);
}

// A .npy header is checked against the data before anything is allocated: rows × cols × 8 of
// shape (2^32, 2^32) wraps to 0 in 64-bit arithmetic, and 10^30 does not fit any integer.
TEST(CouplingIo, NpyShapesThatDoNotMatchTheDataAreRefused) {
  const std::pair<std::string, std::string> cases[] = {
      {"4294967296, 4294967296", "shape (4294967296, 4294967296) of 8-byte elements does not match the 32 data bytes"},
      {"1000000000000000000000000000000, 1", "shape dimension 1000000000000000000000000000000 is too large"},
      {"2, 3", "not square: shape (2, 3)"},
      {"3, 3", "does not match the 32 data bytes"},
      {"4,", "shape must be 2-D"}};
  for (const auto& [shape, message] : cases) {
    write_text(scratch("shape.npy"), steer_test::npy_bytes_with_shape(shape, 32));
    const std::string error = error_of(scratch("shape.npy"));
    EXPECT_NE(error.find(message), std::string::npos) << shape << ": " << error;
  }
}

namespace {

// Files written by NumPy itself: np.savetxt's default and comma-separated text, a BOM, and
// np.save of every supported dtype in both byte orders and both memory orders.
constexpr const char* numpy_writer = R"(import sys
import numpy as np
d = sys.argv[1]
m = np.array([[0.5, -1/3, 1e-300], [2.0**-1074, -2.5e10, 1/7], [123456.789, 0.1, -7.0]])
np.save(f'{d}/f8.npy', m)
np.savetxt(f'{d}/default.txt', m)
np.savetxt(f'{d}/comma.csv', m, delimiter=',')
np.savetxt(f'{d}/header.txt', m, delimiter='\t', header='couplings\nrow i: inputs of neuron i')
with open(f'{d}/bom.csv', 'w', encoding='utf-8-sig') as f:
    np.savetxt(f, m, delimiter=',')
arrays = {
    'float32': [[0.1, -3.4e38], [1e-45, 2.5]],
    'int8': [[-128, 127], [0, -1]], 'uint8': [[0, 255], [1, 2]],
    'int16': [[-32768, 32767], [3, -4]], 'uint16': [[65535, 0], [5, 6]],
    'int32': [[-2**31, 2**31 - 1], [7, 8]], 'uint32': [[2**32 - 1, 0], [9, 10]],
    'int64': [[-2**63, 2**53], [-2**53, 2**62 + 2**10]], 'uint64': [[2**64 - 2**11, 0], [2**53, 11]],
}
for name, values in arrays.items():
    a = np.array(values, dtype=name)
    np.save(f'{d}/ref_{name}.npy', a.astype(np.float64))
    for order, tag in (('<', 'le'), ('>', 'be')):
        b = a.astype(a.dtype.newbyteorder(order))
        np.save(f'{d}/{name}_{tag}_C.npy', b)
        np.save(f'{d}/{name}_{tag}_F.npy', np.asfortranarray(b))
np.save(f'{d}/int64_inexact.npy', np.array([[1, 2**53 + 1], [3, 4]], dtype='>i8'))
np.save(f'{d}/uint64_inexact.npy', np.array([[1, 2], [2**64 - 1, 4]], dtype='<u8'))
np.save(f'{d}/float32_nan.npy', np.array([[1, 2], [np.nan, 4]], dtype='float32'))
np.save(f'{d}/complex.npy', np.zeros((2, 2), dtype='complex128'))
np.save(f'{d}/vector.npy', np.zeros(4))
)";

// The directory NumPy wrote into, or empty if Debian's /usr/bin/python3 with python3-numpy is
// missing (the tests that need it are then skipped, not failed).
std::filesystem::path numpy_files() {
  static const std::filesystem::path dir = [] {
    const auto script = scratch("write_numpy_files.py");
    write_text(script, numpy_writer);
    const auto out = scratch("numpy");
    std::filesystem::create_directories(out);
    const std::string command = "/usr/bin/python3 " + script.string() + " " + out.string() + " 2>/dev/null";
    return std::system(command.c_str()) == 0 ? out : std::filesystem::path{};
  }();
  return dir;
}

}  // namespace

TEST(CouplingIo, ReadsNumpyText) {
  const auto dir = numpy_files();
  if (dir.empty()) GTEST_SKIP() << "/usr/bin/python3 with NumPy not found";
  const auto expected = read_couplings(dir / "f8.npy").values();
  for (const char* name : {"default.txt", "comma.csv", "header.txt", "bom.csv"})
    EXPECT_EQ(read_couplings(dir / name).values(), expected) << name;
}

// Each dtype, byte order and memory order reads as exactly the float64 values NumPy converts it to.
TEST(CouplingIo, ReadsEveryNumpyDtypeExactly) {
  const auto dir = numpy_files();
  if (dir.empty()) GTEST_SKIP() << "/usr/bin/python3 with NumPy not found";
  for (const std::string dtype : {"float32", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"}) {
    const auto expected = read_couplings(dir / ("ref_" + dtype + ".npy")).values();
    for (const std::string variant : {"_le_C", "_le_F", "_be_C", "_be_F"})
      EXPECT_EQ(read_couplings(dir / (dtype + variant + ".npy")).values(), expected) << dtype << variant;
  }
  // Against literals too, so that an error shared with the float64 reference would show.
  EXPECT_EQ(read_couplings(dir / "int64_be_F.npy").values(), (std::vector<double>{-0x1p63, 0x1p53, -0x1p53, 0x1p62 + 0x1p10}));
  EXPECT_EQ(read_couplings(dir / "float32_le_C.npy").values()[0], static_cast<double>(0.1f));
}

TEST(CouplingIo, RefusesNumpyArraysWithoutExactDoubles) {
  const auto dir = numpy_files();
  if (dir.empty()) GTEST_SKIP() << "/usr/bin/python3 with NumPy not found";
  EXPECT_NE(error_of(dir / "int64_inexact.npy").find("entry (row 1, column 2) = 9007199254740993 has no exact double"),
            std::string::npos);
  EXPECT_NE(error_of(dir / "uint64_inexact.npy").find("entry (row 2, column 1) = 18446744073709551615 has no exact"),
            std::string::npos);
  EXPECT_NE(error_of(dir / "float32_nan.npy").find("entry (row 2, column 1) is nan"), std::string::npos);
  EXPECT_NE(error_of(dir / "complex.npy").find("dtype '<c16' is not supported"), std::string::npos);
  EXPECT_NE(error_of(dir / "vector.npy").find("shape must be 2-D"), std::string::npos);
}
