// Reading and writing coupling matrices: CSV (N rows of N numbers) and NumPy .npy
// (2-D float64, C or Fortran order). The diagonal holds the self-couplings.
#pragma once

#include <filesystem>

#include "numerics/couplings.hpp"

namespace steer::numerics {

// Format from the extension (.npy, else CSV). Throws std::invalid_argument with the file
// name and the problem (missing, not square, non-numeric cell, NaN, truncated .npy, ...).
coupling_matrix read_couplings(const std::filesystem::path& file);

// CSV with shortest round-trip doubles, or .npy by extension. Written to a temporary file
// and renamed, so a partial file never appears under the final name.
void write_couplings(const coupling_matrix& couplings, const std::filesystem::path& file);

}  // namespace steer::numerics
