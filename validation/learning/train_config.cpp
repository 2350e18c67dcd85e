#include "validation/learning/train_config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace steer::validation {
namespace {

using nlohmann::json;
using solvers::steering_parameters;

struct key_spec {
  config_key_help help;
  std::function<void(training_config&, const YAML::Node&)> set;
  std::function<json(const training_config&)> get;
  // Keys added after checkpoints were first written are left out of the JSON at their default,
  // so older checkpoints and model files still resume and read the same.
  bool omitted_at_default = false;
};

key_spec omitted_at_default(key_spec key) {
  key.omitted_at_default = true;
  return key;
}

std::string scalar_text(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  std::ostringstream out;
  out << YAML::Dump(node);
  return out.str();
}

template <class T>
T convert(const YAML::Node& node, const std::string& key, const char* what) {
  try {
    if (!node.IsScalar()) throw YAML::BadConversion(node.Mark());
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw std::invalid_argument(fmt::format("config key {}: expected {}, got '{}'", key, what, scalar_text(node)));
  }
}

template <class T, class Access>
key_spec typed_key(std::string name, const char* type, std::string unit, std::string meaning, Access access) {
  const training_config defaults;
  return {{name, type, json(access(defaults)).dump(), std::move(unit), std::move(meaning)},
          [name, type, access](training_config& c, const YAML::Node& v) { access(c) = convert<T>(v, name, type); },
          [access](const training_config& c) { return json(access(c)); }};
}

template <class Access>
key_spec real_key(std::string name, std::string unit, std::string meaning, Access access) {
  return typed_key<double>(std::move(name), "a number", std::move(unit), std::move(meaning), access);
}
template <class Access>
key_spec int_key(std::string name, std::string unit, std::string meaning, Access access) {
  return typed_key<int>(std::move(name), "an integer", std::move(unit), std::move(meaning), access);
}
template <class Access>
key_spec bool_key(std::string name, std::string meaning, Access access) {
  return typed_key<bool>(std::move(name), "true or false", "-", std::move(meaning), access);
}
template <class Access>
key_spec text_key(std::string name, std::string meaning, Access access) {
  return typed_key<std::string>(std::move(name), "a text", "-", std::move(meaning), access);
}

// A number or a list of numbers (a single number is a one-entry list).
template <class Access>
key_spec list_key(std::string name, std::string unit, std::string meaning, Access access) {
  const training_config defaults;
  return {{name, "list of numbers", json(access(defaults)).dump(), std::move(unit), std::move(meaning)},
          [name, access](training_config& c, const YAML::Node& v) {
            std::vector<double> values;
            if (v.IsSequence()) {
              for (const YAML::Node& item : v) values.push_back(convert<double>(item, name, "a number or a list of numbers"));
            } else {
              values.push_back(convert<double>(v, name, "a number or a list of numbers"));
            }
            access(c) = values;
          },
          [access](const training_config& c) { return json(access(c)); }};
}

// A reference key whose other values this version does not implement: only its default passes.
key_spec fixed_key(std::string name, const json& only, std::string meaning) {
  const char* type = only.is_boolean() ? "true or false" : only.is_string() ? "a text" : "a number";
  return {{name, type, only.dump(), "-", meaning + " (reference key; only this value is implemented)"},
          [name, only, type](training_config&, const YAML::Node& v) {
            const bool same = only.is_boolean()  ? convert<bool>(v, name, type) == only.get<bool>()
                              : only.is_string() ? convert<std::string>(v, name, type) == only.get<std::string>()
                                                 : convert<double>(v, name, type) == only.get<double>();
            if (!same) {
              throw std::invalid_argument(
                  fmt::format("config key {}: only {} is implemented, got '{}'", name, only.dump(), scalar_text(v)));
            }
          },
          [only](const training_config&) { return only; }};
}

// symmetric_W takes the reference's values: false, true, "buggy" or "normalize" (spec §4.5).
key_spec feedback_tie_key() {
  using solvers::feedback_tie;
  const std::string name = "symmetric_W", type = "false, true, buggy or normalize";
  return {{name, type, "false", "-",
           "tie W_back to W_forth at initialisation and after each update: true = W_forth^T*sqrt(H)*lambda_wback/"
           "(sqrt(C)*lambda_wforth), buggy = the same /100, normalize = W_forth's row directions with W_back's mean "
           "column norm"},
          [name, type](training_config& c, const YAML::Node& v) {
            const auto text = convert<std::string>(v, name, type.c_str());
            bool flag = false;
            if (YAML::convert<bool>::decode(v, flag)) {
              c.model.symmetric_W = flag ? feedback_tie::transpose : feedback_tie::none;
            } else if (text == "buggy" || text == "normalize") {
              c.model.symmetric_W = text == "buggy" ? feedback_tie::transpose_over_100 : feedback_tie::normalize;
            } else {
              throw std::invalid_argument(fmt::format("config key {}: expected {}, got '{}'", name, type, text));
            }
          },
          [](const training_config& c) {
            switch (c.model.symmetric_W) {
              case feedback_tie::none: return json(false);
              case feedback_tie::transpose: return json(true);
              case feedback_tie::transpose_over_100: return json("buggy");
              case feedback_tie::normalize: return json("normalize");
            }
            return json(false);
          }};
}

// init_mode (spec §3.1): zeros, input or noisy_zeros (local_fields.hpp says which units and streams).
key_spec init_mode_key() {
  using solvers::initial_state_mode;
  const std::string name = "init_mode";
  static const std::vector<std::pair<std::string, initial_state_mode>> modes = {
      {"zeros", initial_state_mode::zeros}, {"input", initial_state_mode::input}, {"noisy_zeros", initial_state_mode::noisy_zeros}};
  return {{name, "a text", "\"zeros\"", "-",
           "initial state of training: zeros; input (x in the first N units of every layer, readout = 0/1 one-hot "
           "label); or noisy_zeros (a batch-wide mask of units, each with probability init_noise, set to random +-1)"},
          [name](training_config& c, const YAML::Node& v) {
            const auto text = convert<std::string>(v, name, "a text");
            for (const auto& [mode_name, mode] : modes) {
              if (text == mode_name) {
                c.model.init_mode = mode;
                return;
              }
            }
            throw std::invalid_argument(fmt::format("config key {}: expected zeros, input or noisy_zeros, got '{}'", name, text));
          },
          [](const training_config& c) {
            for (const auto& [mode_name, mode] : modes) {
              if (c.model.init_mode == mode) return json(mode_name);
            }
            return json("zeros");
          }};
}

// Works on const and non-const configs alike.
#define STEER_FIELD(expr) [](auto& c) -> auto& { return expr; }

const std::vector<key_spec>& key_table() {
  static const std::vector<key_spec> table = {
      typed_key<std::uint64_t>("seed", "a non-negative integer", "-",
                               "master seed: couplings, data subset, projection, epoch order, update masks",
                               STEER_FIELD(c.model.seed)),
      int_key("N", "units", "input size (entangled features per image)", STEER_FIELD(c.model.inputs)),
      int_key("H", "units", "neurons per hidden layer", STEER_FIELD(c.model.hidden)),
      int_key("num_layers", "layers", "number of hidden layers L", STEER_FIELD(c.model.layers)),
      real_key("J_D", "field", "self-coupling on J's diagonal (times lambda_internal)", STEER_FIELD(c.model.self_coupling)),
      int_key("max_steps_train", "sweeps", "T: sweeps per training phase", STEER_FIELD(c.model.steps_train)),
      int_key("max_steps_eval", "sweeps", "sweeps at inference (default: max_steps_train)", STEER_FIELD(c.model.steps_eval)),
      real_key("lambda_y", "field", "label clamp strength on the readout", STEER_FIELD(c.model.lambda_y)),
      real_key("lambda_l", "coupling", "one-to-one forward inter-layer coupling", STEER_FIELD(c.model.lambda_l)),
      real_key("lambda_r", "coupling", "one-to-one backward inter-layer coupling (default: lambda_l)", STEER_FIELD(c.model.lambda_r)),
      list_key("lambda_internal", "factor", "scale of J per hidden layer (one value: all layers)", STEER_FIELD(c.model.lambda_internal)),
      real_key("lambda_fc", "factor", "scale of the random part of learned inter-layer couplings", STEER_FIELD(c.model.lambda_fc)),
      list_key("lambda_input_skip", "factor", "scale of W_in per hidden layer (one value: all layers)", STEER_FIELD(c.model.lambda_input_skip)),
      real_key("lambda_wback", "factor", "scale of the fixed readout feedback W_back", STEER_FIELD(c.model.lambda_wback)),
      real_key("lambda_wforth", "factor", "scale of the readout weights W_forth", STEER_FIELD(c.model.lambda_wforth)),
      list_key("lambda_wback_skip", "factor", "feedback from the readout to layers 1..L-1 (L-1 values)", STEER_FIELD(c.model.lambda_wback_skip)),
      list_key("lambda_wforth_skip", "factor", "readout weights from layers 1..L-1 (L-1 values)", STEER_FIELD(c.model.lambda_wforth_skip)),
      bool_key("fc_left", "learn dense forward inter-layer couplings", STEER_FIELD(c.model.fc_left)),
      bool_key("fc_right", "learn dense backward inter-layer couplings", STEER_FIELD(c.model.fc_right)),
      bool_key("zero_fc_init", "learned inter-layer couplings start from lambda_l*I only", STEER_FIELD(c.model.zero_fc_init)),
      bool_key("symmetric_J_init", "J <- (J + J^T)/2 at initialisation", STEER_FIELD(c.model.symmetric_J_init)),
      real_key("bias_std", "field", "std of the fixed random bias", STEER_FIELD(c.model.bias_std)),
      omitted_at_default(bool_key("asynchronous_sweeps",
                                  "one unit at a time in a random order per sweep (extension; the reference is synchronous)",
                                  STEER_FIELD(c.model.asynchronous_sweeps))),
      bool_key("double_dynamics", "second phase of T sweeps with the feedback off before learning", STEER_FIELD(c.model.double_dynamics)),
      real_key("p_update", "probability", "probability that a unit is updated in a sweep", STEER_FIELD(c.model.p_update)),
      bool_key("use_local_ce", "soft stability gate 1 - sigmoid(beta_ce (h s - theta))", STEER_FIELD(c.model.use_local_ce)),
      real_key("beta_ce", "1/field", "inverse temperature of the soft gate", STEER_FIELD(c.model.beta_ce)),
      list_key("threshold", "field", "margins: L hidden (J_D is added) then the readout's", STEER_FIELD(c.model.threshold)),
      real_key("lr_J", "rate", "learning rate of J and learned inter-layer couplings", STEER_FIELD(c.model.lr_J)),
      real_key("lr_W", "rate", "learning rate of W_forth", STEER_FIELD(c.model.lr_W)),
      real_key("lr_input_skip", "rate", "learning rate of W_in", STEER_FIELD(c.model.lr_input_skip)),
      real_key("lr_wforth_skip", "rate", "learning rate of the readout skips", STEER_FIELD(c.model.lr_wforth_skip)),
      real_key("weight_decay_J", "1/rate", "weight decay of J and learned inter-layer couplings", STEER_FIELD(c.model.weight_decay_J)),
      real_key("weight_decay_W", "1/rate", "weight decay of W_forth", STEER_FIELD(c.model.weight_decay_W)),
      real_key("weight_decay_input_skip", "1/rate", "weight decay of W_in", STEER_FIELD(c.model.weight_decay_input_skip)),
      real_key("weight_decay_wforth_skip", "1/rate", "weight decay of the readout skips", STEER_FIELD(c.model.weight_decay_wforth_skip)),
      int_key("inference_ignore_right", "mode", "field mode at inference and in the stability test (1 or 4)", STEER_FIELD(c.model.inference_ignore_right)),
      bool_key("reference_quirks", "replicate the reference's in-place readout re-mapping (docs/solvers/learning/reference_quirks.md)", STEER_FIELD(c.model.reference_quirks)),
      int_key("batch_size", "samples", "mini-batch size B (the update is a sum / sqrt(B))", STEER_FIELD(c.batch_size)),
      int_key("num_epochs", "epochs", "training epochs (with a multi-step schedule: the sum of its phases)", STEER_FIELD(c.num_epochs)),
      omitted_at_default(int_key("num_epochs_warmup", "epochs",
                                 "multi-step schedule: first phase, readout only with W_back = 0", STEER_FIELD(c.schedule.warmup))),
      omitted_at_default(int_key("num_epochs_couplings", "epochs",
                                 "multi-step schedule: W_back <- W_forth^T (scaled), all but W_forth learn", STEER_FIELD(c.schedule.couplings))),
      omitted_at_default(int_key("num_epochs_full", "epochs", "multi-step schedule: everything learns", STEER_FIELD(c.schedule.full))),
      omitted_at_default(int_key("num_epochs_tuning", "epochs",
                                 "multi-step schedule: last phase, readout only with W_back = 0 and frozen input skips",
                                 STEER_FIELD(c.schedule.tuning))),
      text_key("data.dataset", "mnist, fashionmnist (entangled), synthetic (prototypes) or hetero (random labels)", STEER_FIELD(c.dataset)),
      int_key("data.P", "samples/class", "training samples per class", STEER_FIELD(c.p_per_class)),
      int_key("data.P_eval", "samples/class", "evaluation samples per class", STEER_FIELD(c.p_eval_per_class)),
      int_key("data.synthetic.C", "classes", "classes of the synthetic and hetero tasks (MNIST: 10)", STEER_FIELD(c.model.classes)),
      real_key("data.synthetic.p", "probability", "bit-flip probability of synthetic samples", STEER_FIELD(c.synthetic_flip)),
      text_key("data.dir", "folder holding mnist/ and fashion-mnist/ (scripts/install-datasets.sh)", STEER_FIELD(c.data_dir)),
      init_mode_key(),
      real_key("init_noise", "probability", "init_mode noisy_zeros: probability that a unit starts at a random +-1 (ignored otherwise)",
               STEER_FIELD(c.model.init_noise)),
      fixed_key("lambda_x", 0.0, "left block of layer 1 (asserted 0 by the reference)"),
      fixed_key("lambda_input_output_skip", 0.0, "input -> readout skip"),
      bool_key("double_update", "hidden couplings learn from the phase-1 state, the readout from the final one (needs double_dynamics)",
               STEER_FIELD(c.model.double_update)),
      feedback_tie_key(),
      bool_key("symmetrize_fc", "backward couplings <- (forward couplings of the next layer)^T after each update (needs fc_left)",
               STEER_FIELD(c.model.symmetrize_fc)),
      fixed_key("fc_input", false, "learned dense input block"),
      bool_key("symmetrize_internal_couplings", "J <- (J + J^T)/2 at initialisation and after each update",
               STEER_FIELD(c.model.symmetrize_internal_couplings)),
      bool_key("symmetric_update_internal_couplings", "symmetrised update dJ <- (dJ + dJ^T)/2",
               STEER_FIELD(c.model.symmetric_update_internal_couplings)),
      bool_key("symmetric_threshold_internal_couplings",
               "per sample, dJ_ij kept only where dJ_ji is non-zero too, replaced by their mean (wins over the symmetrised update)",
               STEER_FIELD(c.model.symmetric_threshold_internal_couplings)),
      real_key("begin_curriculum", "fraction", "curriculum from epoch ceil(begin_curriculum*num_epochs)+1 on (1 = off)",
               STEER_FIELD(c.begin_curriculum)),
      omitted_at_default(real_key("p_curriculum", "probability",
                                  "curriculum: keep a misclassified sample with this probability, a right one with 1 - it",
                                  STEER_FIELD(c.p_curriculum))),
  };
  return table;
}

const key_spec& find_key(const std::string& name) {
  for (const key_spec& key : key_table()) {
    if (key.help.name == name) return key;
  }
  throw std::invalid_argument(fmt::format("unknown config key '{}' (steer train --help-config lists them)", name));
}

void set_key(training_config& config, const std::string& name, const YAML::Node& value) {
  find_key(name).set(config, value);
  if (name == "lambda_r") config.lambda_r_set = true;
  if (name == "max_steps_eval") config.steps_eval_set = true;
}

void apply_map(training_config& config, const YAML::Node& node, const std::string& prefix) {
  for (const auto& entry : node) {
    const std::string name = prefix + entry.first.as<std::string>();
    if (entry.second.IsMap()) {
      apply_map(config, entry.second, name + ".");
    } else {
      set_key(config, name, entry.second);
    }
  }
}

void require(bool ok, const std::string& key, const auto& value, const char* rule) {
  if (!ok) throw std::invalid_argument(fmt::format("{} must be {}, got {}", key, rule, value));
}

}  // namespace

