// `steer train`: trains the steering learner (spec steering-learning) from a YAML config with
// the reference's key names, resumable per epoch (validation/learning/training_run.hpp).
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct train_options {
  common_options common;
  std::string config_file;
  std::vector<std::string> settings;
  bool help_config = false;
  std::int64_t stop_after_epochs = 0;  // 0: train to num_epochs
};

void print_config_help() {
  fmt::print("Keys of steer train configs (YAML; nested reference keys are dotted, e.g. data.P):\n\n");
  for (const validation::config_key_help& key : validation::config_keys()) {
    fmt::print("{:<40} {:<16} default {:<12} unit {:<14} {}\n", key.name, key.type, key.default_value, key.unit, key.meaning);
  }
}

json epochs_json(const std::vector<validation::epoch_metrics>& epochs) {
  json out = json::array();
  for (const auto& m : epochs) {
    out.push_back({{"epoch", m.epoch}, {"train_accuracy", m.train_accuracy}, {"eval_accuracy", m.eval_accuracy},
                   {"unstable_fraction", m.unstable_fraction}, {"mean_stability", m.mean_stability},
                   {"train_seconds", m.train_seconds}, {"samples_per_second", m.samples_per_second},
                   {"epoch_seconds", m.epoch_seconds}});
  }
  return out;
}

void run_train(const train_options& o, bool seed_given) {
  const bool progress = apply_common_options(o.common);
  validation::training_config config;
  if (!o.config_file.empty()) validation::apply_yaml_file(config, o.config_file);
  for (const std::string& setting : o.settings) validation::apply_setting(config, setting);
  if (seed_given) config.model.seed = o.common.seed;
  validation::finalize_config(config);
  const std::string stem = o.config_file.empty() ? "defaults" : std::filesystem::path(o.config_file).stem().string();
  const auto out = prepare_output_directory(o.common.out.empty() ? "results/train/" + stem : o.common.out);
  const validation::run_outcome outcome =
      validation::run_training(config, out, {progress, !o.common.quiet && !o.common.json},
                               o.stop_after_epochs > 0 ? std::optional<int>(static_cast<int>(o.stop_after_epochs)) : std::nullopt);
  const bool finished = static_cast<int>(outcome.epochs.size()) == config.num_epochs;
  json results = {{"config", validation::config_to_json(config)}, {"epochs", epochs_json(outcome.epochs)},
                  {"resumed_epochs", outcome.resumed_epochs}, {"finished", finished},
                  {"model_file", outcome.model_file.string()}};
  if (!outcome.epochs.empty()) {
    results["final_train_accuracy"] = outcome.epochs.back().train_accuracy;
    results["final_eval_accuracy"] = outcome.epochs.back().eval_accuracy;
  }
  write_sidecar(out, "train", "train", results);
  if (o.common.json) print_json(results);
}

}  // namespace

void register_train(CLI::App& app) {
  auto o = std::make_shared<train_options>();
  auto* command = app.add_subcommand("train", "Train a binary recurrent network by steering its dynamics (resumable per epoch)");
  add_text_option(*command, "--config", o->config_file, "YAML config (reference key names; see --help-config)");
  command->add_option("--set", o->settings, "Override one key: --set key=value (YAML value, e.g. lr_J=0.01, threshold=[0.9,3])")
      ->take_all();
  command->add_flag("--help-config", o->help_config, "List every config key with its default, unit and meaning");
  add_integer_option(*command, "--stop-after-epochs", o->stop_after_epochs, 0, 100000,
                     "Stop after training this many epochs in this run (0: train to num_epochs); rerunning resumes "
                     "and ends with the same model as one uninterrupted run (for time-limited batch jobs)");
  add_common_options(*command, o->common,
                     "Run directory (default results/train/<config name>): checkpoint.json, model_epoch_NNNN.bin, "
                     "metrics.csv, train.json; rerunning resumes");
  command->callback([o, command] {
    if (o->help_config) {
      print_config_help();
      return;
    }
    run_train(*o, command->get_option("--seed")->count() > 0);
  });
}

}  // namespace steer::tools
