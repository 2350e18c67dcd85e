#!/usr/bin/python3
"""Reference tables for tests/theory/neighbour_count_test.cpp, written to
tests/theory/reference/neighbour_count.inc (about 10 s).

  log_neighbours_table   {N, J_D, ln(E[P_N(d)]/E[#FP]) for d = 0..20 (0 beyond N)}: eq. (4) over
                         eq. (2), with E[#FP] = 2^N Φ(a)^N from erfc (not the d = 0 pair term)
"""
from pair_count import log_pairs
from reference_common import emit, log_phi, mp, row

CASES = ((6, 0.0), (12, 0.0), (12, 0.5), (12, 1.0), (20, 1.5), (20, -0.5))


def main():
    lines = ["// {N, J_D, ln(E[P_N(d)]/E[#FP]) for d = 0..20 (0 beyond N)}",
             "static constexpr double log_neighbours_table[][23] = {"]
    for n, jd in CASES:
        a = mp.mpf(jd) * mp.sqrt(mp.mpf(n) / (n - 1))
        log_fixed_points = n * (mp.log(2) + log_phi(a))
        logs = [value - log_fixed_points for value in log_pairs(n, jd)]
        lines.append(row(str(n), jd, *(logs + [mp.mpf(0)] * (20 - n))))
    lines.append("};")
    emit("neighbour_count.py", lines)


main()
