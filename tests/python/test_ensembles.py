"""Sampled couplings and ensemble enumeration against `steer enumerate` with the same seed
(same streams, same numbers), against per-network enumeration, and against the annealed count."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

import support
import steer


class Sampling(unittest.TestCase):
    def test_same_matrices_as_the_cli_saves(self):
        with tempfile.TemporaryDirectory() as tmp:
            support.run_cli("enumerate", "--n", 9, "--self-coupling", 0.25, "--symmetry", 0.5, "--networks", 3, "--seed", 7,
                            "--save-couplings", tmp, "--couplings-format", "npy")
            for k in range(3):
                saved = np.load(os.path.join(tmp, f"couplings_{k:06d}.npy"))
                np.testing.assert_array_equal(steer.sample_couplings(9, 0.25, symmetry=0.5, seed=7, network=k), saved)

    def test_ensemble_statistics(self):
        # J_ij ~ N(0, 1/N), corr(J_ij, J_ji) = η, J_ii = J_D (spec §1). N = 300: 44850 pairs i < j;
        # the sample variance of √N·J_ij has sd √(2/44850) = 0.0067, the correlation sd ≈ (1−η²)/√44850.
        n, eta = 300, 0.6
        j = steer.sample_couplings(n, 0.8, symmetry=eta, seed=2)
        np.testing.assert_array_equal(np.diag(j), 0.8)
        upper = np.triu_indices(n, 1)
        self.assertAlmostEqual(np.var(np.sqrt(n) * j[upper]), 1.0, delta=4 * 0.0067)
        self.assertAlmostEqual(np.corrcoef(j[upper], j.T[upper])[0, 1], eta, delta=4 * (1 - eta ** 2) / np.sqrt(n * (n - 1) / 2))
        self.assertFalse(np.array_equal(j, steer.sample_couplings(n, 0.8, symmetry=eta, seed=2, network=1)))

    def test_modular_structure(self):
        j = steer.sample_modular_couplings(3, 4, 0.5, inter_module_coupling=0.2, seed=1)
        self.assertEqual(j.shape, (12, 12))
        np.testing.assert_array_equal(np.diag(j), 0.5)
        self.assertEqual(j[0, 4], 0.2)   # unit 0 of module 0 ↔ unit 0 of module 1
        self.assertEqual(j[0, 8], 0.0)   # open chain: modules 0 and 2 are not linked
        self.assertEqual(j[0, 5], 0.0)   # different units of neighbouring modules


class EnsembleEnumeration(unittest.TestCase):
    def test_same_json_numbers_as_the_cli(self):
        cli = support.run_cli("enumerate", "--n", 10, "--self-coupling", 0.5, "--networks", 20, "--seed", 9)
        ours = steer.enumerate_ensemble(10, 0.5, networks=20, seed=9)
        self.assertEqual(ours["mean_fixed_points"], cli["mean_fixed_points"])
        self.assertEqual(ours["sem_fixed_points"], cli["sem_fixed_points"])
        np.testing.assert_array_equal(ours["pair_distance_mean"], cli["pair_distance_mean"])
        np.testing.assert_array_equal(ours["pair_distance_sem"], cli["pair_distance_sem"])
        distribution = cli["fixed_point_count_distribution"]
        self.assertEqual(ours["fixed_point_count_distribution"], dict(zip(distribution["fixed_points"], distribution["networks"])))

    def test_modular_same_as_the_cli(self):
        cli = support.run_cli("enumerate", "--modules", 2, "--n", 6, "--self-coupling", 0.2, "--inter-module-coupling", 0.3,
                              "--networks", 10, "--seed", 4)
        ours = steer.enumerate_modular_ensemble(2, 6, 0.2, inter_module_coupling=0.3, networks=10, seed=4)
        self.assertEqual(ours["mean_fixed_points"], cli["mean_fixed_points"])
        self.assertEqual(ours["sem_fixed_points"], cli["sem_fixed_points"])

    def test_counts_are_the_networks_enumerated_one_by_one(self):
        ours = steer.enumerate_ensemble(8, 0.1, symmetry=-0.3, networks=6, seed=11, first_network=4)
        for k in range(6):
            states = steer.enumerate_fixed_points(steer.sample_couplings(8, 0.1, symmetry=-0.3, seed=11, network=4 + k))
            self.assertEqual(ours["counts"][k], len(states))
            np.testing.assert_array_equal(ours["pair_histograms"][k], steer.pair_distance_histogram(states, 8))

    def test_same_result_for_any_thread_count(self):
        # OpenMP over networks with the GIL released: one thread must give the same numbers.
        script = ("import json, steer; e = steer.enumerate_ensemble(11, 0.3, networks=12, seed=5); "
                  "print(json.dumps([e['counts'].tolist(), e['pair_histograms'].tolist(), e['mean_fixed_points']]))")
        one = subprocess.run([sys.executable, "-c", script], env={**os.environ, "OMP_NUM_THREADS": "1"},
                             capture_output=True, text=True, check=True)
        ours = steer.enumerate_ensemble(11, 0.3, networks=12, seed=5)
        self.assertEqual(json.loads(one.stdout), [ours["counts"].tolist(), ours["pair_histograms"].tolist(), ours["mean_fixed_points"]])

    def test_mean_count_against_annealed_theory(self):
        # E[#FP] = 2^N Φ(J_D √(N/(N−1)))^N exactly (spec eq. 2): within 4 SEM over 300 networks.
        ours = steer.enumerate_ensemble(10, 0.5, networks=300, seed=1, pair_histograms=False)
        self.assertLess(abs(ours["mean_fixed_points"] - steer.expected_fixed_points(10, 0.5)), 4 * ours["sem_fixed_points"])

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.enumerate_ensemble(10, 0.5, networks=0)
        self.assertEqual(str(e.exception), "networks must be >= 1, got 0")
        with self.assertRaises(ValueError):
            steer.sample_couplings(10, 0.5, symmetry=1.5)


if __name__ == "__main__":
    unittest.main()
