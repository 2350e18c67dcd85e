"""Arguments NumPy or pybind11 would convert silently are refused with a ValueError naming them (python/argument_checks.hpp):
non-integral, non-finite, bool or out-of-range integers of the vectorised theory functions (n = 12.7 used to run as
12), flags other than 0/1, complex values (the imaginary part used to be dropped) and integers beyond 2^53 in
couplings and activity arrays (used to be rounded). The scalar integer and yes/no parameters of every other binding
follow the same rules (int_from, int64_from, uint64_from, flag_from): pybind11's own casters took networks=True as 1,
ring=2, 0.5 or None as a bool, and answered 12.5 or seed=-1 with a TypeError that did not name the argument. The scalar
real parameters (self_coupling, symmetry, margin, flatness, regularisation, the real solver keywords, ...) follow
real_from's rules (real_scalar_from): pybind11's float caster took True as 1.0. Integral floats, exactly representable
integers and NumPy scalars still work, and give the same numbers as the plain int/float call."""
import unittest

import numpy as np

import support
import steer


def assert_value_error(test, call, message, **where):
    """call() raises a ValueError saying exactly `message` (a subtest labelled by message and `where`)."""
    with test.subTest(message=message, **where):
        with test.assertRaises(ValueError) as e:
            call()
        test.assertEqual(str(e.exception), message)


class IntegerArguments(unittest.TestCase):
    def test_non_integral_values_are_refused_not_truncated(self):
        cases = [
            (lambda: steer.log_expected_fixed_points(12.7, 0.5), "n must be an integer, got 12.7"),
            (lambda: steer.expected_fixed_points(np.array([12, 12.5]), 0.5), "n[1] must be an integer, got 12.5"),
            (lambda: steer.log_expected_fixed_points(float("nan"), 0.5), "n must be an integer, got nan"),
            (lambda: steer.log_expected_fixed_points(True, 0.5), "n must be an integer, got a bool"),
            (lambda: steer.log_expected_fixed_points(12 + 0j, 0.5), "n must be an integer, got dtype complex128"),
            (lambda: steer.log_expected_fixed_points(2 ** 40, 0.5),
             "n must be an integer in [-2147483648, 2147483647], got 1099511627776"),
            (lambda: steer.log_second_moment_ratio([[10], [11.01]], 0.5), "n[1, 0] must be an integer, got 11.01"),
            (lambda: steer.log_expected_fixed_points_correlated(10.5, 0.5, 0.2), "n must be an integer, got 10.5"),
            (lambda: steer.log_expected_fixed_points_modular(3, 4.2, 0.5, 0.1), "module_size must be an integer, got 4.2"),
            (lambda: steer.modular_fixed_point_entropy(2.5, 0.5, 0.1), "modules must be an integer, got 2.5"),
            (lambda: steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=0.5), "ring must be a bool (or 0 / 1), got 0.5"),
            (lambda: steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=2), "ring must be a bool (or 0 / 1), got 2"),
            (lambda: steer.log_expected_pairs(12.5, 0.5), "n must be an integer, got 12.5"),
            (lambda: steer.expected_neighbours_at_distance([10, 11], 0.5), "n must be a single integer, got an array of 2 values"),
            (lambda: steer.log_expected_fixed_points(12, 0.5 + 1j), "self_coupling must be real, got complex values (dtype complex128)"),
            (lambda: steer.pair_entropy(True, 0.5), "q must be real, got bool values"),
            (lambda: steer.fixed_point_entropy("0.5"), "self_coupling must be real numbers, got dtype <U3"),
        ]
        for call, message in cases:
            assert_value_error(self, call, message)

    def test_integral_values_of_any_numeric_dtype_are_accepted(self):
        expected = steer.log_expected_fixed_points(12, 0.5)
        self.assertIsInstance(expected, float)  # a scalar in, a scalar out
        for n in (12.0, np.int8(12), np.uint64(12), np.float32(12), np.array(12)):
            self.assertEqual(steer.log_expected_fixed_points(n, 0.5), expected, msg=repr(n))
        np.testing.assert_array_equal(steer.log_expected_fixed_points(np.array([[12.0], [13.0]]), [0.5, 0.6]),
                                      [[steer.log_expected_fixed_points(12, 0.5), steer.log_expected_fixed_points(12, 0.6)],
                                       [steer.log_expected_fixed_points(13, 0.5), steer.log_expected_fixed_points(13, 0.6)]])
        np.testing.assert_array_equal(steer.log_expected_pairs(12.0, 0.5), steer.log_expected_pairs(12, 0.5))
        for ring in (1, 1.0, np.True_, True):
            self.assertEqual(steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=ring),
                             steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=True))
        self.assertNotEqual(steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=0),
                            steer.log_expected_fixed_points_modular(3, 4, 0.5, 0.1, ring=1))


