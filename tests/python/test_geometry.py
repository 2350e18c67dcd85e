"""Geometry of a fixed-point set (spec §4.1, §4.3) against all-pairs Hamming distances in NumPy and
SciPy's connected components, and the Hamming-ball count against enumeration."""
import os
import tempfile
import unittest

import numpy as np
from scipy.sparse.csgraph import connected_components

import support
import steer


def first_seen_labels(labels):
    """Relabel components 0, 1, … in the order of their first (smallest) state."""
    order = {}
    return np.array([order.setdefault(x, len(order)) for x in labels])


class Geometry(unittest.TestCase):
    def setUp(self):
        self.n = 14
        self.j = steer.sample_couplings(self.n, 0.6, seed=21)
        self.states = steer.enumerate_fixed_points(self.j)
        self.distances = support.hamming(self.states)
        self.assertGreater(len(self.states), 20)

    def test_components_against_scipy(self):
        for flips in (1, 2, 3):
            with self.subTest(max_flips=flips):
                adjacency = (self.distances >= 1) & (self.distances <= flips)
                _, labels = connected_components(adjacency, directed=False)
                ids = steer.connected_components(self.states, self.n, max_flips=flips)
                np.testing.assert_array_equal(ids, first_seen_labels(labels))

    def test_neighbours_and_nearest_against_numpy(self):
        counts = steer.neighbours_at_distance(self.states, self.n, max_distance=4)
        self.assertEqual(counts.shape, (len(self.states), 4))
        for d in range(1, 5):
            np.testing.assert_array_equal(counts[:, d - 1], (self.distances == d).sum(axis=1))
        others = np.where(self.distances == 0, self.n + 1, self.distances)
        np.testing.assert_array_equal(steer.nearest_neighbour_distances(self.states, self.n), others.min(axis=1))

    def test_network_geometry_sums(self):
        g = steer.analyse_network_geometry(self.states, self.n, max_flips=2, max_distance=3)
        self.assertEqual(g["fixed_points"], len(self.states))
        self.assertEqual(g["component_sizes"].sum(), len(self.states))
        for d in range(1, 4):
            self.assertEqual(g["neighbour_pairs"][d - 1], (self.distances == d).sum())
            self.assertAlmostEqual(g["log_one_plus_neighbours"][d - 1], np.log1p((self.distances == d).sum(axis=1)).sum(), delta=1e-9)

    def test_same_numbers_as_steer_clusters(self):
        with tempfile.TemporaryDirectory() as tmp:
            matrix = os.path.join(tmp, "j.npy")
            np.save(matrix, self.j)
            cli = support.run_cli("clusters", "--couplings", matrix, "--max-flips", 2, "--max-distance", 3)
        g = steer.analyse_network_geometry(self.states, self.n, max_flips=2, max_distance=3)
        sizes, components = np.unique(g["component_sizes"], return_counts=True)
        self.assertEqual(cli["component_size_distribution"], {"size": sizes.tolist(), "components": components.tolist()})
        sizes, components = np.unique(g["component_sizes_max_flips"], return_counts=True)
        self.assertEqual(cli["component_size_distribution_max_flips"], {"size": sizes.tolist(), "components": components.tolist()})
        nearest = g["nearest_distance_histogram"]
        distances = np.flatnonzero(nearest[1:]) + 1  # the CLI lists the distances that occur (index 0: alone)
        self.assertEqual(cli["nearest_neighbor_distance_distribution"],
                         {"distance": distances.tolist(), "fixed_points": nearest[distances].tolist()})
        np.testing.assert_allclose(cli["mean_neighbors_at_distance"], g["neighbour_pairs"] / len(self.states), rtol=1e-15)

    def test_hamming_ball_against_enumeration(self):
        for centre, row in zip(self.states[:5], self.distances[:5]):
            ball = steer.hamming_ball_count(self.j, centre, 3)
            np.testing.assert_array_equal(ball["fixed_points_at_distance"], [(row == d).sum() for d in (1, 2, 3)])
            self.assertEqual(ball["states_checked"], 14 + 91 + 364)

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.connected_components(self.states[::-1], self.n)
        self.assertIn("states must be ascending and distinct", str(e.exception))
        single_flips = (self.states[0] * np.where(np.arange(self.n) == i, -1, 1) for i in range(self.n))
        not_fixed = next(s for s in single_flips if not support.is_fixed_point(self.j, s))
        with self.assertRaises(ValueError) as e:
            steer.hamming_ball_count(self.j, not_fixed, 1)
        self.assertEqual(str(e.exception), "ball count: the centre is not a fixed point")


if __name__ == "__main__":
    unittest.main()
