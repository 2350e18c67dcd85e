#!/usr/bin/python3
"""Quenched <ln #FP>/N (steer count-mc --networks) against the annealed entropy ln 2 + ln Phi(J_D).

Usage: plot_count_mc.py OUT.png RUN_DIR [RUN_DIR ...]
Each RUN_DIR holds count_mc.json written by `steer count-mc --networks M --out RUN_DIR`.
Left: <ln #FP>/N with its SEM over networks, the finite-N annealed ln E[#FP]/N (dashed, same N) and
the N -> infinity annealed entropy (line). Right: <ln #FP> - ln E[#FP] (O(1) if quenched = annealed).
"""
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from scipy.stats import norm


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: plot_count_mc.py OUT.png RUN_DIR [RUN_DIR ...]")
    points = []
    for run in sys.argv[2:]:
        with open(f"{run}/count_mc.json") as f:
            r = json.load(f)["results"]
        if r.get("quenched_log_fixed_points") is None:
            continue
        points.append(r)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    sizes = sorted({p["n"] for p in points})
    for n in sizes:
        sel = sorted((p for p in points if p["n"] == n), key=lambda p: p["self_coupling"])
        jd = [p["self_coupling"] for p in sel]
        left.errorbar(jd, [p["quenched_entropy"] for p in sel], yerr=[p["quenched_entropy_error"] for p in sel],
                      fmt="o", capsize=3, label=f"quenched, N = {n}")
        left.plot(jd, [p["annealed_log_expected_fixed_points"] / n for p in sel], "x--", alpha=0.6,
                  label=f"ln E[#FP]/N, N = {n}")
        right.errorbar(jd, [p["quenched_log_fixed_points"] - p["annealed_log_expected_fixed_points"] for p in sel],
                       yerr=[p["quenched_log_fixed_points_error"] for p in sel], fmt="o-", capsize=3, label=f"N = {n}")
    if points:
        lo = min(p["self_coupling"] for p in points)
        hi = max(p["self_coupling"] for p in points)
        grid = [lo + (hi - lo) * k / 100 for k in range(101)]
        left.plot(grid, [math.log(2) + norm.logcdf(x) for x in grid], "k-", lw=1, label="ln 2 + ln Φ(J_D)")
    left.set_xlabel("J_D")
    left.set_ylabel("entropy per neuron")
    left.legend(fontsize=7)
    right.axhline(0.0, color="k", lw=0.8)
    right.set_xlabel("J_D")
    right.set_ylabel("<ln #FP> − ln E[#FP]")
    right.legend(fontsize=7)
    fig.suptitle("Wang–Landau count of fixed points (steer count-mc)")
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=120)


if __name__ == "__main__":
    main()
