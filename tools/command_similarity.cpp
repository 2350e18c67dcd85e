// `steer similarity`: representational similarity of two activity arrays (spec
// rate-rnn-credit-assignment §7), the neuron-split noise floor of the shipped Hatsopoulos 2007
// recordings, and a model's normalised distances to them (§7.5, §8.2).
//   steer similarity [--metric M] A B          distance between two arrays (+ rotation with --out)
//   steer similarity noise-floor [--data DIR]  d1 over neuron splits, condition-average baseline
//   steer similarity compare --model X.npy     d1, d2, d3, d̂2, d̂3 with SDs and the paired test d2 vs d1
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>

#include "numerics/array_io.hpp"
#include "numerics/atomic_file.hpp"
#include "numerics/progress.hpp"
#include "numerics/similarity/activity_io.hpp"
#include "numerics/similarity/hatsopoulos.hpp"
#include "numerics/similarity/noise_floor.hpp"
#include "numerics/similarity/procrustes.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/similarity_options.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct pair_options {
  common_options common;
  similarity_cli_options similarity;
  std::string a, b;
};

struct floor_options {
  common_options common;
  similarity_cli_options similarity;
  std::string data;
  std::string model;
  int splits = 0;
};

numerics::similarity_options parameters(const similarity_cli_options& s, std::uint64_t seed) {
  numerics::similarity_options p = s.parameters;
  p.dsa.procrustes.seed = seed;
  return p;
}

void run_pair(CLI::App& command, const pair_options& o) {
  if (!command.get_subcommands().empty()) return;  // a subcommand ran instead
  if (o.a.empty() || o.b.empty())
    throw std::invalid_argument("similarity: give two activity files A B, or a subcommand (noise-floor, compare)");
  apply_common_options(o.common);
  const auto metric = numerics::parse_similarity_metric(o.similarity.metric);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const numerics::activity_array a = numerics::read_activity(o.a), b = numerics::read_activity(o.b);
  numerics::require_same_layout(a, b, o.a, o.b);
  const numerics::similarity_options p = parameters(o.similarity, o.common.seed);
  // DSA's optimiser says whether it reached a verified maximum (else the distance is an upper bound).
  std::optional<numerics::dsa_result> dsa;
  if (metric == numerics::similarity_metric::dsa) dsa = numerics::dsa(a, b, p.dsa);
  const double distance = dsa ? dsa->distance : numerics::similarity_distance(metric, a, b, p);
  json result = {{"metric", o.similarity.metric}, {"distance", distance},        {"a", o.a},
                 {"b", o.b},                      {"conditions", a.conditions()}, {"times", a.times()},
                 {"units_a", a.units()},          {"units_b", b.units()}};
  if (dsa) {
    result["converged"] = dsa->converged;
    result["gradient_norm"] = dsa->gradient_norm;
  }
  if (!out.empty()) {
    if (metric == numerics::similarity_metric::procrustes) {
      // Q maps B's (zero-padded) units onto A's: Ỹ Q ≈ X̃ up to scale (docs/numerics/similarity/procrustes.md).
      const Eigen::MatrixXd q = numerics::procrustes_rotation(a.samples(), b.samples());
      std::vector<double> values(static_cast<std::size_t>(q.size()));
      for (Eigen::Index i = 0; i < q.rows(); ++i)
        for (Eigen::Index j = 0; j < q.cols(); ++j) values[static_cast<std::size_t>(i * q.cols() + j)] = q(i, j);
      const auto n = static_cast<std::size_t>(q.rows());
      numerics::write_file_atomically(out / "rotation.npy", numerics::npy_bytes({n, n}, values));
      result["rotation"] = (out / "rotation.npy").string();
    }
    write_sidecar(out, "similarity", "similarity", result);
  }
  if (o.common.json)
    print_json(result);
  else
    fmt::print("{} distance: {:.6g}{}\n", o.similarity.metric, distance,
               dsa && !dsa->converged ? " (not converged: an upper bound)" : "");
}

json summary(const numerics::mean_with_sd& s) { return {{"mean", s.mean}, {"sd", s.sd}}; }

void write_splits_csv(const std::filesystem::path& file, const numerics::noise_floor_result& r) {
  std::string csv = "split,d1,d2,d3,d2_hat,d3_hat\n";
  for (std::size_t k = 0; k < r.splits.size(); ++k) {
    const auto& s = r.splits[k];
    csv += fmt::format("{},{},{},{},{},{}\n", k, s.d1, s.d2, s.d3, s.d2_hat, s.d3_hat);
  }
  numerics::write_file_atomically(file, csv);
}

