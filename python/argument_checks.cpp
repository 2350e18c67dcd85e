#include "python/argument_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
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

template <typename T>
void check_exact_double(const py::array& a, const char* name) {
  for_each_value<T>(a, name, [](py::ssize_t, T v, auto where) {
    const bool exact = std::is_signed_v<T> ? (v >= -static_cast<T>(largest_exact_integer) && v <= static_cast<T>(largest_exact_integer))
                                           : v <= static_cast<T>(largest_exact_integer);
    if (!exact)
      throw std::invalid_argument(
          fmt::format("{} = {} is an integer beyond ±2^53, not exactly representable as a double", where(), v));
  });
}

template <typename T>
void check_int_range(const py::array& a, const char* name) {
  for_each_value<T>(a, name, [](py::ssize_t, T v, auto where) {
    const bool in_range = std::is_signed_v<T> ? (v >= static_cast<T>(INT_MIN) && v <= static_cast<T>(INT_MAX))
                                              : v <= static_cast<T>(INT_MAX);
    if (!in_range) throw std::invalid_argument(fmt::format("{} must be an integer in [{}, {}], got {}", where(), INT_MIN, INT_MAX, v));
  });
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
    default:
      throw std::invalid_argument(fmt::format("{} must be real numbers, got dtype {}", name, dtype_of(a)));
  }
  return real_array::ensure(a);
}

py::array_t<int, py::array::forcecast> integer_array(const py::handle& values, const char* name) {
  const py::array a = as_array(values, name);
  switch (a.dtype().kind()) {
    case 'i': check_int_range<std::int64_t>(a, name); break;
    case 'u': check_int_range<std::uint64_t>(a, name); break;
    case 'f':
      for_each_value<double>(a, name, [](py::ssize_t, double v, auto where) {
        if (!std::isfinite(v) || v != std::floor(v)) throw std::invalid_argument(fmt::format("{} must be an integer, got {}", where(), v));
        if (v < INT_MIN || v > INT_MAX)
          throw std::invalid_argument(fmt::format("{} must be an integer in [{}, {}], got {}", where(), INT_MIN, INT_MAX, v));
      });
      break;
    case 'b': throw std::invalid_argument(fmt::format("{} must be an integer, got a bool", name));
    default: throw std::invalid_argument(fmt::format("{} must be an integer, got dtype {}", name, dtype_of(a)));
  }
  return py::array_t<int, py::array::forcecast>::ensure(a);
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

int integer_from(const py::handle& value, const char* name) {
  const auto a = integer_array(value, name);
  if (a.ndim() != 0) throw std::invalid_argument(fmt::format("{} must be a single integer, got an array of {} values", name, a.size()));
  return *a.data();
}

}  // namespace steer::python
