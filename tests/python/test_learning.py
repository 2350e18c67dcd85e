"""evaluate_model against `steer evaluate --json --out` on a model `steer train` makes here (the tiny synthetic
config of tests/tools/train_cli_test.cpp): the same accuracy, the same per-sample labels and margins as its
predictions.csv (bit for bit: shortest round-trip doubles), its confusion matrix rebuilt in NumPy; refusals."""
import csv
import os
import subprocess
import tempfile
import unittest

import numpy as np

import support
import steer

TINY = ["--quiet", "--set", "data.dataset=synthetic", "N=30", "H=40", "data.P=20", "data.P_eval=10", "data.synthetic.C=3",
        "batch_size=5", "max_steps_train=3", "num_epochs=2"]


class Learning(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        cls.model = os.path.join(cls.scratch.name, "run")
        subprocess.run([support.STEER_EXECUTABLE, "train", *TINY, "--out", cls.model], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def test_same_predictions_as_steer_evaluate(self):
        for split in ("eval", "train"):
            with self.subTest(split=split):
                out = os.path.join(self.scratch.name, "evaluate_" + split)
                cli = support.run_cli("evaluate", "--model", self.model, "--split", split, "--out", out)
                ours = steer.evaluate_model(self.model, split=split)
                self.assertEqual(ours["samples"], cli["samples"])
                self.assertEqual(ours["accuracy"], cli["accuracy"])
                with open(os.path.join(out, "predictions.csv")) as f:
                    rows = list(csv.DictReader(f))
                np.testing.assert_array_equal(ours["true_labels"], [int(r["true_label"]) for r in rows])
                np.testing.assert_array_equal(ours["labels"], [int(r["label"]) for r in rows])
                np.testing.assert_array_equal(ours["margins"], [float(r["margin"]) for r in rows])
                classes = len(cli["confusion_matrix_true_by_predicted"])
                confusion = np.zeros((classes, classes), dtype=int)
                np.add.at(confusion, (ours["true_labels"], ours["labels"]), 1)
                np.testing.assert_array_equal(confusion, cli["confusion_matrix_true_by_predicted"])
                self.assertEqual(ours["accuracy"], np.mean(ours["labels"] == ours["true_labels"]))
                self.assertTrue((ours["margins"] >= 0).all())

    def test_bad_input(self):
        with self.assertRaises(ValueError) as e:
            steer.evaluate_model("/nonexistent/run")
        self.assertIn("has no checkpoint.json", str(e.exception))
        with self.assertRaises(ValueError) as e:
            steer.evaluate_model(self.model, split="test")
        self.assertEqual(str(e.exception), "split must be train or eval, got 'test'")


if __name__ == "__main__":
    unittest.main()
