#include "numerics/similarity/argument_checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace steer::numerics {

void require_finite_matrix(const Eigen::MatrixXd& m, std::string_view function, std::string_view argument) {
  if (m.rows() == 0 || m.cols() == 0)
    throw std::invalid_argument(fmt::format("{}: {} is empty ({} x {})", function, argument, m.rows(), m.cols()));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isfinite(m(i, j)))
        throw std::invalid_argument(
            fmt::format("{}: {} entry (row {}, column {}) is {}", function, argument, i + 1, j + 1, m(i, j)));
}

void require_same_rows(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, std::string_view function,
                       std::string_view a_name, std::string_view b_name) {
  if (a.rows() != b.rows())
    throw std::invalid_argument(fmt::format("{}: {} has {} rows but {} has {}; both must hold the same samples "
                                            "(conditions x time, in the same order)",
                                            function, a_name, a.rows(), b_name, b.rows()));
}

void require_in_range(double value, double min, double max, std::string_view function, std::string_view argument) {
  if (!(value >= min && value <= max))
    throw std::invalid_argument(fmt::format("{}: {} must be in [{}, {}], got {}", function, argument, min, max, value));
}

}  // namespace steer::numerics
