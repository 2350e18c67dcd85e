#!/usr/bin/python3
"""Reference tables for tests/theory/normal_probability_test.cpp, written to
tests/theory/reference/normal_probability.inc (about 1 min).

  log_normal_cdf_table        {x, ln Φ(x), Φ(x)}         mpmath erfc
  pdf_over_cdf_table          {x, φ(x)/Φ(x)}             mpmath npdf / ncdf (series beyond −1e8)
  equal_orthant_table         {a, 1 − ρ, 1 + ρ, ln Φ2(a, a; ρ)}
  bivariate_cdf_table         {h, k, ρ, Φ2, ln Φ2}       (the log too: some values underflow a double)

Φ2 is the quadrature of its defining integral (reference_common.bivariate_cdf), independent of
the C++ Owen's-T formulas. Inputs are doubles, converted to mpmath exactly, so the C++ test can
pass the very same numbers.
"""
from reference_common import bivariate_cdf, cxx, emit, hazard, log_bivariate_cdf, log_phi, mp, row

# Both sides of the C++ method switches (x = 0, x = −30) and the far tails.
XS = [-1e150, -1e6, -1e3, -40.0, -38.0, -30.5, -30.0, -29.5, -10.0, -3.0, -1.0, -1e-3, 0.0, 1e-3,
      0.5, 1.0, 3.0, 8.0, 20.0, 30.0]

# a across both methods (Owen's T for a ≥ 0 with little cancellation, the tail integral
# otherwise) and ρ down to 2^−30 from ±1, given as the pair (1 − ρ, 1 + ρ) the C++ takes. Dyadic
# values, so that both are exact doubles summing to exactly 2: near ρ = −1, ln Φ2 ≈ −a²/(1 + ρ),
# and a pair like (1.999999999, 1e−9) would mean two correlations 1e−7 apart (relative).
ORTHANT_AS = [-1e3, -43.8, -10.0, -3.0, -1.0, -0.2, -1e-6, 0.0, 1e-6, 0.5, 2.0, 6.0, 10.0]
ORTHANT_RHOS = [(2 - 2.0**-30, 2.0**-30), (2 - 2.0**-20, 2.0**-20), (2 - 2.0**-7, 2.0**-7), (1.5, 0.5), (1.0, 1.0),
                (0.75, 1.25), (0.125, 1.875), (2.0**-10, 2 - 2.0**-10), (2.0**-30, 2 - 2.0**-30)]

# Thresholds of both signs (the opposite-sign, ρ < 0 case is the integrated one), tails whose Φ2
# is still a normal double (h = −37) and ρ near ±1.
BIVARIATE_HS = [-37.0, -8.0, -2.0, -0.3, 0.0, 0.7, 3.0]
BIVARIATE_KS = [-1.0, 0.0, 0.5, 2.5, 9.0]
BIVARIATE_RHOS = [-0.9999, -0.9, -0.5, -0.1, 0.3, 0.9, 0.9999]


def double_or_zero(value):
    """The value itself where it is a normal double (exp of a rounded log would lose |log| ε)."""
    return value if value >= mp.mpf(10) ** -300 else mp.mpf(0)


def main():
    lines = ["// {x, ln Φ(x), Φ(x) (0 below 1e−300)}", "static constexpr double log_normal_cdf_table[][3] = {"]
    lines += [row(x, log_phi(x), double_or_zero(mp.ncdf(x))) for x in XS] + ["};", "// {x, φ(x)/Φ(x)}",
                                                        "static constexpr double pdf_over_cdf_table[][2] = {"]
    lines += [row(x, hazard(x)) for x in XS] + ["};"]
    lines += ["// {a, 1 − ρ, 1 + ρ, ln Φ2(a, a; ρ)}", "static constexpr double equal_orthant_table[][4] = {"]
    for a in ORTHANT_AS:
        for one_minus, one_plus in ORTHANT_RHOS:
            rho = (mp.mpf(one_plus) - mp.mpf(one_minus)) / 2
            lines.append(row(a, one_minus, one_plus, mp.log(bivariate_cdf(a, a, rho))))
    lines += ["};", "// {h, k, ρ, Φ2(h, k; ρ) (0 below 1e−300), ln Φ2(h, k; ρ)}",
              "static constexpr double bivariate_cdf_table[][5] = {"]
    for h in BIVARIATE_HS:
        for k in BIVARIATE_KS:
            for rho in BIVARIATE_RHOS:
                log_value = log_bivariate_cdf(h, k, rho)
                lines.append(row(h, k, rho, double_or_zero(mp.exp(log_value)), log_value))
    lines += ["};", "// Spec §8: Φ2(−3, −3; −0.95) (spec: 9.427437835e−83) and Φ2(−0.7, −0.7; −0.5) (0.01614539739)",
              f"static constexpr double spec_orthant_minus3 = {cxx(bivariate_cdf(-3.0, -3.0, -0.95))};",
              f"static constexpr double spec_orthant_minus07 = {cxx(bivariate_cdf(-0.7, -0.7, -0.5))};"]
    emit("normal_probability.py", lines)


main()
