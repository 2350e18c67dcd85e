// `steer thresholds`: success probability of a fixed-point search algorithm vs J_D, the J_D of
// 50 % success per N with a bootstrap error, and the finite-size extrapolation over several N
// (issue 9 items 6-7; spec fixed-points-theory §6). Resumable per (N, J_D, network); shardable
// (--shard i/n + steer merge) and MPI-parallel over those units (issue 12, tools/ensemble_run.hpp).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/solver_registry.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/fixed_point_search_cli.hpp"
#include "validation/fixed_points/accessibility_threshold.hpp"
#include "validation/fixed_points/threshold_existence.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct thresholds_options {
  common_options common;
  std::string algorithm = "async";
  solvers::solver_settings solver;  // parameters given on the command line (solver_registry.hpp)
  std::string sizes = "200";
  std::string self_couplings = "0:1.5:16";
  std::int64_t networks = 20;
  std::int64_t restarts = 1;
  std::int64_t max_sweeps = 1000;
  std::int64_t bootstrap = 200;
  bool local_density = false;
  int radius = 2;
  std::optional<validation::shard_spec> shard;
};

constexpr int max_threshold_neurons = 20000;

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

// The paper's claim (spec §5, §6): fixed points become accessible only above an algorithm-dependent
// J_D > 0, although they are exponentially many for every J_D > 0. The spec has no number for it
// (§5, §9), so only its existence is checked, per N, by the rule shared with `steer report`
// (validation/fixed_points/threshold_existence.hpp): confirmed when every N PASSes, not confirmed
// when any N FAILs, inconclusive otherwise.
std::string verdict(const std::vector<validation::threshold_result>& results) {
  std::string evidence;
  bool all_pass = true, any_fail = false;
  for (const auto& r : results) {
    const auto e = validation::threshold_existence(r.config.self_couplings, r.wilson, r.threshold);
    all_pass = all_pass && e.verdict == "PASS";
    any_fail = any_fail || e.verdict == "FAIL";
    evidence += fmt::format("{}N={}: {}, J_D*={}, {}", evidence.empty() ? "" : "; ", r.config.n, e.verdict,
                            r.threshold ? fmt::format("{:.4g}", *r.threshold) : "none", e.numbers);
  }
  return fmt::format("{}: a threshold J_D > 0 above which {} dynamics reaches fixed points ({}); its value: no paper "
                     "number to compare (spec §5, §9)",
                     any_fail ? "not confirmed" : all_pass ? "confirmed" : "inconclusive",
                     results.front().config.algorithm, evidence);
}

// The settings as given ({} for the defaults), e.g. {"beta_final": 30, "schedule": "linear"}.
json settings_json(const solvers::solver_settings& s) {
  json values = json::object();
  solvers::for_each_setting(s, [&](const std::string& name, const auto& value) { values[name] = value; });
  return values;
}

solvers::solver_settings settings_from(const json& values) {
  solvers::solver_settings s;
  for (const auto& [name, value] : values.items()) {
    if (name == "schedule")
      s.schedule = solvers::parse_beta_schedule(value.get<std::string>(), "--schedule");
    else
      s.values[name] = value.get<double>();
  }
  return s;
}

