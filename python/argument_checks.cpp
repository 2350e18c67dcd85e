#include "python/argument_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace steer::python {
namespace {

// Every integer of magnitude up to 2^53 is a double; beyond it only some are.
constexpr std::int64_t largest_exact_integer = std::int64_t{1} << 53;

// np.asarray(values): a ragged list or an unconvertible object is refused here, not later.
py::array as_array(const py::handle& values, const char* name) {
  py::array a = py::array::ensure(values);
  if (!a) throw std::invalid_argument(fmt::format("{} must be a number or an array of numbers", name));
  return a;
}

std::string dtype_of(const py::array& a) { return py::str(a.dtype()); }

// "name" for a scalar, "name[i, j]" for element `flat` (C order) of an array.
std::string element(const char* name, const py::array& a, py::ssize_t flat) {
  if (a.ndim() == 0) return name;
  std::vector<py::ssize_t> index(static_cast<std::size_t>(a.ndim()));
  for (auto k = a.ndim(); k-- > 0;) {
    index[static_cast<std::size_t>(k)] = flat % a.shape(k);
    flat /= a.shape(k);
  }
  return fmt::format("{}[{}]", name, fmt::join(index, ", "));
}

// Calls check(element name, value) for every element of `a` converted to T (exactly, for the
// integer kinds: int64 holds every signed and uint64 every unsigned NumPy integer).
template <typename T, typename Check>
void for_each_value(const py::array& a, const char* name, Check check) {
  const auto values = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(a);
  for (py::ssize_t k = 0; k < values.size(); ++k) check(k, values.data()[k], [&] { return element(name, a, k); });
}

template <typename Value>
std::invalid_argument not_exact_double(const std::string& where, const Value& v) {
  return std::invalid_argument(fmt::format("{} = {} is an integer beyond ±2^53, not exactly representable as a double", where, v));
}

template <typename T>
void check_exact_double(const py::array& a, const char* name) {
  for_each_value<T>(a, name, [](py::ssize_t, T v, auto where) {
    const bool exact = std::is_signed_v<T> ? (v >= -static_cast<T>(largest_exact_integer) && v <= static_cast<T>(largest_exact_integer))
                                           : v <= static_cast<T>(largest_exact_integer);
    if (!exact) throw not_exact_double(where(), v);
  });
}

// A Python int beyond both int64 and uint64, which NumPy keeps as an object (0-d, dtype object).
bool is_huge_int(const py::array& a, const py::handle& values) { return a.ndim() == 0 && py::isinstance<py::int_>(values); }

// "n must be an integer in [-2147483648, 2147483647], got 2147483648" for T = int.
template <typename T, typename Value>
std::invalid_argument outside_range_of(const std::string& where, const Value& v) {
  return std::invalid_argument(
      fmt::format("{} must be an integer in [{}, {}], got {}", where, std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), v));
}

// Whether the integral double v is a value of T. T's bounds -2^digits (or 0) and 2^digits are exact
// doubles; its max 2^digits - 1 is not for 64 bits (2^63 - 1 rounds up to 2^63), hence v < 2^digits.
template <typename T>
bool fits(double v) {
  return v >= static_cast<double>(std::numeric_limits<T>::min()) && v < std::ldexp(1.0, std::numeric_limits<T>::digits);
}

// Integer values read exactly as Source (int64 or uint64, by the dtype's kind), each within T's range.
template <typename T, typename Source>
void check_range(const py::array& a, const char* name) {
  for_each_value<Source>(a, name, [](py::ssize_t, Source v, auto where) {
    if (!std::in_range<T>(v)) throw outside_range_of<T>(where(), v);
  });
}

// The rules of integer_array for the values of any integer type T (int, int64, uint64).
template <typename T>
py::array_t<T, py::array::forcecast> integers_from(const py::handle& values, const char* name) {
  const py::array a = as_array(values, name);
  switch (a.dtype().kind()) {
    case 'i': check_range<T, std::int64_t>(a, name); break;
    case 'u': check_range<T, std::uint64_t>(a, name); break;
    case 'f':
      for_each_value<double>(a, name, [](py::ssize_t, double v, auto where) {
        if (!std::isfinite(v) || v != std::floor(v))
          throw std::invalid_argument(fmt::format("{} must be an integer, got {}", where(), v));
        if (!fits<T>(v)) throw outside_range_of<T>(where(), v);
      });
      break;
    case 'b': throw std::invalid_argument(fmt::format("{} must be an integer, got a bool", name));
    case 'O':
      if (is_huge_int(a, values)) throw outside_range_of<T>(name, std::string(py::str(values)));
      [[fallthrough]];
    default: throw std::invalid_argument(fmt::format("{} must be an integer, got dtype {}", name, dtype_of(a)));
  }
  return py::array_t<T, py::array::forcecast>::ensure(a);
}

// The value of a 0-d array; an array of values is refused ("n must be a single integer, got ...").
template <typename T, int Flags>
T single(const py::array_t<T, Flags>& a, const char* name, const char* what) {
  if (a.ndim() != 0)
    throw std::invalid_argument(fmt::format("{} must be a single {}, got an array of {} values", name, what, a.size()));
  return *a.data();
}

}  // namespace

real_array real_from(const py::handle& values, const char* name) {
  const py::array a = as_array(values, name);
  switch (a.dtype().kind()) {
    case 'f': break;
    case 'i': check_exact_double<std::int64_t>(a, name); break;
    case 'u': check_exact_double<std::uint64_t>(a, name); break;
    case 'c':
      throw std::invalid_argument(fmt::format("{} must be real, got complex values (dtype {})", name, dtype_of(a)));
    case 'b': throw std::invalid_argument(fmt::format("{} must be real, got bool values", name));
    case 'O':
      if (is_huge_int(a, values)) throw not_exact_double(name, std::string(py::str(values)));
      [[fallthrough]];
    default:
      throw std::invalid_argument(fmt::format("{} must be real numbers, got dtype {}", name, dtype_of(a)));
  }
  return real_array::ensure(a);
}

py::array_t<int, py::array::forcecast> integer_array(const py::handle& values, const char* name) {
  return integers_from<int>(values, name);
}

py::array_t<bool, py::array::forcecast> flag_array(const py::handle& values, const char* name) {
  const py::array a = as_array(values, name);
  const char kind = a.dtype().kind();
  if (kind == 'i' || kind == 'u' || kind == 'f')
    for_each_value<double>(a, name, [](py::ssize_t, double v, auto where) {
      if (v != 0.0 && v != 1.0) throw std::invalid_argument(fmt::format("{} must be a bool (or 0 / 1), got {}", where(), v));
    });
  else if (kind != 'b')
    throw std::invalid_argument(fmt::format("{} must be a bool, got dtype {}", name, dtype_of(a)));
  return py::array_t<bool, py::array::forcecast>::ensure(a);
}

int int_from(const py::handle& value, const char* name) { return single(integers_from<int>(value, name), name, "integer"); }

std::int64_t int64_from(const py::handle& value, const char* name) {
  return single(integers_from<std::int64_t>(value, name), name, "integer");
}

std::uint64_t uint64_from(const py::handle& value, const char* name) {
  return single(integers_from<std::uint64_t>(value, name), name, "integer");
}

bool flag_from(const py::handle& value, const char* name) { return single(flag_array(value, name), name, "bool"); }

double real_scalar_from(const py::handle& value, const char* name) { return single(real_from(value, name), name, "number"); }

}  // namespace steer::python
