#!/usr/bin/python3
"""Plots of `steer report` (run by the command; also usable by hand).

Usage: /usr/bin/python3 tools/plot_report.py RUN_DIR
Reads counts.csv, pairs.csv and count_distribution.csv from RUN_DIR and writes counts.png,
entropy.png, pairs.png and count_distribution.png beside them.
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


def group(rows, key):
    groups = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    return groups


def by_point(rows):
    """Rows grouped by (N, J_D)."""
    return group(rows, lambda r: (int(r["n"]), float(r["self_coupling"])))


def by_size(rows):
    """Rows grouped by N."""
    return group(rows, lambda r: int(r["n"]))


def save(fig, ax, path):
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_counts(rows, out):
    by_n = by_size(rows)
    fig, ax = plt.subplots(figsize=(7, 5))
    colors = plt.cm.viridis([i / max(1, len(by_n) - 1) for i in range(len(by_n))])
    for color, (n, rs) in zip(colors, sorted(by_n.items())):
        rs.sort(key=lambda r: float(r["self_coupling"]))
        jd = [float(r["self_coupling"]) for r in rs]
        ax.plot(jd, [float(r["theory_mean"]) for r in rs], "-", color=color, label=f"N={n} theory")
        ax.errorbar(jd, [float(r["measured_mean"]) for r in rs], yerr=[float(r["measured_sem"]) for r in rs],
                    fmt="o", color=color, ms=4, capsize=2)
        for r in rs:
            if r["verdict"] != "PASS":
                ax.plot(float(r["self_coupling"]), float(r["measured_mean"]), "rx", ms=12)
    ax.set_yscale("log")
    ax.set_xlabel("self-coupling $J_D$")
    ax.set_ylabel("mean number of fixed points")
    ax.set_title("E[#FP] = $2^N\\Phi(J_D\\sqrt{N/(N-1)})^N$ (lines) vs enumeration (points ± SEM)")
    save(fig, ax, out / "counts.png")


def plot_entropy(rows, out):
    fig, ax = plt.subplots(figsize=(7, 5))
    by_n = by_size(rows)
    jds = sorted({float(r["self_coupling"]) for r in rows})
    grid = [jds[0] + (jds[-1] - jds[0]) * k / 200 for k in range(201)]
    phi = lambda x: 0.5 * math.erfc(-x / math.sqrt(2))
    ax.plot(grid, [math.log(2) + math.log(phi(x)) for x in grid], "k-", label="large N: ln 2 + ln Φ(J_D)")
    for n, rs in sorted(by_n.items()):
        rs = [r for r in rs if float(r["measured_mean"]) > 0]
        rs.sort(key=lambda r: float(r["self_coupling"]))
        ax.plot([float(r["self_coupling"]) for r in rs], [math.log(float(r["measured_mean"])) / n for r in rs],
                "o--", ms=4, label=f"N={n}: (1/N) ln mean")
    ax.set_xlabel("self-coupling $J_D$")
    ax.set_ylabel("entropy of fixed points per neuron")
    save(fig, ax, out / "entropy.png")


def plot_pairs(rows, out):
    groups = by_point(rows)
    largest_n = max(n for n, _ in groups)
    points = sorted(k for k in groups if k[0] == largest_n)
    fig, ax = plt.subplots(figsize=(7, 5))
    for n, jd in points:
        rs = sorted(groups[(n, jd)], key=lambda r: int(r["distance"]))
        d = [int(r["distance"]) for r in rs]
        line, = ax.plot(d, [float(r["theory"]) for r in rs], "-", label=f"J_D={jd} theory")
        ax.errorbar(d, [float(r["measured_mean"]) for r in rs], yerr=[float(r["measured_sem"]) for r in rs],
                    fmt="o", ms=3, color=line.get_color(), capsize=2)
    ax.set_yscale("symlog", linthresh=1e-4)
    ax.set_xlabel("Hamming distance d")
    ax.set_ylabel("mean number of ordered fixed-point pairs")
    ax.set_title(f"Pair-distance profile, N={largest_n}: eq. (4) (lines) vs enumeration")
    save(fig, ax, out / "pairs.png")


def plot_distribution(rows, out):
    """Fraction of networks per logarithmic bin of #FP (0 gets a bin of its own)."""
    groups = by_point(rows)
    largest_n = max(n for n, _ in groups)
    largest_count = max(int(r["fixed_points"]) for r in rows if int(r["n"]) == largest_n)
    edges = [-0.5, 0.5]  # zero alone, then 8 bins per decade
    while edges[-1] <= largest_count:
        edges.append(edges[-1] * 10 ** 0.125 if edges[-1] >= 1 else 1.0)
    fig, ax = plt.subplots(figsize=(7, 5))
    for (n, jd), rs in sorted(groups.items()):
        if n != largest_n:
            continue
        total = sum(int(r["networks"]) for r in rs)
        fractions = [0.0] * (len(edges) - 1)
        for r in rs:
            count = int(r["fixed_points"])
            k = next(i for i in range(len(edges) - 1) if edges[i] <= count < edges[i + 1])
            fractions[k] += int(r["networks"]) / total
        centres = [0.0] + [math.sqrt(edges[i] * edges[i + 1]) for i in range(1, len(edges) - 1)]
        shown = [(c, f) for c, f in zip(centres, fractions) if f > 0]
        ax.plot([c for c, _ in shown], [f for _, f in shown], "o-", ms=3, label=f"J_D={jd}")
    ax.set_xscale("symlog", linthresh=1)
    ax.set_yscale("log")
    ax.set_xlabel("number of fixed points in a network (8 log bins per decade)")
    ax.set_ylabel("fraction of networks in the bin")
    ax.set_title(f"Distribution of #FP over networks, N={largest_n}")
    save(fig, ax, out / "count_distribution.png")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: plot_report.py RUN_DIR")
    out = Path(sys.argv[1])
    counts = read(out / "counts.csv")
    plot_counts(counts, out)
    plot_entropy(counts, out)
    plot_pairs(read(out / "pairs.csv"), out)
    plot_distribution(read(out / "count_distribution.csv"), out)


if __name__ == "__main__":
    main()
