#include "validation/learning/training_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/learning/image_datasets.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "numerics/progress.hpp"
#include "numerics/rng_stream.hpp"
#include "solvers/learning/relaxation.hpp"
#include "validation/learning/model_file.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;
using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

json metrics_json(const epoch_metrics& m) {
  return {{"epoch", m.epoch}, {"train_accuracy", m.train_accuracy}, {"eval_accuracy", m.eval_accuracy},
          {"unstable_fraction", m.unstable_fraction}, {"mean_stability", m.mean_stability},
          {"train_seconds", m.train_seconds}, {"samples_per_second", m.samples_per_second},
          {"epoch_seconds", m.epoch_seconds}};
}

epoch_metrics metrics_from_json(const json& j) {
  epoch_metrics m;
  m.epoch = j.at("epoch").get<int>();
  m.train_accuracy = j.at("train_accuracy").get<double>();
  m.eval_accuracy = j.at("eval_accuracy").get<double>();
  m.unstable_fraction = j.at("unstable_fraction").get<std::vector<double>>();
  m.mean_stability = j.at("mean_stability").get<std::vector<double>>();
  m.train_seconds = j.at("train_seconds").get<double>();
  m.samples_per_second = j.at("samples_per_second").get<double>();
  m.epoch_seconds = j.at("epoch_seconds").get<double>();
  return m;
}

std::string layer_name(std::size_t l, std::size_t layers) {
  return l == layers ? std::string("readout") : fmt::format("layer{}", l + 1);
}

std::string metrics_csv(const std::vector<epoch_metrics>& epochs, int layers) {
  const auto count = static_cast<std::size_t>(layers);
  std::string csv = "epoch,train_accuracy,eval_accuracy";
  for (std::size_t l = 0; l <= count; ++l) csv += ",unstable_fraction_" + layer_name(l, count);
  for (std::size_t l = 0; l <= count; ++l) csv += ",mean_stability_" + layer_name(l, count);
  csv += ",train_seconds,samples_per_second,epoch_seconds\n";
  for (const epoch_metrics& m : epochs) {
    csv += fmt::format("{},{},{}", m.epoch, m.train_accuracy, m.eval_accuracy);
    for (const double v : m.unstable_fraction) csv += fmt::format(",{}", v);
    for (const double v : m.mean_stability) csv += fmt::format(",{}", v);
    csv += fmt::format(",{},{},{}\n", m.train_seconds, m.samples_per_second, m.epoch_seconds);
  }
  return csv;
}

// The key whose value differs between two configs (num_epochs excluded: a run may be extended).
std::string first_difference(const json& a, const json& b) {
  for (const auto& [key, value] : a.items()) {
    if (key != "num_epochs" && (!b.contains(key) || b.at(key) != value)) return key;
  }
  for (const auto& item : b.items()) {
    if (!a.contains(item.key())) return item.key();  // left out of `a` at its default (train_config.cpp), set in `b`
  }
  return "";
}

struct resumed_run {
  solvers::steering_network network;
  std::vector<epoch_metrics> epochs;
};

std::optional<resumed_run> resume(const training_config& config, const std::filesystem::path& out) {
  const auto checkpoint = out / "checkpoint.json";
  if (!std::filesystem::exists(checkpoint)) return std::nullopt;
  std::ifstream in(checkpoint);
  json saved;
  try {
    saved = json::parse(std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
    const std::string differs = first_difference(config_to_json(config), saved.at("config"));
    if (!differs.empty()) {
      throw std::invalid_argument(fmt::format("{} holds a run with another value of {} ({}); use another --out",
                                              out.string(), differs, saved.at("config").value(differs, json()).dump()));
    }
    loaded_model model = read_model_file(out / saved.at("model_file").get<std::string>());
    resumed_run run{std::move(model.network), {}};
    for (const json& m : saved.at("epochs")) run.epochs.push_back(metrics_from_json(m));
    if (run.epochs.size() > static_cast<std::size_t>(config.num_epochs)) {
      throw std::invalid_argument(fmt::format("{} already holds {} epochs, more than num_epochs = {}", out.string(),
                                              run.epochs.size(), config.num_epochs));
    }
    return run;
  } catch (const json::exception& e) {
    throw std::invalid_argument(fmt::format("{}: corrupt checkpoint: {}", checkpoint.string(), e.what()));
  }
}

void save_checkpoint(const training_config& config, const solvers::steering_network& net,
                     const std::vector<epoch_metrics>& epochs, const std::filesystem::path& out) {
  const int epoch = epochs.empty() ? 0 : epochs.back().epoch;  // 0: the initial network (num_epochs = 0)
  const std::string name = fmt::format("model_epoch_{:04d}.bin", epoch);
  numerics::write_file_atomically(out / name, model_bytes(config, net));
  json metrics = json::array();
  for (const epoch_metrics& m : epochs) metrics.push_back(metrics_json(m));
  const json checkpoint = {{"format", 1}, {"config", config_to_json(config)}, {"model_file", name}, {"epochs", metrics}};
  // The checkpoint names its model only once that model is complete; older models go after.
  numerics::write_file_atomically(out / "checkpoint.json", checkpoint.dump(1) + "\n");
  numerics::write_file_atomically(out / "metrics.csv", metrics_csv(epochs, config.model.layers));
  if (epoch > 0) std::filesystem::remove(out / fmt::format("model_epoch_{:04d}.bin", epoch - 1));
}

}  // namespace

