// Checks of the arguments of the Python module before NumPy's conversions would change them
// silently (a float truncated to an int, a complex number losing its imaginary part, a large
// integer rounded to the nearest double). Each throws std::invalid_argument naming the argument,
// which Python sees as a ValueError.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace steer::python {

// A C-ordered float64 array.
using real_array = pybind11::array_t<double, pybind11::array::c_style | pybind11::array::forcecast>;

// Any array-like of real numbers as float64, refusing what the conversion would change silently:
// complex values (the imaginary part would be dropped), integers beyond ±2^53 (not all exactly
// representable as doubles), bool, object and text arrays. std::invalid_argument names `name`.
real_array real_from(const pybind11::handle& values, const char* name);

// An integer argument of a vectorised function (scalar or array-like): integral values of an
// integer or float dtype within the range of int. Non-integral values (12.7), non-finite ones,
// bool and complex values throw std::invalid_argument naming `name` instead of truncating.
pybind11::array_t<int, pybind11::array::forcecast> integer_array(const pybind11::handle& values, const char* name);

// A yes/no argument of a vectorised function: a bool array, or integers / floats that are all 0 or 1.
pybind11::array_t<bool, pybind11::array::forcecast> flag_array(const pybind11::handle& values, const char* name);

// integer_array for a single value.
int integer_from(const pybind11::handle& value, const char* name);

}  // namespace steer::python
