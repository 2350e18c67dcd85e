#!/usr/bin/python3
"""Reference tables for tests/theory/pair_count_test.cpp, written to
tests/theory/reference/pair_count.inc (about 1 min).

  log_pairs_N16, log_pairs_N12   ln E[P_N(d)], d = 0..N, J_D = 0.5 (spec §7 tables), eq. (4)
  extreme_log_pairs              {N, J_D, ln E[#FP²], ln E[P_N(d)] for d = 0..8} at J_D = −40, −10,
                                 10, 100 and N = 6, 8 (issue 7 item 4; unused d padded with 0)
  pair_entropy_table             {q, S2(q) at J_D = 0, 0.5, 1}, eq. (6)
  annealed_potential_roots       {J_D, δ0}: V_ann(δ0) = S2(1 − 2δ0) − s(J_D) = 0 (spec §4.2)
  second_moment_ratio_table      {J_D, e^{−r}/√(1 − (2 + J_D²) r + r²)}, eq. (8)
  second_moment_threshold        the root of 1 − (2 + J_D²) r + r² (J_D < 0)
  exact_ratio_table              {N, J_D, E[#FP²]/E[#FP]²} at finite N from eq. (4)

Φ2(a, a; ρ) is the quadrature of the defining integral (reference_common), except in
exact_ratio_table at J_D = 0, where Φ2(0, 0; ρ) = 1/4 + asin(ρ)/(2π) (Sheppard) is exact.
"""
from reference_common import bivariate_cdf, cxx, emit, log_bivariate_cdf, log_phi, mp, row


def log_pairs(n, self_coupling, log_orthant=lambda a, rho: log_bivariate_cdf(a, a, rho)):
    """ln E[P_N(d)] of eq. (4); zero-weight factors (d = 0 or d = N) are left out."""
    a = mp.mpf(self_coupling) * mp.sqrt(mp.mpf(n) / (n - 1))
    logs = []
    for d in range(n + 1):
        value = n * mp.log(2) + mp.log(mp.binomial(n, d))
        if d < n:
            value += (n - d) * log_orthant(a, 1 - mp.mpf(2 * d) / (n - 1))
        if d > 0:
            value += d * log_orthant(a, -(1 - mp.mpf(2 * (d - 1)) / (n - 1)))
        logs.append(value)
    return logs


def log_sum_exp(logs):
    return mp.log(mp.fsum(mp.exp(v) for v in logs))


def pair_entropy(q, self_coupling):
    q = mp.mpf(q)
    x = (1 + q) / 2
    entropy = -x * mp.log(x) - (1 - x) * mp.log(1 - x) if 0 < x < 1 else mp.mpf(0)
    value = mp.log(2) + entropy
    for weight, rho in ((x, q), (1 - x, -q)):
        if weight > 0:
            value += weight * log_bivariate_cdf(self_coupling, self_coupling, rho)
    return value


def ratio_terms(self_coupling):
    r = (mp.npdf(self_coupling) / mp.ncdf(self_coupling)) ** 2
    return r, 1 - (2 + mp.mpf(self_coupling) ** 2) * r + r * r


def second_moment_ratio(self_coupling):
    r, curvature = ratio_terms(self_coupling)
    return mp.exp(-r) / mp.sqrt(curvature)


def exact_ratio(n, self_coupling, log_orthant):
    logs = log_pairs(n, self_coupling, log_orthant)
    return mp.exp(log_sum_exp(logs) - 2 * logs[0])


def sheppard(a, rho):
    assert a == 0
    return mp.log(mp.mpf(1) / 4 + mp.asin(rho) / (2 * mp.pi))


def main():
    lines = []
    for n in (16, 12):
        lines += [f"static constexpr double log_pairs_N{n}[] = {{"] + [f"    {cxx(v)}," for v in log_pairs(n, 0.5)] + ["};"]
    lines += ["// {N, J_D, ln E[#FP²], ln E[P_N(d)] for d = 0..8 (0 beyond N)}",
              "static constexpr double extreme_log_pairs[][12] = {"]
    for n in (6, 8):
        for jd in (-40.0, -10.0, 10.0, 100.0):
            logs = log_pairs(n, jd)
            lines.append(row(str(n), jd, log_sum_exp(logs), *(logs + [mp.mpf(0)] * (8 - n))))
    lines += ["};", "// {q, S2(q) at J_D = 0, 0.5, 1}", "static constexpr double pair_entropy_table[][4] = {"]
    for q in (0.0, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0):
        lines.append(row(q, *(pair_entropy(q, jd) for jd in (0.0, 0.5, 1.0))))
    lines += ["};", "// {J_D, δ0}", "static constexpr double annealed_potential_roots[][2] = {"]
    for jd, spec_root in ((0.25, 1.827571e-2), (0.5, 5.276023e-3), (1.0, 8.586519e-4)):
        v_ann = lambda delta: pair_entropy(1 - 2 * delta, jd) - (mp.log(2) + log_phi(jd))
        lines.append(row(jd, mp.findroot(v_ann, (0.99 * spec_root, 1.01 * spec_root), solver="anderson")))
    lines += ["};", "// {J_D, large-N E[#FP²]/E[#FP]² without 2/E[#FP]}", "static constexpr double second_moment_ratio_table[][2] = {"]
    threshold = mp.findroot(lambda jd: ratio_terms(jd)[1], (-0.3, -0.1), solver="anderson")
    for jd in (-0.178, -0.1, 0.0, 0.25, 0.5, 1.0, 2.0, 5.0):
        lines.append(row(jd, second_moment_ratio(jd)))
    lines += ["};", f"static constexpr double second_moment_threshold = {cxx(threshold)};"]
    lines += ["// {N, J_D, E[#FP²]/E[#FP]²}", "static constexpr double exact_ratio_table[][3] = {",
              row("1024", 0.0, exact_ratio(1024, 0.0, sheppard)),
              row("64", 0.5, exact_ratio(64, 0.5, lambda a, rho: log_bivariate_cdf(a, a, rho))), "};"]
    emit("pair_count.py", lines)


if __name__ == "__main__":  # neighbour_count.py imports log_pairs
    main()
