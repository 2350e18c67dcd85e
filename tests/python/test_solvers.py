"""The search algorithms with their CLI parameter sets: solve_restarts against `steer dynamics / anneal / fbp /
replicated --json` and their per-restart CSV (the same restart loop, restart_search.hpp), the parameters' bounds
against the bounds `steer <command> --help` prints, refusals, and convergence checked in NumPy (eq. 1)."""
import csv
import os
import re
import subprocess
import tempfile
import unittest

import numpy as np

import support
import steer

# (algorithm, CLI command, CLI arguments, the same parameters as keywords) on sampled networks.
CASES = [
    ("async", "dynamics", ["--schedule", "async", "--max-sweeps", 40], {"max_sweeps": 40}),
    ("sync", "dynamics", ["--schedule", "sync", "--max-sweeps", 30], {"max_sweeps": 30}),
    ("anneal", "anneal", ["--sweeps", 60, "--schedule", "linear", "--beta-initial", 0.5, "--beta-final", 8],
     {"sweeps": 60, "schedule": "linear", "beta_initial": 0.5, "beta_final": 8}),
    ("fbp", "fbp", ["--rho-step", 0.1, "--damping", 0.3, "--max-iterations", 400],
     {"rho_step": 0.1, "damping": 0.3, "max_iterations": 400}),
    ("replicated", "replicated", ["--replicas", 3, "--sweeps", 50, "--gamma-final", 2],
     {"replicas": 3, "sweeps": 50, "gamma_final": 2.0}),
]

COMMAND = {"async": "dynamics", "sequential": "dynamics", "sync": "dynamics", "anneal": "anneal", "fbp": "fbp",
           "fbp-amp": "fbp",
           "replicated": "replicated"}


def cli_help_bounds(command):
    """{option: (min, max)} as `steer COMMAND --help` prints them ("--sweeps INT in [1, 1000000000]=1000")."""
    text = subprocess.run([support.STEER_EXECUTABLE, command, "--help"], capture_output=True, text=True, check=True).stdout
    return {m[0]: (float(m[1]), float(m[2])) for m in re.findall(r"(--[a-z-]+) (?:INT|FLOAT) in \[([^,]+), ([^\]]+)\]", text)}


