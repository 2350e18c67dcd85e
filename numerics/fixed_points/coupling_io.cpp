#include "numerics/fixed_points/coupling_io.hpp"

#include <fmt/format.h>

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

#include "numerics/atomic_file.hpp"

namespace steer::numerics {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& problem) {
  throw std::invalid_argument(fmt::format("couplings file {}: {}", file.string(), problem));
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, "cannot be opened");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// A cell as it may appear in a one-line message: a number is printable ASCII, so anything else
// (NUL, which would end the message's C string, a BOM, control or non-ASCII bytes) is shown as
// \xNN; long cells are cut.
std::string quoted_cell(std::string_view cell) {
  constexpr std::size_t shown = 40;
  std::string text = "'";
  for (const char c : cell.substr(0, shown)) {
    const auto byte = static_cast<unsigned char>(c);
    text += byte >= 0x20 && byte < 0x7F ? std::string(1, c) : fmt::format("\\x{:02X}", byte);
  }
  return text + (cell.size() > shown ? "'..." : "'");
}

constexpr std::string_view blanks = " \t\r";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

// Checks shape and finiteness before the matrix exists; positions are 1-based (row, column).
coupling_matrix from_rows(const std::filesystem::path& file, const std::vector<std::vector<double>>& rows) {
  const auto n = rows.size();
  if (n == 0) fail(file, "no rows");
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i].size() != n) fail(file, fmt::format("not square: row {} has {} entries, expected {}", i + 1, rows[i].size(), n));
  std::vector<double> values;
  values.reserve(n * n);
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  for (std::size_t k = 0; k < values.size(); ++k)
    if (!std::isfinite(values[k]))
      fail(file, fmt::format("entry (row {}, column {}) is {}; couplings must be finite", k / n + 1, k % n + 1, values[k]));
  return coupling_matrix(static_cast<int>(n), std::move(values));
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

// One row per line; blank lines and lines starting with '#' (np.savetxt's header) are skipped,
// and so is a UTF-8 byte-order mark at the start of the file.
coupling_matrix read_text(const std::filesystem::path& file) {
  const std::string bytes = slurp(file);
  std::string_view content = bytes;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  std::vector<std::vector<double>> rows;
  std::size_t line_number = 0;
  while (!content.empty()) {
    const std::size_t newline = std::min(content.find('\n'), content.size());
    const std::string_view text = trim(content.substr(0, newline));
    content.remove_prefix(std::min(newline + 1, content.size()));
    ++line_number;
    if (text.empty() || text.front() == '#') continue;
    std::vector<double> row;
    for (const std::string_view cell : split_cells(text)) {
      double value = 0.0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      const auto problem = [&](const char* what) {
        fail(file, fmt::format("line {}, column {}: {} {}", line_number, row.size() + 1, quoted_cell(cell), what));
      };
      if (error == std::errc::result_out_of_range) problem("is out of the range of double");
      if (error != std::errc{} || end != cell.data() + cell.size() || cell.empty()) problem("is not a number");
      row.push_back(value);
    }
    rows.push_back(std::move(row));
  }
  return from_rows(file, rows);
}

// An element type of .npy data ('descr', e.g. '<f8', '>i4', '|u1') and how to read it.
struct npy_dtype {
  char kind;  // 'f', 'i' or 'u'
  std::size_t size;
  bool swap;  // stored in the other byte order than this machine's
};

npy_dtype parse_descr(const std::filesystem::path& file, const std::string& descr) {
  const std::string supported = "float64/float32 ('<f8', '<f4') or integers ('|i1', '<i2' ... '<u8'), either byte order";
  if (descr.size() != 3 || std::string_view("<>|=").find(descr[0]) == std::string_view::npos)
    fail(file, fmt::format("dtype '{}' is not supported; expected {}", descr, supported));
  const npy_dtype dtype{descr[1], static_cast<std::size_t>(descr[2] - '0'),
                        (descr[0] == '<' && std::endian::native == std::endian::big) ||
                            (descr[0] == '>' && std::endian::native == std::endian::little)};
  const bool ok = dtype.kind == 'f' ? dtype.size == 4 || dtype.size == 8
                  : dtype.kind == 'i' || dtype.kind == 'u'
                      ? dtype.size == 1 || dtype.size == 2 || dtype.size == 4 || dtype.size == 8
                      : false;
  if (!ok) fail(file, fmt::format("dtype '{}' is not supported; expected {}", descr, supported));
  return dtype;
}

