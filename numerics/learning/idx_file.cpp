#include "numerics/learning/idx_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace steer::numerics {
namespace {

// MNIST uses 1 (labels) and 3 (images) dimensions; 4 leaves room for colour images.
constexpr unsigned max_dimensions = 4;
// 2^32 values: far above any dataset here, and the product below cannot overflow 64 bits.
constexpr std::uint64_t max_values = std::uint64_t{1} << 32;

std::uint32_t big_endian_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t k = 0; k < 4; ++k) value = (value << 8) | static_cast<std::uint8_t>(bytes[at + k]);
  return value;
}

}  // namespace

idx_array parse_idx(std::string_view bytes, std::string_view name) {
  auto fail = [&](const std::string& why) { return std::invalid_argument(fmt::format("{}: {}", name, why)); };
  if (bytes.size() < 4) throw fail(fmt::format("not an IDX file (only {} bytes)", bytes.size()));
  if (bytes[0] != 0 || bytes[1] != 0) throw fail("not an IDX file (bad magic number)");
  const auto type = static_cast<std::uint8_t>(bytes[2]);
  if (type != 0x08) throw fail(fmt::format("unsupported IDX element type 0x{:02x} (only unsigned bytes, 0x08)", type));
  const unsigned rank = static_cast<std::uint8_t>(bytes[3]);
  if (rank == 0 || rank > max_dimensions) throw fail(fmt::format("unsupported number of dimensions {}", rank));
  const std::size_t header = 4 + 4 * std::size_t{rank};
  if (bytes.size() < header) throw fail("truncated header");
  idx_array array;
  std::uint64_t count = 1;
  for (unsigned d = 0; d < rank; ++d) {
    const std::uint32_t extent = big_endian_u32(bytes, 4 + 4 * std::size_t{d});
    if (extent == 0) throw fail(fmt::format("dimension {} is 0", d));
    count *= extent;
    if (count > max_values) throw fail("more than 2^32 values");
    array.dimensions.push_back(extent);
  }
  const std::uint64_t present = bytes.size() - header;
  if (present < count) throw fail(fmt::format("truncated: {} data bytes expected, {} present", count, present));
  if (present > count) throw fail(fmt::format("{} unexpected bytes after the data", present - count));
  array.values.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
  return array;
}

idx_array read_idx_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("cannot read {}", file.string()));
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::invalid_argument(fmt::format("cannot read {}", file.string()));
  return parse_idx(bytes, file.string());
}

}  // namespace steer::numerics