json size_json(const validation::threshold_result& r) {
  const auto& c = r.config;
  json curve = {{"self_coupling", c.self_couplings}, {"success", r.success}, {"monotone", r.monotone}};
  json lower = json::array(), upper = json::array(), networks = json::array(), sweeps = json::array();
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    lower.push_back(r.wilson[k].lower);
    upper.push_back(r.wilson[k].upper);
    networks.push_back(c.networks);
    sweeps.push_back(optional_json(r.mean_sweeps_to_converge[k]));
  }
  curve["networks"] = networks;
  curve["wilson_lower"] = lower;
  curve["wilson_upper"] = upper;
  curve["mean_sweeps_to_converge"] = sweeps;
  curve["design_effect"] = r.design_effect;
  json result = {{"algorithm", c.algorithm},
                 {"solver_settings", settings_json(c.solver)},
                 {"n", c.n},
                 {"threshold", optional_json(r.threshold)},
                 {"threshold_error", optional_json(r.threshold_error)},
                 {"max_sweeps", c.max_sweeps},
                 {"restarts", c.restarts},
                 {"bootstrap_replicates", c.bootstrap},
                 {"bootstrap_defined", r.bootstrap_defined},
                 {"bootstrap_undefined_fraction", r.bootstrap_undefined_fraction},
                 {"threshold_flagged", r.threshold_flagged},
                 {"threshold_flag", r.threshold_flag},
                 {"curve", curve}};
  if (c.radius > 0)
    result["local_density"] = {{"radius", c.radius},
                               {"measured_at_distance", r.measured_at_distance},
                               {"typical_at_distance", r.typical_at_distance},
                               {"verdict", "no prediction (a solver does not sample fixed points uniformly; the "
                                           "annealed value is for a typical one)"}};
  return result;
}

json extrapolation_json(const validation::threshold_extrapolation& e) {
  json crossings = json::array();
  for (const auto& c : e.crossings)
    crossings.push_back({{"n_small", c.n_small}, {"n_large", c.n_large}, {"self_coupling", optional_json(c.self_coupling)},
                         {"accepted", c.accepted}, {"status", c.status}, {"error", optional_json(c.error)},
                         {"z_below", optional_json(c.z_below)}, {"z_above", optional_json(c.z_above)},
                         {"bootstrap_undefined_fraction", c.bootstrap_undefined_fraction}});
  json result = {{"method", e.method}, {"reason", e.reason}, {"estimate", optional_json(e.estimate)},
                 {"estimate_error", optional_json(e.estimate_error)}, {"crossings", crossings}};
  if (e.fit)
    result["fit"] = {{"form", e.fit->form}, {"a", e.fit->a}, {"a_error", e.fit->a_error},
                     {"a_error_conditional", e.fit->a_error_conditional}, {"b", e.fit->b},
                     {"nu", optional_json(e.fit->nu)}, {"nu_error", optional_json(e.fit->nu_error)},
                     {"covariance", e.fit->covariance}, {"note", e.fit->note}, {"residuals", e.fit->residuals},
                     {"chi_square", e.fit->chi_square}, {"degrees_of_freedom", e.fit->degrees_of_freedom}};
  return result;
}

std::string curve_csv(const std::vector<validation::threshold_result>& results) {
  std::string csv = "algorithm,n,self_coupling,success,wilson_lower,wilson_upper,monotone,networks,restarts,max_sweeps,"
                    "mean_sweeps_to_converge,measured_at_distance_1,typical_at_distance_1\n";
  for (const auto& r : results)
    for (std::size_t k = 0; k < r.points.size(); ++k) {
      const bool ball = r.config.radius > 0;
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.config.algorithm, r.config.n,
                         r.config.self_couplings[k], r.success[k], r.wilson[k].lower, r.wilson[k].upper, r.monotone[k],
                         r.config.networks, r.config.restarts, r.config.max_sweeps,
                         r.mean_sweeps_to_converge[k] ? fmt::format("{}", *r.mean_sweeps_to_converge[k]) : "",
                         ball && !r.measured_at_distance[k].empty() ? fmt::format("{}", r.measured_at_distance[k][0]) : "",
                         ball ? fmt::format("{}", r.typical_at_distance[k][0]) : "");
    }
  return csv;
}

std::string thresholds_csv(const std::vector<validation::threshold_result>& results,
                           const std::optional<validation::threshold_extrapolation>& e) {
  std::string csv = "algorithm,n,threshold,threshold_error,max_sweeps,kind\n";
  for (const auto& r : results)
    csv += fmt::format("{},{},{},{},{},measured\n", r.config.algorithm, r.config.n,
                       r.threshold ? fmt::format("{}", *r.threshold) : "",
                       r.threshold_error ? fmt::format("{}", *r.threshold_error) : "", r.config.max_sweeps);
  if (e && e->estimate)
    csv += fmt::format("{},inf,{},{},{},{}\n", results.front().config.algorithm, *e->estimate,
                       e->estimate_error ? fmt::format("{}", *e->estimate_error) : "", results.front().config.max_sweeps,
                       e->method == "crossing" ? "crossing" : "extrapolated");
  return csv;
}

