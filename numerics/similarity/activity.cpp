#include "numerics/similarity/activity.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace steer::numerics {

activity_array::activity_array(int conditions, int times, Eigen::MatrixXd samples)
    : conditions_(conditions), times_(times), samples_(std::move(samples)) {
  if (conditions < 1 || times < 1)
    throw std::invalid_argument(
        fmt::format("activity array: conditions and times must be >= 1, got {} and {}", conditions, times));
  if (samples_.rows() != static_cast<Eigen::Index>(conditions) * times || samples_.cols() == 0)
    throw std::invalid_argument(fmt::format("activity array: expected {} x {} = {} rows and >= 1 unit, got {} x {}",
                                            conditions, times, static_cast<long>(conditions) * times,
                                            samples_.rows(), samples_.cols()));
  for (Eigen::Index u = 0; u < samples_.cols(); ++u)
    for (Eigen::Index r = 0; r < samples_.rows(); ++r)
      if (!std::isfinite(samples_(r, u)))
        throw std::invalid_argument(fmt::format("activity array: condition {}, time {}, unit {} is {}", r / times,
                                                r % times, u, samples_(r, u)));
}

activity_array activity_array::select_units(const std::vector<int>& units) const {
  Eigen::MatrixXd selected(samples_.rows(), static_cast<Eigen::Index>(units.size()));
  for (std::size_t k = 0; k < units.size(); ++k) {
    if (units[k] < 0 || units[k] >= this->units())
      throw std::invalid_argument(fmt::format("activity array: unit {} out of range [0, {})", units[k], this->units()));
    selected.col(static_cast<Eigen::Index>(k)) = samples_.col(units[k]);
  }
  return {conditions_, times_, std::move(selected)};
}

activity_array activity_array::condition_averaged() const {
  Eigen::MatrixXd mean = Eigen::MatrixXd::Zero(times_, samples_.cols());
  for (int c = 0; c < conditions_; ++c) mean += samples_.middleRows(static_cast<Eigen::Index>(c) * times_, times_);
  mean /= conditions_;
  Eigen::MatrixXd repeated(samples_.rows(), samples_.cols());
  for (int c = 0; c < conditions_; ++c) repeated.middleRows(static_cast<Eigen::Index>(c) * times_, times_) = mean;
  return {conditions_, times_, std::move(repeated)};
}

void require_same_layout(const activity_array& a, const activity_array& b, std::string_view a_name,
                         std::string_view b_name) {
  if (a.conditions() != b.conditions() || a.times() != b.times())
    throw std::invalid_argument(fmt::format("{} has {} conditions x {} times but {} has {} x {}; both must hold the "
                                            "same conditions and times in the same order",
                                            a_name, a.conditions(), a.times(), b_name, b.conditions(), b.times()));
}

}  // namespace steer::numerics
