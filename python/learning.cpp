// validation/learning/prediction.hpp: the labels a model trained by `steer train` gives to a split
// of its own data set (inference from the zero state, spec steering-learning §5), as `steer
// evaluate --model DIR` computes them: load the last checkpoint, rebuild the task, predict.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <optional>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "validation/learning/prediction.hpp"
#include "validation/learning/training_run.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {

void bind_learning(py::module_& m) {
  m.def(
      "evaluate_model",
      [](const std::string& model, const std::string& split, const std::optional<std::string>& data_dir) {
        if (split != "train" && split != "eval")
          throw std::invalid_argument(fmt::format("split must be train or eval, got '{}'", split));
        const auto [labels, predictions] = without_gil([&] {
          validation::loaded_model loaded = validation::load_trained_model(model);
          if (data_dir) loaded.config.data_dir = *data_dir;
          const numerics::learning_task task = validation::load_task(loaded.config);
          const numerics::labelled_set& set = split == "train" ? task.train : task.eval;
          return std::make_pair(set.labels, validation::predict_with_margins(loaded.network, set.inputs));
        });
        std::size_t right = 0;
        for (std::size_t k = 0; k < labels.size(); ++k) right += predictions.labels[k] == labels[k] ? 1 : 0;
        return py::dict("samples"_a = labels.size(),
                        "accuracy"_a = static_cast<double>(right) / static_cast<double>(labels.size()),
                        "true_labels"_a = to_numpy(labels), "labels"_a = to_numpy(predictions.labels),
                        "margins"_a = to_numpy(predictions.margins));
      },
      "model"_a, "split"_a = "eval", "data_dir"_a = py::none(),
      "The model of the last finished epoch of the `steer train` run directory `model` on the 'train' or 'eval'\n"
      "split of its own data set (data_dir overrides the stored data.dir): dict(samples, accuracy, true_labels,\n"
      "labels (argmax of the readout field, first on ties), margins (readout field of the label minus the\n"
      "runner-up's)) — what `steer evaluate --model DIR --split S` reports (its confusion matrix is\n"
      "np.add.at(np.zeros((C, C), int), (true_labels, labels), 1)). ValueError with the CLI's message for a\n"
      "directory without a checkpoint or a corrupt one.");
}

}  // namespace steer::python
