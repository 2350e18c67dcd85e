#include "numerics/array_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace steer::numerics {
namespace {

constexpr std::string_view blanks = " \t\r";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

// The cells of one text row: comma-separated if the line has a comma (np.savetxt(..., delimiter=',')),
// else separated by runs of spaces and tabs (np.savetxt's default delimiter ' ').
std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  if (line.find(',') != std::string_view::npos) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      cells.push_back(trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
      if (comma == std::string_view::npos) return cells;
      start = comma + 1;
    }
  }
  for (std::size_t start = line.find_first_not_of(" \t"); start != std::string_view::npos;
       start = line.find_first_not_of(" \t", start)) {
    const std::size_t end = std::min(line.find_first_of(" \t", start), line.size());
    cells.push_back(line.substr(start, end - start));
    start = end;
  }
  return cells;
}

// An integer as the double of the same value; 64-bit integers beyond 2^53 may have none.
template <class Int>
double exact_double(const npy_file& npy, std::string_view label, const std::filesystem::path& file, Int value,
                    std::size_t k) {
  const double converted = static_cast<double>(value);
  // 2^digits itself is out of Int's range: a value that rounded up to it was not exact.
  if (converted >= std::ldexp(1.0, std::numeric_limits<Int>::digits) || static_cast<Int>(converted) != value)
    fail_file(label, file,
              fmt::format("entry ({}) = {} has no exact double value; convert the array to float64 deliberately",
                          npy.position(k), value));
  return converted;
}

template <class T>
T load(const char* bytes, bool swap) {
  char buffer[sizeof(T)];
  std::memcpy(buffer, bytes, sizeof(T));
  if (swap) std::reverse(buffer, buffer + sizeof(T));
  T value;
  std::memcpy(&value, buffer, sizeof(T));
  return value;
}

std::size_t shape_dimension(std::string_view label, const std::filesystem::path& file, std::string_view digits) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size())
    fail_file(label, file, fmt::format("shape dimension {} is too large", digits));
  return value;
}

}  // namespace

void fail_file(std::string_view label, const std::filesystem::path& file, const std::string& problem) {
  throw std::invalid_argument(fmt::format("{} {}: {}", label, file.string(), problem));
}

std::string read_file_bytes(std::string_view label, const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) fail_file(label, file, "does not exist or is not a regular file");
  std::ifstream in(file, std::ios::binary);
  if (!in) fail_file(label, file, "cannot be opened");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string quoted_cell(std::string_view cell) {
  constexpr std::size_t shown = 40;
  std::string text = "'";
  for (const char c : cell.substr(0, shown)) {
    const auto byte = static_cast<unsigned char>(c);
    text += byte >= 0x20 && byte < 0x7F ? std::string(1, c) : fmt::format("\\x{:02X}", byte);
  }
  return text + (cell.size() > shown ? "'..." : "'");
}

// NumPy format 1.0-3.0: magic, version, little-endian header length, a Python dict literal
// header padded to 64 bytes, then the raw data.
npy_file::npy_file(std::string_view label, const std::filesystem::path& file)
    : npy_file(label, file, read_file_bytes(label, file)) {}

