#!/usr/bin/python3
"""Finite-size drift of thresholds measured in separate runs (issue 9 item 6): `steer thresholds`
fits the drift only over the sizes of one run, but large N are run on their own grids (each size
where its curve rises). This reads the `thresholds.csv` of several runs and fits, weighted by
1/threshold_error², the same two forms as validation/fixed_points/drift_fit.hpp — an independent
implementation (SciPy), so it also checks that code:

  a + b N^-nu : nu by bounded minimisation of chi², a and b linear at each nu (variable projection);
                error of a unconditional, sqrt(C_aa) with C = (J^T W J)^-1 over (a, b, nu);
  a + b / ln N: linear least squares.

Usage: /usr/bin/python3 fit_threshold_drift.py [--algorithm async] RUN_OR_CSV...
Each argument is a run directory (its thresholds.csv) or a CSV with the columns
algorithm,n,threshold,threshold_error (rows of kind "measured" only, when the column exists).
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


def read_points(paths, algorithm):
    points = {}
    for path in paths:
        table = Path(path) / "thresholds.csv" if Path(path).is_dir() else Path(path)
        if not table.is_file():
            refuse(f"{table} does not exist")
        with open(table, newline="") as f:
            reader = csv.DictReader(f)
            missing = {"algorithm", "n", "threshold", "threshold_error"} - set(reader.fieldnames or [])
            if missing:
                refuse(f"{table} lacks the columns {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                if row.get("kind", "measured") != "measured" or row["algorithm"] != algorithm:
                    continue
                if row["threshold"] == "" or row["threshold_error"] == "":
                    continue  # a flagged threshold has no error and cannot be weighted
                n = number(row, "n", table, line)
                if n != int(n) or n < 2:
                    refuse(f"{table} line {line}: n must be an integer >= 2, got {row['n']}")
                n = int(n)
                if n in points:
                    refuse(f"N = {n} appears twice ({table})")
                error = number(row, "threshold_error", table, line)
                if error <= 0:
                    refuse(f"{table} line {line}: threshold_error must be > 0, got {error}")
                points[n] = (number(row, "threshold", table, line), error)
    if len(points) < 4:
        refuse(f"{len(points)} sizes of {algorithm}; the power law needs at least 4")
    sizes = np.array(sorted(points), dtype=float)
    values = np.array([points[int(n)][0] for n in sizes])
    errors = np.array([points[int(n)][1] for n in sizes])
    return sizes, values, errors


def linear_fit(g, values, errors):
    design = np.vstack([np.ones_like(g), g]).T / errors[:, None]
    coefficients, *_ = np.linalg.lstsq(design, values / errors, rcond=None)
    residuals = values - design @ coefficients * errors
    return coefficients, float(((residuals / errors) ** 2).sum()), np.linalg.inv(design.T @ design)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--algorithm", default="async")
    parser.add_argument("runs", nargs="+")
    args = parser.parse_args()
    sizes, values, errors = read_points(args.runs, args.algorithm)
    print(f"{args.algorithm}: N = {', '.join(str(int(n)) for n in sizes)}")

    best = minimize_scalar(lambda nu: linear_fit(sizes ** -nu, values, errors)[1], bounds=(0.05, 3.0),
                           method="bounded", options={"xatol": 1e-10})
    nu = best.x
    (a, b), chi2, conditional = linear_fit(sizes ** -nu, values, errors)
    jacobian = np.vstack([np.ones_like(sizes), sizes ** -nu, -b * np.log(sizes) * sizes ** -nu]).T / errors[:, None]
    covariance = np.linalg.inv(jacobian.T @ jacobian)
    print(f"  a + b N^-nu: a = {a:.4f} +- {math.sqrt(covariance[0, 0]):.4f} (conditional on nu: "
          f"+- {math.sqrt(conditional[0, 0]):.4f}), b = {b:.3f}, nu = {nu:.3f} +- {math.sqrt(covariance[2, 2]):.3f}, "
          f"chi2 = {chi2:.3f} for {len(sizes) - 3} dof")
    print("    residuals:", " ".join(f"{r:+.4f}" for r in values - (a + b * sizes ** -nu)))
    (a, b), chi2, covariance = linear_fit(1.0 / np.log(sizes), values, errors)
    print(f"  a + b / ln N: a = {a:.4f} +- {math.sqrt(covariance[0, 0]):.4f}, b = {b:.3f}, "
          f"chi2 = {chi2:.3f} for {len(sizes) - 2} dof")
    print("    residuals:", " ".join(f"{r:+.4f}" for r in values - (a + b / np.log(sizes))))


if __name__ == "__main__":
    main()