// An integer as the double of the same value; 64-bit integers beyond 2^53 may have none.
template <class Int>
double exact_double(const std::filesystem::path& file, Int value, std::size_t row, std::size_t column) {
  const double converted = static_cast<double>(value);
  // 2^digits itself is out of Int's range: a value that rounded up to it was not exact.
  if (converted >= std::ldexp(1.0, std::numeric_limits<Int>::digits) || static_cast<Int>(converted) != value)
    fail(file, fmt::format("entry (row {}, column {}) = {} has no exact double value; convert the array to float64 "
                           "deliberately",
                           row + 1, column + 1, value));
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

// The element at `at`, entry (row, column) of the matrix, converted exactly to double.
double element(const std::filesystem::path& file, const npy_dtype& dtype, const char* at, std::size_t row,
               std::size_t column) {
  if (dtype.kind == 'f') return dtype.size == 8 ? load<double>(at, dtype.swap) : load<float>(at, dtype.swap);
  if (dtype.kind == 'i') {
    switch (dtype.size) {
      case 1: return load<std::int8_t>(at, false);
      case 2: return load<std::int16_t>(at, dtype.swap);
      case 4: return load<std::int32_t>(at, dtype.swap);
      default: return exact_double(file, load<std::int64_t>(at, dtype.swap), row, column);
    }
  }
  switch (dtype.size) {
    case 1: return load<std::uint8_t>(at, false);
    case 2: return load<std::uint16_t>(at, dtype.swap);
    case 4: return load<std::uint32_t>(at, dtype.swap);
    default: return exact_double(file, load<std::uint64_t>(at, dtype.swap), row, column);
  }
}

std::size_t shape_dimension(const std::filesystem::path& file, const std::string& digits) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size())
    fail(file, fmt::format("shape dimension {} is too large", digits));
  return value;
}

// NumPy format 1.0-3.0: magic, version, little-endian header length, a Python dict literal
// header padded to 64 bytes, then the raw data.
coupling_matrix read_npy(const std::filesystem::path& file) {
  const std::string content = slurp(file);
  if (content.size() < 10 || content.compare(0, 6, "\x93NUMPY") != 0) fail(file, "not a .npy file (bad magic)");
  const int major = static_cast<unsigned char>(content[6]);
  std::size_t header_length = 0, offset = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(content[8]) | (static_cast<unsigned char>(content[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (content.size() < 12) fail(file, "truncated header");
    for (int b = 0; b < 4; ++b) header_length |= std::size_t{static_cast<unsigned char>(content[8 + b])} << (8 * b);
    offset = 12;
  } else {
    fail(file, fmt::format("unsupported .npy version {}", major));
  }
  if (content.size() - offset < header_length) fail(file, "truncated header");
  const std::string header = content.substr(offset, header_length);
  std::smatch match;
  if (!std::regex_search(header, match, std::regex(R"('descr'\s*:\s*'([^']*)')"))) fail(file, "header has no 'descr'");
  const npy_dtype dtype = parse_descr(file, match[1]);
  const bool fortran = std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)"));
  if (!std::regex_search(header, match, std::regex(R"('shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*,?\s*\))")))
    fail(file, "shape must be 2-D (N, N)");
  const std::size_t rows = shape_dimension(file, match[1]), cols = shape_dimension(file, match[2]);
  if (rows != cols || rows == 0) fail(file, fmt::format("not square: shape ({}, {})", rows, cols));
  // rows × cols × itemsize compared with the bytes present without ever forming a product that
  // could wrap (shape (2^32, 2^32) of float64 would wrap to 0).
  const std::size_t data_bytes = content.size() - offset - header_length;
  const std::size_t available = data_bytes / dtype.size;
  if (data_bytes % dtype.size != 0 || rows > available / cols || rows * cols != available)
    fail(file, fmt::format("shape ({}, {}) of {}-byte elements does not match the {} data bytes (truncated or oversized)",
                           rows, cols, dtype.size, data_bytes));
  const char* data = content.data() + offset + header_length;
  std::vector<std::vector<double>> matrix(rows, std::vector<double>(cols));
  for (std::size_t k = 0; k < rows * cols; ++k) {
    const std::size_t row = fortran ? k % rows : k / cols, column = fortran ? k / rows : k % cols;
    matrix[row][column] = element(file, dtype, data + k * dtype.size, row, column);
  }
  return from_rows(file, matrix);
}

std::string npy_bytes(const coupling_matrix& couplings) {
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}",
                                   couplings.size(), couplings.size());
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  std::string bytes("\x93NUMPY\x01\x00", 8);
  bytes.push_back(static_cast<char>(header.size() & 0xFF));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header;
  const auto& values = couplings.values();
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  return bytes;
}

std::string csv_text(const coupling_matrix& couplings) {
  std::string text;
  for (int i = 0; i < couplings.size(); ++i) {
    for (int j = 0; j < couplings.size(); ++j) text += fmt::format("{}{}", j == 0 ? "" : ",", couplings(i, j));
    text += '\n';
  }
  return text;
}

}  // namespace

coupling_matrix read_couplings(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) fail(file, "does not exist or is not a regular file");
  return file.extension() == ".npy" ? read_npy(file) : read_text(file);
}

void write_couplings(const coupling_matrix& couplings, const std::filesystem::path& file) {
  write_file_atomically(file, file.extension() == ".npy" ? npy_bytes(couplings) : csv_text(couplings));
}

}  // namespace steer::numerics
