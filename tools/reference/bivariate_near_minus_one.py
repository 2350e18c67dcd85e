#!/usr/bin/python3
"""Reference table for tests/theory/normal_probability_test.cpp, written to
tests/theory/reference/bivariate_near_minus_one.inc (a few seconds).

  near_minus_one_table   {h, k, ρ, Φ2(h, k; ρ) (0 below 1e−300)}  h < 0 < k, 1 + ρ from 2^−53 to 1e−2

The case the C++ integrates (opposite-sign thresholds, ρ < 0) at ρ → −1, where Φ2 is a small
number ~ s = √(1−ρ²) (h = −k: Φ2 ≈ φ(k) s √(2/π)... ~ √(1+ρ)) and the C++ integrand has a step of
width ~ s. Here Φ2 is evaluated at 50 digits in the variable of that narrow direction, x = h − s v:

  Φ2(h, k; ρ) = s ∫_0^∞ φ(h − s v) Φ(c/s + ρ v) dv,   c = k − ρh,

whose integrand is smooth on the scale v ~ 1 (no step). For h = −k it is checked against the
closed form 2 T(k, √((1+ρ)/(1−ρ))) (Owen's T by its own defining integral over [0, α]); the two
must agree to 1e−40 or the script stops. Inputs are the doubles the C++ test passes, converted to
mpmath exactly (ρ = −1 + 1e−16 is the double −1 + 2^−53).
"""
from reference_common import emit, mp, row

mp.mp.dps = 50

# h = −k (the margin κ = 2 J_D of eq. 9), and h ≠ −k on both sides of h + k = 0.
PAIRS = [(-0.1, 0.1), (-0.5, 0.5), (-1.0, 1.0), (-3.0, 3.0), (-8.0, 8.0), (-0.3, 0.7), (-0.5, 0.5000001),
         (-0.7, 0.3), (-2.0, 0.5), (-0.5, 3.0)]
EPSILONS = [10.0**e for e in range(-16, -1)]


def narrow_direction_cdf(h, k, rho):
    h, k, rho = mp.mpf(h), mp.mpf(k), mp.mpf(rho)
    s = mp.sqrt((1 - rho) * (1 + rho))
    c = k - rho * h
    # The Φ factor turns off around v = c/(s|ρ|) over a width ~1, the φ factor decays over v ~ 1/s:
    # breakpoints at both scales.
    step = max(mp.mpf(0), c / (s * -rho))
    points = sorted({mp.mpf(0), step} | {j / s for j in (1, 3, 10) if j / s < step})
    integrand = lambda v: mp.npdf(h - s * v) * mp.ncdf(c / s + rho * v)
    scale = max(integrand(v) for v in points) or mp.mpf(1)
    value, error = mp.quad(lambda v: integrand(v) / scale, points + [points[-1] + 40, mp.inf], error=True)
    if value == 0:
        return mp.mpf(0)
    if not error <= mp.mpf(10) ** -40 * value:
        raise RuntimeError(f"narrow_direction_cdf({h}, {k}, {rho}): quadrature error {error} vs value {value}")
    return s * scale * value


def owens_t(h, alpha):
    """T(h, α) = (1/2π) ∫_0^α e^{−h²(1+x²)/2}/(1+x²) dx."""
    return mp.quad(lambda x: mp.exp(-h * h * (1 + x * x) / 2) / (1 + x * x), [0, alpha]) / (2 * mp.pi)


def main():
    lines = ["// {h, k, ρ, Φ2(h, k; ρ) (0 below 1e−300)}", "static constexpr double near_minus_one_table[][4] = {"]
    for h, k in PAIRS:
        for epsilon in EPSILONS:
            rho = -1.0 + epsilon  # the double the C++ test passes
            value = narrow_direction_cdf(h, k, rho)
            if h == -k:
                r = mp.mpf(rho)
                closed = 2 * owens_t(mp.mpf(k), mp.sqrt((1 + r) / (1 - r)))
                if abs(closed - value) > mp.mpf(10) ** -40 * value:
                    raise RuntimeError(f"h = -k = {h}, rho = {rho}: Owen's T {closed} vs integral {value}")
            lines.append(row(h, k, rho, value if value >= mp.mpf(10) ** -300 else mp.mpf(0)))
    lines.append("};")
    emit("bivariate_near_minus_one.py", lines)


if __name__ == "__main__":  # local_entropy_boundary.py imports narrow_direction_cdf
    main()
