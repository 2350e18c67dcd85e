#include "numerics/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace steer::numerics {

void write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  const std::filesystem::path temporary = file.string() + fmt::format(".tmp-{}", ::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("cannot write {} (disk full?)", file.string()));
  }
  std::error_code error;
  std::filesystem::rename(temporary, file, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error(fmt::format("cannot write {}", file.string()));
  }
}

}  // namespace steer::numerics