std::vector<config_key_help> config_keys() {
  std::vector<config_key_help> help;
  for (const key_spec& key : key_table()) help.push_back(key.help);
  return help;
}

void apply_yaml_text(training_config& config, const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(fmt::format("{}: not valid YAML: {}", source, e.msg));
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) throw std::invalid_argument(fmt::format("{}: expected a map of config keys", source));
  apply_map(config, root, "");
}

void apply_yaml_file(training_config& config, const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument(fmt::format("--config: cannot read {}", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  apply_yaml_text(config, text.str(), file.string());
}

void apply_setting(training_config& config, const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw std::invalid_argument(fmt::format("--set: expected key=value, got '{}'", assignment));
  }
  const std::string name = assignment.substr(0, equals);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(equals + 1));
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(fmt::format("--set {}: not a valid value: {}", name, e.msg));
  }
  set_key(config, name, value);
}

void finalize_config(training_config& config) {
  solvers::steering_parameters& m = config.model;
  if (!config.lambda_r_set) m.lambda_r = m.lambda_l;
  if (!config.steps_eval_set) m.steps_eval = m.steps_train;
  const std::string& d = config.dataset;
  require(d == "mnist" || d == "fashionmnist" || d == "synthetic" || d == "hetero", "data.dataset", d,
          "mnist, fashionmnist, synthetic or hetero");
  if (d == "mnist" || d == "fashionmnist") {
    require(m.classes == 10, "data.synthetic.C", m.classes, "10 for MNIST and Fashion-MNIST");
    require(config.p_per_class >= 1 && config.p_per_class <= 6000, "data.P", config.p_per_class, "in 1..6000 (per class)");
    require(config.p_eval_per_class >= 1 && config.p_eval_per_class <= 1000, "data.P_eval", config.p_eval_per_class,
            "in 1..1000 (per class)");
  } else {
    require(config.p_per_class >= 1 && config.p_per_class <= 1000000, "data.P", config.p_per_class, "in 1..1000000");
    require(config.p_eval_per_class >= 1 && config.p_eval_per_class <= 1000000, "data.P_eval", config.p_eval_per_class,
            "in 1..1000000");
  }
  require(config.synthetic_flip >= 0.0 && config.synthetic_flip <= 1.0, "data.synthetic.p", config.synthetic_flip, "in [0, 1]");
  require(config.batch_size >= 1 && config.batch_size <= config.p_per_class * m.classes, "batch_size", config.batch_size,
          "in 1..(training samples)");
  require(config.num_epochs >= 0 && config.num_epochs <= 100000, "num_epochs", config.num_epochs, "in 0..100000");
  require(config.begin_curriculum >= 0.0 && config.begin_curriculum <= 1.0, "begin_curriculum", config.begin_curriculum, "in [0, 1]");
  require(config.p_curriculum >= 0.0 && config.p_curriculum <= 1.0, "p_curriculum", config.p_curriculum, "in [0, 1]");
  const solvers::training_schedule& s = config.schedule;
  for (const auto& [name, epochs] : {std::pair<const char*, int>{"num_epochs_warmup", s.warmup}, {"num_epochs_couplings", s.couplings},
                                     {"num_epochs_full", s.full}, {"num_epochs_tuning", s.tuning}}) {
    require(epochs >= 0 && epochs <= 100000, name, epochs, "in 0..100000");
  }
  if (s.active()) {
    require(config.num_epochs == s.epochs(), "num_epochs", config.num_epochs,
            "the sum of num_epochs_warmup, _couplings, _full and _tuning with a multi-step schedule");
    // W_back ← W_forthᵀ/λ_wforth when the couplings phase starts (spec §4.6).
    require(m.lambda_wforth != 0.0, "lambda_wforth", m.lambda_wforth, "non-zero with a multi-step schedule");
  }
  m.validate();
}

nlohmann::json config_to_json(const training_config& config) {
  json out = json::object();
  for (const key_spec& key : key_table()) {
    json value = key.get(config);
    if (!key.omitted_at_default || value.dump() != key.help.default_value) out[key.help.name] = std::move(value);
  }
  return out;
}

training_config config_from_json(const nlohmann::json& value) {
  if (!value.is_object()) throw std::invalid_argument("config: expected a JSON object");
  training_config config;
  for (const auto& [name, item] : value.items()) set_key(config, name, YAML::Load(item.dump()));
  finalize_config(config);
  return config;
}

}  // namespace steer::validation