numerics::learning_task load_task(const training_config& c) {
  const auto& m = c.model;
  if (c.dataset == "mnist" || c.dataset == "fashionmnist") {
    const auto which = c.dataset == "mnist" ? numerics::image_dataset::mnist : numerics::image_dataset::fashion_mnist;
    return numerics::entangled_images(c.data_dir, which, m.inputs, c.p_per_class, c.p_eval_per_class, m.seed);
  }
  if (c.dataset == "synthetic") {
    return numerics::prototype_task(m.inputs, m.classes, c.p_per_class, c.p_eval_per_class, c.synthetic_flip, m.seed);
  }
  return numerics::hetero_association_task(m.inputs, m.classes, c.p_per_class, m.seed);
}

double accuracy(const solvers::steering_network& net, const numerics::labelled_set& set) {
  const std::vector<int> predicted = solvers::predict(net, set.inputs);
  std::size_t right = 0;
  for (std::size_t k = 0; k < predicted.size(); ++k) right += predicted[k] == set.labels[k] ? 1 : 0;
  return static_cast<double>(right) / static_cast<double>(predicted.size());
}

std::optional<double> curriculum_of_epoch(const training_config& config, int epoch) {
  if (config.begin_curriculum >= 1.0) return std::nullopt;
  const double start = config.begin_curriculum * config.num_epochs;
  if (static_cast<double>(epoch - 1) < start - 1e-9 * std::max(1.0, start)) return std::nullopt;
  return config.p_curriculum;
}

solvers::stability_sums train_epoch(solvers::steering_network& net, const numerics::labelled_set& train, int batch_size,
                                    int epoch, const std::function<void(const running_epoch&)>& after_batch,
                                    std::optional<double> p_curriculum) {
  const auto size = static_cast<std::size_t>(train.size());
  std::vector<std::size_t> order(size);
  std::iota(order.begin(), order.end(), std::size_t{0});
  numerics::rng_stream stream(net.parameters.seed, static_cast<std::uint64_t>(epoch), numerics::stream_purpose::learning_epoch_order);
  for (std::size_t i = size; i > 1; --i) std::swap(order[i - 1], order[stream.next_u64() % i]);
  const auto layers = static_cast<std::size_t>(net.parameters.layers);
  running_epoch running;
  running.sums = {std::vector<double>(layers + 1), std::vector<double>(layers + 1), std::vector<double>(layers + 1)};
  const auto b = static_cast<std::size_t>(batch_size);
  numerics::matrix_f inputs(train.features(), batch_size);
  std::vector<int> labels(b);
  std::vector<std::uint64_t> ids(b);
  solvers::field_set fields;
  for (std::size_t first = 0; first + b <= size; first += b) {  // the last incomplete batch is dropped (P13)
    for (std::size_t k = 0; k < b; ++k) {
      inputs.col(static_cast<Eigen::Index>(k)) = train.inputs.col(static_cast<Eigen::Index>(order[first + k]));
      labels[k] = train.labels[order[first + k]];
      ids[k] = static_cast<std::uint64_t>(epoch - 1) * size + first + k;
    }
    const bool check = after_batch && running.batches % accuracy_check_interval == 0;
    std::vector<int> predicted;
    if (check || p_curriculum) predicted = solvers::predict(net, inputs);
    if (check) {
      for (std::size_t k = 0; k < b; ++k) running.correct += predicted[k] == labels[k] ? 1 : 0;
      running.checked += b;
    }
    std::size_t kept = b;
    if (p_curriculum) {  // the kept samples move to the front, in order
      kept = 0;
      for (std::size_t k = 0; k < b; ++k) {
        const double keep = predicted[k] != labels[k] ? *p_curriculum : 1.0 - *p_curriculum;
        if (numerics::rng_stream(net.parameters.seed, ids[k], numerics::stream_purpose::learning_curriculum).uniform_open() >= keep) {
          continue;
        }
        inputs.col(static_cast<Eigen::Index>(kept)) = inputs.col(static_cast<Eigen::Index>(k));
        labels[kept] = labels[k];
        ids[kept++] = ids[k];
      }
    }
    if (kept > 0) {
      const std::vector<std::uint64_t> kept_ids(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(kept));
      solvers::batch_state state =
          solvers::zero_state(net, inputs.leftCols(static_cast<Eigen::Index>(kept)), labels.data(), kept_ids);
      solvers::steer_dynamics(net, state, fields);
      running.sums.add(solvers::apply_plasticity(net, state, fields));
    }
    ++running.batches;
    if (after_batch) after_batch(running);
  }
  return running.sums;
}

