// The pieces of the Python module `steer`, one function per subject (DESIGN.md's layering:
// theory, fixed points — enumeration, ensembles, dynamics, search algorithms, thresholds,
// geometry — learning and similarity). Each adds its functions to the module; module.cpp calls
// them all.
#pragma once

#include <pybind11/pybind11.h>

namespace steer::python {

// Runs f, C++ work that touches no Python object, with the GIL released so that other Python
// threads run meanwhile; the result is built before the GIL is taken back.
template <typename F>
auto without_gil(F&& f) {
  pybind11::gil_scoped_release release;
  return f();
}

void bind_theory(pybind11::module_& m);
void bind_enumeration(pybind11::module_& m);
void bind_ensembles(pybind11::module_& m);
void bind_dynamics(pybind11::module_& m);
void bind_solvers(pybind11::module_& m);
void bind_geometry(pybind11::module_& m);
void bind_similarity(pybind11::module_& m);
void bind_thresholds(pybind11::module_& m);
void bind_learning(pybind11::module_& m);

}  // namespace steer::python
