// `steer predict --model DIR --input FILE`: labels for images in an IDX or .npy file by a model
// trained by steer train, preprocessed exactly as in training (the entangled transform with the
// model's seeded G) and read out after inference from the zero state (spec steering-learning
// §5, §6; validation/learning/prediction.hpp).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>

#include "numerics/atomic_file.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "validation/learning/prediction.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct predict_options {
  common_options common;
  std::string model_dir;
  std::string input;
};

void run_predict(const predict_options& o) {
  apply_common_options(o.common);
  const validation::loaded_model model = validation::load_trained_model(o.model_dir);
  const validation::image_batch images = validation::read_image_file(o.input);
  const numerics::matrix_f features = validation::image_features(model.config, images, "--input " + o.input);
  const std::string stem = std::filesystem::path(o.input).stem().string();
  const auto out = prepare_output_directory(o.common.out.empty() ? "results/predict/" + stem : o.common.out);
  const validation::readout_predictions predictions = validation::predict_with_margins(model.network, features);
  std::vector<std::int64_t> counts(static_cast<std::size_t>(model.config.model.classes), 0);
  for (const int label : predictions.labels) ++counts[static_cast<std::size_t>(label)];
  double margin_sum = 0.0;
  for (const double m : predictions.margins) margin_sum += m;
  const json results = {{"model", o.model_dir}, {"input", o.input}, {"input_shape", images.shape},
                        {"images", predictions.labels.size()}, {"label_counts", counts},
                        {"mean_margin", margin_sum / static_cast<double>(predictions.labels.size())},
                        {"predictions_file", (out / "predictions.csv").string()}};
  numerics::write_file_atomically(out / "predictions.csv", validation::predictions_csv(predictions));
  write_sidecar(out, "predict", "predict", results);
  if (o.common.json) {
    print_json(results);
    return;
  }
  fmt::print("{} images {}: labels in {}\nimages per predicted label: {}\n", predictions.labels.size(), images.shape,
             (out / "predictions.csv").string(), fmt::join(counts, " "));
}

}  // namespace

void register_predict(CLI::App& app) {
  auto o = std::make_shared<predict_options>();
  auto* command = app.add_subcommand("predict", "Labels for images (IDX or .npy) by a model trained by steer train");
  add_text_option(*command, "--model", o->model_dir, "Run directory of steer train (its latest checkpoint)")->required();
  add_text_option(*command, "--input", o->input,
                  "Images: IDX unsigned bytes (like MNIST's idx3-ubyte) or .npy (integer 0..255 or float in [0, 1]), "
                  "shape (n, 28, 28) or (n, 784)")
      ->required();
  add_common_options(*command, o->common,
                     "Directory for predictions.csv (index,label,margin) and predict.json (default results/predict/<input name>)");
  command->callback([o] { run_predict(*o); });
}

}  // namespace steer::tools
