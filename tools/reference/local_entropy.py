#!/usr/bin/python3
"""Reference tables for tests/theory/local_entropy_test.cpp, written to
tests/theory/reference/local_entropy.inc (about 2 min).

  annealed_extrema_table   {J_D, min V_ann, argmin δ, root δ0} (spec §4.2 table): V_ann(δ) =
                           S2(1 − 2δ) − s(J_D); the argmin solves V_ann'(δ) = 0 with the derivative
                           in closed form (∂Φ2(a,a;ρ)/∂ρ = e^{−a²/(1+ρ)}/(2π√(1−ρ²))), the root
                           V_ann(δ0) = 0 — both by bracketing findroot (anderson)
  margin_entropy_table     {J_D, κ, δ, V_κ(δ)} of eq. (9)
"""
from pair_count import pair_entropy
from reference_common import bivariate_cdf, emit, log_bivariate_cdf, log_phi, mp, row

SPEC_ARGMIN = {0.25: 3.26e-3, 0.5: 1.09e-3, 1.0: 1.89e-4, 1.5: 2.85e-5, 2.0: 3.01e-6}
SPEC_ROOT = {0.25: 1.827571e-2, 0.5: 5.276023e-3, 1.0: 8.586519e-4, 1.5: 1.248898e-4, 2.0: 1.299929e-5}


def entropy(jd):
    return mp.log(2) + log_phi(jd)


def annealed(delta, jd):
    return pair_entropy(1 - 2 * mp.mpf(delta), jd) - entropy(jd)


def annealed_slope(delta, jd):
    """dV_ann/dδ of S2 = ln 2 + H(δ) + (1−δ) L(1−2δ) + δ L(−(1−2δ)), L(ρ) = ln Φ2(J, J; ρ)."""
    delta, a = mp.mpf(delta), mp.mpf(jd)
    rho = 1 - 2 * delta

    def log_orthant_and_slope(r):
        value = log_bivariate_cdf(a, a, r)
        density = mp.exp(-a * a / (1 + r)) / (2 * mp.pi * mp.sqrt((1 - r) * (1 + r)))
        return value, density / mp.exp(value)

    agree, agree_slope = log_orthant_and_slope(rho)
    differ, differ_slope = log_orthant_and_slope(-rho)
    return mp.log((1 - delta) / delta) - agree - 2 * (1 - delta) * agree_slope + differ + 2 * delta * differ_slope


def margin_entropy(delta, jd, kappa):
    delta, h, k = mp.mpf(delta), mp.mpf(jd) - mp.mpf(kappa), mp.mpf(jd)
    rho = 1 - 2 * delta
    value = -delta * mp.log(delta) - (1 - delta) * mp.log(1 - delta)
    for weight, r in ((1 - delta, rho), (delta, -rho)):
        value += weight * (mp.log(bivariate_cdf(h, k, r)) - log_phi(h))
    return value


def main():
    lines = ["// {J_D, min V_ann, argmin δ, root δ0}", "static constexpr double annealed_extrema_table[][4] = {"]
    for jd, argmin in SPEC_ARGMIN.items():
        at = mp.findroot(lambda d: annealed_slope(d, jd), (0.5 * argmin, 2 * argmin), solver="anderson")
        root = mp.findroot(lambda d: annealed(d, jd), (0.99 * SPEC_ROOT[jd], 1.01 * SPEC_ROOT[jd]), solver="anderson")
        lines.append(row(jd, annealed(at, jd), at, root))
    lines += ["};", "// {J_D, κ, δ, V_κ(δ)}", "static constexpr double margin_entropy_table[][4] = {"]
    for jd, kappa in ((0.5, 0.1), (0.5, 0.5), (1.0, 0.25), (1.0, 1.0), (2.0, 0.5)):
        for delta in (1e-6, 1e-3, 0.05, 0.25, 0.5):
            lines.append(row(jd, kappa, delta, margin_entropy(delta, jd, kappa)))
    lines.append("};")
    emit("local_entropy.py", lines)


main()
