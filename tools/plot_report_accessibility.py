#!/usr/bin/python3
"""Plots of `steer report`'s accessibility section, called by plot_report.py (which imports this file
from its own directory; also usable by hand: plot_report_accessibility.py RUN_DIR).

Reads accessibility_curves.csv, accessibility_thresholds.csv, accessibility_count_mc.csv and
accessibility_quenched.csv and writes accessibility_curves.png (success vs J_D per N with 95 %
Wilson bars, thresholds vs N), accessibility_count_mc.png (count-mc vs exact enumeration) and
accessibility_quenched.png (quenched <ln #FP>/N vs the annealed entropy).
"""
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def number(text):
    return float(text) if text != "" else math.nan


def finish(fig, path):
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_curves(curves, thresholds, out):
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    by_n = defaultdict(list)
    for r in curves:
        by_n[int(r["n"])].append(r)
    measured = {int(r["n"]): r for r in thresholds if r["kind"] == "measured"}
    for n, rs in sorted(by_n.items()):
        rs.sort(key=lambda r: float(r["self_coupling"]))
        x = [float(r["self_coupling"]) for r in rs]
        y = [float(r["success"]) for r in rs]
        low = [v - float(r["wilson_lower"]) for v, r in zip(y, rs)]
        high = [float(r["wilson_upper"]) - v for v, r in zip(y, rs)]
        bars = left.errorbar(x, y, yerr=[low, high], fmt="o", ms=3, capsize=2, label=f"N = {n}")
        color = bars[0].get_color()
        left.plot(x, [float(r["monotone"]) for r in rs], "-", lw=0.8, color=color)
        t = number(measured[n]["threshold"]) if n in measured else math.nan
        if not math.isnan(t):
            left.axvline(t, color=color, ls=":", lw=0.8)
    left.axhline(0.5, color="grey", lw=0.8, ls="--")
    budget = curves[0]["max_sweeps"]
    left.set_xlabel("self-coupling $J_D$")
    left.set_ylabel("success probability (95% Wilson)")
    left.set_title(f"async, {budget} sweeps: isotonic fit (line), J_D* (dotted)", fontsize=10)
    left.legend(fontsize=7)

    shown = [r for r in thresholds if r["kind"] == "measured" and r["threshold"] != ""]
    # A flagged threshold has no trustworthy error (too many bootstrap replicates without a
    # crossing): open marker, no error bar.
    solid = [r for r in shown if r.get("flagged") != "true"]
    flagged = [r for r in shown if r.get("flagged") == "true"]
    if solid:
        right.errorbar([int(r["n"]) for r in solid], [float(r["threshold"]) for r in solid],
                       yerr=[number(r["threshold_error"]) if r["threshold_error"] != "" else 0.0 for r in solid],
                       fmt="o", color="C0", capsize=3, label="J_D* (50%) ± error")
    if flagged:
        right.plot([int(r["n"]) for r in flagged], [float(r["threshold"]) for r in flagged], "o", mfc="none",
                   color="C0", label="J_D* (50%), flagged: error withheld")
    for r in thresholds:
        if r["kind"] == "extrapolated" and r["threshold"] != "":
            a = float(r["threshold"])
            right.axhline(a, color="C3", ls="--", lw=1, label=f"N -> inf: {a:.3g} ({r['method']}; a measurement)")
    right.set_xscale("log")
    right.set_xlabel("N")
    right.set_ylabel("threshold $J_D^*$")
    right.set_title(f"thresholds at {budget} sweeps (no paper number)", fontsize=10)
    right.legend(fontsize=7)
    finish(fig, out / "accessibility_curves.png")


