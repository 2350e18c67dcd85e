// `steer count-mc`: ln #FP of one network beyond enumeration by Wang–Landau sampling of the
// density of states of E = number of unstable units (issue 9 item 9; method and calibration:
// docs/numerics/fixed_points/count_mc.md), beside the annealed ln E[#FP]; with --networks, the quenched
// ⟨ln #FP⟩ over sampled networks; with --exact (N ≤ 36), the enumerated count and z-scores.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/coupling_io.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/sampled_ensemble_options.hpp"
#include "validation/fixed_points/count_mc_calibration.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct count_mc_cli {
  common_options common;
  sampled_ensemble_options ensemble{.n = 40, .networks = 1};
  std::int64_t network = 0;  // the first network's index
  std::string couplings_file;
  numerics::count_mc_options estimator;
  bool exact = false;
  std::optional<validation::shard_spec> shard;
};

// Beyond ~4000 neurons a walk needs hours; the bound catches typos.
constexpr int max_count_mc_neurons = 4096;

json or_null(const std::optional<double>& x) { return x ? json(*x) : json(nullptr); }

// ln E[#FP] (spec eq. 2, or its correlated-coupling form); null where no closed form exists.
json annealed_log_count(int n, double self_coupling, double symmetry) {
  if (symmetry == 0.0) return theory::log_expected_fixed_points(n, self_coupling);
  if (symmetry > 0.0) return theory::log_expected_fixed_points_correlated(n, self_coupling, symmetry);
  return nullptr;
}

json network_json(const validation::count_mc_network& r) {
  const auto& e = r.estimate;
  std::uint64_t proposals = 0, accepted = 0;
  int lowest = e.n, late = 0, converged = 0;
  json per_run = json::array();
  for (const auto& run : e.runs) {
    proposals += run.proposals;
    accepted += run.accepted;
    lowest = std::min(lowest, run.lowest_energy);
    late += run.late_bins;
    converged += run.converged ? 1 : 0;
    per_run.push_back(run.visited_zero ? json(run.log_fixed_points) : json(nullptr));
  }
  json out = {{"network", r.network},
              {"log_fixed_points", e.log_fixed_points ? json(e.log_fixed_points->mean) : json(nullptr)},
              {"log_fixed_points_error", e.log_fixed_points ? json(e.log_fixed_points->sem) : json(nullptr)},
              {"log_fixed_points_per_run", per_run},
              {"runs_visiting_zero", e.runs_visiting_zero},
              {"runs_converged", converged},
              {"lowest_energy", lowest},
              {"top_energy", e.top_energy},
              {"late_bins", late},
              {"proposals", proposals},
              {"acceptance", proposals > 0 ? static_cast<double>(accepted) / static_cast<double>(proposals) : 0.0}};
  if (r.exact_count) {
    out["exact_fixed_points"] = *r.exact_count;
    out["exact_log_fixed_points"] = *r.exact_count > 0 ? json(std::log(static_cast<double>(*r.exact_count))) : json(nullptr);
    out["z"] = or_null(r.z_score());
  }
  return out;
}

json parameters_json(const count_mc_cli& o, int n) {
  return {{"n", n}, {"runs", o.estimator.runs}, {"final_log_f", o.estimator.final_log_f},
          {"flatness", o.estimator.flatness}, {"max_sweeps", o.estimator.max_sweeps}, {"seed", o.common.seed}};
}

void print_network(const json& r) {
  if (r["log_fixed_points"].is_null()) {
    fmt::print("network {}: no estimate ({} of {} runs visited E = 0, {} converged; lowest E reached {})\n",
               r["network"].dump(), r["runs_visiting_zero"].dump(), r["log_fixed_points_per_run"].size(),
               r["runs_converged"].dump(), r["lowest_energy"].dump());
  } else {
    fmt::print("network {}: ln #FP = {:.4f} ± {:.4f}", r["network"].dump(), r["log_fixed_points"].get<double>(),
               r["log_fixed_points_error"].get<double>());
    if (r.contains("exact_log_fixed_points") && !r["exact_log_fixed_points"].is_null())
      fmt::print(" (exact {:.4f}, z = {})", r["exact_log_fixed_points"].get<double>(), r["z"].dump());
    fmt::print("\n");
  }
}

