// A hand-made .npy file (format 1.0) with any shape text in its header, for tests of what the
// reader refuses: NumPy itself cannot write a header that disagrees with its data.
#pragma once

#include <cstddef>
#include <string>

namespace steer_test {

// '<f8' header declaring `shape` (e.g. "2, 3"), padded as NumPy pads it, then `data_bytes` zeros.
inline std::string npy_bytes_with_shape(const std::string& shape, std::size_t data_bytes) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + shape + "), }";
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
  header += '\n';
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>(header.size() >> 8);
  return bytes + header + std::string(data_bytes, '\0');
}

}  // namespace steer_test
