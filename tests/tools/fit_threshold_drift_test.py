#!/usr/bin/python3
"""tools/fit_threshold_drift.py on noiseless synthetic thresholds: each form is recovered exactly
from data it generated (a, b, nu to 1e-6, chi2 ~ 0), and bad input stops with one line."""
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(sys.argv[1])
SIZES = [100, 200, 400, 800, 1600, 3200]


def fit(rows, *extra):
    with tempfile.TemporaryDirectory() as scratch:
        table = Path(scratch) / "thresholds.csv"
        table.write_text("algorithm,n,threshold,threshold_error,max_sweeps,kind\n" +
                         "".join(f"async,{n},{t!r},0.01,1000,measured\n" for n, t in rows))
        return subprocess.run(["/usr/bin/python3", str(SCRIPT), *extra, scratch], capture_output=True, text=True)


def number(pattern, text):
    return float(re.search(pattern, text).group(1))


power = fit([(n, 0.9 - 3.0 * n ** -0.4) for n in SIZES])
assert power.returncode == 0, power.stderr
line = power.stdout.splitlines()[1]
assert abs(number(r"a = ([-\d.]+)", line) - 0.9) < 1e-4, line
assert abs(number(r"nu = ([-\d.]+)", line) - 0.4) < 1e-3, line
assert number(r"chi2 = ([-\d.]+)", line) < 1e-3, line

log = fit([(n, 1.25 - 4.5 / math.log(n)) for n in SIZES])
line = log.stdout.splitlines()[3]
assert line.startswith("  a + b / ln N"), log.stdout
assert abs(number(r"a = ([-\d.]+)", line) - 1.25) < 1e-4, line
assert abs(number(r"b = ([-\d.]+)", line) + 4.5) < 1e-3, line
assert number(r"chi2 = ([-\d.]+)", line) < 1e-3, line

few = fit([(n, 0.5) for n in SIZES[:3]])
assert few.returncode != 0 and few.stderr.strip() == (
    "fit_threshold_drift: error: 3 sizes of async; the power law needs at least 4"), few.stderr
other = fit([(n, 0.5) for n in SIZES], "--algorithm", "anneal")
assert other.returncode != 0 and "0 sizes of anneal" in other.stderr, other.stderr
print("fit_threshold_drift: all checks passed")
