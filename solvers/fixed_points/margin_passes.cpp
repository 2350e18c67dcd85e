#include "solvers/fixed_points/margin_passes.hpp"

#include "numerics/vector_clones.hpp"

namespace steer::solvers {
namespace {

// One body per pass, inlined into every clone so each is vectorised for its instruction set.
inline int count_change_body(const double* margins, const double* spins, const double* column, double c, std::size_t n) {
  int delta = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double after = margins[i] - c * spins[i] * column[i];
    delta += (after <= 0.0 ? 1 : 0) - (margins[i] <= 0.0 ? 1 : 0);
  }
  return delta;
}

inline int apply_flip_body(double* margins, const double* spins, const double* column, double c, std::size_t n) {
  int energy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    margins[i] -= c * spins[i] * column[i];
    energy += margins[i] <= 0.0 ? 1 : 0;
  }
  return energy;
}

STEER_VECTOR_CLONES int count_change_best(const double* margins, const double* spins, const double* column, double c,
                                          std::size_t n) {
  return count_change_body(margins, spins, column, c, n);
}

STEER_VECTOR_CLONES int apply_flip_best(double* margins, const double* spins, const double* column, double c, std::size_t n) {
  return apply_flip_body(margins, spins, column, c, n);
}

int count_change_baseline(const double* margins, const double* spins, const double* column, double c, std::size_t n) {
  return count_change_body(margins, spins, column, c, n);
}

int apply_flip_baseline(double* margins, const double* spins, const double* column, double c, std::size_t n) {
  return apply_flip_body(margins, spins, column, c, n);
}

}  // namespace

const margin_passes& margin_passes_for(margin_isa isa) {
  static const margin_passes best{count_change_best, apply_flip_best};
  static const margin_passes baseline{count_change_baseline, apply_flip_baseline};
  return isa == margin_isa::best ? best : baseline;
}

}  // namespace steer::solvers
