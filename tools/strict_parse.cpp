#include "tools/strict_parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace steer::tools {
namespace {

[[noreturn]] void refuse(std::string message) { throw std::invalid_argument(std::move(message)); }

// One implementation for signed and unsigned targets: std::from_chars rejects '+', hex
// prefixes, spaces and (for unsigned types) '-', and reports overflow instead of wrapping.
template <class Int>
Int parse_decimal(std::string_view text, std::string_view name, Int min, Int max) {
  if (text.empty()) refuse(fmt::format("{}: got an empty value, expected an integer in [{}, {}]", name, min, max));
  const std::string_view digits = text.front() == '-' ? text.substr(1) : text;
  if (digits.size() > 1 && digits.front() == '0')
    refuse(fmt::format("{}: '{}' has a leading zero (octal and hex are not accepted); write it in plain decimal", name,
                       text));
  Int value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool whole = error == std::errc{} && end == text.data() + text.size();
  const bool digits_only = !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
  if (!whole || value < min || value > max) {
    if (digits_only && error != std::errc::invalid_argument)  // an integer, but out of bounds or of the type
      refuse(fmt::format("{} must be in [{}, {}], got {}", name, min, max, text));
    refuse(fmt::format("{} must be a decimal integer in [{}, {}], got '{}'", name, min, max, text));
  }
  return value;
}

}  // namespace

std::int64_t parse_integer(std::string_view text, std::string_view name, std::int64_t min, std::int64_t max) {
  return parse_decimal<std::int64_t>(text, name, min, max);
}

std::uint64_t parse_seed(std::string_view text, std::string_view name) {
  return parse_decimal<std::uint64_t>(text, name, 0, std::numeric_limits<std::uint64_t>::max());
}

double parse_real(std::string_view text, std::string_view name, double min, double max) {
  if (text.empty()) refuse(fmt::format("{}: got an empty value, expected a number", name));
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range)
    refuse(fmt::format("{}: '{}' is out of the range of double", name, text));
  if (error != std::errc{} || end != text.data() + text.size())
    refuse(fmt::format("{}: '{}' is not a decimal number", name, text));
  if (!std::isfinite(value)) refuse(fmt::format("{} must be finite, got {}", name, text));
  if (value < min || value > max) refuse(fmt::format("{} must be in [{}, {}], got {}", name, min, max, text));
  return value;
}

std::vector<double> parse_range(std::string_view text, std::string_view name) {
  const auto first = text.find(':');
  if (first == std::string_view::npos) return {parse_real(text, name)};
  const auto second = text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos)
    refuse(fmt::format("{}: expected a:b:k, got '{}'", name, text));
  const double a = parse_real(text.substr(0, first), name);
  const double b = parse_real(text.substr(first + 1, second - first - 1), name);
  const std::int64_t k =
      parse_integer(text.substr(second + 1), fmt::format("{}: the point count k in a:b:k", name), 1, max_range_values);
  if (k == 1 && a != b) refuse(fmt::format("{}: a:b:1 needs a == b, got '{}'", name, text));
  std::vector<double> values;
  for (std::int64_t i = 0; i < k; ++i)
    values.push_back(k == 1 ? a : a + (b - a) * static_cast<double>(i) / static_cast<double>(k - 1));
  return values;
}

std::vector<double> parse_range_list(std::string_view text, std::string_view name) {
  std::vector<double> values;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const auto part = parse_range(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start), name);
    values.insert(values.end(), part.begin(), part.end());
    if (std::ssize(values) > max_range_values)
      refuse(fmt::format("{}: more than {} values in '{}'", name, max_range_values, text));
    if (comma == std::string_view::npos) return values;
    start = comma + 1;
  }
}

std::vector<int> parse_size_list(std::string_view text, std::string_view name, int min, int max) {
  std::vector<int> sizes;
  for (const double v : parse_range_list(text, name)) {
    if (v != std::floor(v)) refuse(fmt::format("{}: N must be an integer, got {}", name, v));
    // Compared as doubles, so 2147483648 is reported as such instead of wrapping in int.
    if (v < min || v > max) refuse(fmt::format("{}: N must be in [{}, {}], got {}", name, min, max, v));
    // Per-size results are ordered by N (crossings, drift fits) and keyed by it: a repeat or a
    // descending list is a typo, not a second sample.
    if (!sizes.empty() && v <= sizes.back())
      refuse(fmt::format("{}: sizes must be strictly increasing, got {} after {}", name, v, sizes.back()));
    sizes.push_back(static_cast<int>(v));
  }
  return sizes;
}

}  // namespace steer::tools
