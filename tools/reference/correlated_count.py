#!/usr/bin/python3
"""Reference tables for tests/theory/correlated_count_test.cpp, written to
tests/theory/reference/correlated_count.inc (about 1 min).

  entropy_table     {J_D, η, s(J_D, η)}   large-N entropy (C2) of theory/correlated_count.hpp,
                    including η = −1 at 0 < J_D ≤ 0.05 (issue 7 item 5: the curve → −∞ there)
  finite_n_table    {N, J_D, η, ln E[#FP]}  the one-dimensional integral (C1), η > 0

(C2) s = ln 2 + extr_u [ln Φ(J_D + u) − u²/(2η)] is evaluated from its stationarity condition
u = η (φ/Φ)(J_D + u), solved by bisection at a precision raised with |u| (for
η = −1 the saddle sits at u ≈ −1/J_D and both terms grow like u²), independent of the C++ Brent
search. (C1) is integrated by mpmath around its Laplace peak.
"""
from reference_common import emit, extra_digits, hazard, log_phi, mp, row


def entropy(self_coupling, symmetry):
    jd, eta = mp.mpf(self_coupling), mp.mpf(symmetry)
    slope = lambda u: hazard(jd + u) - u / eta  # d/du of the bracket of (C2); increasing for η < 0
    if eta > 0:
        bracket = (mp.mpf(0), eta * hazard(jd))  # slope > 0 at 0, ≤ 0 at η(φ/Φ)(J_D)
    else:
        lo = mp.mpf(-1)
        while True:
            with mp.workdps(extra_digits(lo)):
                if slope(lo) < 0:
                    break
            lo *= 2
        bracket = (lo, mp.mpf(0))
    with mp.workdps(extra_digits(bracket[0])):
        lo, hi = bracket
        lo_sign = slope(lo) > 0
        while hi - lo > mp.mpf(10) ** -35 * (1 + abs(lo)):  # bisection: the slope changes sign in [lo, hi]
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if (slope(mid) > 0) == lo_sign else (lo, mid)
        u = (lo + hi) / 2
        value = mp.log(2) + log_phi(jd + u) - u * u / (2 * eta)
    return +value


def log_count(n, self_coupling, symmetry):
    """ln of (C1): ln 2^N + ln ∫ φ(z) Φ((J_D + √(η/N) z)/√((N−1−η)/N))^N dz."""
    b, sd = mp.sqrt(mp.mpf(symmetry) / n), mp.sqrt((n - 1 - mp.mpf(symmetry)) / n)
    g = lambda z: -z * z / 2 + n * log_phi((self_coupling + b * z) / sd)
    lo, hi = mp.mpf(-40), mp.mpf(40) + n * b / sd * hazard(mp.mpf(self_coupling) / sd)
    for _ in range(200):  # golden-section search for the peak of the concave g
        m1, m2 = lo + (hi - lo) * mp.mpf(0.382), lo + (hi - lo) * mp.mpf(0.618)
        lo, hi = (m1, hi) if g(m1) < g(m2) else (lo, m2)
    peak = (lo + hi) / 2
    g_peak = g(peak)
    points = [peak + w for w in (-40, -10, -3, -1, 0, 1, 3, 10, 40)]
    integral = mp.quad(lambda z: mp.exp(g(z) - g_peak), [-mp.inf] + points + [mp.inf])
    return n * mp.log(2) + g_peak + mp.log(integral) - mp.log(2 * mp.pi) / 2


def main():
    lines = ["// {J_D, η, s(J_D, η)}", "static constexpr double entropy_table[][3] = {"]
    small = [1e-200, 1e-8, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 3e-2, 5e-2, 0.1, 0.3, 1.0, 3.0]
    cases = [(jd, -1.0) for jd in small]
    cases += [(jd, eta) for eta in (-0.9, -0.5, -0.1) for jd in (-2.0, -0.5, 1e-3, 1e-2, 5e-2, 0.3, 1.0)]
    cases += [(jd, eta) for eta in (0.3, 1.0) for jd in (-1.0, 0.0, 0.25, 1.0)]
    lines += [row(jd, eta, entropy(jd, eta)) for jd, eta in cases] + ["};"]
    lines += ["// {N, J_D, η, ln E[#FP]}", "static constexpr double finite_n_table[][4] = {"]
    for eta in (0.3, 1.0):
        for n in (3, 10, 1000, 100000):
            for jd in (-0.5, 0.25):
                lines.append(row(str(n), jd, eta, log_count(n, jd, eta)))
    emit("correlated_count.py", lines + ["};"])


main()
