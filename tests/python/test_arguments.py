"""Arguments NumPy would convert silently are refused with a ValueError naming them (python/argument_checks.hpp):
non-integral, non-finite, bool or out-of-range integers of the vectorised theory functions (n = 12.7 used to run as
12), flags other than 0/1, complex values (the imaginary part used to be dropped) and integers beyond 2^53 in
couplings and activity arrays (used to be rounded). Integral floats and exactly representable integers still work,
and give the same numbers as the plain int/float call."""
import unittest

import numpy as np

import support  # noqa: F401  (puts the module on the path)
import steer


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
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as e:
                    call()
                self.assertEqual(str(e.exception), message)

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


if __name__ == "__main__":
    unittest.main()