void print_text(const validation::threshold_result& r) {
  const auto& c = r.config;
  fmt::print("N={} {}{} ({} sweeps, {} networks x {} restarts): threshold J_D* = {}{}\n", c.n, c.algorithm,
             c.solver.empty() ? "" : " [" + c.solver.label() + "]", c.max_sweeps, c.networks, c.restarts,
             r.threshold ? fmt::format("{:.4g}", *r.threshold) : "not in the grid",
             r.threshold_error ? fmt::format(" +- {:.2g}", *r.threshold_error) : "");
  if (r.threshold_flagged) fmt::print("  flagged: {}\n", r.threshold_flag);
  for (std::size_t k = 0; k < r.points.size(); ++k)
    fmt::print("  J_D={:<8g} success {:.3f} [{:.3f}, {:.3f}]{}{}\n", c.self_couplings[k], r.success[k], r.wilson[k].lower,
               r.wilson[k].upper, r.design_effect[k] > 1.0 ? fmt::format(" (design effect {:.2f})", r.design_effect[k]) : "",
               c.radius > 0 && !r.measured_at_distance[k].empty()
                   ? fmt::format("  fixed points at d=1..{}: {::.3g} (typical {::.3g})", c.radius, r.measured_at_distance[k],
                                 r.typical_at_distance[k])
                   : "");
}

std::vector<validation::threshold_config> configs_of(const thresholds_options& o) {
  const auto sizes = parse_size_list(o.sizes, "--n", 2, max_threshold_neurons);
  const auto grid = parse_range_list(o.self_couplings, "--self-couplings");
  std::vector<validation::threshold_config> configs;
  for (const int n : sizes) {
    configs.push_back({o.algorithm, o.solver, n, grid, o.networks, o.restarts, o.max_sweeps, o.bootstrap,
                       o.local_density ? o.radius : 0, o.common.seed, false, {}, steer_build_version()});
    validate(configs.back());  // every size checked before the first one runs
  }
  return configs;
}

// Every parameter that changes the results: the key of a sharded run. Units are (N, J_D,
// network), N-major then J_D-major: the units of size i follow those of sizes 0..i−1, each size
// ordered as validation::run_threshold_units orders them. Solver settings only when given, so
// the shard files of a default run keep their key.
json run_parameters(const thresholds_options& o) {
  json parameters = {{"algorithm", o.algorithm}, {"n", o.sizes}, {"self_couplings", o.self_couplings},
                     {"networks", o.networks}, {"restarts", o.restarts}, {"max_sweeps", o.max_sweeps},
                     {"bootstrap", o.bootstrap}, {"local_density", o.local_density}, {"radius", o.radius},
                     {"seed", o.common.seed}};
  if (!o.solver.empty()) parameters["solver_settings"] = settings_json(o.solver);
  return parameters;
}

thresholds_options options_from(const json& p, const common_options& output) {
  thresholds_options o;
  o.common = output;
  o.common.seed = p.at("seed").get<std::uint64_t>();
  o.algorithm = p.at("algorithm").get<std::string>();
  if (p.contains("solver_settings")) o.solver = settings_from(p.at("solver_settings"));
  o.sizes = p.at("n").get<std::string>();
  o.self_couplings = p.at("self_couplings").get<std::string>();
  o.networks = p.at("networks").get<std::int64_t>();
  o.restarts = p.at("restarts").get<std::int64_t>();
  o.max_sweeps = p.at("max_sweeps").get<std::int64_t>();
  o.bootstrap = p.at("bootstrap").get<std::int64_t>();
  o.local_density = p.at("local_density").get<bool>();
  o.radius = p.at("radius").get<int>();
  return o;
}

std::int64_t unit_count(const std::vector<validation::threshold_config>& configs) {
  std::int64_t units = 0;
  for (const auto& c : configs) units += validation::threshold_unit_count(c);
  return units;
}