class RealArrays(unittest.TestCase):
    def test_complex_couplings_and_activity_are_refused(self):
        j = steer.sample_couplings(6, 0.5).astype(complex)
        for call in (lambda: steer.enumerate_fixed_points(j), lambda: steer.count_fixed_points(j),
                     lambda: steer.solve(j), lambda: steer.margins(j, np.ones(6))):
            with self.assertRaises(ValueError) as e:
                call()
            self.assertEqual(str(e.exception), "couplings must be real, got complex values (dtype complex128)")
        x = np.random.default_rng(1).normal(size=(50, 4))
        with self.assertRaises(ValueError) as e:
            steer.procrustes_distance(x, x.astype(np.complex64))
        self.assertEqual(str(e.exception), "y must be real, got complex values (dtype complex64)")
        with self.assertRaises(ValueError) as e:
            steer.sign_dynamics(np.eye(3), np.array([1, -1, 1j]))
        self.assertEqual(str(e.exception), "start must be real, got complex values (dtype complex128)")

    def test_integers_beyond_2_to_the_53_are_refused(self):
        j = np.eye(3, dtype=np.int64)
        j[0, 1] = 2 ** 53 + 1  # would round to 2^53 as a double
        with self.assertRaises(ValueError) as e:
            steer.enumerate_fixed_points(j)
        self.assertEqual(str(e.exception),
                         "couplings[0, 1] = 9007199254740993 is an integer beyond ±2^53, not exactly representable as a double")
        j[0, 1] = -(2 ** 53) - 1
        with self.assertRaises(ValueError) as e:
            steer.count_fixed_points(j)
        self.assertIn("couplings[0, 1] = -9007199254740993", str(e.exception))
        u = np.eye(3, dtype=np.uint64)
        u[2, 0] = 2 ** 64 - 1
        with self.assertRaises(ValueError) as e:
            steer.count_fixed_points(u)
        self.assertIn("couplings[2, 0] = 18446744073709551615", str(e.exception))

    def test_exact_integer_couplings_count_as_their_float_copy(self):
        # 2^53 is exact; with it on the diagonal every state is a fixed point (margins >= 2^53 - 2 > 0).
        j = np.array([[2 ** 53, 1, -1], [1, 2 ** 53, 1], [-1, 1, 2 ** 53]], dtype=np.int64)
        self.assertEqual(steer.count_fixed_points(j), 8)
        k = np.array([[1, 1], [1, 1]], dtype=np.int32)  # fixed points (+,+) and (-,-): margins 2
        np.testing.assert_array_equal(steer.enumerate_fixed_points(k), steer.enumerate_fixed_points(k.astype(float)))
        self.assertEqual(steer.count_fixed_points(k), 2)

    def test_bool_and_text_arrays_are_refused(self):
        with self.assertRaises(ValueError) as e:
            steer.count_fixed_points(np.eye(3, dtype=bool))
        self.assertEqual(str(e.exception), "couplings must be real, got bool values")
        with self.assertRaises(ValueError) as e:
            steer.count_fixed_points([[1, 2], [3]])  # ragged
        self.assertEqual(str(e.exception), "couplings must be a number or an array of numbers")


INT_RANGE = {"int": "[-2147483648, 2147483647]", "int64": "[-9223372036854775808, 9223372036854775807]",
             "uint64": "[0, 18446744073709551615]"}


