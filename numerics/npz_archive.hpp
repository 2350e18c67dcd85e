// Reading NumPy's .npz archives: np.savez writes a ZIP archive of .npy members, stored
// uncompressed; np.savez_compressed deflates them; large archives use ZIP64. The ZIP structure,
// inflation and each member's CRC-32 are libzip's (Debian libzip-dev); the member's bytes are
// parsed by npy_file (numerics/array_io.hpp), the only .npy parser.
//
// Errors are std::invalid_argument "<label> <archive>: <problem>" (one line), or
// "<label> <archive>:<member>: <problem>" for a member's .npy content.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "numerics/array_io.hpp"

namespace steer::numerics {

// The names of the archive's members without ".npy" (np.savez's keywords, or arr_0, arr_1,
// ...), in archive order.
std::vector<std::string> npz_member_names(std::string_view label, const std::filesystem::path& archive);

// Member `name` (without ".npy"). An empty name takes the only member; with several it is an
// error listing them. A missing member is an error listing them.
npy_file read_npz_member(std::string_view label, const std::filesystem::path& archive, std::string_view name);

}  // namespace steer::numerics
