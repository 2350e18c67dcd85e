// NumPy ↔ library types for the Python module: coupling matrices, ±1 states (int8 rows or
// packed uint64), activity arrays. Shape or value errors throw std::invalid_argument naming the
// argument, so Python sees a ValueError with that message.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "numerics/similarity/activity.hpp"
#include "python/argument_checks.hpp"

namespace steer::python {

// An (N, N) array: entry (i, j) is J_ij, the weight of neuron j in neuron i's input (real_from's checks).
numerics::coupling_matrix couplings_from(const pybind11::handle& couplings);

// A length-N vector of exact ±1 values (any real dtype; 0.5 or 2 is refused).
numerics::spin_vector spins_from(const pybind11::handle& state, int n, const char* name);

// Fixed points as the enumeration gives them: either an (F, N) array of ±1 or an (F,) uint64
// array of packed states (bit i set ⇔ s_i = +1), the latter needing n.
std::vector<numerics::packed_state> packed_states_from(const pybind11::array& states, int n, const char* name);

// (F, N) int8 ±1 rows, or (F,) uint64 packed states.
pybind11::array_t<std::int8_t> spin_rows(const std::vector<numerics::packed_state>& states, int n);
pybind11::array_t<std::int8_t> spin_row(const numerics::spin_vector& state);

template <typename T>
pybind11::array_t<T> to_numpy(const std::vector<T>& values) {
  return pybind11::array_t<T>(static_cast<pybind11::ssize_t>(values.size()), values.data());
}

// A number or None (a statistic that is undefined, e.g. over no converged run).
inline pybind11::object optional_float(const std::optional<double>& value) {
  return value ? pybind11::object(pybind11::float_(*value)) : pybind11::object(pybind11::none());
}

// Per-run or per-restart flags (0/1) as a NumPy bool array.
inline pybind11::object bool_array(const std::vector<std::uint8_t>& flags) { return to_numpy(flags).attr("astype")("bool"); }

// "auto", "avx512", "pruned", "scalar" (the CLI's --kernel names).
numerics::enumeration_kernel kernel_from(const std::string& name);

// (conditions, times, units) → activity array; a 2-D (samples, units) array is one condition,
// as the CLI's .npy reader takes it (numerics/similarity/activity_io.hpp).
numerics::activity_array activity_from(const pybind11::handle& values, const char* name);

// (samples, units), or (conditions, times, units) flattened to (conditions·times, units).
Eigen::MatrixXd samples_from(const pybind11::handle& values, const char* name);

pybind11::array_t<double> matrix_to_numpy(const Eigen::MatrixXd& matrix);

}  // namespace steer::python
