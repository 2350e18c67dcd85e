// Checks of the arguments of the Python module before NumPy's or pybind11's conversions would
// change them silently (a float truncated to an int, True taken as 1, 2 or 0.5 taken as True, a
// complex number losing its imaginary part, a large integer rounded to the nearest double). Each
// throws std::invalid_argument naming the argument, which Python sees as a ValueError.
//
// Every integer, yes/no or real scalar parameter of the module goes through these readers (the
// bindings declare it int_argument / bool_argument / real_argument), never through pybind11's own
// int/bool/float casters: those accept True for an int or a float (True as J_D = 1), any truthy
// value (2, 0.5, None as False) for a bool, and report a bad value (a complex J_D, 12.5 for an int)
// as a TypeError that does not name the argument.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>

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

// The declared type of a scalar integer, yes/no or real parameter of a binding: any Python object,
// read by int_from & co., flag_from or real_scalar_from below, which refuse what is not one. Shown
// only makes the signatures help() prints say `int` / `bool` / `float`, as pybind11's own casters
// for Shown would.
template <typename Shown>
class argument : public pybind11::object {
  static bool any(PyObject*) { return true; }

 public:
  PYBIND11_OBJECT_DEFAULT(argument, object, any)
};

using int_argument = argument<int>;
using bool_argument = argument<bool>;
using real_argument = argument<double>;

// A single integer argument (a Python int, a NumPy integer, an integral float, a 0-d array) as the
// C++ type the library takes, with integer_array's rules and the range of that type: int for sizes
// (n, modules, components, ...), std::int64_t for counts (networks, restarts, max_sweeps, ...),
// std::uint64_t for seeds and stream indices (seed, network, trajectory, restart: 0 .. 2^64 - 1).
int int_from(const pybind11::handle& value, const char* name);
std::int64_t int64_from(const pybind11::handle& value, const char* name);
std::uint64_t uint64_from(const pybind11::handle& value, const char* name);

// A single yes/no argument with flag_array's rules: True / False (Python or NumPy), or 0 / 1.
bool flag_from(const pybind11::handle& value, const char* name);

// A single real argument with real_from's rules: a Python int or float, a NumPy integer or float
// scalar, a 0-d array (True, complex, text, None and integers beyond ±2^53 refused). nan and ±inf
// pass: the library function behind each parameter refuses them with its own message
// ("self_coupling must be finite, got nan", "damping must be in [0, 0.999999], got inf").
double real_scalar_from(const pybind11::handle& value, const char* name);

}  // namespace steer::python

template <typename Shown>
struct pybind11::detail::handle_type_name<steer::python::argument<Shown>> {
  static constexpr auto name = pybind11::detail::make_caster<Shown>::name;
};