// The networks of units [range.begin, range.end), size by size; saved under <out>/points.
std::vector<validation::threshold_network> compute_units(std::vector<validation::threshold_config> configs,
                                                         const std::filesystem::path& out, validation::index_range range,
                                                         bool progress, bool quiet) {
  std::vector<validation::threshold_network> units;
  std::int64_t first = 0;
  for (auto& config : configs) {
    const std::int64_t count = validation::threshold_unit_count(config);
    const validation::index_range mine{std::max(range.begin, first) - first, std::min(range.end, first + count) - first};
    first += count;
    if (mine.size() <= 0) continue;
    config.progress = progress;
    if (!out.empty()) {
      config.points_dir = out / "points";
      std::filesystem::create_directories(config.points_dir);
    }
    auto block = validation::run_threshold_units(config, mine);
    // Resume history goes to stderr, never into the outputs (merged = unsharded, byte for byte).
    const auto resumed = std::count_if(block.begin(), block.end(), [](const auto& u) { return u.resumed; });
    if (resumed > 0 && !quiet)
      fmt::print(stderr, "steer: note: thresholds N={}: {} of the {} networks computed here were resumed from {}\n",
                 config.n, resumed, block.size(), config.points_dir.string());
    units.insert(units.end(), std::make_move_iterator(block.begin()), std::make_move_iterator(block.end()));
  }
  return units;
}

// Every size's units share one codec shape (the radius is the same for all sizes).
validation::unit_codec<validation::threshold_network> unit_codec_of(const std::vector<validation::threshold_config>& configs) {
  return validation::threshold_network_codec(configs.front());
}

// Text, JSON and files from every unit in order: the same for one process, MPI ranks and merged shards.
void write_outputs(const thresholds_options& o, const std::vector<validation::threshold_config>& configs,
                   const std::vector<validation::threshold_network>& units, const std::filesystem::path& out) {
  std::vector<validation::threshold_result> results;
  std::int64_t first = 0;
  for (const auto& config : configs) {
    const auto begin = units.begin() + static_cast<std::ptrdiff_t>(first);
    first += validation::threshold_unit_count(config);
    results.push_back(validation::summarise_threshold(config, {begin, units.begin() + static_cast<std::ptrdiff_t>(first)}));
    if (!o.common.json) print_text(results.back());
  }
  std::optional<validation::threshold_extrapolation> extrapolation;
  if (results.size() >= 2) extrapolation = validation::extrapolate(results);
  const std::string line = verdict(results);
  json result;
  if (results.size() == 1) {
    result = size_json(results.front());
  } else {
    result = {{"per_n", json::array()}, {"extrapolation", extrapolation_json(*extrapolation)}};
    for (const auto& r : results) result["per_n"].push_back(size_json(r));
  }
  result["verdict"] = line;
  if (!out.empty()) {
    numerics::write_file_atomically(out / "thresholds_curve.csv", curve_csv(results));
    numerics::write_file_atomically(out / "thresholds.csv", thresholds_csv(results, extrapolation));
    write_sidecar(out, "thresholds", "thresholds", result);
  }
  if (o.common.json) {
    print_json(result);
    return;
  }
  if (extrapolation)
    fmt::print("extrapolation ({}): {}; J_D*(inf) = {}{}\n", extrapolation->method, extrapolation->reason,
               extrapolation->estimate ? fmt::format("{:.4g}", *extrapolation->estimate) : "none",
               extrapolation->estimate_error ? fmt::format(" +- {:.2g}", *extrapolation->estimate_error) : "");
  fmt::print("verdict: {}\n", line);
}

void run_thresholds(const thresholds_options& o, bool progress) {
  const auto configs = configs_of(o);
  const ensemble_role role = start_ensemble(unit_count(configs), o.shard, o.common, progress);
  // Every process saves its finished networks under --out/points, so a rerun of any of them resumes.
  const std::filesystem::path out = o.common.out.empty() ? std::filesystem::path{} : std::filesystem::path(o.common.out);
  const auto all = run_ensemble_units<validation::threshold_network>(
      role, ensemble_key("thresholds", run_parameters(o)), unit_codec_of(configs), o.common,
      [&](validation::index_range range, bool show) { return compute_units(configs, out, range, show, o.common.quiet); });
  if (all) write_outputs(o, configs, *all, role.out);
}

}  // namespace

