#include "numerics/fixed_points/coupling_io.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "numerics/array_io.hpp"
#include "numerics/atomic_file.hpp"

namespace steer::numerics {
namespace {

constexpr std::string_view label = "couplings file";

// Checks shape and finiteness before the matrix exists; positions are 1-based (row, column).
coupling_matrix from_rows(const std::filesystem::path& file, const std::vector<std::vector<double>>& rows) {
  const auto n = rows.size();
  if (n == 0) fail_file(label, file, "no rows");
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i].size() != n)
      fail_file(label, file, fmt::format("not square: row {} has {} entries, expected {}", i + 1, rows[i].size(), n));
  std::vector<double> values;
  values.reserve(n * n);
  for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
  for (std::size_t k = 0; k < values.size(); ++k)
    if (!std::isfinite(values[k]))
      fail_file(label, file,
                fmt::format("entry (row {}, column {}) is {}; couplings must be finite", k / n + 1, k % n + 1, values[k]));
  return coupling_matrix(static_cast<int>(n), std::move(values));
}

// The shape is refused (not 2-D, not square) before the data size is compared with it.
coupling_matrix read_npy(const std::filesystem::path& file) {
  const npy_file npy(label, file);
  const auto& shape = npy.shape();
  if (shape.size() != 2) fail_file(label, file, "shape must be 2-D (N, N)");
  if (shape[0] != shape[1] || shape[0] == 0) fail_file(label, file, fmt::format("not square: shape {}", npy.shape_text()));
  const std::vector<double> values = npy.values();
  std::vector<std::vector<double>> rows(shape[0]);
  for (std::size_t i = 0; i < shape[0]; ++i)
    rows[i].assign(values.begin() + static_cast<std::ptrdiff_t>(i * shape[1]),
                   values.begin() + static_cast<std::ptrdiff_t>((i + 1) * shape[1]));
  return from_rows(file, rows);
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
  if (!std::filesystem::is_regular_file(file)) fail_file(label, file, "does not exist or is not a regular file");
  return file.extension() == ".npy" ? read_npy(file) : from_rows(file, read_text_table(label, file).rows);
}

void write_couplings(const coupling_matrix& couplings, const std::filesystem::path& file) {
  const auto n = static_cast<std::size_t>(couplings.size());
  write_file_atomically(file, file.extension() == ".npy" ? npy_bytes({n, n}, couplings.values()) : csv_text(couplings));
}

}  // namespace steer::numerics
