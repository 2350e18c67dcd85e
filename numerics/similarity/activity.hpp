// Activity arrays: responses of `units` neurons (or model units) over `times` time steps in each
// of `conditions` conditions (spec rate-rnn-credit-assignment §0, §6).
//
// Layout: the sample matrix of spec §0, (conditions·times) × units, row r = t + times·c
// (conditions as consecutive blocks of time), column = unit. This is NumPy's C-order array of
// shape (conditions, times, units) read row by row, which is what the .npy reader takes. Every
// metric compares two arrays row by row, so both must have the same conditions and times in the
// same order.
#pragma once

#include <Eigen/Dense>

#include <string_view>
#include <vector>

namespace steer::numerics {

class activity_array {
 public:
  // Throws std::invalid_argument unless conditions, times >= 1, samples has conditions·times rows,
  // at least one column, and every entry is finite (naming condition, time and unit).
  activity_array(int conditions, int times, Eigen::MatrixXd samples);

  int conditions() const { return conditions_; }
  int times() const { return times_; }
  int units() const { return static_cast<int>(samples_.cols()); }
  const Eigen::MatrixXd& samples() const { return samples_; }
  double operator()(int condition, int time, int unit) const { return samples_(time + times_ * condition, unit); }

  // The same conditions and times for the listed units (0-based, in the given order).
  activity_array select_units(const std::vector<int>& units) const;

  // Ȳ of spec §7.5: each unit's condition-averaged time course, repeated for every condition.
  activity_array condition_averaged() const;

 private:
  int conditions_;
  int times_;
  Eigen::MatrixXd samples_;
};

// Throws "<a_name> has C conditions x T times but <b_name> has C' x T'" unless both match.
void require_same_layout(const activity_array& a, const activity_array& b, std::string_view a_name,
                         std::string_view b_name);

}  // namespace steer::numerics
