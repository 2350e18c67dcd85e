#include "numerics/coupling_io.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

coupling_matrix from_rows(const std::filesystem::path& file, const std::vector<std::vector<double>>& rows) {
  const auto n = rows.size();
  if (n == 0) fail(file, "no rows");
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i].size() != n) fail(file, fmt::format("not square: row {} has {} entries, expected {}", i + 1, rows[i].size(), n));
  std::vector<double> values;
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  for (std::size_t k = 0; k < values.size(); ++k)
    if (!std::isfinite(values[k])) fail(file, fmt::format("entry ({}, {}) is {}", k / n + 1, k % n + 1, values[k]));
  return coupling_matrix(static_cast<int>(n), std::move(values));
}

// One row per line, comma-separated; blank lines and lines starting with '#' are skipped.
coupling_matrix read_csv(const std::filesystem::path& file) {
  const std::string content = slurp(file);
  std::vector<std::vector<double>> rows;
  std::size_t line_number = 0;
  std::istringstream lines(content);
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    std::vector<double> row;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = text.find(',', start);
      const std::string_view cell = trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
      double value = 0.0;
      const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      if (error != std::errc{} || end != cell.data() + cell.size() || cell.empty())
        fail(file, fmt::format("line {}: '{}' is not a number", line_number, cell));
      row.push_back(value);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(row));
  }
  return from_rows(file, rows);
}

// NumPy format 1.0-3.0: magic, version, little-endian header length, a Python dict literal
// header padded to 64 bytes, then the raw little-endian data.
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
  if (content.size() < offset + header_length) fail(file, "truncated header");
  const std::string header = content.substr(offset, header_length);
  std::smatch match;
  if (!std::regex_search(header, match, std::regex(R"('descr'\s*:\s*'([^']*)')")) || match[1] != "<f8")
    fail(file, "dtype must be little-endian float64 ('<f8')");
  const bool fortran = std::regex_search(header, std::regex(R"('fortran_order'\s*:\s*True)"));
  if (!std::regex_search(header, match, std::regex(R"('shape'\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*\))")))
    fail(file, "shape must be 2-D (N, N)");
  const std::size_t rows = std::stoul(match[1]), cols = std::stoul(match[2]);
  if (rows != cols || rows == 0) fail(file, fmt::format("not square: shape ({}, {})", rows, cols));
  const std::size_t data_offset = offset + header_length;
  if (content.size() != data_offset + rows * cols * sizeof(double))
    fail(file, fmt::format("truncated or oversized data: {} bytes, expected {}", content.size() - data_offset,
                           rows * cols * sizeof(double)));
  std::vector<std::vector<double>> matrix(rows, std::vector<double>(cols));
  for (std::size_t k = 0; k < rows * cols; ++k) {
    double value = 0.0;
    std::memcpy(&value, content.data() + data_offset + k * sizeof(double), sizeof(double));
    if (fortran) matrix[k % rows][k / rows] = value;
    else matrix[k / cols][k % cols] = value;
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
  return file.extension() == ".npy" ? read_npy(file) : read_csv(file);
}

void write_couplings(const coupling_matrix& couplings, const std::filesystem::path& file) {
  write_file_atomically(file, file.extension() == ".npy" ? npy_bytes(couplings) : csv_text(couplings));
}

}  // namespace steer::numerics