// noise-floor (no model) and compare (with --model) share everything but the model.
void run_floor(const floor_options& o, const char* name) {
  const bool progress = apply_common_options(o.common);
  const auto metric = numerics::parse_similarity_metric(o.similarity.metric);
  const auto data_dir = o.data.empty() ? default_hatsopoulos_directory() : std::filesystem::path(o.data);
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const numerics::activity_array data = numerics::load_hatsopoulos_rates(data_dir);
  numerics::noise_floor_options options{metric, parameters(o.similarity, o.common.seed), o.splits, o.common.seed};
  const int splits = numerics::split_count(options);
  numerics::progress_meter meter(fmt::format("similarity {}", name), static_cast<std::uint64_t>(splits), progress);
  json result = {{"metric", o.similarity.metric}, {"splits", splits}, {"seed", o.common.seed},
                 {"data", data_dir.string()},     {"neurons", data.units()}};
  numerics::noise_floor_result r;
  if (o.model.empty()) {
    r = numerics::data_noise_floor(data, options, &meter);
    result["noise_floor"] = r.d1.mean;
    result["sd"] = r.d1.sd;
  } else {
    const numerics::activity_array model = numerics::read_activity(o.model);
    r = numerics::compare_model_to_data(model, data, options, &meter);
    result["model"] = o.model;
    result["units"] = model.units();
    result["d2"] = summary(r.d2);
    result["d2_hat"] = summary(r.d2_hat);
    // Spec §8.2, Table 3's "vs floor": paired over splits (d2 − d1 per split).
    std::vector<double> d1, d2;
    for (const auto& s : r.splits) {
      d1.push_back(s.d1);
      d2.push_back(s.d2);
    }
    if (splits >= 2) {
      const auto test = numerics::paired_t_test(d2, d1);
      result["d2_vs_d1_paired_t"] = {{"t", test.t}, {"df", test.degrees_of_freedom}, {"p", test.p_value}};
    }
  }
  result["d1"] = summary(r.d1);
  result["d3"] = summary(r.d3);
  result["d3_hat"] = summary(r.d3_hat);
  result["split_size"] = r.split_size;
  result["condition_average_baseline"] = r.full_data_baseline;
  if (!out.empty()) {
    write_splits_csv(out / "splits.csv", r);
    write_sidecar(out, name, fmt::format("similarity {}", name), result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  fmt::print("{} over {} splits of {} neurons into {} + {}\n", o.similarity.metric, splits, data.units(), r.split_size,
             r.split_size);
  fmt::print("  d1 (data-data floor)      {:.4f} ± {:.4f}\n", r.d1.mean, r.d1.sd);
  if (!o.model.empty()) {
    fmt::print("  d2 (model-data)           {:.4f} ± {:.4f}\n", r.d2.mean, r.d2.sd);
    fmt::print("  d̂2 (normalised)           {:.4f} ± {:.4f}\n", r.d2_hat.mean, r.d2_hat.sd);
  }
  fmt::print("  d3 (condition average)    {:.4f} ± {:.4f}\n", r.d3.mean, r.d3.sd);
  fmt::print("  d̂3 (normalised)           {:.4f} ± {:.4f}\n", r.d3_hat.mean, r.d3_hat.sd);
  fmt::print("  D(Y, Ȳ) full data         {:.4f}\n", r.full_data_baseline);
}

void add_floor_options(CLI::App& command, floor_options& o, const std::string& out_help) {
  add_text_option(command, "--data", o.data, "Folder with firing_rates.csv (default: the shipped data/hatsopoulos2007)");
  add_integer_option(command, "--splits", o.splits, 0, 100000, "Neuron splits (0: 100, or 5 for dsa; spec 7.5)");
  add_similarity_options(command, o.similarity);
  add_common_options(command, o.common, out_help);
}

}  // namespace

void register_similarity(CLI::App& app) {
  auto* similarity = app.add_subcommand(
      "similarity", "Distance between activity arrays (procrustes, cca, cka, dsa); noise floors on neural data");
  auto pair = std::make_shared<pair_options>();
  add_text_option(*similarity, "A", pair->a, "Activity file: .npy (conditions, times, units) or tidy/wide .csv");
  add_text_option(*similarity, "B", pair->b, "Second activity file, same conditions and times");
  add_similarity_options(*similarity, pair->similarity);
  add_common_options(*similarity, pair->common, "Directory for similarity.json (+ rotation.npy for procrustes)");
  similarity->callback([similarity, pair] { run_pair(*similarity, *pair); });

  auto floor = std::make_shared<floor_options>();
  auto* noise = similarity->add_subcommand("noise-floor", "Data-data distance over random neuron splits (spec 7.5)");
  add_floor_options(*noise, *floor, "Directory for splits.csv + noise-floor.json");
  noise->callback([floor] { run_floor(*floor, "noise-floor"); });

  auto versus = std::make_shared<floor_options>();
  auto* compare = similarity->add_subcommand("compare", "A model's d1, d2, d3 and normalised distances to the data");
  add_text_option(*compare, "--model", versus->model, "Model activity (.npy (8, 121, N) or .csv), same conditions and times")
      ->required();
  add_floor_options(*compare, *versus, "Directory for splits.csv + compare.json");
  compare->callback([versus] { run_floor(*versus, "compare"); });
}

}  // namespace steer::tools