std::string running_note(const running_epoch& running, std::uint64_t batches) {
  const solvers::stability_sums& s = running.sums;
  const std::size_t readout = s.count.size() - 1;
  double unstable = 0.0, count = 0.0;  // all hidden layers together
  for (std::size_t l = 0; l < readout; ++l) {
    unstable += s.unstable[l];
    count += s.count[l];
  }
  const std::string accuracy =
      running.checked == 0 ? std::string("-") : fmt::format("{:.3f}", double(running.correct) / double(running.checked));
  return fmt::format("batch {}/{}, running train accuracy {} ({} samples), unstable hidden {:.3f}, readout {:.3f}",
                     running.batches, batches, accuracy, running.checked, count > 0 ? unstable / count : 0.0,
                     s.count[readout] > 0 ? s.unstable[readout] / s.count[readout] : 0.0);
}

run_outcome run_training(const training_config& config, const std::filesystem::path& out, run_display display,
                         std::optional<int> stop_after_epochs) {
  const numerics::learning_task task = load_task(config);
  std::optional<resumed_run> resumed = resume(config, out);
  solvers::steering_network net = resumed ? std::move(resumed->network) : solvers::steering_network(config.model);
  run_outcome outcome;
  if (resumed) outcome.epochs = std::move(resumed->epochs);
  outcome.resumed_epochs = static_cast<int>(outcome.epochs.size());
  const auto batches = static_cast<std::uint64_t>(task.train.size() / config.batch_size);
  const int last_epoch =
      stop_after_epochs ? std::min(config.num_epochs, outcome.resumed_epochs + *stop_after_epochs) : config.num_epochs;
  for (int epoch = outcome.resumed_epochs + 1; epoch <= last_epoch; ++epoch) {
    solvers::enter_schedule_epoch(net, config.model, config.schedule, epoch);  // multi-step phases, if any
    const auto start = clock_type::now();
    solvers::stability_sums sums;
    {
      const auto batch = static_cast<std::uint64_t>(config.batch_size);
      numerics::progress_meter meter(fmt::format("epoch {}/{} samples", epoch, config.num_epochs), batches * batch,
                                     display.progress);
      const auto show = [&](const running_epoch& running) {
        meter.set_note(running_note(running, batches));
        meter.advance(batch);
      };
      // Only a visible progress line pays for the running accuracy's inference.
      sums = train_epoch(net, task.train, config.batch_size, epoch,
                         display.progress ? std::function<void(const running_epoch&)>(show) : nullptr,
                         curriculum_of_epoch(config, epoch));
    }
    epoch_metrics m;
    m.epoch = epoch;
    m.train_seconds = seconds_since(start);
    m.samples_per_second = static_cast<double>(batches * static_cast<std::uint64_t>(config.batch_size)) / m.train_seconds;
    for (std::size_t l = 0; l < sums.count.size(); ++l) {
      // An epoch whose curriculum kept no sample reports 0 for both (nothing was unstable).
      const double count = std::max(sums.count[l], 1.0);
      m.unstable_fraction.push_back(sums.unstable[l] / count);
      m.mean_stability.push_back(sums.stability[l] / count);
    }
    m.train_accuracy = accuracy(net, task.train);
    m.eval_accuracy = accuracy(net, task.eval);
    m.epoch_seconds = seconds_since(start);
    outcome.epochs.push_back(m);
    save_checkpoint(config, net, outcome.epochs, out);
    if (display.summaries) {
      fmt::print(stderr, "epoch {}/{}: train accuracy {:.4f}, eval accuracy {:.4f}, unstable hidden {:.4f}, {:.0f} samples/s, {:.1f} s\n",
                 epoch, config.num_epochs, m.train_accuracy, m.eval_accuracy, m.unstable_fraction.front(),
                 m.samples_per_second, m.epoch_seconds);
    }
  }
  if (outcome.epochs.empty()) save_checkpoint(config, net, outcome.epochs, out);
  outcome.model_file = latest_model_file(out);
  return outcome;
}

std::filesystem::path latest_model_file(const std::filesystem::path& run_dir) {
  const auto checkpoint = run_dir / "checkpoint.json";
  std::ifstream in(checkpoint);
  if (!in) throw std::invalid_argument(fmt::format("--model: {} has no checkpoint.json (not a steer train run)", run_dir.string()));
  try {
    const json saved = json::parse(std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
    return run_dir / saved.at("model_file").get<std::string>();
  } catch (const json::exception& e) {
    throw std::invalid_argument(fmt::format("{}: corrupt checkpoint: {}", checkpoint.string(), e.what()));
  }
}

}  // namespace steer::validation
