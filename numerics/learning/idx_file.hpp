// The IDX file format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE of
// handwritten digits", file-format section): 2 zero bytes, a type byte (0x08 = unsigned byte),
// the number of dimensions, one big-endian uint32 per dimension, then the values row-major.
// One reader serves both datasets (spec steering-learning §6).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace steer::numerics {

struct idx_array {
  std::vector<std::uint32_t> dimensions;
  std::vector<std::uint8_t> values;  // row-major, product(dimensions) entries
};

// Parses the bytes of an unsigned-byte IDX file. Throws std::invalid_argument "<name>: <why>" for
// a bad magic, an unsupported element type, zero or too many dimensions, a zero dimension, a
// truncated file or trailing bytes.
idx_array parse_idx(std::string_view bytes, std::string_view name);

// Reads and parses `file` (std::invalid_argument naming the file if it cannot be read).
idx_array read_idx_file(const std::filesystem::path& file);

}  // namespace steer::numerics
