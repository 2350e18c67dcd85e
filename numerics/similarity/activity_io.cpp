#include "numerics/similarity/activity_io.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "numerics/array_io.hpp"
#include "numerics/atomic_file.hpp"
#include "numerics/npz_archive.hpp"

namespace steer::numerics {
namespace {

constexpr std::string_view label = "activity file";

// Bound on each index of a CSV file: far above any recording, low enough that a typo such as
// 1e9 is caught before memory is reserved for it.
constexpr double max_index = 1e6;

int index_cell(const std::filesystem::path& file, double value, std::size_t line, std::string_view column) {
  if (!(value >= 0 && value < max_index) || value != std::floor(value))
    fail_file(label, file, fmt::format("line {}: {} = {} is not an index (an integer in [0, {}))", line, column, value,
                                       max_index));
  return static_cast<int>(value);
}

// `file` names the array in messages: the .npy file, or "archive.npz:member".
activity_array from_npy(const npy_file& npy, const std::filesystem::path& file) {
  const auto& shape = npy.shape();
  if (shape.size() != 2 && shape.size() != 3)
    fail_file(label, file, fmt::format("shape {} must be (conditions, times, units) or (samples, units)", npy.shape_text()));
  const std::vector<double> values = npy.values();
  const std::size_t conditions = shape.size() == 3 ? shape[0] : 1, units = shape.back();
  const std::size_t times = shape[shape.size() - 2];
  if (conditions * times * units == 0) fail_file(label, file, fmt::format("shape {} is empty", npy.shape_text()));
  constexpr auto limit = static_cast<std::size_t>(std::numeric_limits<int>::max());
  if (conditions > limit || times > limit || units > limit || conditions * times > limit)
    fail_file(label, file, fmt::format("shape {} is too large", npy.shape_text()));
  for (std::size_t k = 0; k < values.size(); ++k)
    if (!std::isfinite(values[k])) fail_file(label, file, fmt::format("entry ({}) is {}", npy.position(k), values[k]));
  Eigen::MatrixXd samples(static_cast<Eigen::Index>(conditions * times), static_cast<Eigen::Index>(units));
  for (std::size_t k = 0; k < values.size(); ++k)
    samples(static_cast<Eigen::Index>(k / units), static_cast<Eigen::Index>(k % units)) = values[k];
  return {static_cast<int>(conditions), static_cast<int>(times), std::move(samples)};
}

// Position of `names`' first match in the header, if any.
std::optional<std::size_t> column_of(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (std::size_t k = 0; k < header.size(); ++k)
    for (const char* name : names)
      if (header[k] == name) return k;
  return std::nullopt;
}

void require_row_width(const std::filesystem::path& file, const text_table& table, std::size_t width) {
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    if (table.rows[r].size() != width)
      fail_file(label, file, fmt::format("line {} has {} cells, expected {} (as the header)", table.line_numbers[r],
                                         table.rows[r].size(), width));
  if (table.rows.empty()) fail_file(label, file, "has a header but no data rows");
}

// Fills a (cells × units) grid; every (row, column) position exactly once.
struct grid_filler {
  const std::filesystem::path& file;
  Eigen::MatrixXd values;
  std::vector<std::size_t> line_of;  // 0: not yet filled

  grid_filler(const std::filesystem::path& f, Eigen::Index rows, Eigen::Index cols)
      : file(f), values(rows, cols), line_of(static_cast<std::size_t>(rows * cols), 0) {}

