// Strict text → number conversions for command-line values (issue 7). CLI11's own conversion
// reads "010" as octal 8 and "0x10" as 16, turns '' into 0 and wraps out-of-range unsigned
// values; here a value is the whole text in plain decimal or it is refused. Every function
// throws std::invalid_argument whose message names `name` (the option) and quotes the text.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace steer::tools {

// Optional '-', decimal digits, no leading zero (so "010" is refused, not guessed), within
// [min, max].
std::int64_t parse_integer(std::string_view text, std::string_view name, std::int64_t min, std::int64_t max);

// A seed: decimal digits in [0, 2^64 − 1]; "-1" and 2^64 are refused, not wrapped.
std::uint64_t parse_seed(std::string_view text, std::string_view name);

// A finite decimal number ("0.25", "-1e-3") in [min, max]; no hex, no '+', no inf/nan, no
// overflow to inf.
double parse_real(std::string_view text, std::string_view name, double min = -std::numeric_limits<double>::max(),
                  double max = std::numeric_limits<double>::max());

// At most this many values in one range list (a:b:k ranges expand in memory).
inline constexpr std::int64_t max_range_values = 1000000;

// "a:b:k" → k evenly spaced values from a to b inclusive ("a" alone is one value).
std::vector<double> parse_range(std::string_view text, std::string_view name);

// Comma-separated list of ranges: "8:20:7" or "8,10,12" or "-0.25,0:1:5".
std::vector<double> parse_range_list(std::string_view text, std::string_view name);

// A range list of network sizes: every value an integer in [min, max], strictly increasing.
std::vector<int> parse_size_list(std::string_view text, std::string_view name, int min, int max);

}  // namespace steer::tools
