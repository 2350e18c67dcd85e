#include "python/conversions.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace py = pybind11;

namespace steer::python {
namespace {

std::string shape_of(const py::array& a) {
  std::string text = "(";
  for (py::ssize_t k = 0; k < a.ndim(); ++k) text += fmt::format("{}{}", k ? ", " : "", a.shape(k));
  return text + (a.ndim() == 1 ? ",)" : ")");
}

}  // namespace

numerics::coupling_matrix couplings_from(const py::handle& values) {
  const real_array couplings = real_from(values, "couplings");
  if (couplings.ndim() != 2 || couplings.shape(0) != couplings.shape(1))
    throw std::invalid_argument(fmt::format("couplings must be a square (N, N) array, got shape {}", shape_of(couplings)));
  const auto n = static_cast<int>(couplings.shape(0));
  return numerics::coupling_matrix(n, std::vector<double>(couplings.data(), couplings.data() + couplings.size()));
}

numerics::spin_vector spins_from(const py::handle& values, int n, const char* name) {
  const real_array state = real_from(values, name);
  if (state.ndim() != 1 || state.shape(0) != n)
    throw std::invalid_argument(fmt::format("{} must have shape ({},) for N = {}, got {}", name, n, n, shape_of(state)));
  numerics::spin_vector spins(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const double v = state.data()[i];
    if (v != 1.0 && v != -1.0) throw std::invalid_argument(fmt::format("{}[{}] must be +1 or -1, got {}", name, i, v));
    spins[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(v);
  }
  return spins;
}

std::vector<numerics::packed_state> packed_states_from(const py::array& states, int n, const char* name) {
  if (n < 1 || n > numerics::max_packed_neurons)
    throw std::invalid_argument(fmt::format("n must be in [1, {}] for packed states, got {}", numerics::max_packed_neurons, n));
  if (states.ndim() == 1 && states.dtype().is(py::dtype::of<std::uint64_t>())) {
    const auto packed = py::array_t<std::uint64_t, py::array::c_style>::ensure(states);
    return {packed.data(), packed.data() + packed.size()};
  }
  const auto rows = real_from(states, name);
  if (rows.ndim() != 2 || rows.shape(1) != n)
    throw std::invalid_argument(fmt::format("{} must be an (F, {}) array of ±1 or an (F,) uint64 array of packed states, got {} {}",
                                            name, n, shape_of(states), std::string(py::str(states.dtype()))));
  std::vector<numerics::packed_state> packed;
  for (py::ssize_t f = 0; f < rows.shape(0); ++f) {
    std::vector<int> spins;
    for (int i = 0; i < n; ++i) {
      const double v = rows.at(f, i);
      if (v != 1.0 && v != -1.0) throw std::invalid_argument(fmt::format("{}[{}, {}] must be +1 or -1, got {}", name, f, i, v));
      spins.push_back(v > 0 ? 1 : -1);
    }
    packed.push_back(numerics::pack(spins));
  }
  return packed;
}

py::array_t<std::int8_t> spin_rows(const std::vector<numerics::packed_state>& states, int n) {
  py::array_t<std::int8_t> rows({static_cast<py::ssize_t>(states.size()), static_cast<py::ssize_t>(n)});
  auto out = rows.mutable_unchecked<2>();
  for (std::size_t f = 0; f < states.size(); ++f)
    for (int i = 0; i < n; ++i) out(static_cast<py::ssize_t>(f), i) = static_cast<std::int8_t>(numerics::spin(states[f], i));
  return rows;
}

py::array_t<std::int8_t> spin_row(const numerics::spin_vector& state) { return to_numpy(state); }

numerics::enumeration_kernel kernel_from(const std::string& name) {
  if (name == "auto") return numerics::enumeration_kernel::automatic;
  if (name == "avx512") return numerics::enumeration_kernel::avx512;
  if (name == "pruned") return numerics::enumeration_kernel::pruned;
  if (name == "scalar") return numerics::enumeration_kernel::scalar;
  throw std::invalid_argument(fmt::format("kernel must be one of auto, avx512, pruned, scalar, got '{}'", name));
}

Eigen::MatrixXd samples_from(const py::handle& input, const char* name) {
  const real_array values = real_from(input, name);
  if (values.ndim() != 2 && values.ndim() != 3)
    throw std::invalid_argument(fmt::format("{} must be a (samples, units) or (conditions, times, units) array, got shape {}",
                                            name, shape_of(values)));
  const py::ssize_t units = values.shape(values.ndim() - 1);
  const py::ssize_t samples = units == 0 ? 0 : values.size() / units;
  // C order: row r = t + times·c of (conditions, times, units) is the r-th block of `units` values.
  return Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(values.data(), samples, units);
}

numerics::activity_array activity_from(const py::handle& input, const char* name) {
  const real_array values = real_from(input, name);
  const Eigen::MatrixXd samples = samples_from(values, name);
  const auto conditions = values.ndim() == 3 ? static_cast<int>(values.shape(0)) : 1;
  const auto times = static_cast<int>(values.shape(values.ndim() - 2));
  return numerics::activity_array(conditions, times, samples);
}

py::array_t<double> matrix_to_numpy(const Eigen::MatrixXd& matrix) {
  py::array_t<double> out({static_cast<py::ssize_t>(matrix.rows()), static_cast<py::ssize_t>(matrix.cols())});
  Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(out.mutable_data(), matrix.rows(),
                                                                                     matrix.cols()) = matrix;
  return out;
}

}  // namespace steer::python