json calibration_json(const validation::count_mc_calibration_summary& s) {
  return {{"networks_compared", s.compared}, {"within_one_sigma", s.within_one_sigma},
          {"within_two_sigma", s.within_two_sigma}, {"mean_z", s.mean_z}, {"rms_z", s.rms_z},
          {"max_abs_z", s.max_abs_z}, {"mean_abs_error", s.mean_abs_error}};
}

// CSV, sidecar and stdout of a run from its per-network rows and its result JSON: the same for
// one process, MPI ranks and merged shards. Wall time and resume history stay out of both (they
// differ between runs that give the same numbers).
void write_outputs(const count_mc_cli& o, const json& result, const std::vector<json>& rows, const std::filesystem::path& out) {
  if (!out.empty()) {
    std::string csv = "network,log_fixed_points,log_fixed_points_error,runs_visiting_zero,exact_log_fixed_points,z\n";
    for (const auto& r : rows)
      csv += fmt::format("{},{},{},{},{},{}\n", r["network"].dump(), r["log_fixed_points"].is_null() ? "" : r["log_fixed_points"].dump(),
                         r["log_fixed_points_error"].is_null() ? "" : r["log_fixed_points_error"].dump(), r["runs_visiting_zero"].dump(),
                         r.contains("exact_log_fixed_points") && !r["exact_log_fixed_points"].is_null() ? r["exact_log_fixed_points"].dump() : "",
                         r.contains("z") && !r["z"].is_null() ? r["z"].dump() : "");
    numerics::write_file_atomically(out / "count_mc.csv", csv);
    write_sidecar(out, "count_mc", "count-mc", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  for (const auto& r : rows) print_network(r);
  if (result.contains("annealed_log_expected_fixed_points"))
    fmt::print("annealed ln E[#FP] = {}\n", result["annealed_log_expected_fixed_points"].dump());
  if (result.contains("quenched_log_fixed_points"))
    fmt::print("quenched <ln #FP> = {} ± {} over {} networks\n", result["quenched_log_fixed_points"].dump(),
               result["quenched_log_fixed_points_error"].dump(), result["networks_with_estimate"].dump());
  if (result.contains("networks_without_estimate") && !result["networks_without_estimate"].empty())
    fmt::print("quenched <ln #FP>: inconclusive - networks {} have no estimate; the mean leaves them out and is biased up\n",
               result["networks_without_estimate"].dump());
  if (result.contains("calibration")) fmt::print("calibration: {}\n", result["calibration"].dump());
}

void run_user_matrix(count_mc_cli& o, bool progress) {
  o.estimator.seed = o.common.seed;
  o.estimator.progress = progress;
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const auto couplings = numerics::read_couplings(o.couplings_file);
  if (couplings.size() < 2) throw std::invalid_argument(fmt::format("--couplings {}: N must be >= 2", o.couplings_file));
  json result = network_json(validation::count_mc_one_network(couplings, 0, o.estimator, o.exact));
  result.update(parameters_json(o, couplings.size()));
  result["couplings"] = o.couplings_file;
  write_outputs(o, result, {result}, out);
}

validation::count_mc_ensemble_config ensemble_config(const count_mc_cli& o) {
  validation::count_mc_ensemble_config config;
  config.ensemble = {o.ensemble.n, o.ensemble.self_coupling, o.ensemble.symmetry};
  config.first_network = static_cast<std::uint64_t>(o.network);
  config.networks = o.ensemble.networks;
  config.estimator = o.estimator;
  config.estimator.seed = o.common.seed;
  config.exact = o.exact;
  config.program_version = steer_build_version();
  config.notes = !o.common.quiet;
  return config;
}

// The ensemble's result from its networks in order.
void write_ensemble_outputs(const count_mc_cli& o, std::vector<validation::count_mc_network> networks,
                            const std::filesystem::path& out) {
  const validation::count_mc_ensemble_config config = ensemble_config(o);
  const auto ensemble = validation::summarise_count_mc(config, std::move(networks));
  const sampled_ensemble_options& e = o.ensemble;
  std::vector<json> rows;
  for (const auto& r : ensemble.per_network) rows.push_back(network_json(r));
  json result;
  if (e.networks == 1) {
    result = rows.front();
  } else {
    result = {{"first_network", o.network}, {"networks", e.networks},
              {"networks_with_estimate", ensemble.networks_with_estimate},
              {"per_network", rows}};
    const auto& q = ensemble.quenched_log_fixed_points;
    result["networks_without_estimate"] = ensemble.networks_without_estimate;
    result["quenched_log_fixed_points"] = q ? json(q->mean) : json(nullptr);
    result["quenched_log_fixed_points_error"] = q ? json(q->sem) : json(nullptr);
    result["quenched_entropy"] = q ? json(q->mean / e.n) : json(nullptr);
    result["quenched_entropy_error"] = q ? json(q->sem / e.n) : json(nullptr);
    if (ensemble.calibration) result["calibration"] = calibration_json(*ensemble.calibration);
  }
  result.update(parameters_json(o, e.n));
  result.update({{"self_coupling", e.self_coupling}, {"symmetry", e.symmetry},
                 {"annealed_log_expected_fixed_points", annealed_log_count(e.n, e.self_coupling, e.symmetry)},
                 {"annealed_entropy", e.symmetry == 0.0 ? json(theory::fixed_point_entropy(e.self_coupling)) : json(nullptr)}});
  write_outputs(o, result, rows, out);
}

// Every parameter that changes an ensemble run's results: the key of its shards.
json run_parameters(const count_mc_cli& o) {
  json p = sampled_ensemble_key(o.ensemble, o.common.seed);
  p.update({{"network", o.network}, {"runs", o.estimator.runs}, {"final_log_f", o.estimator.final_log_f},
            {"flatness", o.estimator.flatness}, {"max_sweeps", o.estimator.max_sweeps}, {"exact", o.exact}});
  return p;
}

count_mc_cli options_from(const json& p, const common_options& output) {
  auto o = options_with_ensemble<count_mc_cli>(p, output);
  o.network = p.at("network").get<std::int64_t>();
  o.estimator.runs = p.at("runs").get<int>();
  o.estimator.final_log_f = p.at("final_log_f").get<double>();
  o.estimator.flatness = p.at("flatness").get<double>();
  o.estimator.max_sweeps = p.at("max_sweeps").get<std::int64_t>();
  o.exact = p.at("exact").get<bool>();
  return o;
}

void run_ensemble(const count_mc_cli& o, bool progress) {
  validation::count_mc_ensemble_config config = ensemble_config(o);
  config.ensemble.validate();
  config.estimator.validate();
  if (o.exact && o.ensemble.n > validation::max_exact_count_mc_neurons)
    throw std::invalid_argument(fmt::format("--exact: enumeration is limited to N <= {} here, got N = {}",
                                            validation::max_exact_count_mc_neurons, o.ensemble.n));
  const ensemble_role role = start_ensemble(o.ensemble.networks, o.shard, o.common, progress);
  // Every process saves its finished networks under --out/networks, so a rerun of any of them resumes.
  if (!o.common.out.empty()) {
    config.units_dir = std::filesystem::path(o.common.out) / "networks";
    std::filesystem::create_directories(config.units_dir);
  }
  const auto units = run_ensemble_units<validation::count_mc_network>(
      role, ensemble_key("count-mc", run_parameters(o)), validation::count_mc_network_codec(config), o.common,
      [&](validation::index_range range, bool show) {
        validation::count_mc_ensemble_config mine = config;
        mine.progress = show && o.ensemble.networks > 1;
        mine.estimator.progress = show && o.ensemble.networks == 1;
        auto networks = validation::run_count_mc_networks(mine, range);
        note_resumed_networks("count-mc", std::count_if(networks.begin(), networks.end(), [](const auto& r) { return r.resumed; }),
                              range.size(), config.units_dir, o.common);
        return networks;
      });
  if (units) write_ensemble_outputs(o, std::move(*units), role.out);
}

}  // namespace

void register_count_mc(CLI::App& app) {
  auto o = std::make_shared<count_mc_cli>();
  auto* command = app.add_subcommand(
      "count-mc", "ln #FP of one network beyond enumeration (Wang-Landau on the number of unstable units), with an "
                  "error bar from independent walks; --networks for the quenched average, --exact to compare with "
                  "enumeration (N <= 36)");
  auto* n = add_integer_option(*command, "--n", o->ensemble.n, 2, max_count_mc_neurons, "Number of neurons N");
  auto* jd = add_real_option(*command, "--self-coupling", o->ensemble.self_coupling, "Self-coupling J_D");
  auto* eta =
      add_real_option(*command, "--symmetry", o->ensemble.symmetry, "Correlation of J_ij and J_ji", -1.0, 1.0);
  auto* network = add_integer_option(*command, "--network", o->network, 0, (std::int64_t{1} << 43) - 1,
                                     "Index of the (first) sampled network under --seed");
  auto* networks = add_integer_option(*command, "--networks", o->ensemble.networks, 1, max_networks,
                                      "Networks --network, --network + 1, ...: quenched <ln #FP> over them");
  auto* couplings = add_text_option(*command, "--couplings", o->couplings_file,
                  "Count this N×N matrix instead (text or .npy, as `steer enumerate --couplings`; diagonal = "
                  "self-couplings)")
      ->excludes(n)->excludes(jd)->excludes(eta)->excludes(network)->excludes(networks);
  add_integer_option(*command, "--runs", o->estimator.runs, 2, numerics::max_count_mc_runs,
                     "Independent Wang-Landau walks per network; the error bar is the SEM of their estimates");
  add_real_option(*command, "--final-log-f", o->estimator.final_log_f,
                  "Stop a walk when ln f (= bins/t in the 1/t phase) falls below this; cost ~ bins/final-log-f "
                  "proposals, error ~ sqrt(final-log-f)", 1e-12, 0.5);
  add_real_option(*command, "--flatness", o->estimator.flatness,
                  "Phase 1 halves ln f when every visited bin holds >= flatness x the mean visits (0: every bin "
                  "visited once, Belardinelli-Pereyra)", 0.0, 0.99);
  add_integer_option(*command, "--max-sweeps", o->estimator.max_sweeps, 0, std::int64_t{1} << 40,
                     "Sweeps (N proposals) after which a walk stops unconverged (0: no cap)");
  command->add_flag("--exact", o->exact, "Also enumerate every network exactly (N <= 36) and give the z-score");
  add_common_options(*command, o->common,
                     "Directory for count_mc.csv, count_mc.json and networks/ (finished networks; a rerun with the "
                     "same parameters resumes)");
  add_shard_option(*command, o->shard)->excludes(couplings);
  register_shard_merger("count-mc", [](const json& parameters, const std::vector<json>& units,
                                       const common_options& output, const std::filesystem::path& out) {
    const count_mc_cli merged = options_from(parameters, output);
    check_merged_unit_count(units, merged.ensemble.networks);
    write_ensemble_outputs(merged, validation::decode_units(validation::count_mc_network_codec(ensemble_config(merged)), units),
                           out);
  });
  set_ensemble_or_matrix_callback(*command, o, run_ensemble, run_user_matrix);
}

}  // namespace steer::tools
