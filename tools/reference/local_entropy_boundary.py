#!/usr/bin/python3
"""Reference table for tests/theory/local_entropy_test.cpp, written to
tests/theory/reference/local_entropy_boundary.inc (about 30 s).

  boundary_entropy_table   {δ, V_κ(δ) − H(δ), V_κ(δ)}  at J_D = 0.5, κ = 2 J_D = 1 (eq. 9)

The margin κ = 2 J_D is the boundary of "no single flip allowed": the partner's threshold is J_D,
the reference's J_D − κ = −J_D, so the disagreeing rows contribute Φ2(−J_D, J_D; −(1 − 2δ)) ~ √δ,
the opposite-sign, ρ → −1 case of bivariate_normal_cdf. Here eq. (9) is evaluated at 50 digits
with the exact δ: that Φ2 in the variable of its narrow direction (bivariate_near_minus_one.py),
Φ2(h, k; 1 − 2δ) (and the partner's from δ = 1/4 on) by the defining integral
(reference_common.bivariate_cdf). V − H is listed
apart because the C++ binary_entropy rounds 1 − δ (~6e−17 absolute, 1e−6 of V at δ = 1e−12).
The generator also checks V > 0 at every point (with V → 0 as δ → 0 the infimum is V(0) = 0: no
negative region, no root).
"""
from bivariate_near_minus_one import narrow_direction_cdf
from reference_common import bivariate_cdf, emit, log_phi, mp, row

mp.mp.dps = 50

SELF_COUPLING, MARGIN = 0.5, 1.0
# Half decades from the first point of small_distance_grid (1e−12) to 1e−2, then its uniform part.
DELTAS = [10.0**(-12 + j / 2) for j in range(21)] + [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]


def potential_without_entropy(delta):
    """(1−δ) ln[Φ2(h, k; 1−2δ)/Φ(h)] + δ ln[Φ2(h, k; −(1−2δ))/Φ(h)], h = J_D − κ, k = J_D."""
    delta, h, k = mp.mpf(delta), mp.mpf(SELF_COUPLING) - MARGIN, mp.mpf(SELF_COUPLING)
    rho = 1 - 2 * delta
    agree = mp.log(bivariate_cdf(h, k, rho)) - log_phi(h)
    # The narrow-direction integral needs ρ < 0; from δ = 1/4 on there is no narrow direction.
    differ = mp.log(narrow_direction_cdf(h, k, -rho) if delta < 0.25 else bivariate_cdf(h, k, -rho)) - log_phi(h)
    return (1 - delta) * agree + delta * differ


def main():
    lines = ["// {δ, V_κ(δ) − H(δ), V_κ(δ)} at J_D = 0.5, κ = 1",
             "static constexpr double boundary_entropy_table[][3] = {"]
    for delta in DELTAS:
        d = mp.mpf(delta)
        rest = potential_without_entropy(d)
        value = rest - d * mp.log(d) - (1 - d) * mp.log1p(-d)
        if not value > 0:
            raise RuntimeError(f"V({delta}) = {value} is not positive")
        lines.append(row(delta, rest, value))
    lines.append("};")
    emit("local_entropy_boundary.py", lines)


main()
