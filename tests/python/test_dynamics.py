"""Sign dynamics against a NumPy re-implementation of the rule s_i <- sign(Σ_j J_ij s_j), sign(0) = +1
(spec fixed-points-theory §1), the C++ routes against each other, and solve() of the dynamics against them
(test_solvers.py covers the other algorithms, their parameters and the restarts)."""
import unittest

import numpy as np

import support
import steer


def numpy_sequential(j, s, max_sweeps):
    """Neurons 0..N−1 in turn; returns (state, sweeps that changed something) at the first quiet sweep."""
    s = np.array(s, dtype=float)
    for sweep in range(max_sweeps):
        changed = False
        for i in range(len(s)):
            new = 1.0 if j[i] @ s >= 0 else -1.0
            changed |= new != s[i]
            s[i] = new
        if not changed:
            return s, sweep
    return s, max_sweeps


def numpy_synchronous(j, s, max_sweeps):
    """All neurons at once; returns (state, steps, cycle length or 0)."""
    s = np.array(s, dtype=float)
    seen = {tuple(s): 0}
    for step in range(1, max_sweeps + 1):
        new = np.where(j @ s >= 0, 1.0, -1.0)
        if np.array_equal(new, s):
            return s, step - 1, 0
        s = new
        if tuple(s) in seen:
            return s, step, step - seen[tuple(s)]
        seen[tuple(s)] = step
    return s, max_sweeps, 0


class Dynamics(unittest.TestCase):
    def test_sequential_against_numpy(self):
        for seed in range(20):
            j = steer.sample_couplings(12, 0.4, seed=seed)
            start = steer.random_spin_vector(12, seed=seed)
            expected, sweeps = numpy_sequential(j, start, 200)
            r = steer.sign_dynamics(j, start, schedule="sequential", max_sweeps=200)
            np.testing.assert_array_equal(r["state"], expected)
            self.assertEqual(r["sweeps"], sweeps)
            self.assertEqual(r["converged"], support.is_fixed_point(j, expected))

    def test_synchronous_cycles_against_numpy(self):
        cycles = 0
        for seed in range(20):
            j = steer.sample_couplings(10, 0.0, seed=seed)
            start = steer.random_spin_vector(10, seed=seed)
            state, steps, cycle = numpy_synchronous(j, start, 100)
            r = steer.sign_dynamics(j, start, schedule="synchronous", max_sweeps=100)
            np.testing.assert_array_equal(r["state"], state)
            self.assertEqual((r["sweeps"], r["cycle_length"]), (steps, cycle))
            cycles += cycle > 0
        self.assertGreater(cycles, 0)  # J_D = 0 asymmetric networks do cycle: the branch was exercised

    def test_asynchronous_route_gives_the_same_trajectory(self):
        j = steer.sample_couplings(30, 0.3, seed=8)
        for trajectory in range(5):
            start = steer.random_spin_vector(30, seed=8, trajectory=trajectory)
            packed_route = steer.sign_dynamics(j, start, schedule="random", seed=8, trajectory=trajectory)
            vector_route = steer.asynchronous_dynamics(j, start, schedule="random", seed=8, trajectory=trajectory)
            np.testing.assert_array_equal(packed_route["state"], vector_route["state"])
            self.assertEqual((packed_route["converged"], packed_route["sweeps"]), (vector_route["converged"], vector_route["sweeps"]))

    def test_converged_state_of_a_large_network_is_a_fixed_point(self):
        n = 400
        j = steer.sample_couplings(n, 1.0, seed=1)
        r = steer.asynchronous_dynamics(j, steer.random_spin_vector(n), max_sweeps=500)
        self.assertTrue(r["converged"])
        self.assertTrue(support.is_fixed_point(j, r["state"]))

    def test_synchronous_any_size_route_against_numpy(self):
        for seed in range(10):
            j = steer.sample_couplings(10, 0.0, seed=seed)
            start = steer.random_spin_vector(10, seed=seed)
            state, steps, cycle = numpy_synchronous(j, start, 100)
            r = steer.synchronous_dynamics(j, start, max_sweeps=100)
            np.testing.assert_array_equal(r["state"], state)
            self.assertEqual((r["steps"], r["cycle_length"]), (steps, cycle))

    def test_registry_runs_the_dynamics_from_the_restart_streams(self):
        j = steer.sample_couplings(40, 0.4, seed=6)
        self.assertTrue({"async", "sequential", "sync"} <= set(steer.solver_names()))
        for restart in range(3):
            start = steer.random_spin_vector(40, seed=6, trajectory=restart)
            run = steer.solve(j, "async", seed=6, restart=restart)
            direct = steer.asynchronous_dynamics(j, start, schedule="random", seed=6, trajectory=restart)
            np.testing.assert_array_equal(run["state"], direct["state"])
            self.assertEqual((run["converged"], run["steps"]), (direct["converged"], direct["sweeps"]))
            self.assertEqual(run["converged"], support.is_fixed_point(j, run["state"]))
            sync = steer.solve(j, "sync", seed=6, restart=restart, max_sweeps=50)
            state, steps, cycle = numpy_synchronous(j, start, 50)
            np.testing.assert_array_equal(sync["state"], state)
            self.assertEqual((sync["steps"], sync["cycle_length"]), (steps, cycle))

    def test_margins_against_numpy(self):
        j = steer.sample_couplings(9, 0.3, seed=2)
        s = steer.random_spin_vector(9, seed=2)
        expected = s * ((j - np.diag(np.diag(j))) @ s) + np.diag(j)
        np.testing.assert_allclose(steer.margins(j, s), expected, rtol=0, atol=1e-15)

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.solve(np.eye(4), "gradient")
        self.assertTrue(str(e.exception).startswith("unknown algorithm 'gradient' (known: async, sequential, sync"))
        j = np.eye(4)
        with self.assertRaises(ValueError) as e:
            steer.sign_dynamics(j, [1, -1, 0, 1])
        self.assertEqual(str(e.exception), "start[2] must be +1 or -1, got 0")
        with self.assertRaises(ValueError) as e:
            steer.sign_dynamics(j, [1, -1, 1])
        self.assertEqual(str(e.exception), "start must have shape (4,) for N = 4, got (3,)")
        with self.assertRaises(ValueError) as e:
            steer.sign_dynamics(j, [1, 1, 1, 1], schedule="parallel")
        self.assertEqual(str(e.exception), "schedule must be one of synchronous, sequential, random, got 'parallel'")
        with self.assertRaises(ValueError) as e:
            steer.asynchronous_dynamics(j, [1, 1, 1, 1], schedule="synchronous")
        self.assertEqual(str(e.exception), "asynchronous dynamics: the synchronous schedule is synchronous_dynamics'")
        with self.assertRaises(ValueError) as e:
            steer.sign_dynamics(j, [1, 1, 1, 1], max_sweeps=0)
        self.assertEqual(str(e.exception), "sign dynamics: max_sweeps must be >= 1, got 0")


if __name__ == "__main__":
    unittest.main()
