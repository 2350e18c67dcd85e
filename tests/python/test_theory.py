"""steer's theory bindings against closed forms evaluated in mpmath (25 digits), against their
element-wise calls, and against what `steer theory` prints (docs/python.md)."""
import math
import unittest

import mpmath
import numpy as np

import support
import steer

mpmath.mp.dps = 25


def mp_expected_fixed_points(n, jd):
    """E[#FP] = 2^N Φ(J_D √(N/(N−1)))^N (spec fixed-points-theory eq. 2)."""
    return mpmath.mpf(2) ** n * mpmath.ncdf(jd * mpmath.sqrt(mpmath.mpf(n) / (n - 1))) ** n


def mp_equal_orthant(a, rho):
    """Φ2(a, a; ρ) = ∫_{−∞}^{a} φ(x) Φ((a − ρx)/√(1−ρ²)) dx (|ρ| < 1)."""
    s = mpmath.sqrt(1 - mpmath.mpf(rho) ** 2)
    return mpmath.quad(lambda x: mpmath.npdf(x) * mpmath.ncdf((a - rho * x) / s), [-mpmath.inf, 0, a])


def mp_pair_entropy(q, jd):
    """S2(q) of spec eq. (6) for |q| < 1."""
    p = (1 + mpmath.mpf(q)) / 2
    h = -p * mpmath.log(p) - (1 - p) * mpmath.log(1 - p)
    return mpmath.log(2) + h + p * mpmath.log(mp_equal_orthant(jd, q)) + (1 - p) * mpmath.log(mp_equal_orthant(jd, -q))


class Counts(unittest.TestCase):
    def test_expected_fixed_points_against_mpmath(self):
        for n, jd in [(2, 0.3), (12, 0.5), (30, -0.4), (200, 1.5)]:
            with self.subTest(n=n, jd=jd):
                exact = mp_expected_fixed_points(n, jd)
                self.assertAlmostEqual(steer.log_expected_fixed_points(n, jd), float(mpmath.log(exact)), delta=1e-12)
                self.assertLess(abs(steer.expected_fixed_points(n, jd) / float(exact) - 1), 1e-12)

    def test_entropy_closed_form(self):
        # s(J_D) = ln 2 + ln Φ(J_D): exactly 0 at J_D = 0.
        self.assertAlmostEqual(steer.fixed_point_entropy(0.0), 0.0, delta=1e-16)
        self.assertAlmostEqual(steer.fixed_point_entropy(0.7), float(mpmath.log(2 * mpmath.ncdf(0.7))), delta=1e-15)

    def test_vectorised_equals_elementwise_and_broadcasts(self):
        n = np.array([[8], [12], [20]])
        jd = np.linspace(-0.5, 1.0, 4)
        grid = steer.log_expected_fixed_points(n, jd)
        self.assertEqual(grid.shape, (3, 4))
        for i in range(3):
            for k in range(4):
                self.assertEqual(grid[i, k], steer.log_expected_fixed_points(int(n[i, 0]), float(jd[k])))
        q = np.linspace(-0.9, 0.9, 7)
        np.testing.assert_array_equal(steer.pair_entropy(q, 0.4), [steer.pair_entropy(float(x), 0.4) for x in q])

    def test_correlated_count_at_zero_symmetry_is_the_asymmetric_one(self):
        # η = 0 in (C1): the shared term vanishes, leaving 2^N Φ(J_D √(N/(N−1)))^N.
        self.assertAlmostEqual(steer.log_expected_fixed_points_correlated(14, 0.5, 0.0),
                               float(mpmath.log(mp_expected_fixed_points(14, 0.5))), delta=1e-11)
        # η = 1, J_D = 0: the Tanaka–Edwards SK count 0.1992 (theory/correlated_count.hpp).
        self.assertAlmostEqual(steer.fixed_point_entropy_correlated(0.0, 1.0), 0.1992, delta=5e-5)

    def test_modular_count_against_transfer_sum(self):
        # M = 2: Z = Σ_{x1,x2} Φ((J_D + λ x1 x2)/σ)² = 2Φ((J+λ)/σ)² + 2Φ((J−λ)/σ)², E = Z^n, σ² = (n−1)/n.
        m, n, jd, lam = 2, 5, 0.3, 0.4
        sigma = mpmath.sqrt(mpmath.mpf(n - 1) / n)
        z = 2 * mpmath.ncdf((jd + lam) / sigma) ** 2 + 2 * mpmath.ncdf((jd - lam) / sigma) ** 2
        self.assertAlmostEqual(steer.log_expected_fixed_points_modular(m, n, jd, lam), float(n * mpmath.log(z)), delta=1e-13)
        # λ = 0: independent modules.
        self.assertAlmostEqual(steer.log_expected_fixed_points_modular(3, 6, 0.2, 0.0),
                               3 * steer.log_expected_fixed_points(6, 0.2), delta=1e-12)


