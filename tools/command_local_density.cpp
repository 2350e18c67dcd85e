// `steer local-density`: fixed points of large networks found by asynchronous dynamics from
// random starts, and the exact number of fixed points within Hamming distance r of each, beside
// the annealed expectation for a typical fixed point (issue 8 item 6). Resumable over networks.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/sampled_ensemble_options.hpp"
#include "validation/fixed_points/local_density.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct local_density_options {
  common_options common;
  sampled_ensemble_options ensemble{.n = 200, .networks = 10};  // fully asymmetric: no --symmetry
  std::string self_couplings;  // a list instead of the ensemble's one value
  std::int64_t starts = 10;
  std::int64_t max_sweeps = 1000;
  int radius = 2;
  std::optional<validation::shard_spec> shard;
};

// The dynamics and the counter each keep an N×N double copy of the couplings (3 × 128 MB at
// N = 4000); 20000 bounds a typo, not a machine.
constexpr int max_local_density_neurons = 20000;

json mean_list(const std::vector<numerics::mean_with_error>& values, bool sem) {
  json list = json::array();
  for (const auto& v : values) list.push_back(sem ? v.sem : v.mean);
  return list;
}

json point_json(const validation::local_density& r) {
  const bool several = r.config.networks >= 2;
  std::uint64_t checked = 0, exact = 0;
  for (const auto& d : r.per_network) {
    checked += d.states_checked;
    exact += d.decided_exactly;
  }
  return {{"n", r.config.n},
          {"self_coupling", r.config.self_coupling},
          {"networks", r.config.networks},
          {"starts_per_network", r.config.starts},
          {"max_sweeps", r.config.max_sweeps},
          {"radius", r.config.radius},
          {"converged_fraction", r.converged_fraction.mean},
          {"sem_converged_fraction", several ? json(r.converged_fraction.sem) : json(nullptr)},
          {"distinct_fixed_points", r.distinct_fixed_points},
          {"mean_sweeps_to_converge", r.mean_sweeps_to_converge ? json(*r.mean_sweeps_to_converge) : json(nullptr)},
          {"mean_fixed_points_in_ball", mean_list(r.mean_in_ball, false)},
          {"sem_fixed_points_in_ball", several ? mean_list(r.mean_in_ball, true) : json(nullptr)},
          {"mean_fixed_points_at_distance", mean_list(r.mean_at_distance, false)},
          {"sem_fixed_points_at_distance", several ? mean_list(r.mean_at_distance, true) : json(nullptr)},
          {"typical_theory_in_ball", r.typical_theory_in_ball},
          {"typical_theory_at_distance", r.typical_theory_at_distance},
          {"verdict", "no prediction (dynamics does not sample fixed points uniformly; the annealed value is for a "
                      "typical one)"},
          {"ball_states_checked", checked},
          {"ball_states_decided_exactly", exact}};
}

std::string csv_rows(const validation::local_density& r) {
  std::string csv;
  for (int radius = 1; radius <= r.config.radius; ++radius) {
    const auto k = static_cast<std::size_t>(radius - 1);
    const bool any = k < r.mean_in_ball.size();
    csv += fmt::format("{},{},{},{},{},{},{},{}\n", r.config.n, r.config.self_coupling, radius, r.converged_fraction.mean,
                       any ? fmt::format("{}", r.mean_at_distance[k].mean) : "", any ? fmt::format("{}", r.mean_in_ball[k].mean) : "",
                       any && r.config.networks >= 2 ? fmt::format("{}", r.mean_in_ball[k].sem) : "",
                       r.typical_theory_in_ball[k]);
  }
  return csv;
}

std::vector<double> self_couplings_of(const local_density_options& o) {
  return o.self_couplings.empty() ? std::vector<double>{o.ensemble.self_coupling}
                                  : parse_range_list(o.self_couplings, "--self-couplings");
}

validation::local_density_config config_of(const local_density_options& o, double self_coupling) {
  validation::local_density_config config;
  config.n = o.ensemble.n;
  config.self_coupling = self_coupling;
  config.networks = o.ensemble.networks;
  config.starts = o.starts;
  config.max_sweeps = o.max_sweeps;
  config.radius = o.radius;
  config.seed = o.common.seed;
  config.program_version = steer_build_version();
  return config;
}

// Every parameter that changes the results: the key of a sharded run. Units are (J_D, network)
// pairs, J_D-major: unit u is network u mod networks of the (u div networks)-th J_D.
json run_parameters(const local_density_options& o) {
  json p = sampled_ensemble_key(o.ensemble, o.common.seed);
  p.update({{"starts", o.starts}, {"max_sweeps", o.max_sweeps}, {"radius", o.radius}});
  if (!o.self_couplings.empty()) p["self_couplings"] = o.self_couplings;  // the text: it decides the shape of the JSON too
  return p;
}

local_density_options options_from(const json& p, const common_options& output) {
  auto o = options_with_ensemble<local_density_options>(p, output);
  o.starts = p.at("starts").get<std::int64_t>();
  o.max_sweeps = p.at("max_sweeps").get<std::int64_t>();
  o.radius = p.at("radius").get<int>();
  o.self_couplings = p.value("self_couplings", std::string());
  return o;
}

// A network's totals (whether this run resumed it is not part of the unit: outputs never depend
// on resume history).
validation::unit_codec<validation::density_network> unit_codec_of(const local_density_options& o) {
  return validation::density_network_codec(config_of(o, o.ensemble.self_coupling));
}

