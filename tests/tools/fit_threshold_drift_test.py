#!/usr/bin/python3
"""tools/fit_threshold_drift.py on noiseless synthetic thresholds: each form is recovered exactly
from data it generated (a to 1e-4, b and nu to 1e-3, chi2 < 1e-3), and bad input (too few sizes, a repeated N,
nan or zero errors, a word for N, a missing column) stops with one line and exit code 2; --plot writes
a picture without changing the fit."""
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(sys.argv[1])
SIZES = [100, 200, 400, 800, 1600, 3200]


def fit(rows, *extra, table_text=lambda text: text):
    with tempfile.TemporaryDirectory() as scratch:
        table = Path(scratch) / "thresholds.csv"
        table.write_text(table_text("algorithm,n,threshold,threshold_error,max_sweeps,kind\n" +
                                    "".join(f"async,{n},{t!r},0.01,1000,measured\n" for n, t in rows)))
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

def refused(result, message):
    """Bad input: exit code 2 and exactly one line naming the problem."""
    return result.returncode == 2 and result.stderr == f"fit_threshold_drift: error: {message}\n"


few = fit([(n, 0.5) for n in SIZES[:3]])
assert refused(few, "3 sizes of async; the power law needs at least 4"), few.stderr
other = fit([(n, 0.5) for n in SIZES], "--algorithm", "anneal")
assert refused(other, "0 sizes of anneal; the power law needs at least 4"), other.stderr
nan_error = fit([(n, 0.5) for n in SIZES], table_text=lambda rows: rows.replace(",0.01,", ",nan,", 1))
assert nan_error.returncode == 2 and "threshold_error must be finite, got nan" in nan_error.stderr, nan_error.stderr
zero_error = fit([(n, 0.5) for n in SIZES], table_text=lambda rows: rows.replace(",0.01,", ",0,", 1))
assert zero_error.returncode == 2 and "threshold_error must be > 0, got 0.0" in zero_error.stderr, zero_error.stderr
word = fit([(n, 0.5) for n in SIZES], table_text=lambda rows: rows.replace("async,100,", "async,hundred,", 1))
assert word.returncode == 2 and "column n is missing or not a number ('hundred')" in word.stderr, word.stderr
twice = fit([(n, 0.5) for n in SIZES + [100]])
assert twice.returncode == 2 and "N = 100 of async appears twice" in twice.stderr, twice.stderr
columns = fit([(n, 0.5) for n in SIZES], table_text=lambda rows: rows.replace("threshold_error", "error", 1))
assert columns.returncode == 2 and "lacks the columns threshold_error" in columns.stderr, columns.stderr
for result in (nan_error, zero_error, word, twice, columns):
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr

# --plot: the fitted algorithm and another one (3 sizes, no fit of its own) in one picture; the fit
# printed is the same as without --plot.
with tempfile.TemporaryDirectory() as scratch:
    png = Path(scratch) / "drift.png"
    rows = [(n, 0.9 - 3.0 * n ** -0.4) for n in SIZES]
    plotted = fit(rows, "--plot", str(png), table_text=lambda text: text + "anneal,100,0.38,0.03,1000,measured\n"
                  "anneal,200,0.57,0.03,1000,measured\nanneal,400,0.82,0.03,1000,measured\n")
    assert plotted.returncode == 0, plotted.stderr
    assert plotted.stdout == power.stdout, (plotted.stdout, power.stdout)
    assert png.is_file() and png.stat().st_size > 1000
nowhere = fit([(n, 0.5) for n in SIZES], "--plot", "/nonexistent/dir/drift.png")
assert refused(nowhere, "--plot /nonexistent/dir/drift.png: the folder /nonexistent/dir does not exist"), nowhere.stderr
print("fit_threshold_drift: all checks passed")
