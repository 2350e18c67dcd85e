// Reading and writing coupling matrices as NumPy users write them: text (N rows of N numbers,
// comma- or whitespace-separated, as np.savetxt writes) and .npy (2-D float64, float32 or
// integers of 1-8 bytes, either byte order, C or Fortran order). The diagonal holds the
// self-couplings. Parsing is numerics/array_io's; this file adds the square shape and finiteness.
#pragma once

#include <filesystem>

#include "numerics/fixed_points/couplings.hpp"

namespace steer::numerics {

// Format from the extension (.npy, else text). Every entry becomes the double of exactly its
// value: float32 and integers up to 32 bits always can; 64-bit integers that double cannot hold
// exactly (beyond 2^53) are refused rather than rounded. Throws std::invalid_argument with the
// file name and the problem (missing, not square, non-numeric cell with its line and column,
// NaN/inf entry with its row and column, wrong dtype, shape that does not match the data, ...).
coupling_matrix read_couplings(const std::filesystem::path& file);

// CSV with shortest round-trip doubles, or .npy by extension. Written to a temporary file
// and renamed, so a partial file never appears under the final name.
void write_couplings(const coupling_matrix& couplings, const std::filesystem::path& file);

}  // namespace steer::numerics