  void set(Eigen::Index row, Eigen::Index col, double value, std::size_t line, const std::string& what) {
    std::size_t& seen = line_of[static_cast<std::size_t>(row * values.cols() + col)];
    if (seen != 0) fail_file(label, file, fmt::format("line {}: {} appears again (first on line {})", line, what, seen));
    if (!std::isfinite(value)) fail_file(label, file, fmt::format("line {}: {} is {}", line, what, value));
    seen = line;
    values(row, col) = value;
  }
  // The first cell no row filled, described by `describe(row, col)`.
  template <class Describe>
  void require_complete(Describe describe) const {
    for (std::size_t k = 0; k < line_of.size(); ++k)
      if (line_of[k] == 0)
        fail_file(label, file,
                  fmt::format("no row for {}", describe(static_cast<Eigen::Index>(k) / values.cols(),
                                                         static_cast<Eigen::Index>(k) % values.cols())));
  }
};

activity_array from_tidy(const std::filesystem::path& file, const text_table& table, std::array<std::size_t, 4> column) {
  require_row_width(file, table, 4);
  int units = 0, times = 0, conditions = 0;
  std::vector<std::array<int, 3>> indices(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const std::size_t line = table.line_numbers[r];
    indices[r] = {index_cell(file, row[column[0]], line, table.header[column[0]]),
                  index_cell(file, row[column[1]], line, table.header[column[1]]),
                  index_cell(file, row[column[2]], line, table.header[column[2]])};
    units = std::max(units, indices[r][0] + 1);
    times = std::max(times, indices[r][1] + 1);
    conditions = std::max(conditions, indices[r][2] + 1);
  }
  if (static_cast<double>(units) * times * conditions != static_cast<double>(table.rows.size()))
    fail_file(label, file, fmt::format("{} rows do not fill {} units x {} times x {} conditions (= {})",
                                       table.rows.size(), units, times, conditions,
                                       static_cast<double>(units) * times * conditions));
  grid_filler grid(file, static_cast<Eigen::Index>(conditions) * times, units);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto [u, t, c] = indices[r];
    grid.set(t + static_cast<Eigen::Index>(times) * c, u, table.rows[r][column[3]], table.line_numbers[r],
             fmt::format("(unit {}, time {}, condition {})", u, t, c));
  }
  grid.require_complete([&](Eigen::Index row, Eigen::Index unit) {
    return fmt::format("(unit {}, time {}, condition {})", unit, row % times, row / times);
  });
  return {conditions, times, std::move(grid.values)};
}

activity_array from_wide(const std::filesystem::path& file, const text_table& table) {
  const std::size_t units = table.header.size() - 2;
  require_row_width(file, table, units + 2);
  int times = 0, conditions = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    conditions = std::max(conditions, index_cell(file, table.rows[r][0], table.line_numbers[r], "condition") + 1);
    times = std::max(times, index_cell(file, table.rows[r][1], table.line_numbers[r], "time") + 1);
  }
  if (static_cast<double>(times) * conditions != static_cast<double>(table.rows.size()))
    fail_file(label, file, fmt::format("{} rows do not fill {} conditions x {} times", table.rows.size(), conditions, times));
  grid_filler grid(file, static_cast<Eigen::Index>(conditions) * times, static_cast<Eigen::Index>(units));
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto c = static_cast<int>(table.rows[r][0]), t = static_cast<int>(table.rows[r][1]);
    for (std::size_t u = 0; u < units; ++u)
      grid.set(t + static_cast<Eigen::Index>(times) * c, static_cast<Eigen::Index>(u), table.rows[r][u + 2],
               table.line_numbers[r], fmt::format("(condition {}, time {}, {})", c, t, table.header[u + 2]));
  }
  grid.require_complete([&](Eigen::Index row, Eigen::Index) {
    return fmt::format("(condition {}, time {})", row / times, row % times);
  });
  return {conditions, times, std::move(grid.values)};
}

activity_array from_csv(const std::filesystem::path& file) {
  const text_table table = read_text_table(label, file, true);
  const auto& header = table.header;
  if (header.size() > 2 && header[0] == "condition" && header[1] == "time") return from_wide(file, table);
  const auto unit = column_of(header, {"unit", "neuron"}), time = column_of(header, {"time", "time_bin"}),
             condition = column_of(header, {"condition", "direction"});
  if (header.size() == 4 && unit && time && condition) {
    const std::size_t value = 6 - *unit - *time - *condition;  // the remaining column of 0..3
    return from_tidy(file, table, {*unit, *time, *condition, value});
  }
  fail_file(label, file, fmt::format("header '{}' is neither tidy (unit|neuron, time|time_bin, condition|direction, "
                                     "value in any order) nor wide (condition,time,<units>)",
                                     fmt::join(header, ",")));
}

}  // namespace

activity_array read_activity(const std::filesystem::path& file) {
  const std::string text = file.string();
  if (const auto colon = text.rfind(".npz:"); colon != std::string::npos) {
    const std::filesystem::path archive = text.substr(0, colon + 4);
    const std::string member = text.substr(colon + 5);
    if (member.empty()) fail_file(label, file, "name the member after the colon, or drop the colon");
    return from_npy(read_npz_member(label, archive, member), archive.string() + ":" + member);
  }
  if (file.extension() == ".npy") return from_npy(npy_file(label, file), file);
  if (file.extension() == ".npz") {
    const npy_file npy = read_npz_member(label, file, "");
    return from_npy(npy, file.string() + ":" + npz_member_names(label, file).front());
  }
  if (file.extension() == ".csv") return from_csv(file);
  fail_file(label, file, "format unknown: expected .npy, .npz (or A.npz:member) or .csv (tidy or wide)");
}

void write_activity_npy(const activity_array& activity, const std::filesystem::path& file) {
  const auto& samples = activity.samples();
  std::vector<double> values(static_cast<std::size_t>(samples.size()));
  for (Eigen::Index r = 0; r < samples.rows(); ++r)
    for (Eigen::Index u = 0; u < samples.cols(); ++u)
      values[static_cast<std::size_t>(r * samples.cols() + u)] = samples(r, u);
  write_file_atomically(file, npy_bytes({static_cast<std::size_t>(activity.conditions()),
                                         static_cast<std::size_t>(activity.times()),
                                         static_cast<std::size_t>(activity.units())},
                                        values));
}

}  // namespace steer::numerics
