#!/usr/bin/python3
"""Learning curves of `steer train` runs (issue 10 item 10): train and eval accuracy after each
epoch, read from each run directory's metrics.csv, on one plot, with optional reference levels
(e.g. the spec's §8.1 values read off its figure).

Usage: /usr/bin/python3 plot_training.py --out curves.png RUN[=LABEL]... [--reference VALUE=LABEL]...
Prints per run the accuracies at epochs 1, 10, 20, 50, 100, 200 (those the run has), the best eval
epoch and the last epoch, so a page in docs/ can quote the numbers the picture shows.
"""
import argparse
import csv
import math
import sys
from pathlib import Path

MILESTONES = (1, 10, 20, 50, 100, 200)


def refuse(message):
    """Bad input: one line on stderr and exit code 2, as every steer command."""
    print(f"plot_training: error: {message}", file=sys.stderr)
    sys.exit(2)


def read_run(spec):
    path, _, label = spec.partition("=")
    table = Path(path) / "metrics.csv" if Path(path).is_dir() else Path(path)
    if not table.is_file():
        refuse(f"{table} does not exist (expected a steer train run directory or its metrics.csv)")
    epochs, train, evaluation = [], [], []
    with open(table, newline="") as f:
        reader = csv.DictReader(f)
        missing = {"epoch", "train_accuracy", "eval_accuracy"} - set(reader.fieldnames or [])
        if missing:
            refuse(f"{table} lacks the columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            try:
                values = [float(row[c]) for c in ("epoch", "train_accuracy", "eval_accuracy")]
            except (TypeError, ValueError):
                refuse(f"{table} line {line}: epoch or an accuracy is missing or not a number")
            if not all(math.isfinite(v) for v in values) or not all(0.0 <= v <= 1.0 for v in values[1:]):
                refuse(f"{table} line {line}: accuracies must be finite and in [0, 1], got {values[1:]}")
            if values[0] != len(epochs) + 1:
                refuse(f"{table} line {line}: epoch {values[0]:g} out of order (expected {len(epochs) + 1})")
            epochs.append(int(values[0]))
            train.append(values[1])
            evaluation.append(values[2])
    if not epochs:
        refuse(f"{table} has no epochs")
    return label or Path(path).name, epochs, train, evaluation


def summary(label, epochs, train, evaluation):
    shown = [e for e in MILESTONES if e <= len(epochs)] + ([len(epochs)] if len(epochs) not in MILESTONES else [])
    best = max(range(len(epochs)), key=lambda k: evaluation[k])
    lines = [f"{label}: {len(epochs)} epochs; best eval {evaluation[best]:.4f} at epoch {epochs[best]}"]
    lines += [f"  epoch {e:4d}: train {train[e - 1]:.4f}  eval {evaluation[e - 1]:.4f}" for e in shown]
    return "\n".join(lines)


def reference_level(spec):
    value, _, label = spec.partition("=")
    try:
        level = float(value)
    except ValueError:
        refuse(f"--reference expects VALUE=LABEL with a number in [0, 1], got {spec!r}")
    if not (math.isfinite(level) and 0.0 <= level <= 1.0):
        refuse(f"--reference value must be in [0, 1], got {spec!r}")
    return level, label or value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", metavar="RUN[=LABEL]")
    parser.add_argument("--out", required=True, help="PNG to write")
    parser.add_argument("--reference", action="append", default=[], metavar="VALUE=LABEL")
    parser.add_argument("--title", default="steer train: accuracy after each epoch")
    args = parser.parse_args()
    if not Path(args.out).parent.is_dir():
        refuse(f"--out {args.out}: the folder {Path(args.out).parent} does not exist")
    runs = [read_run(spec) for spec in args.runs]
    levels = [reference_level(spec) for spec in args.reference]
    for run in runs:
        print(summary(*run))

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for label, epochs, train, evaluation in runs:
        (line,) = ax.plot(epochs, evaluation, "-", lw=1.4, label=f"{label}: eval")
        ax.plot(epochs, train, "--", lw=1.0, color=line.get_color(), label=f"{label}: train")
    for level, label in levels:
        ax.axhline(level, color="k", lw=0.8, ls=":")
        ax.annotate(label, (1, level), xytext=(2, 2), textcoords="offset points", fontsize=7)
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy (inference from the zero state, after the epoch)")
    ax.set_title(args.title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)


if __name__ == "__main__":
    main()
