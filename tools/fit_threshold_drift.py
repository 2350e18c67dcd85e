#!/usr/bin/python3
"""Finite-size drift of thresholds measured in separate runs (issue 9 item 6): `steer thresholds`
fits the drift only over the sizes of one run, but large N are run on their own grids (each size
where its curve rises). This reads the `thresholds.csv` of several runs and fits, weighted by
1/threshold_error², the same two forms as validation/fixed_points/drift_fit.hpp — an independent
implementation (SciPy), so it also checks that code:

  a + b N^-nu : nu by bounded minimisation of chi², a and b linear at each nu (variable projection);
                error of a unconditional, sqrt(C_aa) with C = (J^T W J)^-1 over (a, b, nu);
  a + b / ln N: linear least squares.

Usage: /usr/bin/python3 fit_threshold_drift.py [--algorithm async] [--plot OUT.png [--curves CSV]...] RUN_OR_CSV...
Each argument is a run directory (its thresholds.csv) or a CSV with the columns
algorithm,n,threshold,threshold_error (rows of kind "measured" only, when the column exists).
--plot draws the thresholds vs N of every algorithm in the inputs, and the two fits of this one.
--curves adds, above it, the success curves behind them (issue 9 item 8: one figure with the curves
per algorithm and N and the thresholds vs N): one panel per algorithm, one curve per N with its
95 % Wilson interval, read from CSVs in the format of `steer thresholds`' thresholds_curve.csv
(columns algorithm,n,self_coupling,success,wilson_lower,wilson_upper; a run's file or several
runs' rows concatenated).
"""
import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar


def refuse(message):
    """Bad input: one line on stderr and exit code 2, as every steer command."""
    print(f"fit_threshold_drift: error: {message}", file=sys.stderr)
    sys.exit(2)


def number(row, column, table, line):
    try:
        value = float(row[column])
    except (KeyError, TypeError, ValueError):
        refuse(f"{table} line {line}: column {column} is missing or not a number ({row.get(column)!r})")
    if not math.isfinite(value):
        refuse(f"{table} line {line}: {column} must be finite, got {value}")
    return value


def size(row, table, line):
    n = number(row, "n", table, line)
    if n != int(n) or n < 2:
        refuse(f"{table} line {line}: n must be an integer >= 2, got {row['n']}")
    return int(n)


def table_rows(table, columns):
    """(line, row) of a CSV that has every one of `columns`; refuses it otherwise."""
    with open(table, newline="") as f:
        reader = csv.DictReader(f)
        missing = set(columns) - set(reader.fieldnames or [])
        if missing:
            refuse(f"{table} lacks the columns {', '.join(sorted(missing))}")
        yield from enumerate(reader, start=2)


def read_all_points(paths):
    """{algorithm: {N: (threshold, error)}} over every measured row with an error."""
    points = {}
    for path in paths:
        table = Path(path) / "thresholds.csv" if Path(path).is_dir() else Path(path)
        if not table.is_file():
            refuse(f"{table} does not exist")
        for line, row in table_rows(table, ("algorithm", "n", "threshold", "threshold_error")):
            if row.get("kind", "measured") != "measured":
                continue
            if row["threshold"] == "" or row["threshold_error"] == "":
                continue  # a flagged threshold has no error and cannot be weighted
            n = size(row, table, line)
            sizes = points.setdefault(row["algorithm"], {})
            if n in sizes:
                refuse(f"N = {n} of {row['algorithm']} appears twice ({table})")
            error = number(row, "threshold_error", table, line)
            if error <= 0:
                refuse(f"{table} line {line}: threshold_error must be > 0, got {error}")
            sizes[n] = (number(row, "threshold", table, line), error)
    return points


def read_curves(paths):
    """{algorithm: {N: [(J_D, success, lower, upper)]}}, sorted by J_D."""
    curves = {}
    for table in map(Path, paths):
        if not table.is_file():
            refuse(f"--curves {table} does not exist")
        columns = ("algorithm", "n", "self_coupling", "success", "wilson_lower", "wilson_upper")
        for line, row in table_rows(table, columns):
            n = size(row, table, line)
            lower, success, upper = (number(row, c, table, line) for c in ("wilson_lower", "success", "wilson_upper"))
            if not 0.0 <= lower <= success <= upper <= 1.0:
                refuse(f"{table} line {line}: need 0 <= wilson_lower <= success <= wilson_upper <= 1, "
                       f"got {lower}, {success}, {upper}")
            curve = curves.setdefault(row["algorithm"], {}).setdefault(n, [])
            self_coupling = number(row, "self_coupling", table, line)
            if any(abs(self_coupling - point[0]) < 1e-9 for point in curve):
                refuse(f"J_D = {self_coupling} at N = {n} of {row['algorithm']} appears twice ({table})")
            curve.append((self_coupling, success, lower, upper))
    for sizes in curves.values():
        for curve in sizes.values():
            curve.sort()
    return curves


def draw_curves(axes, curves):
    """One panel per algorithm: success vs J_D per N, coloured by log N on one scale for all panels."""
    import matplotlib.pyplot as plt

    all_sizes = sorted({n for sizes in curves.values() for n in sizes})
    shade = {n: plt.cm.viridis(i / max(1, len(all_sizes) - 1)) for i, n in enumerate(all_sizes)}
    for ax, name in zip(axes, sorted(curves)):
        for n, curve in sorted(curves[name].items()):
            x, y, lower, upper = (np.array(column) for column in zip(*curve))
            ax.errorbar(x, y, yerr=[y - lower, upper - y], fmt="o-", ms=2.5, lw=0.9, capsize=1.5,
                        color=shade[n], label=f"N = {n}")
        ax.axhline(0.5, color="grey", lw=0.6, ls=":")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("J_D", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6)
    axes[0].set_ylabel("success probability", fontsize=8)


