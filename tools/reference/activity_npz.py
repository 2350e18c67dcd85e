#!/usr/bin/python3
"""Small .npz archives for tests/numerics/similarity/activity_io_test.cpp, written by NumPy itself
(the independent writer the reader is checked against) into tests/numerics/similarity/data/:

  stored.npz      np.savez(x=..., y=...)             members stored uncompressed
  deflated.npz    np.savez_compressed(x=..., y=...)  members deflated
  single.npz      np.savez(...) of one positional array (member arr_0)

x: float64, C order, shape (2, 3, 4), x[c, t, u] = 100 c + 10 t + u (every position distinct).
y: float32, Fortran order, shape (2, 3, 4), y = x + 0.5 (exact in float32).
Rerun by hand (python3 tools/reference/activity_npz.py); the bytes differ between runs only in
the ZIP timestamps.
"""
import pathlib

import numpy as np


def main():
    out = pathlib.Path(__file__).resolve().parents[2] / "tests" / "numerics" / "similarity" / "data"
    out.mkdir(parents=True, exist_ok=True)
    c, t, u = np.meshgrid(np.arange(2), np.arange(3), np.arange(4), indexing="ij")
    x = (100 * c + 10 * t + u).astype(np.float64)
    y = np.asfortranarray((x + 0.5).astype(np.float32))
    np.savez(out / "stored.npz", x=x, y=y)
    np.savez_compressed(out / "deflated.npz", x=x, y=y)
    np.savez(out / "single.npz", x)


if __name__ == "__main__":
    main()
