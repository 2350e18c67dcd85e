// `steer bench train`: training and inference samples/s of the steering learner on a config's
// shapes, against the reference-shaped dense work (train_reference_shaped.hpp) measured in the
// same run with the same products, and against this implementation on Eigen's products (to show
// what the AVX-512 kernels add). Inputs are random ±1 patterns with random labels: throughput
// does not depend on the data, and no data set is needed.
#include <fmt/format.h>
#include <omp.h>

#include <chrono>
#include <memory>

#include "numerics/atomic_file.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "solvers/learning/relaxation.hpp"
#include "solvers/learning/training_schedule.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/train_reference_shaped.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;
using clock_type = std::chrono::steady_clock;

struct bench_train_options {
  common_options common;
  std::string config_file;
  std::vector<std::string> settings;
  int batches = 20;
};

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

// The epoch timed: epoch 1, or under a multi-step schedule the first epoch after the warm-up, whose
// hidden couplings learn as the reference-shaped baseline's do (warm-up epochs train the readout only).
int timed_epoch(const solvers::training_schedule& s) { return s.couplings + s.full > 0 ? s.warmup + 1 : 1; }

double train_rate(const validation::training_config& c, const numerics::labelled_set& set) {
  solvers::steering_network net(c.model);
  const int epoch = timed_epoch(c.schedule);
  solvers::enter_schedule_epoch(net, c.model, c.schedule, epoch);  // that epoch's learning rates and W_back
  const auto start = clock_type::now();
  validation::train_epoch(net, set, c.batch_size, epoch, {});
  return double(set.size()) / seconds_since(start);
}

void run_bench_train(const bench_train_options& o) {
  apply_common_options(o.common);
  validation::training_config c;
  if (!o.config_file.empty()) validation::apply_yaml_file(c, o.config_file);
  for (const std::string& setting : o.settings) validation::apply_setting(c, setting);
  c.model.seed = o.common.seed;
  validation::finalize_config(c);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const int per_class = (o.batches * c.batch_size + c.model.classes - 1) / c.model.classes;
  numerics::labelled_set set = numerics::hetero_association_task(c.model.inputs, c.model.classes, per_class, c.model.seed).train;
  set.inputs.conservativeResize(Eigen::NoChange, Eigen::Index{o.batches} * c.batch_size);
  set.labels.resize(static_cast<std::size_t>(set.inputs.cols()));

  const double ours = train_rate(c, set);
  const solvers::steering_network fresh(c.model);
  const auto start_inference = clock_type::now();
  solvers::predict(fresh, set.inputs);
  const double inference = double(set.size()) / seconds_since(start_inference);
  reference_shaped_trainer reference(c.model);
  const auto start_reference = clock_type::now();
  for (Eigen::Index first = 0; first < set.size(); first += c.batch_size) reference.train_batch(set.inputs, first, c.batch_size);
  const double dense = double(set.size()) / seconds_since(start_reference);
  const std::string kernel = numerics::active_product_kernel();
  numerics::set_product_kernel(numerics::product_kernel::eigen);
  const double ours_eigen = train_rate(c, set);
  numerics::set_product_kernel(numerics::product_kernel::automatic);

  const json results = {{"config", o.config_file}, {"N", c.model.inputs}, {"H", c.model.hidden}, {"L", c.model.layers},
                        {"timed_epoch", timed_epoch(c.schedule)},
                        {"T", c.model.steps_train}, {"batch_size", c.batch_size}, {"samples", set.size()},
                        {"threads", omp_get_max_threads()}, {"kernel", kernel},
                        {"train_samples_per_second", ours}, {"inference_samples_per_second", inference},
                        {"reference_shaped_train_samples_per_second", dense}, {"speedup", ours / dense},
                        {"train_samples_per_second_eigen_products", ours_eigen}};
  if (!out.empty()) write_sidecar(out, "bench_train", "bench train", results);
  if (o.common.json) {
    print_json(results);
    return;
  }
  fmt::print("training: {:.1f} samples/s ({} products), {:.1f} with Eigen products\ninference: {:.1f} samples/s\n"
             "reference-shaped dense training: {:.1f} samples/s\nspeedup: {:.2f}x\n",
             ours, kernel, ours_eigen, inference, dense, ours / dense);
}

}  // namespace

void register_bench_train(CLI::App& bench) {
  auto o = std::make_shared<bench_train_options>();
  o->common.seed = 17;
  auto* command = bench.add_subcommand("train", "Steering-learner training/inference samples/s vs the reference-shaped dense work");
  add_text_option(*command, "--config", o->config_file, "YAML config of steer train (shapes and T; data is random)");
  command->add_option("--set", o->settings, "Override one config key: --set key=value")->take_all();
  add_integer_option(*command, "--batches", o->batches, 1, 100000, "Training batches measured per implementation");
  add_common_options(*command, o->common, "Directory for bench_train.json");
  command->callback([o] { run_bench_train(*o); });
}

}  // namespace steer::tools