def as_arrays(points):
    sizes = np.array(sorted(points), dtype=float)
    return sizes, np.array([points[int(n)][0] for n in sizes]), np.array([points[int(n)][1] for n in sizes])


def linear_fit(g, values, errors):
    design = np.vstack([np.ones_like(g), g]).T / errors[:, None]
    coefficients, *_ = np.linalg.lstsq(design, values / errors, rcond=None)
    residuals = values - design @ coefficients * errors
    return coefficients, float(((residuals / errors) ** 2).sum()), np.linalg.inv(design.T @ design)


def power_law_fit(sizes, values, errors):
    """a + b N^-nu by variable projection; returns (a, b, nu, chi2, covariance, conditional covariance)."""
    best = minimize_scalar(lambda nu: linear_fit(sizes ** -nu, values, errors)[1], bounds=(0.05, 3.0),
                           method="bounded", options={"xatol": 1e-10})
    nu = best.x
    (a, b), chi2, conditional = linear_fit(sizes ** -nu, values, errors)
    jacobian = np.vstack([np.ones_like(sizes), sizes ** -nu, -b * np.log(sizes) * sizes ** -nu]).T / errors[:, None]
    return a, b, nu, chi2, np.linalg.inv(jacobian.T @ jacobian), conditional


def plot(path, points, algorithm, power, log_form, curves):
    """Thresholds vs N of every algorithm in the inputs; the fitted algorithm with both drift forms;
    with curves, the success curves per algorithm in a row of panels above."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if curves:
        columns = len(curves)
        fig = plt.figure(figsize=(max(7.5, 2.4 * columns), 8.6))
        grid = fig.add_gridspec(2, columns, height_ratios=[1.0, 1.3])
        draw_curves([fig.add_subplot(grid[0, i]) for i in range(columns)], curves)
        ax = fig.add_subplot(grid[1, :])
    else:
        fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for name in sorted(points, key=lambda a: (a != algorithm, a)):
        sizes, values, errors = as_arrays(points[name])
        ax.errorbar(sizes, values, yerr=errors, fmt="o-" if name == algorithm else "s--", capsize=3, ms=4,
                    lw=1.2 if name == algorithm else 0.8, label=name)
    sizes, _, _ = as_arrays(points[algorithm])
    grid = np.geomspace(sizes[0], 100 * sizes[-1], 200)
    a, b, nu = power[:3]
    ax.plot(grid, a + b * grid ** -nu, "k-", lw=0.8, label=f"{algorithm}: a + b N^-ν → {a:.3f}")
    (a_log, b_log) = log_form
    ax.plot(grid, a_log + b_log / np.log(grid), "k:", lw=1.0, label=f"{algorithm}: a + b/ln N → {a_log:.3f}")
    ax.set_xscale("log")
    ax.set_xlabel("N")
    ax.set_ylabel("J_D* (50 % success)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=7)
    ax.set_title("Accessibility thresholds vs N (steer thresholds)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--algorithm", default="async")
    parser.add_argument("--plot", metavar="OUT.png",
                        help="also draw the thresholds vs N of every algorithm in the inputs and this one's fits")
    parser.add_argument("--curves", metavar="CSV", action="append", default=[],
                        help="with --plot: success curves (thresholds_curve.csv format) drawn above, a panel per algorithm")
    parser.add_argument("runs", nargs="+")
    args = parser.parse_args()
    if args.plot and not Path(args.plot).parent.is_dir():
        refuse(f"--plot {args.plot}: the folder {Path(args.plot).parent} does not exist")
    if args.curves and not args.plot:
        refuse("--curves needs --plot (the curves are only drawn)")
    curves = read_curves(args.curves)
    points = read_all_points(args.runs)
    if len(points.get(args.algorithm, {})) < 4:
        refuse(f"{len(points.get(args.algorithm, {}))} sizes of {args.algorithm}; the power law needs at least 4")
    sizes, values, errors = as_arrays(points[args.algorithm])
    print(f"{args.algorithm}: N = {', '.join(str(int(n)) for n in sizes)}")

    a, b, nu, chi2, covariance, conditional = power_law_fit(sizes, values, errors)
    print(f"  a + b N^-nu: a = {a:.4f} +- {math.sqrt(covariance[0, 0]):.4f} (conditional on nu: "
          f"+- {math.sqrt(conditional[0, 0]):.4f}), b = {b:.3f}, nu = {nu:.3f} +- {math.sqrt(covariance[2, 2]):.3f}, "
          f"chi2 = {chi2:.3f} for {len(sizes) - 3} dof")
    print("    residuals:", " ".join(f"{r:+.4f}" for r in values - (a + b * sizes ** -nu)))
    (a_log, b_log), chi2, covariance = linear_fit(1.0 / np.log(sizes), values, errors)
    print(f"  a + b / ln N: a = {a_log:.4f} +- {math.sqrt(covariance[0, 0]):.4f}, b = {b_log:.3f}, "
          f"chi2 = {chi2:.3f} for {len(sizes) - 2} dof")
    print("    residuals:", " ".join(f"{r:+.4f}" for r in values - (a_log + b_log / np.log(sizes))))
    if args.plot:
        plot(args.plot, points, args.algorithm, (a, b, nu), (a_log, b_log), curves)


if __name__ == "__main__":
    main()
