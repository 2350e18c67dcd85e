"""What the Python tests share: the module under test, the CLI to compare with, brute force."""
import json
import os
import subprocess

import numpy as np

import steer  # noqa: F401  (PYTHONPATH = the build's python/ directory, set by ctest)

STEER_EXECUTABLE = os.environ["STEER_EXECUTABLE"]


def run_cli(*args):
    """`steer ARGS --json` parsed, as the CLI prints it."""
    done = subprocess.run([STEER_EXECUTABLE, *map(str, args), "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def all_states(n):
    """Every ±1 state of n spins as a (2^n, n) array, row k = the bits of k (bit i set ⇔ s_i = +1)."""
    return np.array([[1 if (k >> i) & 1 else -1 for i in range(n)] for k in range(2 ** n)], dtype=np.int8)


def brute_force_fixed_points(couplings):
    """States with every margin s_i Σ_{j≠i} J_ij s_j + J_ii > 0 (spec eq. 1), in ascending packed order."""
    n = couplings.shape[0]
    states = all_states(n).astype(float)
    off = couplings - np.diag(np.diag(couplings))
    margins = states * (states @ off.T) + np.diag(couplings)
    return all_states(n)[(margins > 0).all(axis=1)]


def packed(rows):
    """Packed uint64 of ±1 rows, bit i set ⇔ s_i = +1."""
    return np.array([sum(1 << i for i, s in enumerate(row) if s > 0) for row in rows], dtype=np.uint64)


def hamming(rows):
    """(F, F) Hamming distances of ±1 rows."""
    rows = np.asarray(rows, dtype=int)
    return (rows[:, None, :] != rows[None, :, :]).sum(axis=2)




def is_fixed_point(couplings, state):
    """Every margin s_i Σ_{j≠i} J_ij s_j + J_ii > 0 (spec eq. 1)."""
    s = np.asarray(state, dtype=float)
    return bool((s * ((couplings - np.diag(np.diag(couplings))) @ s) + np.diag(couplings) > 0).all())