void register_thresholds(CLI::App& app) {
  auto o = std::make_shared<thresholds_options>();
  auto* command = app.add_subcommand(
      "thresholds", "Success probability of a fixed-point search vs J_D, the J_D of 50 % success per N (bootstrap "
                    "error over networks) and its finite-size extrapolation");
  add_text_option(*command, "--algorithm", o->algorithm, fmt::format("Algorithm: {}", fmt::join(solvers::solver_names(), ", ")),
                  [](const std::string& text) { (void)solvers::make_solver(text, {}); });
  add_text_option(*command, "--n", o->sizes, "Network sizes N, e.g. 100,200,400,800",
                  [](const std::string& text) { parse_size_list(text, "--n", 2, max_threshold_neurons); });
  add_text_option(*command, "--self-couplings", o->self_couplings, "J_D grid (list or a:b:k ranges), increasing",
                  [](const std::string& text) {
                    const auto grid = parse_range_list(text, "--self-couplings");
                    for (std::size_t k = 1; k < grid.size(); ++k)
                      if (!(grid[k] > grid[k - 1]))
                        throw std::invalid_argument(
                            fmt::format("--self-couplings must be strictly increasing, got {} after {}", grid[k], grid[k - 1]));
                  });
  add_integer_option(*command, "--networks", o->networks, 1, max_networks, "Networks per (N, J_D) (the same ones at every J_D)");
  add_integer_option(*command, "--restarts", o->restarts, 1, 1000000, "Random starts per network");
  add_integer_option(*command, "--max-sweeps", o->max_sweeps, 1, 1000000000,
                     "Budget per run (sweeps; synchronous: steps): it co-determines the threshold");
  add_integer_option(*command, "--bootstrap", o->bootstrap, 0, 100000, "Bootstrap replicates for the threshold's error");
  command->add_flag("--local-density", o->local_density,
                    "Count the fixed points at distance 1..radius around every fixed point reached");
  add_integer_option(*command, "--radius", o->radius, 1, 3, "Radius for --local-density");
  add_setting_options(*command, o->solver, solvers::annealing_parameters(), "sweeps", "anneal");
  command
      ->add_option_function<std::string>(
          "--schedule",
          [o](const std::string& text) { o->solver.schedule = solvers::parse_beta_schedule(text, "--schedule"); },
          "[anneal] How beta grows between the two: linear or geometric (default geometric)")
      ->type_name("TEXT")
      ->group("Solver parameters (default: the algorithm's documented values)");
  add_setting_options(*command, o->solver, solvers::replicated_parameters(), "sweeps", "replicated");
  add_setting_options(*command, o->solver, solvers::focusing_bp_parameters(), "max_iterations", "fbp, fbp-amp");
  command->get_option("--rho-step")
      ->description("[fbp, fbp-amp] Focusing schedule step: rho = 0, step, 2 step, ... < 1 (default: 0.02, widened to "
                    "--iterations-per-step / --max-sweeps when that is larger, so the schedule fits the budget)");
  add_common_options(*command, o->common,
                     "Directory for thresholds.csv, thresholds_curve.csv, thresholds.json and points/ (finished "
                     "(N, J_D, network) units; a rerun with the same parameters resumes)");
  add_shard_option(*command, o->shard);
  register_shard_merger("thresholds", [](const json& parameters, const std::vector<json>& units,
                                         const common_options& output, const std::filesystem::path& out) {
    const thresholds_options merged = options_from(parameters, output);
    const auto configs = configs_of(merged);
    check_merged_unit_count(units, unit_count(configs));
    write_outputs(merged, configs, validation::decode_units(unit_codec_of(configs), units), out);
  });
  command->callback([o] { run_thresholds(*o, apply_common_options(o->common)); });
}

}  // namespace steer::tools
