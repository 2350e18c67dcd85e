// The configuration of a training run: every key with its default, unit and meaning, read from
// YAML (yaml-cpp) and `--set key=value`, with the reference's key names (spec
// steering-learning §7, configs/*.yaml of the reference), so a reference config ports by copying
// keys. Nested reference keys are dotted (data.P). Unknown keys, wrong types and out-of-range
// values are refused with one line naming the key (std::invalid_argument).
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "solvers/learning/steering_parameters.hpp"
#include "solvers/learning/training_schedule.hpp"

namespace steer::validation {

struct training_config {
  solvers::steering_parameters model;
  std::string dataset = "mnist";  // mnist | fashionmnist | synthetic | hetero
  int p_per_class = 6000;         // data.P
  int p_eval_per_class = 1000;    // data.P_eval
  double synthetic_flip = 0.35;   // data.synthetic.p
  std::string data_dir = "data";  // where scripts/install-datasets.sh puts the IDX files
  int batch_size = 16;
  int num_epochs = 20;
  solvers::training_schedule schedule;  // multi_step_train phases (epochs); num_epochs = their sum
  // Curriculum (spec §4.6; training_run.hpp): from epoch ⌈begin_curriculum·num_epochs⌉ + 1 on, a
  // sample is kept with probability p_curriculum if inference misclassifies it, 1 − p_curriculum if not.
  double begin_curriculum = 1.0;  // 1 = off (every baseline)
  double p_curriculum = 0.5;      // no default in the spec; 0.5 keeps every sample with probability 1/2
  bool lambda_r_set = false;      // lambda_r defaults to lambda_l (reference: ${lambda_l})
  bool steps_eval_set = false;    // max_steps_eval defaults to max_steps_train
};

struct config_key_help {
  std::string name, type, default_value, unit, meaning;
};

// Every key, in the order --help-config prints them.
std::vector<config_key_help> config_keys();

// Applies a YAML document (a map; nested maps become dotted keys) on top of `config`.
void apply_yaml_text(training_config& config, const std::string& text, const std::string& source);
void apply_yaml_file(training_config& config, const std::filesystem::path& file);

// Applies one `key=value` (the value is read as YAML: 0.1, true, [0.9, 3.0]).
void apply_setting(training_config& config, const std::string& assignment);

// Resolves the defaults that follow other keys, derives C from the dataset and validates every
// key's range; throws std::invalid_argument naming the key.
void finalize_config(training_config& config);

// Every key → value; config_from_json(config_to_json(c)) == c.
nlohmann::json config_to_json(const training_config& config);
training_config config_from_json(const nlohmann::json& json);

}  // namespace steer::validation
