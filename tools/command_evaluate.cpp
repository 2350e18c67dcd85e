// `steer evaluate --model DIR`: accuracy and confusion matrix of a trained steering learner
// (inference from the zero state, spec steering-learning §5) on its train or eval split, and
// each sample's label and readout margin (validation/learning/prediction.hpp, as steer predict).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

#include "numerics/atomic_file.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "validation/learning/prediction.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct evaluate_options {
  common_options common;
  std::string model_dir;
  std::string split = "eval";
  std::string data_dir;
};

void run_evaluate(const evaluate_options& o) {
  apply_common_options(o.common);
  validation::loaded_model model = validation::load_trained_model(o.model_dir);
  if (!o.data_dir.empty()) model.config.data_dir = o.data_dir;
  const numerics::learning_task task = validation::load_task(model.config);
  const numerics::labelled_set& set = o.split == "train" ? task.train : task.eval;
  const validation::readout_predictions predictions = validation::predict_with_margins(model.network, set.inputs);
  const std::vector<int>& predicted = predictions.labels;
  const auto classes = static_cast<std::size_t>(set.classes);
  std::vector<std::vector<std::int64_t>> confusion(classes, std::vector<std::int64_t>(classes, 0));
  std::size_t right = 0;
  for (std::size_t k = 0; k < predicted.size(); ++k) {
    ++confusion[static_cast<std::size_t>(set.labels[k])][static_cast<std::size_t>(predicted[k])];
    right += predicted[k] == set.labels[k] ? 1 : 0;
  }
  const double accuracy = static_cast<double>(right) / static_cast<double>(predicted.size());
  const json results = {{"model", o.model_dir}, {"split", o.split}, {"samples", predicted.size()},
                        {"accuracy", accuracy}, {"confusion_matrix_true_by_predicted", confusion}};
  if (!o.common.out.empty()) {
    const auto out = prepare_output_directory(o.common.out);
    std::string csv = "true_label,predicted_label,count\n";
    for (std::size_t t = 0; t < classes; ++t) {
      for (std::size_t p = 0; p < classes; ++p) csv += fmt::format("{},{},{}\n", t, p, confusion[t][p]);
    }
    numerics::write_file_atomically(out / "confusion.csv", csv);
    numerics::write_file_atomically(out / "predictions.csv", validation::predictions_csv(predictions, &set.labels));
    write_sidecar(out, "evaluate", "evaluate", results);
  }
  if (o.common.json) {
    print_json(results);
    return;
  }
  fmt::print("{} split: {} samples, accuracy {:.4f}\nconfusion matrix (rows: true label, columns: predicted)\n",
             o.split, predicted.size(), accuracy);
  for (const auto& row : confusion) fmt::print("{}\n", fmt::join(row, " "));
}

}  // namespace

void register_evaluate(CLI::App& app) {
  auto o = std::make_shared<evaluate_options>();
  auto* command = app.add_subcommand("evaluate", "Accuracy and confusion matrix of a model trained by steer train");
  add_text_option(*command, "--model", o->model_dir, "Run directory of steer train (its latest checkpoint)")->required();
  command->add_option("--split", o->split, "Which split of the model's data set")
      ->check(CLI::IsMember({"train", "eval"}))->capture_default_str();
  add_text_option(*command, "--data-dir", o->data_dir, "Override the data folder stored in the model (data.dir)");
  add_common_options(*command, o->common, "Directory for confusion.csv, predictions.csv (index,true_label,label,margin) and evaluate.json");
  command->callback([o] { run_evaluate(*o); });
}

}  // namespace steer::tools
