#!/usr/bin/python3
"""Reference tables for tests/theory/annealed_count_test.cpp, written to
tests/theory/reference/annealed_count.inc (< 1 s; the ctest `reference_annealed_count` reruns it).

  expected_fixed_points_table   {N, J_D, E[#FP]}      spec §7 table, eq. (2)
  log_expected_fixed_points_table {N, J_D, ln E[#FP]}  extreme J_D (issue 7 item 4) and large N
  entropy_table                 {J_D, s(J_D)}          eq. (3)

Eq. (2): E[#FP] = 2^N Φ(a)^N, a = J_D √(N/(N−1)), with Φ from mpmath's erfc at 40 digits.
"""
from reference_common import emit, log_phi, mp, row


def log_expected_fixed_points(n, self_coupling):
    a = mp.mpf(self_coupling) * mp.sqrt(mp.mpf(n) / (n - 1))
    return n * (mp.log(2) + log_phi(a))


def main():
    lines = ["// {N, J_D, E[#FP]}", "static constexpr double expected_fixed_points_table[][3] = {"]
    for n in [10, 12, 16, 20, 24]:
        for jd in [-1.0, 0.25, 0.5, 1.0]:
            lines.append(row(str(n), jd, mp.exp(log_expected_fixed_points(n, jd))))
    lines += ["};", "// {N, J_D, ln E[#FP]}", "static constexpr double log_expected_fixed_points_table[][3] = {"]
    for n, jd in [(6, -40.0), (6, -10.0), (6, 10.0), (6, 100.0), (8, -40.0), (8, -10.0), (8, 10.0), (8, 100.0),
                  (2, -1e3), (100, -30.0), (5000, 1.0), (100000, 0.5), (1000000, -3.0)]:
        lines.append(row(str(n), jd, log_expected_fixed_points(n, jd)))
    lines += ["};", "// {J_D, s(J_D) = ln 2 + ln Φ(J_D)}", "static constexpr double entropy_table[][2] = {"]
    for jd in [-1e3, -20.0, -1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0, 10.0]:
        lines.append(row(jd, mp.log(2) + log_phi(jd)))
    emit("annealed_count.py", lines + ["};"])


main()