class Solvers(unittest.TestCase):
    def test_restarts_equal_the_cli_json_and_csv(self):
        for algorithm, command, arguments, keywords in CASES:
            with self.subTest(algorithm=algorithm), tempfile.TemporaryDirectory() as out:
                network = ["--n", 36, "--self-coupling", 0.4, "--restarts", 8, "--seed", 7, "--network", 2]
                cli = support.run_cli(command, *network, *arguments, "--out", os.path.join(out, "run"))
                ours = steer.solve_restarts(steer.sample_couplings(36, 0.4, seed=7, network=2), algorithm, restarts=8, seed=7,
                                            **keywords)
                for key in ("n", "seed", "restarts", "step_unit", "converged", "converged_fraction", "distinct_fixed_points",
                            "mean_steps_to_converge", "median_steps_to_converge", "mean_smallest_margin", "mean_margin"):
                    self.assertEqual(ours[key], cli[key], msg=key)
                self.assertEqual({str(k): v for k, v in ours["cycle_lengths"].items()}, cli["cycle_lengths"])
                expected = dict(cli["parameters"])
                if command == "dynamics":
                    self.assertEqual(expected.pop("schedule"), algorithm)
                self.assertEqual(ours["parameters"], expected)
                with open(os.path.join(out, "run", command + ".csv")) as f:
                    rows = list(csv.DictReader(f))
                step = cli["step_unit"]
                np.testing.assert_array_equal(ours["converged_per_restart"], [r["converged"] == "1" for r in rows])
                np.testing.assert_array_equal(ours["steps_per_restart"], [int(r[step]) for r in rows])
                np.testing.assert_array_equal(ours["cycle_length_per_restart"], [int(r["cycle_length"]) for r in rows])
                np.testing.assert_array_equal(ours["unstable_units_per_restart"], [int(r["unstable_units"]) for r in rows])
                # Shortest round-trip doubles in the CSV: equal exactly.
                np.testing.assert_array_equal(ours["smallest_margin_per_restart"], [float(r["smallest_margin"]) for r in rows])

    def test_per_restart_results_checked_in_numpy(self):
        j = steer.sample_couplings(30, 0.6, seed=4)
        r = steer.solve_restarts(j, "anneal", restarts=6, seed=4, sweeps=200)
        margins = r["states"] * ((j - np.diag(np.diag(j))) @ r["states"].T).T + np.diag(j)
        np.testing.assert_array_equal(r["converged_per_restart"], (margins > 0).all(axis=1))
        np.testing.assert_allclose(r["smallest_margin_per_restart"], margins.min(axis=1), rtol=0, atol=1e-13)
        converged = r["states"][r["converged_per_restart"]]
        self.assertEqual(r["distinct_fixed_points"], len({tuple(s) for s in converged}))
        self.assertGreater(r["converged"], 0)
        for restart in range(6):  # the restart loop runs solve() for restart r
            np.testing.assert_array_equal(steer.solve(j, "anneal", seed=4, restart=restart, sweeps=200)["state"],
                                          r["states"][restart])

    def test_every_algorithm_reports_convergence_truthfully(self):
        # `converged` must be eq. 1 on the returned state (solver_result.hpp), checked here in NumPy.
        j = steer.sample_couplings(24, 0.5, seed=5)
        for algorithm in steer.solver_names():
            with self.subTest(algorithm=algorithm):
                run = steer.solve(j, algorithm, seed=5, restart=1)
                self.assertEqual(run["state"].shape, (24,))
                self.assertEqual(run["converged"], support.is_fixed_point(j, run["state"]))

    def test_parameter_bounds_are_the_clis(self):
        for algorithm in steer.solver_names():
            with self.subTest(algorithm=algorithm):
                bounds = cli_help_bounds(COMMAND[algorithm])
                numeric = {k: v for k, v in steer.solver_parameters(algorithm).items() if "min" in v}
                self.assertTrue(numeric)
                for name, p in numeric.items():
                    lo, hi = bounds["--" + name.replace("_", "-")]
                    self.assertEqual(p["min"], lo, msg=name)
                    self.assertEqual(p["max"], hi if hi < 1.7e308 else float("inf"), msg=name)

    def test_values_out_of_bounds_are_refused_like_the_cli(self):
        j = steer.sample_couplings(8, 0.5)
        for algorithm in ("anneal", "fbp", "replicated", "async"):
            for name, p in steer.solver_parameters(algorithm).items():
                if "min" not in p:
                    continue
                with self.subTest(algorithm=algorithm, parameter=name):
                    below = p["min"] - 1 if p["integer"] else (p["min"] / 2 if p["min"] > 0 else -0.5)
                    with self.assertRaises(ValueError) as e:
                        steer.solve(j, algorithm, **{name: below})
                    self.assertTrue(str(e.exception).startswith(name + " must be "), str(e.exception))
                    option = "--" + name.replace("_", "-")
                    done = subprocess.run([support.STEER_EXECUTABLE, COMMAND[algorithm], "--n", "8", option, str(below)],
                                          capture_output=True, text=True)
                    self.assertEqual(done.returncode, 2)
                    self.assertIn(option, done.stderr)

    def test_bad_parameters(self):
        j = np.eye(4)
        cases = [
            ("anneal", {"sweeps": 12.7}, "sweeps must be an integer, got 12.7"),
            ("anneal", {"sweeps": True}, "sweeps must be an integer, got a bool"),
            ("anneal", {"sweeps": 2e9}, "sweeps must be in [1, 1000000000], got 2000000000"),
            ("anneal", {"beta_initial": 5, "beta_final": 1}, "beta_final 1 must be >= beta_initial 5"),
            ("anneal", {"schedule": "cubic"}, "schedule must be linear or geometric, got 'cubic'"),
            ("anneal", {"max_sweeps": 3}, "unknown parameter 'max_sweeps' for anneal (known: sweeps, beta_initial, beta_final, "
                                          "schedule)"),
            ("fbp", {"damping": 1.0}, "damping must be in [0, 0.999999], got 1"),
            ("fbp", {"tolerance": float("nan")}, "tolerance must be in [1e-300, 1], got nan"),
            ("replicated", {"gamma_initial": 2, "gamma_final": 1}, "gamma_final 1 must be >= gamma_initial 2"),
            ("replicated", {"replicas": [3, 4]}, "replicas must be a single integer, got an array of 2 values"),
            ("fbp", {"damping": [0.1, 0.2]}, "damping must be a single number, got an array of 2 values"),
            ("async", {"max_sweeps": 0}, "max_sweeps must be in [1, 1000000000], got 0"),
            ("sync", {"sweeps": 10}, "unknown parameter 'sweeps' for sync (known: max_sweeps)"),
        ]
        for algorithm, keywords, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as e:
                    steer.solve(j, algorithm, **keywords)
                self.assertEqual(str(e.exception), message)
        with self.assertRaises(ValueError) as e:
            steer.solve_restarts(j, "async", restarts=0)
        self.assertEqual(str(e.exception), "restarts must be >= 1, got 0")
        with self.assertRaises(ValueError) as e:
            steer.solver_parameters("gradient")
        self.assertTrue(str(e.exception).startswith("unknown algorithm 'gradient'"))


if __name__ == "__main__":
    unittest.main()
