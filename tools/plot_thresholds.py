#!/usr/bin/python3
"""Plot of `steer thresholds --out DIR` (issue 9 item 8): success curves per N with their Wilson
intervals (design-effect adjusted for restarts > 1), and the thresholds vs N with the finite-size
extrapolation (accepted crossing or drift fit) and its error band. Thresholds without an error
(flagged: too many bootstrap replicates without a 50 % crossing) are drawn as open markers.

Usage: /usr/bin/python3 plot_thresholds.py DIR   ->  DIR/thresholds.png
Reads DIR/thresholds_curve.csv, DIR/thresholds.csv and DIR/thresholds.json (all written by steer).
"""
import csv
import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main(directory):
    out = Path(directory)
    curve = rows(out / "thresholds_curve.csv")
    thresholds = rows(out / "thresholds.csv")
    results = json.loads((out / "thresholds.json").read_text())["results"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    sizes = sorted({int(r["n"]) for r in curve})
    algorithm = curve[0]["algorithm"]
    budget = curve[0]["max_sweeps"]
    for n in sizes:
        points = [r for r in curve if int(r["n"]) == n]
        x = [float(r["self_coupling"]) for r in points]
        y = [float(r["success"]) for r in points]
        low = [y_k - float(r["wilson_lower"]) for y_k, r in zip(y, points)]
        high = [float(r["wilson_upper"]) - y_k for y_k, r in zip(y, points)]
        left.errorbar(x, y, yerr=[low, high], marker="o", ms=3, capsize=2, label=f"N = {n}")
    left.axhline(0.5, color="grey", lw=0.8, ls=":")
    left.set_xlabel("self-coupling $J_D$")
    left.set_ylabel("success probability (95% Wilson, clustered)")
    left.set_title(f"{algorithm}, {budget} sweeps")
    left.legend(fontsize=8)

    measured = [r for r in thresholds if r["kind"] == "measured" and r["threshold"]]
    with_error = [r for r in measured if r["threshold_error"]]
    flagged = [r for r in measured if not r["threshold_error"]]
    right.errorbar([int(r["n"]) for r in with_error], [float(r["threshold"]) for r in with_error],
                   yerr=[float(r["threshold_error"]) for r in with_error], marker="o", ls="none", capsize=3,
                   label="50% threshold (bootstrap error)")
    if flagged:
        right.plot([int(r["n"]) for r in flagged], [float(r["threshold"]) for r in flagged], marker="o", ls="none",
                   mfc="none", color="C0", label="flagged: no error (>10% replicates undefined)")
    n = [int(r["n"]) for r in measured]
    extrapolation = results.get("extrapolation") if isinstance(results, dict) else None
    if extrapolation and extrapolation.get("estimate") is not None and n:
        a = extrapolation["estimate"]
        error = extrapolation.get("estimate_error")
        right.axhline(a, color="C3", ls="--", lw=1,
                      label=f"N -> inf: {a:.3g}" + (f" ± {error:.2g}" if error else "") + f" ({extrapolation['method']})")
        if error:
            right.axhspan(a - error, a + error, color="C3", alpha=0.12, lw=0)
        fit = extrapolation.get("fit")
        if fit:
            grid = [min(n) * (max(n) * 4 / min(n)) ** (k / 99) for k in range(100)]
            if fit["nu"] is not None:
                curve_fit = [fit["a"] + fit["b"] * g ** (-fit["nu"]) for g in grid]
            else:
                curve_fit = [fit["a"] + fit["b"] / math.log(g) for g in grid]
            right.plot(grid, curve_fit, color="C3", lw=1, label=fit["form"])
    right.set_xscale("log")
    right.set_xlabel("N")
    right.set_ylabel("threshold $J_D^*$")
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "thresholds.png", dpi=120)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
