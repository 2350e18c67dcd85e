#!/usr/bin/python3
"""tools/fit_threshold_drift.py on noiseless synthetic thresholds: each form is recovered exactly
from data it generated (a to 1e-4, b and nu to 1e-3, chi2 < 1e-3), and bad input (too few sizes, a repeated N,
nan or zero errors, a word for N, a missing column) stops with one line and exit code 2; --plot writes
a picture without changing the fit, --curves adds the success curves to it and refuses bad curve tables."""
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
# --curves: success curves drawn above the thresholds (one panel per algorithm); the fit printed is
# unchanged, and a bad curve table stops with one line and exit code 2.
CURVE_HEADER = "algorithm,n,self_coupling,success,wilson_lower,wilson_upper\n"
with tempfile.TemporaryDirectory() as scratch:
    png = Path(scratch) / "curves.png"
    table = Path(scratch) / "curves.csv"
    table.write_text(CURVE_HEADER + "".join(f"{a},{n},{j},{s},{max(0.0, s - 0.2)},{min(1.0, s + 0.2)}\n"
                                            for a in ("async", "anneal") for n in (100, 200)
                                            for j, s in ((0.2, 0.0), (0.4, 0.5), (0.6, 1.0))))
    drawn = fit([(n, 0.9 - 3.0 * n ** -0.4) for n in SIZES], "--plot", str(png), "--curves", str(table))
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout == power.stdout, (drawn.stdout, power.stdout)
    assert png.is_file() and png.stat().st_size > 1000

    def bad_curves(text):
        table.write_text(text)
        return fit([(n, 0.5) for n in SIZES], "--plot", str(png), "--curves", str(table))

    above = bad_curves(CURVE_HEADER + "async,100,0.4,1.5,0.3,0.7\n")
    assert refused(above, f"{table} line 2: need 0 <= wilson_lower <= success <= wilson_upper <= 1, got 0.3, 1.5, 0.7"), above.stderr
    repeated = bad_curves(CURVE_HEADER + "async,100,0.4,0.5,0.3,0.7\nasync,100,0.4,0.6,0.3,0.7\n")
    assert refused(repeated, f"J_D = 0.4 at N = 100 of async appears twice ({table})"), repeated.stderr
    lacking = bad_curves("algorithm,n,self_coupling,success\nasync,100,0.4,0.5\n")
    assert refused(lacking, f"{table} lacks the columns wilson_lower, wilson_upper"), lacking.stderr
    alone = fit([(n, 0.5) for n in SIZES], "--curves", str(table))
    assert refused(alone, "--curves needs --plot (the curves are only drawn)"), alone.stderr
    absent = fit([(n, 0.5) for n in SIZES], "--plot", str(png), "--curves", "/nonexistent/curves.csv")
    assert refused(absent, "--curves /nonexistent/curves.csv does not exist"), absent.stderr
nowhere = fit([(n, 0.5) for n in SIZES], "--plot", "/nonexistent/dir/drift.png")
assert refused(nowhere, "--plot /nonexistent/dir/drift.png: the folder /nonexistent/dir does not exist"), nowhere.stderr
print("fit_threshold_drift: all checks passed")
