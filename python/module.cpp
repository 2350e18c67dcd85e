// PYBIND11_MODULE(steer): the entry point `import steer` loads (docs/python.md).
//
// Errors: pybind11 turns std::invalid_argument and std::domain_error (bad input, as every
// constructor and function of the library throws, DESIGN.md) into ValueError,
// std::overflow_error into OverflowError and any other std::runtime_error (e.g. a quadrature
// that missed its tolerance) into RuntimeError, each with the C++ message unchanged.
#include "python/bindings.hpp"

PYBIND11_MODULE(steer, m) {
  m.doc() =
      "steer: fixed points of random recurrent networks, their theory, and similarity metrics.\n"
      "A thin layer over the C++ library the `steer` CLI uses (docs/python.md).";
  steer::python::bind_theory(m);
  steer::python::bind_enumeration(m);
  steer::python::bind_ensembles(m);
  steer::python::bind_dynamics(m);
  steer::python::bind_solvers(m);
  steer::python::bind_thresholds(m);
  steer::python::bind_geometry(m);
  steer::python::bind_similarity(m);
  steer::python::bind_learning(m);
}
