// Files that appear complete or not at all: write to "<name>.tmp-<pid>" and rename
// (DESIGN.md, Long runs: a finished result is never half-written).
#pragma once

#include <filesystem>
#include <string_view>

namespace steer::numerics {

// Throws std::runtime_error naming the file if it cannot be written.
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace steer::numerics
