#include "validation/fixed_points/threshold_existence.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace steer::validation {

threshold_existence_verdict threshold_existence(const std::vector<double>& self_couplings,
                                                const std::vector<proportion_interval>& wilson,
                                                const std::optional<double>& crossing) {
  if (self_couplings.size() != wilson.size())
    throw std::invalid_argument("threshold_existence: one Wilson interval per J_D is needed");
  std::optional<std::size_t> smallest_positive, failing, succeeding;  // failing: largest J_D > 0 with upper < 0.5
  bool accessible_at_every_positive = true;
  for (std::size_t k = 0; k < self_couplings.size(); ++k) {
    const bool positive = self_couplings[k] > 0.0;
    if (positive && !smallest_positive) smallest_positive = k;
    if (positive && wilson[k].upper < 0.5) failing = k;
    if (!succeeding && wilson[k].lower > 0.5) succeeding = k;
    if (positive && !(wilson[k].lower > 0.5)) accessible_at_every_positive = false;
  }
  const auto point = [&](const std::optional<std::size_t>& k) {
    return k ? fmt::format("J_D={:.4g} [{:.2f}, {:.2f}]", self_couplings[*k], wilson[*k].lower, wilson[*k].upper)
             : std::string("none");
  };
  std::string numbers = fmt::format(
      "existence: 50 % crossing {}; largest J_D > 0 with Wilson upper < 0.5: {}; smallest J_D with Wilson lower > "
      "0.5: {}; smallest J_D > 0 of the grid: {}",
      crossing ? fmt::format("at {:.4g}", *crossing) : std::string("outside the grid"), point(failing),
      point(succeeding), point(smallest_positive));
  if (smallest_positive && accessible_at_every_positive)
    return {"FAIL", numbers + " (accessible at every J_D > 0 of the grid, where fixed points are exponentially many: "
                              "no threshold > 0 at this resolution)"};
  if (crossing && failing && succeeding) return {"PASS", numbers};
  return {"inconclusive", numbers + " (the Wilson intervals do not show both failure at some J_D > 0 and success)"};
}

}  // namespace steer::validation