class Pairs(unittest.TestCase):
    def test_pair_entropy_against_mpmath(self):
        for q, jd in [(0.3, 0.5), (-0.6, 0.1), (0.9, 1.0)]:
            with self.subTest(q=q, jd=jd):
                self.assertAlmostEqual(steer.pair_entropy(q, jd), float(mp_pair_entropy(q, jd)), delta=1e-13)
        # S2(0) = 2 s(J_D) (Φ2(J,J;0) = Φ(J)²); S2(1) = s(J_D).
        self.assertAlmostEqual(steer.pair_entropy(0.0, 0.5), 2 * steer.fixed_point_entropy(0.5), delta=1e-15)
        self.assertAlmostEqual(steer.pair_entropy(1.0, 0.5), steer.fixed_point_entropy(0.5), delta=1e-15)

    def test_expected_pairs_against_eq4(self):
        n, jd = 7, 0.4
        a = jd * math.sqrt(n / (n - 1))
        pairs = steer.expected_pairs(n, jd)
        self.assertEqual(pairs.shape, (n + 1,))
        for d in range(2, n - 1):
            rho_s, rho_d = 1 - 2 * d / (n - 1), -(1 - 2 * (d - 1) / (n - 1))
            exact = (2 ** n * mpmath.binomial(n, d) * mp_equal_orthant(a, rho_s) ** (n - d) * mp_equal_orthant(a, rho_d) ** d)
            self.assertLess(abs(pairs[d] / float(exact) - 1), 1e-12, msg=f"d={d}")
        self.assertLess(abs(pairs[0] / steer.expected_fixed_points(n, jd) - 1), 1e-14)
        self.assertAlmostEqual(steer.log_expected_squared_count(n, jd), math.log(pairs.sum()), delta=1e-13)
        neighbours = steer.expected_neighbours_at_distance(n, jd)
        np.testing.assert_allclose(neighbours, pairs / pairs[0], rtol=1e-13)
        self.assertAlmostEqual(neighbours[n], 1.0, delta=1e-13)

    def test_local_entropy_is_pair_entropy_minus_entropy(self):
        # V_ann(δ) = S2(1 − 2δ) − s (spec §4.2), S2 from mpmath.
        delta, jd = 0.2, 0.5
        exact = mp_pair_entropy(1 - 2 * delta, jd) - mpmath.log(2 * mpmath.ncdf(jd))
        self.assertAlmostEqual(steer.annealed_local_entropy(delta, jd), float(exact), delta=1e-13)
        self.assertAlmostEqual(steer.margin_local_entropy(delta, jd, 0.0), float(exact), delta=1e-13)
        extrema = steer.find_local_entropy_extrema(0.5)
        self.assertEqual(set(extrema), {"minimum", "argmin_delta", "root_delta"})
        self.assertAlmostEqual(steer.annealed_local_entropy(extrema["argmin_delta"], 0.5), extrema["minimum"], delta=1e-12)


class Errors(unittest.TestCase):
    def test_bad_input_raises_value_error_with_the_cpp_message(self):
        with self.assertRaises(ValueError) as e:
            steer.log_expected_fixed_points(1, 0.5)
        self.assertEqual(str(e.exception), "log_expected_fixed_points: n must be >= 2, got 1")
        with self.assertRaises(ValueError) as e:  # std::domain_error
            steer.fixed_point_entropy(float("nan"))
        self.assertEqual(str(e.exception), "fixed_point_entropy: self_coupling must be finite, got nan")
        with self.assertRaises(ValueError):  # η < 0 has no finite-N form: std::domain_error
            steer.log_expected_fixed_points_correlated(12, 0.5, -0.5)

    def test_overflow_raises_overflow_error(self):
        with self.assertRaises(OverflowError) as e:
            steer.expected_fixed_points(3000, 1.0)
        self.assertIn("use the log", str(e.exception))


class SameAsCli(unittest.TestCase):
    def test_theory_count_curve(self):
        cli = support.run_cli("theory", "count", "--n", 14, "--self-coupling-range", "-0.5:1:7")
        ours = steer.log_expected_fixed_points(14, np.array(cli["self_coupling"]))
        np.testing.assert_array_equal(ours, cli["log_expected_fixed_points"])
        np.testing.assert_array_equal(steer.fixed_point_entropy(np.array(cli["self_coupling"])), cli["entropy_large_n"])

    def test_theory_pairs(self):
        cli = support.run_cli("theory", "pairs", "--n", 10, "--self-coupling", 0.3)
        np.testing.assert_array_equal(steer.expected_pairs(10, 0.3), cli["expected_pairs"])
        self.assertEqual(steer.log_expected_squared_count(10, 0.3), cli["log_expected_squared_count"])


if __name__ == "__main__":
    unittest.main()
