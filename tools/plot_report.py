#!/usr/bin/python3
"""Plots of `steer report` (run by the command; also usable by hand).

Usage: /usr/bin/python3 tools/plot_report.py RUN_DIR
Reads counts.csv, pairs.csv and count_distribution.csv from RUN_DIR and writes counts.png,
entropy.png, pairs.png and count_distribution.png beside them; when the geometry section ran,
also geometry_pair_entropy.png, geometry_local_entropy.png, geometry_clusters.png,
geometry_local_density.png and geometry_modular.png from its geometry_*.csv files (theory as
lines, measurements as points ± SEM, on the same axes); when the accessibility section ran, its
plots from plot_report_accessibility.py (installed beside this file).
"""
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from plot_report_accessibility import plot_accessibility  # noqa: E402  (this script's directory)


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


def number(text):
    """A CSV cell as a float; empty cells (a log of an underflowed count) are NaN, a gap in the line."""
    return float(text) if text != "" else math.nan


def plot_geometry_pair_entropy(rows, out):
    """(1/N) ln E[P_N(d)] (dashed), S2(q) (solid) and enumeration points, largest N of the sweep."""
    largest_n = max(int(r["n"]) for r in rows)
    fig, ax = plt.subplots(figsize=(7, 5))
    for (n, jd), rs in sorted(by_point(rows).items()):
        if n != largest_n:
            continue
        rs.sort(key=lambda r: float(r["q"]))
        q = [float(r["q"]) for r in rs]
        line, = ax.plot(q, [number(r["theory_large_n"]) for r in rs], "-", lw=1, label=f"J_D={jd}: S2(q), large N")
        ax.plot(q, [number(r["theory_finite_n"]) for r in rs], "--", color=line.get_color(), lw=1)
        shown = [r for r in rs if r["measured"] != ""]
        ax.errorbar([float(r["q"]) for r in shown], [float(r["measured"]) for r in shown],
                    yerr=[float(r["measured_sem"]) for r in shown], fmt="o", ms=3, color=line.get_color(), capsize=2)
        for r in shown:
            if r["pair_verdict"] != "PASS":
                ax.plot(float(r["q"]), float(r["measured"]), "rx", ms=12)
    ax.set_xlabel("overlap q = 1 - 2d/N")
    ax.set_ylabel("pair entropy per neuron")
    ax.set_title(f"S2(q) (solid), (1/N) ln E[P_N(d)] (dashed), enumeration N={largest_n} (points)")
    save(fig, ax, out / "geometry_pair_entropy.png")


def plot_geometry_local_entropy(curves, clusters, out):
    """V_ann and V_kappa (lines) with the enumerated <ln(1+N_loc)>/N at delta = d/N (points)."""
    fig, ax = plt.subplots(figsize=(7, 5))
    colors = {}
    for (curve, jd, kappa), rs in sorted(group(curves, lambda r: (r["curve"], float(r["self_coupling"]),
                                                                  float(r["margin"]))).items()):
        if curve == "S2":
            continue
        rs = [r for r in rs if r["value"] != ""]
        style = "-" if curve == "V_ann" else ":"
        line, = ax.plot([float(r["x"]) for r in rs], [float(r["value"]) for r in rs], style, lw=1,
                        color=colors.get(jd), label=f"J_D={jd} " + ("V_ann" if curve == "V_ann" else f"V_κ κ={kappa}"))
        colors.setdefault(jd, line.get_color())
    for (n, jd), rs in sorted(by_point(clusters).items()):
        shown = [r for r in rs if r["local_entropy"] != ""]
        ax.errorbar([int(r["distance"]) / n for r in shown], [float(r["local_entropy"]) for r in shown],
                    yerr=[float(r["local_entropy_sem"]) for r in shown], fmt="o", ms=3, capsize=2,
                    color=colors.get(jd, "k"))
    ax.set_xscale("log")
    ax.set_yscale("symlog", linthresh=1e-3)
    ax.set_xlabel("distance δ = d/N")
    ax.set_ylabel("local entropy per neuron")
    ax.set_title("V_ann(δ), V_κ(δ) (lines); enumerated <ln(1+N_loc)>/N (points)")
    save(fig, ax, out / "geometry_local_entropy.png")


def plot_geometry_clusters(rows, out):
    """Largest-component fraction and mean neighbours at d=1 vs J_D, one colour per N."""
    first = [r for r in rows if int(r["distance"]) == 1]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    for n, rs in sorted(by_size(first).items()):
        rs.sort(key=lambda r: float(r["self_coupling"]))
        jd = [float(r["self_coupling"]) for r in rs]
        measured = [r for r in rs if r["largest_component_fraction"] != ""]
        left.errorbar([float(r["self_coupling"]) for r in measured],
                      [float(r["largest_component_fraction"]) for r in measured],
                      yerr=[float(r["largest_component_fraction_sem"]) for r in measured], fmt="o-", ms=4, capsize=2,
                      label=f"N={n}")
        line, = right.plot(jd, [float(r["theory_neighbours"]) for r in rs], "-", label=f"N={n} theory")
        shown = [r for r in rs if r["measured_neighbours"] != ""]
        right.errorbar([float(r["self_coupling"]) for r in shown], [float(r["measured_neighbours"]) for r in shown],
                       yerr=[float(r["measured_sem"]) for r in shown], fmt="o", ms=4, capsize=2, color=line.get_color())
        for r in shown:
            if r["neighbours_verdict"] == "FAIL":
                right.plot(float(r["self_coupling"]), float(r["measured_neighbours"]), "rx", ms=12)
    left.set_xlabel("self-coupling $J_D$")
    left.set_ylabel("largest component / #FP (single flips)")
    left.set_title("measurement (no theory)")
    left.legend(fontsize=7)
    right.set_xlabel("self-coupling $J_D$")
    right.set_ylabel("mean fixed points at distance 1")
    right.set_title("E[P_N(1)]/E[#FP] (lines) vs enumeration")
    save(fig, right, out / "geometry_clusters.png")