class ScalarArguments(unittest.TestCase):
    """A representative integer (or yes/no) parameter of each binding file, by the C++ type it is read as."""

    def setUp(self):
        self.j = steer.sample_couplings(6, 1.0, seed=2)
        self.states = steer.enumerate_fixed_points(self.j)
        self.assertGreater(len(self.states), 1)  # hamming_ball_count needs a fixed point as its centre
        self.x = np.random.default_rng(2).normal(size=(2, 20, 3))

    def assert_refused(self, call, value, message):
        assert_value_error(self, lambda: call(value), message, value=repr(value))

    def test_integers_refuse_bool_fractions_text_arrays_and_out_of_range(self):
        j, states, x = self.j, self.states, self.x
        parameters = [  # binding file: (call with the value under test, argument name, C++ type)
            (lambda v: steer.enumerate_ensemble(6, 0.5, networks=v), "networks", "int64"),  # ensembles
            (lambda v: steer.sample_couplings(6, 0.5, seed=v), "seed", "uint64"),
            (lambda v: steer.sample_modular_couplings(v, 2, 0.5), "modules", "int"),
            (lambda v: steer.estimate_log_fixed_points(j, max_sweeps=v), "max_sweeps", "int64"),  # enumeration
            (lambda v: steer.estimate_log_fixed_points(j, network=v), "network", "uint64"),
            (lambda v: steer.pair_distance_histogram(states, v), "n", "int"),
            (lambda v: steer.sign_dynamics(j, states[0], max_sweeps=v), "max_sweeps", "int64"),  # dynamics
            (lambda v: steer.random_spin_vector(6, trajectory=v), "trajectory", "uint64"),
            (lambda v: steer.solve_restarts(j, restarts=v), "restarts", "int64"),  # solvers
            (lambda v: steer.solve(j, restart=v), "restart", "uint64"),
            (lambda v: steer.solve(j, "anneal", sweeps=v), "sweeps", "int64"),
            (lambda v: steer.accessibility_threshold("async", 10, [0.5], bootstrap=v), "bootstrap", "int64"),  # thresholds
            (lambda v: steer.accessibility_threshold("async", 10, [0.5], seed=v), "seed", "uint64"),
            (lambda v: steer.connected_components(states, 6, max_flips=v), "max_flips", "int"),  # geometry
            (lambda v: steer.hamming_ball_count(j, states[0], v), "radius", "int"),
            (lambda v: steer.cca(x, x, components=v), "components", "int"),  # similarity
            (lambda v: steer.dsa(x, x, seed=v), "seed", "uint64"),
            (lambda v: steer.similarity_distance("dsa", x, x, dsa_iterations=v), "dsa_iterations", "int"),
        ]
        beyond = {"int": 2 ** 31, "int64": 2 ** 63, "uint64": 2 ** 64}
        for call, name, kind in parameters:
            for value in (True, False, np.True_, np.bool_(False)):
                self.assert_refused(call, value, f"{name} must be an integer, got a bool")
            self.assert_refused(call, 2.5, f"{name} must be an integer, got 2.5")
            self.assert_refused(call, np.float32(2.5), f"{name} must be an integer, got 2.5")
            self.assert_refused(call, float("inf"), f"{name} must be an integer, got inf")
            self.assert_refused(call, 3 + 0j, f"{name} must be an integer, got dtype complex128")
            self.assert_refused(call, "3", f"{name} must be an integer, got dtype <U1")
            self.assert_refused(call, None, f"{name} must be an integer, got dtype object")
            self.assert_refused(call, [3, 4], f"{name} must be a single integer, got an array of 2 values")
            self.assert_refused(call, beyond[kind], f"{name} must be an integer in {INT_RANGE[kind]}, got {beyond[kind]}")
            self.assert_refused(call, 2 ** 70, f"{name} must be an integer in {INT_RANGE[kind]}, got {2 ** 70}")
            if kind == "uint64":
                self.assert_refused(call, -1, f"{name} must be an integer in {INT_RANGE[kind]}, got -1")
                self.assert_refused(call, np.int64(-1), f"{name} must be an integer in {INT_RANGE[kind]}, got -1")
                self.assert_refused(call, -1.0, f"{name} must be an integer in {INT_RANGE[kind]}, got -1")

    def test_flags_refuse_anything_but_bool_0_and_1(self):
        j = self.j
        flags = [
            (lambda v: steer.sample_modular_couplings(3, 2, 0.5, 0.1, ring=v), "ring"),  # ensembles
            (lambda v: steer.enumerate_ensemble(6, 0.5, networks=1, pair_histograms=v), "pair_histograms"),
            (lambda v: steer.enumerate_fixed_points(j, packed=v), "packed"),  # enumeration
            (lambda v: steer.enumerate_fixed_points(j, parallel=v), "parallel"),
        ]
        for call, name in flags:
            self.assert_refused(call, 2, f"{name} must be a bool (or 0 / 1), got 2")  # pybind11 took 2, 0.5 as True
            self.assert_refused(call, 0.5, f"{name} must be a bool (or 0 / 1), got 0.5")
            self.assert_refused(call, -1, f"{name} must be a bool (or 0 / 1), got -1")
            self.assert_refused(call, None, f"{name} must be a bool, got dtype object")  # pybind11 took None as False
            self.assert_refused(call, "yes", f"{name} must be a bool, got dtype <U3")
            self.assert_refused(call, [True, False], f"{name} must be a single bool, got an array of 2 values")

    def test_ensembles_accept_numpy_integers_and_flags(self):
        cli = support.run_cli("enumerate", "--n", 8, "--self-coupling", 0.5, "--networks", 4, "--seed", 9)
        for networks, seed in ((4, 9), (np.int64(4), np.uint64(9)), (4.0, np.int32(9)), (np.array(4), 9.0)):
            ours = steer.enumerate_ensemble(8, 0.5, networks=networks, seed=seed, pair_histograms=np.True_)
            self.assertEqual(ours["mean_fixed_points"], cli["mean_fixed_points"], msg=repr((networks, seed)))
            self.assertEqual((type(ours["networks"]), ours["networks"], ours["seed"]), (int, 4, 9))
        # Networks 2, 3 alone, one by one (first_network, the stream index of sample_couplings).
        shard = steer.enumerate_ensemble(np.int8(8), 0.5, networks=np.uint8(2), seed=9, first_network=np.int64(2), pair_histograms=0)
        self.assertNotIn("pair_histograms", shard)
        np.testing.assert_array_equal(shard["counts"], [steer.count_fixed_points(steer.sample_couplings(8, 0.5, seed=9, network=k))
                                                        for k in (2, 3)])
        # The ring links unit 0 of module 0 to unit 0 of module 2 (index 4) by lambda; the open chain does not.
        for ring in (True, np.True_, 1, 1.0, np.int64(1)):
            self.assertEqual(steer.sample_modular_couplings(3, 2, 0.5, 0.1, ring=ring)[0, 4], 0.1, msg=repr(ring))
        for ring in (False, np.False_, 0, 0.0):
            self.assertEqual(steer.sample_modular_couplings(3, 2, 0.5, 0.1, ring=ring)[0, 4], 0.0, msg=repr(ring))
        self.assertEqual(steer.sample_couplings(6, 0.5, seed=2 ** 64 - 1)[0, 1],
                         steer.sample_couplings(6, 0.5, seed=np.uint64(2 ** 64 - 1))[0, 1])

    def test_enumeration_and_geometry_accept_numpy_integers_and_flags(self):
        j, states = self.j, self.states
        np.testing.assert_array_equal(states, support.brute_force_fixed_points(j))
        for packed in (True, np.True_, 1):
            np.testing.assert_array_equal(steer.enumerate_fixed_points(j, packed=packed, parallel=np.False_), support.packed(states))
        distances = support.hamming(states)
        np.testing.assert_array_equal(steer.pair_distance_histogram(states, np.int64(6)),
                                      np.bincount(distances.ravel(), minlength=7))
        # Fixed points at distance 1 and 2 from the first one, counted in the enumerated set.
        ball = steer.hamming_ball_count(j, states[0], np.int64(2))
        np.testing.assert_array_equal(ball["fixed_points_at_distance"], [(distances[0] == d).sum() for d in (1, 2)])
        np.testing.assert_array_equal(steer.connected_components(states, np.uint64(6), max_flips=2.0),
                                      steer.connected_components(states, 6, max_flips=2))

    def test_dynamics_and_solvers_accept_numpy_integers(self):
        j = self.j
        start = steer.random_spin_vector(np.int64(6), seed=np.uint64(3), trajectory=np.int8(2))
        np.testing.assert_array_equal(start, steer.random_spin_vector(6, 3, 2))
        run = steer.sign_dynamics(j, start, "sequential", max_sweeps=np.int64(100))
        self.assertTrue(run["converged"])
        self.assertTrue(support.is_fixed_point(j, run["state"]))
        # solve from restart r starts at random_spin_vector(n, seed, r) (test_dynamics.py).
        solved = steer.solve(j, "sequential", seed=np.uint64(3), restart=np.int64(2), max_sweeps=np.int64(100))
        np.testing.assert_array_equal(solved["state"], run["state"])
        self.assertEqual(solved["steps"], run["sweeps"])
        restarts = steer.solve_restarts(j, "anneal", restarts=np.int64(3), seed=np.uint64(5), sweeps=np.int32(20))
        self.assertEqual((restarts["restarts"], restarts["parameters"]["sweeps"]), (3, 20))
        for r in range(3):
            np.testing.assert_array_equal(restarts["states"][r], steer.solve(j, "anneal", seed=5, restart=r, sweeps=20)["state"])

    def test_thresholds_and_similarity_accept_numpy_integers(self):
        grid = [0.0, 1.0]
        ints = steer.accessibility_threshold("async", 12, grid, networks=3, restarts=2, max_sweeps=50, bootstrap=5, seed=4)
        numpy_ints = steer.accessibility_threshold("async", np.int64(12), grid, networks=np.int64(3), restarts=np.uint8(2),
                                                   max_sweeps=50.0, bootstrap=np.int16(5), seed=np.uint64(4))
        for key in ("success", "wilson_lower", "wilson_upper"):
            np.testing.assert_array_equal(numpy_ints[key], ints[key], err_msg=key)
        self.assertEqual((numpy_ints["threshold"], numpy_ints["threshold_error"]), (ints["threshold"], ints["threshold_error"]))
        # The success fraction is a count over 3 networks x 2 restarts.
        np.testing.assert_array_equal(np.round(ints["success"] * 6), ints["success"] * 6)
        x, y = self.x, self.x + np.random.default_rng(3).normal(scale=0.5, size=self.x.shape)
        self.assertEqual(steer.cca(x, y, components=np.int64(2))["distance"], steer.cca(x, y, components=2)["distance"])
        options = dict(components=3, delays=2, rank=4, starts=3, max_iterations=50)
        self.assertEqual(steer.dsa(x, y, seed=np.uint64(7), **{k: np.int64(v) for k, v in options.items()}),
                         steer.dsa(x, y, seed=7, **options))


