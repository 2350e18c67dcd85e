"""steer.enumerate_fixed_points and friends against brute force in NumPy over all 2^N states, the
Wang–Landau estimate against the exact count, and both against `steer enumerate --couplings` and
`steer count-mc` on the same matrix (docs/python.md)."""
import os
import tempfile
import unittest

import numpy as np

import support
import steer


def kernels():
    """The kernels this CPU runs (avx512/pruned need AVX-512; the library refuses them otherwise)."""
    names = ["auto", "scalar"]
    with open("/proc/cpuinfo") as cpuinfo:
        has_avx512 = "avx512bw" in cpuinfo.read()
    if has_avx512:
        names += ["avx512", "pruned"]
    return names


class Enumeration(unittest.TestCase):
    def test_hand_built_three_neurons(self):
        # J_D = 1 on the diagonal, weak couplings: every margin is 1 ± (at most 0.5), so all 8 states are fixed.
        j = np.array([[1.0, 0.2, -0.3], [0.1, 1.0, 0.4], [-0.25, 0.2, 1.0]])
        self.assertEqual(steer.enumerate_fixed_points(j).shape, (8, 3))
        # A ferromagnet without self-coupling: only all-up and all-down.
        ferro = np.ones((3, 3)) - np.eye(3)
        np.testing.assert_array_equal(steer.enumerate_fixed_points(ferro), [[-1, -1, -1], [1, 1, 1]])

    def test_random_matrices_against_brute_force_every_kernel(self):
        rng = np.random.default_rng(12)
        for trial in range(30):
            n = int(rng.integers(3, 11))
            j = rng.normal(0, 1 / np.sqrt(n), (n, n))
            np.fill_diagonal(j, rng.uniform(-0.5, 1.0))
            expected = support.brute_force_fixed_points(j)
            for kernel in kernels():
                with self.subTest(trial=trial, kernel=kernel):
                    found = steer.enumerate_fixed_points(j, kernel=kernel)
                    self.assertEqual(found.dtype, np.int8)
                    np.testing.assert_array_equal(found, expected)
                    np.testing.assert_array_equal(steer.enumerate_fixed_points(j, kernel=kernel, packed=True),
                                                  support.packed(expected))
                    self.assertEqual(steer.count_fixed_points(j, kernel=kernel), len(expected))

    def test_pair_distance_histogram_against_numpy(self):
        j = steer.sample_couplings(12, 0.5, seed=3)
        states = steer.enumerate_fixed_points(j)
        expected = np.bincount(support.hamming(states).ravel(), minlength=13)
        np.testing.assert_array_equal(steer.pair_distance_histogram(states, 12), expected)
        np.testing.assert_array_equal(steer.pair_distance_histogram(support.packed(states), 12), expected)
        # Any order in; out-of-range bits and repeats are refused instead of writing out of bounds.
        np.testing.assert_array_equal(steer.pair_distance_histogram(support.packed(states)[::-1], 12), expected)
        with self.assertRaises(ValueError):
            steer.pair_distance_histogram(np.arange(200, dtype=np.uint64) * 1000003, 8)
        with self.assertRaises(ValueError):
            steer.pair_distance_histogram(np.array([0, 1, 1], dtype=np.uint64), 3)

    def test_wang_landau_estimate_against_the_exact_count(self):
        # 8 walks to ln f < 1e-5: the mean within 4 SEM of ln of the enumerated count.
        j = steer.sample_couplings(14, 0.5, seed=3)
        exact = np.log(steer.count_fixed_points(j))
        mc = steer.estimate_log_fixed_points(j, runs=8, final_log_f=1e-5, seed=3)
        self.assertTrue(mc["converged_per_run"].all())
        self.assertLess(abs(mc["log_fixed_points"] - exact), 4 * mc["log_fixed_points_error"])
        self.assertAlmostEqual(mc["log_fixed_points"], np.mean(mc["log_fixed_points_per_run"]), delta=1e-12)

    def test_bad_input_raises_value_error(self):
        with self.assertRaises(ValueError) as e:
            steer.enumerate_fixed_points(np.zeros((3, 2)))
        self.assertEqual(str(e.exception), "couplings must be a square (N, N) array, got shape (3, 2)")
        with self.assertRaises(ValueError) as e:
            steer.enumerate_fixed_points(np.zeros((1, 1)))
        self.assertEqual(str(e.exception), "enumerate: n must be in [2, 40] for exhaustive enumeration, got 1")
        j = np.zeros((3, 3))
        j[1, 2] = np.nan
        with self.assertRaises(ValueError) as e:
            steer.enumerate_fixed_points(j)
        self.assertIn("finite", str(e.exception))
        with self.assertRaises(ValueError) as e:
            steer.enumerate_fixed_points(np.eye(3), kernel="fast")
        self.assertEqual(str(e.exception), "kernel must be one of auto, avx512, pruned, scalar, got 'fast'")


class SameAsCli(unittest.TestCase):
    def test_enumerate_couplings_file(self):
        j = steer.sample_couplings(14, 0.3, seed=5)
        with tempfile.TemporaryDirectory() as tmp:
            matrix, listing = os.path.join(tmp, "j.npy"), os.path.join(tmp, "fp.csv")
            np.save(matrix, j)
            cli = support.run_cli("enumerate", "--couplings", matrix, "--list-fixed-points", listing)
            listed = np.loadtxt(listing, delimiter=",", skiprows=1, dtype=int)[:, 1:]
        ours = steer.enumerate_fixed_points(j)
        self.assertEqual(cli["fixed_points"], len(ours))
        np.testing.assert_array_equal(ours, listed.reshape(-1, 14))
        np.testing.assert_array_equal(steer.pair_distance_histogram(ours, 14), cli["pair_distance_histogram"])

    def test_count_mc(self):
        cli = support.run_cli("count-mc", "--n", 14, "--self-coupling", 0.5, "--seed", 3, "--runs", 4, "--final-log-f", 1e-4,
                              "--quiet")
        ours = steer.estimate_log_fixed_points(steer.sample_couplings(14, 0.5, seed=3), runs=4, final_log_f=1e-4, seed=3)
        self.assertEqual(ours["log_fixed_points"], cli["log_fixed_points"])
        self.assertEqual(ours["log_fixed_points_error"], cli["log_fixed_points_error"])
        np.testing.assert_array_equal(ours["log_fixed_points_per_run"], cli["log_fixed_points_per_run"])


if __name__ == "__main__":
    unittest.main()