def plot_geometry_local_density(rows, out):
    fig, ax = plt.subplots(figsize=(7, 5))
    for (n, radius), rs in sorted(group(rows, lambda r: (int(r["n"]), int(r["radius"]))).items()):
        rs.sort(key=lambda r: float(r["self_coupling"]))
        jd = [float(r["self_coupling"]) for r in rs]
        line, = ax.plot(jd, [float(r["typical_theory_in_ball"]) for r in rs], "-", label=f"N={n} r={radius} typical annealed")
        shown = [r for r in rs if r["mean_in_ball"] != ""]
        ax.errorbar([float(r["self_coupling"]) for r in shown], [float(r["mean_in_ball"]) for r in shown],
                    yerr=[float(r["mean_in_ball_sem"]) for r in shown], fmt="o", ms=4, capsize=2,
                    color=line.get_color(), label=f"N={n} r={radius} found by dynamics")
    ax.set_yscale("symlog", linthresh=1e-3)
    ax.set_xlabel("self-coupling $J_D$")
    ax.set_ylabel("fixed points in the Hamming ball (centre excluded)")
    ax.set_title("Local density around dynamically found fixed points (measurement)")
    save(fig, ax, out / "geometry_local_density.png")


def plot_geometry_modular(rows, pairs, out):
    """Left: mean count per modular point; right: pair profiles (theory lines, enumeration points)."""
    fig, (ax, right) = plt.subplots(1, 2, figsize=(12, 5))
    for key, rs in group(pairs, lambda r: (r["modules"], r["module_size"], r["self_coupling"],
                                          r["inter_module_coupling"], r["ring"])).items():
        rs.sort(key=lambda r: int(r["distance"]))
        d = [int(r["distance"]) for r in rs]
        line, = right.plot(d, [float(r["theory"]) for r in rs], "-",
                           label=f"M={key[0]} n={key[1]} J_D={key[2]} λ={key[3]}" + (" ring" if key[4] == "true" else ""))
        right.errorbar(d, [float(r["measured_mean"]) for r in rs], yerr=[float(r["measured_sem"]) for r in rs], fmt="o",
                       ms=3, capsize=2, color=line.get_color())
        for r in rs:
            if r["verdict"] != "PASS":
                right.plot(int(r["distance"]), float(r["measured_mean"]), "rx", ms=12)
    right.set_yscale("symlog", linthresh=1e-3)
    right.set_xlabel("Hamming distance d")
    right.set_ylabel("mean number of ordered fixed-point pairs")
    right.set_title("modular pair count (lines) vs enumeration")
    right.legend(fontsize=7)
    labels = [f"M={r['modules']} n={r['module_size']}\nJ_D={r['self_coupling']} λ={r['inter_module_coupling']}"
              + (" ring" if r["ring"] == "true" else "") for r in rows]
    x = range(len(rows))
    ax.plot(x, [float(r["theory_mean"]) for r in rows], "k_", ms=20, mew=2, label="exact modular count (theory)")
    ax.errorbar(x, [float(r["measured_mean"]) for r in rows], yerr=[float(r["measured_sem"]) for r in rows],
                fmt="o", ms=4, capsize=3, label="enumeration ± SEM")
    for k, r in enumerate(rows):
        if r["verdict"] != "PASS":
            ax.plot(k, float(r["measured_mean"]), "rx", ms=12)
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels, fontsize=7)
    ax.set_yscale("log")
    ax.set_ylabel("mean number of fixed points")
    ax.set_title("Modular variant: E[#FP] (transfer matrix) vs enumeration")
    save(fig, ax, out / "geometry_modular.png")


def plot_geometry(out):
    """The geometry section's figures, if `steer report` ran it (its CSV files exist)."""
    if not (out / "geometry_curves.csv").exists():
        return
    curves = read(out / "geometry_curves.csv")
    clusters = read(out / "geometry_clusters.csv")
    plot_geometry_pair_entropy(read(out / "geometry_pair_entropy.csv"), out)
    plot_geometry_local_entropy(curves, clusters, out)
    if clusters:
        plot_geometry_clusters(clusters, out)
    density = read(out / "geometry_local_density.csv")
    if density:
        plot_geometry_local_density(density, out)
    modular = read(out / "geometry_modular.csv")
    if modular:
        plot_geometry_modular(modular, read(out / "geometry_modular_pairs.csv"), out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: plot_report.py RUN_DIR")
    out = Path(sys.argv[1])
    counts = read(out / "counts.csv")
    plot_counts(counts, out)
    plot_entropy(counts, out)
    plot_pairs(read(out / "pairs.csv"), out)
    plot_distribution(read(out / "count_distribution.csv"), out)
    plot_geometry(out)
    plot_accessibility(out)


if __name__ == "__main__":
    main()
