"""Similarity distances (spec rate-rnn-credit-assignment §7) against their formulas in NumPy, the
(C, T, U) layout against the 2-D one, and against `steer similarity A B --json` on the same arrays."""
import csv
import os
import tempfile
import unittest

import numpy as np

import support
import steer


def centred(x):
    return x - x.mean(axis=0)


def numpy_procrustes(x, y):
    """θ/(π/2), θ = arccos(‖X̃ᵀỸ‖_* / (‖X̃‖_F ‖Ỹ‖_F)) (spec §7.1)."""
    x, y = centred(x), centred(y)
    nuclear = np.linalg.svd(x.T @ y, compute_uv=False).sum()
    return np.arccos(np.clip(nuclear / (np.linalg.norm(x) * np.linalg.norm(y)), -1, 1)) / (np.pi / 2)


def numpy_cka(x, y):
    """‖ỸᵀX̃‖_F² / (‖X̃ᵀX̃‖_F ‖ỸᵀỸ‖_F) (Kornblith et al. 2019 eq. 5, linear kernel)."""
    x, y = centred(x), centred(y)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def numpy_canonical_correlations(x, y):
    """Singular values of Q_xᵀ Q_y for the QR bases of the centred data: the canonical correlations."""
    qx, _ = np.linalg.qr(centred(x))
    qy, _ = np.linalg.qr(centred(y))
    return np.linalg.svd(qx.T @ qy, compute_uv=False)


class Distances(unittest.TestCase):
    def setUp(self):
        rng = np.random.default_rng(4)
        self.x = rng.normal(size=(3, 40, 6))
        self.y = np.einsum("ctu,uv->ctv", self.x, rng.normal(size=(6, 5))) + 0.5 * rng.normal(size=(3, 40, 5))
        self.x2, self.y2 = self.x.reshape(120, 6), self.y.reshape(120, 5)

    def test_procrustes_and_cka_against_numpy(self):
        self.assertAlmostEqual(steer.procrustes_distance(self.x2, self.y2), numpy_procrustes(self.x2, self.y2), delta=1e-12)
        self.assertEqual(steer.procrustes_distance(self.x, self.y), steer.procrustes_distance(self.x2, self.y2))
        self.assertAlmostEqual(steer.linear_cka(self.x2, self.y2), numpy_cka(self.x2, self.y2), delta=1e-12)
        self.assertAlmostEqual(steer.cka_distance(self.x, self.y), 1 - numpy_cka(self.x2, self.y2), delta=1e-12)

    def test_procrustes_rotation_reaches_the_minimum(self):
        # min_Q ‖X̃/‖X̃‖ − Ỹ Q/‖Ỹ‖‖_F = √(2 − 2 cos θ) (numerics/similarity/procrustes.hpp), y padded to 6 columns.
        q = steer.procrustes_rotation(self.x2, self.y2)
        np.testing.assert_allclose(q @ q.T, np.eye(6), atol=1e-12)
        x, y = centred(self.x2), np.pad(centred(self.y2), ((0, 0), (0, 1)))
        residual = np.linalg.norm(x / np.linalg.norm(x) - y @ q / np.linalg.norm(y))
        theta = steer.procrustes_distance(self.x2, self.y2) * np.pi / 2
        self.assertAlmostEqual(residual, np.sqrt(2 - 2 * np.cos(theta)), delta=1e-12)

    def test_cca_without_regularisation_gives_canonical_correlations(self):
        r = steer.cca(self.x2, self.y2, components=6, regularisation=0.0)
        np.testing.assert_allclose(r["singular_values"], numpy_canonical_correlations(self.x2, self.y2), atol=1e-10)
        self.assertAlmostEqual(r["distance"], 1 - np.mean(r["correlations"]), delta=1e-15)

    def test_dsa_of_a_system_with_itself_is_zero(self):
        r = steer.dsa(self.x, self.x, components=4, delays=2, rank=6)
        self.assertLess(r["distance"], 1e-6)
        self.assertAlmostEqual(r["distance"], r["angle"] / np.pi, delta=1e-15)

    def test_same_distances_as_the_cli(self):
        with tempfile.TemporaryDirectory() as tmp:
            a, b = os.path.join(tmp, "a.npy"), os.path.join(tmp, "b.npy")
            np.save(a, self.x)
            np.save(b, self.y)
            for metric in ("procrustes", "cka", "cca", "dsa"):
                with self.subTest(metric=metric):
                    cli = support.run_cli("similarity", a, b, "--metric", metric, "--cca-components", 5,
                                          "--dsa-components", 4, "--dsa-delays", 2, "--dsa-rank", 6, "--seed", 3)
                    ours = steer.similarity_distance(metric, self.x, self.y, cca_components=5, dsa_components=4,
                                                     dsa_delays=2, dsa_rank=6, seed=3)
                    self.assertEqual(ours, cli["distance"])

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.procrustes_distance(self.x2, self.y2[:100])
        self.assertIn("both must hold the same samples", str(e.exception))
        with self.assertRaises(ValueError) as e:
            steer.similarity_distance("euclid", self.x, self.y)
        self.assertIn("euclid", str(e.exception))
        with self.assertRaises(ValueError) as e:
            steer.procrustes_distance(np.zeros(5), self.y2)
        self.assertEqual(str(e.exception), "x must be a (samples, units) or (conditions, times, units) array, got shape (5,)")


class Hatsopoulos(unittest.TestCase):
    def test_loader_against_the_csv(self):
        rates = steer.load_hatsopoulos_rates()
        self.assertEqual(rates.shape, (8, 121, 141))
        source = os.path.join(os.path.dirname(__file__), "..", "..", "data", "hatsopoulos2007", "firing_rates.csv")
        with open(source) as f:
            rows = [row for _, row in zip(range(300), csv.DictReader(f))]
        for row in rows[::37]:
            self.assertEqual(rates[int(row["direction"]), int(row["time_bin"]), int(row["neuron"])], float(row["rate_hz"]))


if __name__ == "__main__":
    unittest.main()
