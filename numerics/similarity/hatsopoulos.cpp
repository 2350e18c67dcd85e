#include "numerics/similarity/hatsopoulos.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <cmath>

#include "numerics/array_io.hpp"

namespace steer::numerics {
namespace {

constexpr std::string_view label = "Hatsopoulos data file";

// Every data row must carry exactly the expected indices and a value in [low, high]; `row` is the
// 1-based data row, `line` its line in the file.
void check_row(const std::filesystem::path& file, const text_table& table, std::size_t r, std::size_t width,
               const std::vector<double>& expected, double low, double high) {
  const auto& row = table.rows[r];
  const std::string where = fmt::format("row {} (line {})", r + 1, table.line_numbers[r]);
  if (row.size() != width)
    fail_file(label, file, fmt::format("{} has {} cells, expected {}", where, row.size(), width));
  for (std::size_t k = 0; k < expected.size(); ++k)
    if (row[k] != expected[k])
      fail_file(label, file, fmt::format("{}: {} = {}, expected {} (rows missing, extra or out of order)", where,
                                         table.header[k], row[k], expected[k]));
  for (std::size_t k = expected.size(); k < width; ++k)
    if (!(row[k] >= low && row[k] <= high))
      fail_file(label, file, fmt::format("{}: {} = {} is not in [{}, {}]", where, table.header[k], row[k], low, high));
}

text_table read_checked_table(const std::filesystem::path& file, const std::vector<std::string>& header,
                              std::size_t rows) {
  text_table table = read_text_table(label, file, true);
  if (table.header != header)
    fail_file(label, file, fmt::format("header '{}', expected '{}'", fmt::join(table.header, ","), fmt::join(header, ",")));
  if (table.rows.size() != rows)
    fail_file(label, file, fmt::format("has {} data rows, expected {} (truncated or extended)", table.rows.size(), rows));
  return table;
}

}  // namespace

activity_array load_hatsopoulos_rates(const std::filesystem::path& dir) {
  const auto file = dir / "firing_rates.csv";
  const std::size_t rows = std::size_t{hatsopoulos_neurons} * hatsopoulos_bins * hatsopoulos_directions;
  const text_table table = read_checked_table(file, {"neuron", "time_bin", "direction", "rate_hz"}, rows);
  Eigen::MatrixXd samples(hatsopoulos_directions * hatsopoulos_bins, hatsopoulos_neurons);
  std::size_t r = 0;
  for (int neuron = 0; neuron < hatsopoulos_neurons; ++neuron)
    for (int bin = 0; bin < hatsopoulos_bins; ++bin)
      for (int direction = 0; direction < hatsopoulos_directions; ++direction, ++r) {
        check_row(file, table, r, 4, {double(neuron), double(bin), double(direction)}, 0.0, hatsopoulos_max_rate_hz);
        samples(bin + hatsopoulos_bins * direction, neuron) = table.rows[r][3];
      }
  return {hatsopoulos_directions, hatsopoulos_bins, std::move(samples)};
}

hatsopoulos_kinematics load_hatsopoulos_kinematics(const std::filesystem::path& dir) {
  const auto file = dir / "kinematics.csv";
  const std::vector<std::string> variables = {"xhandposition", "yhandposition", "xhandspeed",
                                              "yhandspeed",    "shoulderangle", "elbowangle"};
  std::vector<std::string> header = {"direction", "time_bin"};
  header.insert(header.end(), variables.begin(), variables.end());
  const text_table table =
      read_checked_table(file, header, std::size_t{hatsopoulos_directions} * hatsopoulos_bins);
  hatsopoulos_kinematics kinematics{variables, Eigen::MatrixXd(table.rows.size(), variables.size())};
  std::size_t r = 0;
  for (int direction = 0; direction < hatsopoulos_directions; ++direction)
    for (int bin = 0; bin < hatsopoulos_bins; ++bin, ++r) {
      check_row(file, table, r, header.size(), {double(direction), double(bin)}, -1.0, 1.0);
      for (std::size_t v = 0; v < variables.size(); ++v)
        kinematics.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(v)) = table.rows[r][v + 2];
    }
  return kinematics;
}

}  // namespace steer::numerics
