#!/usr/bin/python3
"""tools/plot_training.py on a hand-written metrics.csv: the printed milestones and best epoch are
the table's own numbers, a PNG is written, and bad input (missing run, accuracy 1.5, nan, an epoch
out of order, a missing column, a reference that is no number) stops with one line and exit code 2."""
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = Path(sys.argv[1])
HEADER = "epoch,train_accuracy,eval_accuracy,unstable_fraction_layer1\n"


def run(rows, *extra, header=HEADER):
    with tempfile.TemporaryDirectory() as scratch:
        run_dir = Path(scratch) / "runA"
        run_dir.mkdir()
        (run_dir / "metrics.csv").write_text(header + "".join(rows))
        png = Path(scratch) / "curves.png"
        result = subprocess.run(["/usr/bin/python3", str(SCRIPT), f"{run_dir}=full", "--out", str(png), *extra],
                                capture_output=True, text=True)
        return result, png.is_file() and png.stat().st_size > 1000


# 12 epochs: eval peaks at epoch 7 (0.8125); milestones 1 and 10 are printed, then the last (12).
rows = [f"{e},{0.5 + 0.03 * e:.4f},{0.8125 if e == 7 else 0.5 + 0.02 * e:.4f},0.1\n" for e in range(1, 13)]
result, wrote = run(rows, "--reference", "0.863=spec")
assert result.returncode == 0, result.stderr
assert wrote, "no PNG written"
lines = result.stdout.splitlines()
assert lines[0] == "full: 12 epochs; best eval 0.8125 at epoch 7", lines
assert lines[1] == "  epoch    1: train 0.5300  eval 0.5200", lines
assert lines[2] == "  epoch   10: train 0.8000  eval 0.7000", lines
assert lines[3] == "  epoch   12: train 0.8600  eval 0.7400", lines
assert len(lines) == 4, lines

bad = {
    "accuracy 1.5": (["1,0.5,1.5,0.1\n"], (), HEADER, "line 2: accuracies must be finite and in [0, 1]"),
    "nan": (["1,nan,0.5,0.1\n"], (), HEADER, "line 2: accuracies must be finite"),
    "epoch order": (["1,0.5,0.5,0.1\n", "3,0.5,0.5,0.1\n"], (), HEADER, "line 3: epoch 3 out of order"),
    "no number": (["1,abc,0.5,0.1\n"], (), HEADER, "line 2: epoch or an accuracy is missing or not a number"),
    "column": (["1,0.5,0.1\n"], (), "epoch,train_accuracy,unstable\n", "lacks the columns eval_accuracy"),
    "empty": ([], (), HEADER, "has no epochs"),
    "reference": (["1,0.5,0.5,0.1\n"], ("--reference", "high=spec"), HEADER, "--reference expects VALUE=LABEL"),
}
for name, (rows, extra, header, message) in bad.items():
    result, _ = run(rows, *extra, header=header)
    assert result.returncode == 2, (name, result.returncode, result.stderr)
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("plot_training: error: ") and message in err[0], (name, err)

missing = subprocess.run(["/usr/bin/python3", str(SCRIPT), "/nonexistent/run", "--out", "/tmp/never.png"],
                         capture_output=True, text=True)
assert missing.returncode == 2 and "does not exist" in missing.stderr, missing.stderr
nowhere = subprocess.run(["/usr/bin/python3", str(SCRIPT), "/nonexistent/run", "--out", "/nonexistent/dir/c.png"],
                         capture_output=True, text=True)
assert nowhere.returncode == 2 and nowhere.stderr.count("\n") == 1 and "folder /nonexistent/dir does not exist" in nowhere.stderr, \
    nowhere.stderr
print("plot_training_test: ok")
