"""Long calls release the GIL (python/bindings.hpp, without_gil): while one runs, another Python thread keeps
ticking. A ticker thread records the time of each tick (sleeping 0.5 ms between ticks); a call holding the GIL
leaves no tick in the middle half of its duration (the ticker cannot run Python code), a call releasing it leaves
dozens. A negative control (list.sort in C, which holds the GIL) shows that the measure tells the two apart. One
OpenMP thread, so that the ticker is not starved by the call's own threads on a small machine."""
import os

os.environ["OMP_NUM_THREADS"] = "1"  # before the module loads the OpenMP runtime

import threading  # noqa: E402
import time  # noqa: E402
import unittest  # noqa: E402

import numpy as np  # noqa: E402

import support  # noqa: E402,F401
import steer  # noqa: E402

# A call must last this long for its middle half to span many ticks; the workloads below take 0.15-0.7 s here.
MIN_SECONDS = 0.04


def ticks_during(call):
    """(ticks in the middle half of the call, the call's duration in seconds)."""
    ticks, stop = [], threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    ticker = threading.Thread(target=tick)
    ticker.start()
    while not ticks:  # the ticker is running before the call starts
        time.sleep(0.001)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    ticker.join()
    quarter = (end - start) / 4
    return sum(start + quarter < t < end - quarter for t in ticks), end - start


class GilReleased(unittest.TestCase):
    def assert_releases(self, name, call):
        inside, seconds = ticks_during(call)
        self.assertGreater(seconds, MIN_SECONDS, msg=f"{name}: workload too small to tell ({seconds:.3f} s)")
        self.assertGreaterEqual(inside, 5, msg=f"{name}: {inside} ticks in the middle of a {seconds:.3f} s call")

    def test_negative_control_holds_the_gil(self):
        data = np.random.default_rng(0).random(1_500_000).tolist()
        inside, seconds = ticks_during(data.sort)
        self.assertGreater(seconds, MIN_SECONDS)
        self.assertEqual(inside, 0, msg=f"{inside} ticks during list.sort ({seconds:.3f} s)")

    def test_long_calls_let_other_threads_run(self):
        j24 = steer.sample_couplings(24, 0.3, seed=2)
        fixed_points = steer.enumerate_fixed_points(steer.sample_couplings(24, 0.6, seed=3), packed=True)  # 7836
        big = steer.sample_couplings(300, 0.2, seed=4)
        x = np.random.default_rng(5).normal(size=(8, 100, 40))
        calls = {
            "enumerate_fixed_points": lambda: steer.enumerate_fixed_points(j24, kernel="scalar", parallel=False),
            "count_fixed_points": lambda: steer.count_fixed_points(j24, kernel="scalar"),
            "enumerate_ensemble": lambda: steer.enumerate_ensemble(18, 0.3, networks=40, kernel="scalar"),
            "sample_couplings": lambda: steer.sample_couplings(1000, 0.3),
            "solve_restarts": lambda: steer.solve_restarts(big, "anneal", restarts=4, sweeps=400),
            "solve": lambda: steer.solve(big, "fbp", max_iterations=10),
            "estimate_log_fixed_points": lambda: steer.estimate_log_fixed_points(j24, runs=2, final_log_f=1e-5),
            "analyse_network_geometry": lambda: steer.analyse_network_geometry(fixed_points, 24, max_flips=3),
            "dsa": lambda: steer.dsa(x, x[::-1], components=20, rank=20, starts=4),
            "log_expected_fixed_points_correlated": lambda: steer.log_expected_fixed_points_correlated(
                30, 0.5, np.linspace(0, 1, 1000)),
        }
        for name, call in calls.items():
            with self.subTest(call=name):
                self.assert_releases(name, call)


if __name__ == "__main__":
    unittest.main()