// The networks of units [range.begin, range.end), J_D by J_D.
std::vector<validation::density_network> compute_units(const local_density_options& o, const std::filesystem::path& out,
                                                       validation::index_range range, bool progress) {
  const std::vector<double> self_couplings = self_couplings_of(o);
  std::vector<validation::density_network> units;
  for (std::size_t j = 0; j < self_couplings.size(); ++j) {
    const std::int64_t first = static_cast<std::int64_t>(j) * o.ensemble.networks;
    const validation::index_range networks{std::max(range.begin, first) - first,
                                           std::min(range.end, first + o.ensemble.networks) - first};
    if (networks.size() <= 0) continue;
    validation::local_density_config config = config_of(o, self_couplings[j]);
    config.progress = progress;
    if (!out.empty()) {
      config.points_dir = out / "points";
      std::filesystem::create_directories(config.points_dir);
    }
    auto block = validation::run_local_density_networks(config, networks);
    units.insert(units.end(), std::make_move_iterator(block.begin()), std::make_move_iterator(block.end()));
  }
  note_resumed_networks("local-density", std::count_if(units.begin(), units.end(), [](const auto& d) { return d.resumed; }),
                        range.size(), out / "points", o.common);
  return units;
}

// CSV, sidecar and stdout from every unit in order: the same for one process, MPI ranks and merged shards.
void write_outputs(const local_density_options& o, const std::vector<validation::density_network>& units,
                   const std::filesystem::path& out) {
  const std::vector<double> self_couplings = self_couplings_of(o);
  json points = json::array();
  std::string csv = "n,self_coupling,radius,converged_fraction,mean_at_distance,mean_in_ball,sem_in_ball,typical_theory_in_ball\n";
  for (std::size_t j = 0; j < self_couplings.size(); ++j) {
    const auto first = units.begin() + static_cast<std::ptrdiff_t>(j) * o.ensemble.networks;
    const auto result =
        validation::summarise_local_density(config_of(o, self_couplings[j]), {first, first + o.ensemble.networks});
    points.push_back(point_json(result));
    csv += csv_rows(result);
    if (!o.common.json)
      fmt::print("N={} J_D={}: converged fraction {} of {} starts; fixed points within r = 1..{}: {} (typical, annealed: {})\n",
                 o.ensemble.n, self_couplings[j], points.back()["converged_fraction"].dump(),
                 o.ensemble.networks * o.starts, o.radius,
                 points.back()["mean_fixed_points_in_ball"].dump(), points.back()["typical_theory_in_ball"].dump());
  }
  const json result = o.self_couplings.empty() ? points.front() : json{{"points", points}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "local_density.csv", csv);
    write_sidecar(out, "local_density", "local-density", result);
  }
  if (o.common.json) print_json(result);
}

void run_local_density(const local_density_options& o, bool progress) {
  const std::vector<double> self_couplings = self_couplings_of(o);
  if (o.radius > o.ensemble.n)
    throw std::invalid_argument(fmt::format("--radius {} exceeds N = {}", o.radius, o.ensemble.n));
  for (const double jd : self_couplings) validation::validate(config_of(o, jd));
  const auto units = static_cast<std::int64_t>(self_couplings.size()) * o.ensemble.networks;
  const ensemble_role role = start_ensemble(units, o.shard, o.common, progress);
  // Every process saves its finished networks under --out/points, so a rerun of any of them resumes.
  const std::filesystem::path out = o.common.out.empty() ? std::filesystem::path{} : std::filesystem::path(o.common.out);
  const auto all = run_ensemble_units<validation::density_network>(
      role, ensemble_key("local-density", run_parameters(o)), unit_codec_of(o), o.common,
      [&](validation::index_range range, bool show) { return compute_units(o, out, range, show); });
  if (all) write_outputs(o, *all, role.out);
}

}  // namespace

void register_local_density(CLI::App& app) {
  auto o = std::make_shared<local_density_options>();
  auto* command = app.add_subcommand(
      "local-density", "Fixed points of large networks found by asynchronous dynamics from random starts, and the "
                       "exact number of fixed points within Hamming distance r of each");
  add_integer_option(*command, "--n", o->ensemble.n, 2, max_local_density_neurons, "Number of neurons N");
  auto* jd = add_real_option(*command, "--self-coupling", o->ensemble.self_coupling, "Self-coupling J_D");
  add_text_option(*command, "--self-couplings", o->self_couplings,
                  "Several J_D (list of values or a:b:k ranges); JSON then holds {\"points\": [...]}",
                  [](const std::string& text) { parse_range_list(text, "--self-couplings"); })
      ->excludes(jd);
  add_integer_option(*command, "--networks", o->ensemble.networks, 1, max_networks,
                     "Number of sampled networks per J_D");
  add_integer_option(*command, "--starts", o->starts, 1, 1000000, "Random starts per network");
  add_integer_option(*command, "--max-sweeps", o->max_sweeps, 1, 1000000000,
                     "Sweeps (N single-neuron updates in a new random order) before a start counts as not converged");
  add_integer_option(*command, "--radius", o->radius, 1, numerics::max_ball_radius,
                     "Count fixed points at distance 1..r (r = 3 costs ~N^3/6 states per fixed point)");
  add_common_options(*command, o->common,
                     "Directory for local_density.csv, local_density.json and points/ (finished networks; a rerun "
                     "with the same parameters resumes)");
  add_shard_option(*command, o->shard);
  register_shard_merger("local-density", [](const json& parameters, const std::vector<json>& units,
                                            const common_options& output, const std::filesystem::path& out) {
    const local_density_options merged = options_from(parameters, output);
    check_merged_unit_count(units,
                            static_cast<std::int64_t>(self_couplings_of(merged).size()) * merged.ensemble.networks);
    write_outputs(merged, validation::decode_units(unit_codec_of(merged), units), out);
  });
  command->callback([o] { run_local_density(*o, apply_common_options(o->common)); });
}

}  // namespace steer::tools