class RealScalarArguments(unittest.TestCase):
    """A representative real scalar parameter of each binding file that has one (real_scalar_from): pybind11's float
    caster took True as 1.0 (sample_couplings(4, True) ran with J_D = 1), np.True_ too, and answered a complex value, text
    or None with a TypeError that did not name the argument. learning, thresholds, dynamics and geometry bind no real
    scalar (thresholds' self_couplings is an array, checked by real_from)."""

    def setUp(self):
        self.j = steer.sample_couplings(6, 1.0, seed=2)
        self.x = np.random.default_rng(2).normal(size=(2, 20, 3))
        self.y = self.x + np.random.default_rng(3).normal(scale=0.5, size=self.x.shape)

    def parameters(self):
        """(binding file, call with the value under test -> a deterministic result, argument name, a valid value)."""
        j, x, y = self.j, self.x, self.y
        return [
            ("theory", lambda v: steer.maximise_pair_entropy(v), "self_coupling", 1.0),
            ("theory", lambda v: steer.log_expected_pairs(8, v), "self_coupling", 0.75),
            ("theory", lambda v: steer.find_local_entropy_extrema(1.0, v), "margin", 1.0),
            ("ensembles", lambda v: steer.sample_couplings(6, v, seed=3), "self_coupling", 1.0),
            ("ensembles", lambda v: steer.sample_couplings(6, 0.5, v, seed=3), "symmetry", 0.5),
            ("ensembles", lambda v: steer.sample_modular_couplings(3, 2, 0.5, v, seed=3), "inter_module_coupling", 1.0),
            ("enumeration", lambda v: steer.estimate_log_fixed_points(j, runs=2, flatness=v)["log_fixed_points_per_run"],
             "flatness", 0.5),
            ("enumeration", lambda v: steer.estimate_log_fixed_points(j, runs=2, final_log_f=v)["log_fixed_points_per_run"],
             "final_log_f", 0.25),
            ("solvers", lambda v: steer.solve(j, "anneal", seed=4, beta_initial=v)["state"], "beta_initial", 2.0),
            ("solvers", lambda v: steer.solve(j, "fbp", seed=4, damping=v)["state"], "damping", 0.5),
            ("similarity", lambda v: steer.cca(x, y, components=2, regularisation=v)["correlations"], "regularisation", 1.0),
            ("similarity", lambda v: steer.similarity_distance("cca", x, y, cca_components=2, cca_regularisation=v),
             "cca_regularisation", 0.125),
        ]

    def test_bool_complex_text_none_and_arrays_are_refused(self):
        for where, call, name, _ in self.parameters():
            refused = [
                (True, f"{name} must be real, got bool values"),  # used to run as 1.0
                (np.True_, f"{name} must be real, got bool values"),
                (False, f"{name} must be real, got bool values"),
                (1 + 2j, f"{name} must be real, got complex values (dtype complex128)"),  # used to be an unnamed TypeError
                (np.complex64(0.5), f"{name} must be real, got complex values (dtype complex64)"),
                ("0.5", f"{name} must be real numbers, got dtype <U3"),
                (None, f"{name} must be real numbers, got dtype object"),
                ([0.5, 0.6], f"{name} must be a single number, got an array of 2 values"),
                (np.zeros((2, 1)), f"{name} must be a single number, got an array of 2 values"),
                (2 ** 53 + 1, f"{name} = {2 ** 53 + 1} is an integer beyond ±2^53, not exactly representable as a double"),
                (2 ** 70, f"{name} = {2 ** 70} is an integer beyond ±2^53, not exactly representable as a double"),
            ]
            for value, message in refused:
                assert_value_error(self, lambda: call(value), message, where=where, value=repr(value))

    def test_numbers_of_any_real_dtype_give_the_plain_float_result(self):
        for where, call, name, value in self.parameters():
            expected = call(value)
            same = [np.float64(value), np.float32(value), np.array(value), np.array(value, dtype=np.float32)]  # exact in float32
            if value == int(value):
                same += [int(value), np.int64(value), np.uint8(value), np.array(int(value))]
            for given in same:
                with self.subTest(where=where, name=name, value=repr(given)):
                    np.testing.assert_array_equal(call(given), expected)
        self.assertEqual(steer.sample_couplings(4, 1)[2, 2], 1.0)  # J_ii = self_coupling

    def test_non_finite_values_get_the_library_message(self):
        # real_scalar_from lets nan and inf through; the function behind each parameter refuses them itself.
        cases = [
            (lambda: steer.sample_couplings(6, float("nan")), "self_coupling must be finite, got nan"),
            (lambda: steer.maximise_pair_entropy(np.float32("inf")), "maximise_pair_entropy: self_coupling must be finite, got inf"),
            (lambda: steer.find_local_entropy_extrema(0.5, float("nan")),
             "find_local_entropy_extrema: margin must be finite and >= 0, got nan"),
            (lambda: steer.sample_modular_couplings(3, 2, 0.5, -float("inf")), "inter_module_coupling must be finite, got -inf"),
            (lambda: steer.estimate_log_fixed_points(self.j, flatness=float("nan")), "count_mc: flatness must be in [0, 1), got nan"),
            (lambda: steer.solve(self.j, "fbp", damping=float("inf")), "damping must be in [0, 0.999999], got inf"),
            (lambda: steer.cca(self.x, self.y, regularisation=float("inf")),
             "regularised_cca: regularisation must be in [0, 1.7976931348623157e+308], got inf"),
        ]
        for call, message in cases:
            assert_value_error(self, call, message)

    def test_help_shows_float(self):
        self.assertIn("(n: int, self_coupling: float, symmetry: float = 0.0, seed: int = 1, network: int = 0)",
                      steer.sample_couplings.__doc__)
        self.assertIn("(self_coupling: float, margin: float = 0.0)", steer.find_local_entropy_extrema.__doc__)


if __name__ == "__main__":
    unittest.main()
