// Fits of the drift of a finite-size threshold with N (issue 9 item 6; spec fixed-points-theory
// §6): threshold(N) = a + b g(N), weighted by 1/σ², and the error of the extrapolated a.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace steer::validation {

// g(N) = N^−ν (ν fitted by Brent's method on [0.05, 3], a and b by linear least squares at each
// ν — variable projection) or g(N) = 1/ln N.
struct drift_fit {
  std::string form;                // "a + b N^-nu" or "a + b / ln N"
  double a = 0.0;                  // the extrapolated threshold N → ∞
  // Its standard error. Power law: unconditional, √C_aa of C = (JᵀWJ)⁻¹, J the Jacobian of
  // a + b N^−ν in (a, b, ν) at the fit, W = diag(1/σ²) (σ taken as known, no χ² rescaling);
  // null-free: when C does not exist (see `note`), a_error = a_error_conditional.
  double a_error = 0.0;
  double a_error_conditional = 0.0;  // the error of a with ν held at its fitted value (= a_error for 1/ln N)
  double b = 0.0;
  std::optional<double> nu;          // power-law form only
  std::optional<double> nu_error;    // √C_νν, power law with a covariance
  std::vector<std::vector<double>> covariance;  // C over (a, b) or (a, b, ν)
  std::string note;                  // why a_error is only conditional, or "" when it is not
  std::vector<double> residuals;     // threshold − fit, per size
  double chi_square = 0.0;           // Σ (residual/σ)²
  int degrees_of_freedom = 0;
};

// Throws std::invalid_argument for fewer than 2 points (power law: 4), unequal lengths or σ ≤ 0.
drift_fit fit_power_law_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                              const std::vector<double>& errors);
drift_fit fit_log_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                        const std::vector<double>& errors);

}  // namespace steer::validation
