// Reading and writing activity arrays (numerics/similarity/activity.hpp) in the formats users
// have them in. The format comes from the extension and, for CSV, from the header:
//   .npy  float64/float32 (or integers), C or Fortran order, shape (conditions, times, units);
//         a 2-D array (samples, units) is one condition of `samples` times.
//   .npz  np.savez / np.savez_compressed archive of such arrays: `A.npz:member` picks the member
//         (its keyword, or arr_0 ...); a bare `A.npz` must hold exactly one
//         (numerics/npz_archive.hpp).
//   tidy CSV  one row per value, header naming the columns in any order: unit|neuron,
//         time|time_bin, condition|direction and one value column (e.g. rate_hz), as the shipped
//         Hatsopoulos file; indices are 0-based integers, rows in any order, every
//         (unit, time, condition) exactly once.
//   wide CSV  header condition,time,<one name per unit>; one row per (condition, time), each once.
// Parsing is numerics/array_io's; errors name the file and the line.
#pragma once

#include <filesystem>

#include "numerics/similarity/activity.hpp"

namespace steer::numerics {

activity_array read_activity(const std::filesystem::path& file);

// float64, C order, shape (conditions, times, units); written atomically.
void write_activity_npy(const activity_array& activity, const std::filesystem::path& file);

}  // namespace steer::numerics
