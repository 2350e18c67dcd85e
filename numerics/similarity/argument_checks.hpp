// Checks every similarity function runs on its inputs first, so that a wrong shape or a NaN is
// reported naming the function and the argument instead of surfacing as a wrong distance.
#pragma once

#include <Eigen/Dense>

#include <string_view>

namespace steer::numerics {

// Throws std::invalid_argument "<function>: <argument> has no rows/columns" or "... entry (row i,
// column j) is nan" (1-based) unless `m` is non-empty and finite.
void require_finite_matrix(const Eigen::MatrixXd& m, std::string_view function, std::string_view argument);

// Throws "<function>: <a> has R rows but <b> has S; both must hold the same samples (conditions × time)".
void require_same_rows(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, std::string_view function,
                       std::string_view a_name, std::string_view b_name);

// Throws "<function>: <argument> must be <bound text>, got <value>" unless min <= value <= max.
void require_in_range(double value, double min, double max, std::string_view function, std::string_view argument);

}  // namespace steer::numerics
