"""accessibility_threshold against `steer thresholds --json` (same numbers), and against its definition recomputed
through the module: success = fraction of solve() runs (network k at every J_D from stream (seed, k), restart r of it
= restart k*restarts + r) that converged; the 95 % Wilson interval by its formula for one restart per network; the
threshold as the linear interpolation at 50 % of a curve that is already monotone; solver parameters as keywords give
the curve of the CLI's solver options and are refused, with Python's names, where they do not belong."""
import math
import unittest

import numpy as np

import support
import steer


def wilson(successes, trials, z=1.959963984540054):
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - half), min(1.0, centre + half)


class Thresholds(unittest.TestCase):
    def test_same_numbers_as_the_cli(self):
        cli = support.run_cli("thresholds", "--algorithm", "async", "--n", 30, "--self-couplings", "0:1:5", "--networks", 6,
                              "--restarts", 2, "--max-sweeps", 50, "--bootstrap", 50, "--seed", 3, "--quiet")
        ours = steer.accessibility_threshold("async", 30, np.linspace(0, 1, 5), networks=6, restarts=2, max_sweeps=50,
                                             bootstrap=50, seed=3)
        curve = cli["curve"]
        np.testing.assert_array_equal(ours["self_couplings"], curve["self_coupling"])
        np.testing.assert_array_equal(ours["success"], curve["success"])
        np.testing.assert_array_equal(ours["wilson_lower"], curve["wilson_lower"])
        np.testing.assert_array_equal(ours["wilson_upper"], curve["wilson_upper"])
        self.assertEqual(ours["threshold"], cli["threshold"])
        self.assertEqual(ours["threshold_error"], cli["threshold_error"])
        self.assertIsNotNone(ours["threshold"])

    def test_definition_recomputed_with_solve(self):
        n, grid, networks, seed, budget = 24, [-0.2, 0.1, 0.4, 0.8], 12, 5, 30
        ours = steer.accessibility_threshold("async", n, grid, networks=networks, restarts=1, max_sweeps=budget,
                                             bootstrap=0, seed=seed)
        success = []
        for j_d in grid:
            converged = [steer.solve(steer.sample_couplings(n, j_d, seed=seed, network=k), "async", seed=seed, restart=k,
                                     max_sweeps=budget)["converged"] for k in range(networks)]
            success.append(sum(converged) / networks)
            low, high = wilson(sum(converged), networks)
            k = len(success) - 1
            self.assertAlmostEqual(ours["wilson_lower"][k], low, delta=1e-12)
            self.assertAlmostEqual(ours["wilson_upper"][k], high, delta=1e-12)
        np.testing.assert_array_equal(ours["success"], success)
        self.assertTrue(all(a <= b for a, b in zip(success, success[1:])), success)  # monotone: no fit needed
        k = next(i for i, s in enumerate(success) if s >= 0.5)
        self.assertGreater(k, 0)
        expected = grid[k - 1] + (0.5 - success[k - 1]) / (success[k] - success[k - 1]) * (grid[k] - grid[k - 1])
        self.assertAlmostEqual(ours["threshold"], expected, delta=1e-9)
        self.assertIsNone(ours["threshold_error"])  # no bootstrap replicates

    def test_solver_parameters_as_the_cli(self):
        cli = support.run_cli("thresholds", "--algorithm", "anneal", "--n", 30, "--self-couplings", "0:1:5", "--networks", 5,
                              "--max-sweeps", 40, "--bootstrap", 20, "--beta-initial", 0.1, "--beta-final", 0.2,
                              "--schedule", "linear", "--quiet")
        ours = steer.accessibility_threshold("anneal", 30, np.linspace(0, 1, 5), networks=5, max_sweeps=40, bootstrap=20,
                                             beta_initial=0.1, beta_final=0.2, schedule="linear")
        defaults = steer.accessibility_threshold("anneal", 30, np.linspace(0, 1, 5), networks=5, max_sweeps=40, bootstrap=20)
        np.testing.assert_array_equal(ours["success"], cli["curve"]["success"])
        self.assertEqual(ours["threshold"], cli["threshold"])
        self.assertEqual(ours["solver_settings"], {"beta_final": 0.2, "beta_initial": 0.1, "schedule": "linear"})
        self.assertEqual(cli["solver_settings"], ours["solver_settings"])
        self.assertEqual(defaults["solver_settings"], {})
        # The settings reached the solver: hot annealing (beta 0.1 -> 0.2) rarely reaches E = 0.
        self.assertLess(sum(ours["success"]), sum(defaults["success"]) - 1)
        with self.assertRaises(ValueError) as e:
            steer.accessibility_threshold("async", 20, [0.5], beta=2.0)
        self.assertEqual(str(e.exception), "beta is not a parameter of algorithm 'async' (it has none besides max_sweeps)")
        with self.assertRaises(ValueError) as e:
            steer.accessibility_threshold("replicated", 20, [0.5], gamma_initial=2.0)
        self.assertEqual(str(e.exception), "gamma_final 1 must be >= gamma_initial 2")

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.accessibility_threshold("async", 20, [0.5, 0.2])
        self.assertEqual(str(e.exception), "self_couplings must be strictly increasing, got 0.2 after 0.5")
        with self.assertRaises(ValueError) as e:
            steer.accessibility_threshold("gradient", 20, [0.5])
        self.assertTrue(str(e.exception).startswith("unknown algorithm 'gradient'"))
        with self.assertRaises(ValueError) as e:
            steer.accessibility_threshold("async", 20, [[0.5]])
        self.assertEqual(str(e.exception), "self_couplings must be a 1-D array, got 2 dimensions")


if __name__ == "__main__":
    unittest.main()