def plot_count_mc(rows, out):
    exact = [r for r in rows if r["part"] == "exact" and r["z"] != ""]
    if not exact:
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    groups = defaultdict(list)
    for r in exact:
        groups[(int(r["n"]), float(r["self_coupling"]))].append(r)
    for k, ((n, jd), rs) in enumerate(sorted(groups.items())):
        truth = [float(r["exact_log_fixed_points"]) for r in rs]
        bars = left.errorbar(truth, [float(r["log_fixed_points"]) - t for r, t in zip(rs, truth)],
                             yerr=[float(r["log_fixed_points_sem"]) for r in rs], fmt="o", ms=4, capsize=2,
                             label=f"N={n} J_D={jd}")
        right.plot([k] * len(rs), [float(r["z"]) for r in rs], "o", color=bars[0].get_color(), ms=5)
    left.axhline(0.0, color="k", lw=0.8)
    left.set_xlabel("exact ln #FP (enumeration)")
    left.set_ylabel("count-mc estimate − exact (± SEM of the walks)")
    left.set_title("Wang–Landau count vs exhaustive enumeration")
    left.legend(fontsize=7)
    for level, style in ((1, ":"), (2, "--"), (4, "-")):
        for sign in (1, -1):
            right.axhline(sign * level, color="grey", ls=style, lw=0.8)
    right.set_xticks(range(len(groups)))
    right.set_xticklabels([f"N={n}\nJ_D={jd}" for n, jd in sorted(groups)], fontsize=7)
    right.set_ylabel("z = (estimate − exact) / SEM")
    right.set_title("per network; the verdict needs |z| < 4")
    finish(fig, out / "accessibility_count_mc.png")


def plot_quenched(summary, rows, out):
    if not summary:
        return
    fig, (ax, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    n = int(summary[0]["n"])
    jd = [float(r["self_coupling"]) for r in summary]
    grid = [min(jd) + (max(jd) - min(jd)) * k / 200 for k in range(201)] if len(jd) > 1 else jd
    phi = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))  # noqa: E731
    ax.plot(grid, [math.log(2) + math.log(phi(x)) for x in grid], "k-", lw=1, label="large N: ln 2 + ln Φ(J_D)")
    ax.plot(jd, [float(r["annealed_entropy_finite_n"]) for r in summary], "kx--", lw=0.8,
            label=f"N={n}: ln E[#FP]/N = ln 2 + ln Φ(J_D √(N/(N−1)))")
    per_network = [r for r in rows if r["part"] == "quenched" and r["log_fixed_points"] != ""]
    ax.plot([float(r["self_coupling"]) for r in per_network], [float(r["log_fixed_points"]) / n for r in per_network],
            ".", color="C0", alpha=0.35, label="one network (count-mc)")
    shown = [r for r in summary if r["quenched_entropy"] != ""]
    ax.errorbar([float(r["self_coupling"]) for r in shown], [float(r["quenched_entropy"]) for r in shown],
                yerr=[float(r["quenched_entropy_sem"]) for r in shown], fmt="o", color="C3", capsize=3,
                label="quenched <ln #FP>/N ± SEM")
    for r in shown:
        if r["verdict"] == "FAIL":
            ax.plot(float(r["self_coupling"]), float(r["quenched_entropy"]), "rx", ms=12)
    ax.set_xlabel("self-coupling $J_D$")
    ax.set_ylabel("entropy of fixed points per neuron")
    ax.set_title(f"Quenched vs annealed, N={n} (count-mc)", fontsize=10)
    ax.legend(fontsize=7)
    right.errorbar([float(r["self_coupling"]) for r in shown],
                   [float(r["quenched_entropy"]) - float(r["annealed_entropy_finite_n"]) for r in shown],
                   yerr=[float(r["quenched_entropy_sem"]) for r in shown], fmt="o", color="C3", capsize=3,
                   label="quenched − ln E[#FP]/N ± SEM")
    right.plot(jd, [float(r["annealed_entropy_large_n"]) - float(r["annealed_entropy_finite_n"]) for r in summary],
               "k_", ms=14, mew=1.5, label="ln 2 + ln Φ(J_D) − ln E[#FP]/N")
    right.axhline(0.0, color="k", lw=0.8)
    right.set_xlabel("self-coupling $J_D$")
    right.set_ylabel("difference per neuron")
    right.set_title("the verdict: |difference| < 4 SEM", fontsize=10)
    right.legend(fontsize=7)
    finish(fig, out / "accessibility_quenched.png")


def plot_accessibility(out):
    """The section's figures, if `steer report` ran it (its CSV files exist)."""
    if not (out / "accessibility_curves.csv").exists():
        return
    plot_curves(read(out / "accessibility_curves.csv"), read(out / "accessibility_thresholds.csv"), out)
    count_mc = read(out / "accessibility_count_mc.csv")
    plot_count_mc(count_mc, out)
    plot_quenched(read(out / "accessibility_quenched.csv"), count_mc, out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: plot_report_accessibility.py RUN_DIR")
    plot_accessibility(Path(sys.argv[1]))