npy_file::npy_file(std::string_view label, const std::filesystem::path& file, std::string content)
    : label_(label), file_(file), content_(std::move(content)) {
  if (content_.size() < 10 || content_.compare(0, 6, "\x93NUMPY") != 0) fail_file(label, file, "not a .npy file (bad magic)");
  const int major = static_cast<unsigned char>(content_[6]);
  std::size_t header_length = 0, offset = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(content_[8]) | (static_cast<unsigned char>(content_[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (content_.size() < 12) fail_file(label, file, "truncated header");
    for (int b = 0; b < 4; ++b) header_length |= std::size_t{static_cast<unsigned char>(content_[8 + b])} << (8 * b);
    offset = 12;
  } else {
    fail_file(label, file, fmt::format("unsupported .npy version {}", major));
  }
  if (content_.size() - offset < header_length) fail_file(label, file, "truncated header");
  data_offset_ = offset + header_length;
  const std::string header = content_.substr(offset, header_length);
  std::smatch match;
  if (!std::regex_search(header, match, std::regex(R"('descr'\s*:\s*'([^']*)')"))) fail_file(label, file, "header has no 'descr'");
  const std::string descr = match[1];
  const std::string supported = "float64/float32 ('<f8', '<f4') or integers ('|i1', '<i2' ... '<u8'), either byte order";
  if (descr.size() != 3 || std::string_view("<>|=").find(descr[0]) == std::string_view::npos)
    fail_file(label, file, fmt::format("dtype '{}' is not supported; expected {}", descr, supported));
  kind_ = descr[1];
  item_size_ = static_cast<std::size_t>(descr[2] - '0');
  swap_ = (descr[0] == '<' && std::endian::native == std::endian::big) ||
          (descr[0] == '>' && std::endian::native == std::endian::little);
  const bool ok = kind_ == 'f' ? item_size_ == 4 || item_size_ == 8
                  : kind_ == 'i' || kind_ == 'u'
                      ? item_size_ == 1 || item_size_ == 2 || item_size_ == 4 || item_size_ == 8
                      : false;
  if (!ok) fail_file(label, file, fmt::format("dtype '{}' is not supported; expected {}", descr, supported));
  fortran_ = std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)"));
  if (!std::regex_search(header, match, std::regex(R"('shape'\s*:\s*\(([^)]*)\))"))) fail_file(label, file, "header has no 'shape'");
  const std::string dims = match[1];
  const std::regex dimension(R"([^,\s]+)");
  for (std::sregex_iterator it(dims.begin(), dims.end(), dimension), end; it != end; ++it)
    shape_.push_back(shape_dimension(label, file, it->str()));
}

std::string npy_file::shape_text() const {
  return shape_.size() == 1 ? fmt::format("({},)", shape_[0]) : fmt::format("({})", fmt::join(shape_, ", "));
}

std::string npy_file::position(std::size_t k) const {
  std::vector<std::size_t> index(shape_.size());
  for (std::size_t d = shape_.size(); d-- > 0;) {
    index[d] = k % shape_[d] + 1;
    k /= shape_[d];
  }
  if (index.size() == 2) return fmt::format("row {}, column {}", index[0], index[1]);
  return fmt::format("index ({})", fmt::join(index, ", "));
}

std::vector<double> npy_file::values() const {
  // The element count compared with the bytes present without ever forming a product that could
  // wrap (shape (2^32, 2^32) of float64 would wrap to 0).
  const std::size_t data_bytes = content_.size() - data_offset_;
  const std::size_t available = data_bytes / item_size_;
  bool fits = data_bytes % item_size_ == 0;
  std::size_t count = 1;
  for (const std::size_t dim : shape_) {
    if (dim != 0 && count > available / dim) fits = false;
    count = fits ? count * dim : 0;
  }
  if (!fits || count != available)
    fail_file(label_, file_,
              fmt::format("shape {} of {}-byte elements does not match the {} data bytes (truncated or oversized)",
                          fmt::format("({})", fmt::join(shape_, ", ")), item_size_, data_bytes));
  const char* data = content_.data() + data_offset_;
  // Fortran order: the first index runs fastest; element `stored` goes to its C-order position.
  std::vector<std::size_t> c_strides(shape_.size(), 1);
  for (std::size_t d = shape_.size(); d-- > 1;) c_strides[d - 1] = c_strides[d] * shape_[d];
  std::vector<double> result(count);
  for (std::size_t stored = 0; stored < count; ++stored) {
    std::size_t k = stored;
    if (fortran_) {
      std::size_t rest = stored;
      k = 0;
      for (std::size_t d = 0; d < shape_.size(); ++d) {
        k += (rest % shape_[d]) * c_strides[d];
        rest /= shape_[d];
      }
    }
    const char* at = data + stored * item_size_;
    double value = 0.0;
    if (kind_ == 'f') {
      value = item_size_ == 8 ? load<double>(at, swap_) : load<float>(at, swap_);
    } else if (kind_ == 'i') {
      switch (item_size_) {
        case 1: value = load<std::int8_t>(at, false); break;
        case 2: value = load<std::int16_t>(at, swap_); break;
        case 4: value = load<std::int32_t>(at, swap_); break;
        default: value = exact_double(*this, label_, file_, load<std::int64_t>(at, swap_), k);
      }
    } else {
      switch (item_size_) {
        case 1: value = load<std::uint8_t>(at, false); break;
        case 2: value = load<std::uint16_t>(at, swap_); break;
        case 4: value = load<std::uint32_t>(at, swap_); break;
        default: value = exact_double(*this, label_, file_, load<std::uint64_t>(at, swap_), k);
      }
    }
    result[k] = value;
  }
  return result;
}

std::string npy_bytes(const std::vector<std::size_t>& shape, const std::vector<double>& values) {
  const std::string dims = shape.size() == 1 ? fmt::format("{},", shape[0]) : fmt::format("{}", fmt::join(shape, ", "));
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}), }}", dims);
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes.push_back(static_cast<char>(header.size() & 0xFF));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header;
  // Little-endian '<f8': byte-swap on a big-endian machine.
  for (const double v : values) {
    char buffer[sizeof(double)];
    std::memcpy(buffer, &v, sizeof(double));
    if (std::endian::native == std::endian::big) std::reverse(buffer, buffer + sizeof(double));
    bytes.append(buffer, sizeof(double));
  }
  return bytes;
}

text_table read_text_table(std::string_view label, const std::filesystem::path& file, bool has_header) {
  const std::string bytes = read_file_bytes(label, file);
  std::string_view content = bytes;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  text_table table;
  bool header_pending = has_header;
  std::size_t line_number = 0;
  while (!content.empty()) {
    const std::size_t newline = std::min(content.find('\n'), content.size());
    const std::string_view text = trim(content.substr(0, newline));
    content.remove_prefix(std::min(newline + 1, content.size()));
    ++line_number;
    if (text.empty() || text.front() == '#') continue;
    if (header_pending) {
      for (const std::string_view cell : split_cells(text)) table.header.emplace_back(cell);
      header_pending = false;
      continue;
    }
    std::vector<double> row;
    for (const std::string_view cell : split_cells(text)) {
      double value = 0.0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      const auto problem = [&](const char* what) {
        fail_file(label, file, fmt::format("line {}, column {}: {} {}", line_number, row.size() + 1, quoted_cell(cell), what));
      };
      if (error == std::errc::result_out_of_range) problem("is out of the range of double");
      if (error != std::errc{} || end != cell.data() + cell.size() || cell.empty()) problem("is not a number");
      row.push_back(value);
    }
    table.rows.push_back(std::move(row));
    table.line_numbers.push_back(line_number);
  }
  return table;
}

}  // namespace steer::numerics
