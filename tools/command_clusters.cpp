// `steer clusters`: geometry of the fixed-point sets of enumerated networks (issue 8 item 5) —
// components under single and ≤ k flips, neighbours at distance d against theory, nearest
// distances, empirical local entropy — for the ensemble, the modular variant or a user's matrix.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/coupling_io.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "theory/modular_pair_count.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/sampled_ensemble_options.hpp"
#include "validation/fixed_points/cluster_check.hpp"
#include "validation/fixed_points/network_results_json.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct clusters_options {
  common_options common;
  sampled_ensemble_options ensemble{.n = 16, .networks = 100};
  std::string couplings_file;
  int max_flips = 1;
  int max_distance = 3;
  std::string list_clusters;
  std::optional<validation::shard_spec> shard;
};

// The enumeration keeps every fixed point in memory, and neighbour lookups use a 2^N-bit set up
// to N = 28: 32 is where both stay affordable (issue 8 item 5).
constexpr int max_cluster_neurons = 32;

// The listing is written after the enumeration: a missing directory is reported before any work.
void check_listing_directory(const std::string& file) {
  const auto directory = std::filesystem::path(file).parent_path();
  if (!directory.empty() && !std::filesystem::is_directory(directory))
    throw std::invalid_argument(fmt::format("--list-clusters: directory {} does not exist", directory.string()));
}

validation::cluster_check_config make_config(const clusters_options& o) {
  const sampled_ensemble_options& e = o.ensemble;
  validation::cluster_check_config config;
  config.networks = e.networks;
  config.seed = o.common.seed;
  config.geometry = {o.max_flips, o.max_distance, !o.list_clusters.empty()};
  if (e.modules > 0) {
    if (e.modules * e.n > max_cluster_neurons)
      throw std::invalid_argument(fmt::format("--modules {} x --n {}: N = M·n must be <= {}", e.modules, e.n,
                                              max_cluster_neurons));
    config.source = numerics::sampled_networks(
        numerics::modular_ensemble{e.modules, e.n, e.self_coupling, e.inter_module_coupling, e.ring});
    // Theory per distance where its exact sum stays affordable (theory/modular_pair_count.hpp);
    // beyond that the numbers are measurements only, and the JSON's theory lists stay empty.
    if (theory::modular_pair_work(e.modules, e.n) <= theory::max_modular_pair_work)
      config.theory_modular = theory::modular_network{e.modules, e.n, e.self_coupling, e.inter_module_coupling, e.ring};
  } else {
    config.source = numerics::sampled_networks(numerics::coupling_ensemble{e.n, e.self_coupling, e.symmetry});
    if (e.symmetry == 0.0) config.theory_self_coupling = e.self_coupling;
  }
  return config;
}

json or_null(const std::optional<numerics::mean_with_error>& value) { return value ? json(value->mean) : json(nullptr); }

json sem_or_null(const std::optional<numerics::mean_with_error>& value, std::int64_t networks) {
  return value && networks >= 2 ? json(value->sem) : json(nullptr);
}

json distribution(const std::map<std::uint64_t, std::uint64_t>& sizes) {
  json size = json::array(), components = json::array();
  for (const auto& [s, c] : sizes) {
    size.push_back(s);
    components.push_back(c);
  }
  return {{"size", size}, {"components", components}};
}

// "inconclusive" when theory predicts but nothing could be measured (no fixed point, or one network).
std::string verdict(const std::optional<bool>& pass, bool predicted) {
  if (pass) return *pass ? "confirmed" : "not confirmed";
  return predicted ? "inconclusive" : "no prediction";
}

// JSON keys as issue 8's Outputs section lists them; every mean with its SEM (null for one network).
json results_json(const validation::cluster_check& c) {
  json r = {{"n", c.n}, {"networks", c.networks}, {"max_flips", c.max_flips},
            {"mean_fixed_points", c.fixed_points.mean},
            {"sem_fixed_points", c.networks >= 2 ? json(c.fixed_points.sem) : json(nullptr)},
            {"networks_with_fixed_points", c.networks_with_fixed_points},
            {"largest_component_fraction", or_null(c.largest_component_fraction)},
            {"sem_largest_component_fraction", sem_or_null(c.largest_component_fraction, c.networks_with_fixed_points)},
            {"largest_component_fraction_max_flips", or_null(c.largest_component_fraction_max_flips)},
            {"sem_largest_component_fraction_max_flips",
             sem_or_null(c.largest_component_fraction_max_flips, c.networks_with_fixed_points)},
            {"fraction_with_neighbor_at_distance_1", or_null(c.fraction_with_neighbour_at_distance_1)},
            {"sem_fraction_with_neighbor_at_distance_1", sem_or_null(c.fraction_with_neighbour_at_distance_1, c.networks)},
            {"component_size_distribution", distribution(c.component_sizes)},
            {"component_size_distribution_max_flips", distribution(c.component_sizes_max_flips)},
            {"theory_mean_neighbors_at_distance", c.theory_mean_neighbours},
            {"z_neighbors_at_distance", c.neighbours_z},
            {"neighbors_verdict", verdict(c.neighbours_pass, !c.theory_mean_neighbours.empty())},
            {"local_entropy_jensen_bound", c.local_entropy_jensen_bound},
            {"annealed_local_entropy", c.annealed_local_entropy},
            {"local_entropy_verdict", verdict(c.local_entropy_below_bound, !c.theory_mean_neighbours.empty())}};
  json mean = json::array(), sem = json::array(), entropy = json::array(), entropy_sem = json::array();
  for (std::size_t d = 0; d < c.mean_neighbours.size(); ++d) {
    mean.push_back(c.mean_neighbours[d].mean);
    sem.push_back(c.networks >= 2 ? json(c.mean_neighbours[d].sem) : json(nullptr));
    entropy.push_back(c.local_entropy[d].mean);
    entropy_sem.push_back(c.networks >= 2 ? json(c.local_entropy[d].sem) : json(nullptr));
  }
  r["mean_neighbors_at_distance"] = mean;
  r["sem_neighbors_at_distance"] = sem;
  r["local_entropy"] = entropy;
  r["sem_local_entropy"] = entropy_sem;
  json distance = json::array(), fixed_points = json::array();
  for (std::size_t d = 1; d < c.nearest_distance_histogram.size(); ++d)
    if (c.nearest_distance_histogram[d] > 0) {
      distance.push_back(d);
      fixed_points.push_back(c.nearest_distance_histogram[d]);
    }
  r["nearest_neighbor_distance_distribution"] = {{"distance", distance}, {"fixed_points", fixed_points}};
  r["fixed_points_alone"] = c.nearest_distance_histogram.empty() ? 0 : c.nearest_distance_histogram[0];
  return r;
}

// "network,state,component,component_max_flips" (state packed: bit i set ⇔ s_i = +1).
std::string cluster_listing(const validation::cluster_check& c) {
  std::string text = "network,state,component,component_max_flips\n";
  for (std::size_t k = 0; k < c.per_network.size(); ++k)
    for (std::size_t i = 0; i < c.per_network_states[k].size(); ++i)
      text += fmt::format("{},{},{},{}\n", k, c.per_network_states[k][i], c.per_network[k].component_ids[i],
                          c.per_network[k].component_ids_max_flips[i]);
  return text;
}

std::string distances_csv(const validation::cluster_check& c, const json& r) {
  std::string csv = "distance,mean_neighbors,sem_neighbors,theory_neighbors,z,local_entropy,sem_local_entropy,"
                    "local_entropy_jensen_bound,annealed_local_entropy\n";
  const auto cell = [](const json& list, std::size_t i) { return i < list.size() ? list[i].dump() : std::string(); };
  for (std::size_t d = 0; d < c.mean_neighbours.size(); ++d)
    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", d + 1, cell(r["mean_neighbors_at_distance"], d),
                       cell(r["sem_neighbors_at_distance"], d), cell(r["theory_mean_neighbors_at_distance"], d),
                       cell(r["z_neighbors_at_distance"], d), cell(r["local_entropy"], d), cell(r["sem_local_entropy"], d),
                       cell(r["local_entropy_jensen_bound"], d), cell(r["annealed_local_entropy"], d));
  return csv;
}

void print_text(const validation::cluster_check& c, const json& r, const std::string& label) {
  fmt::print("{}: {} networks, mean #FP {}; largest single-flip component {} of the fixed points; {} have a "
             "fixed point at distance 1\n",
             label, c.networks, r["mean_fixed_points"].dump(), r["largest_component_fraction"].dump(),
             r["fraction_with_neighbor_at_distance_1"].dump());
  for (std::size_t d = 0; d < c.mean_neighbours.size(); ++d)
    fmt::print("  d={}: {} ± {} fixed points at distance d (theory {}), local entropy {}\n", d + 1,
               c.mean_neighbours[d].mean, r["sem_neighbors_at_distance"][d].dump(),
               d < c.theory_mean_neighbours.size() ? fmt::format("{}", c.theory_mean_neighbours[d]) : "none",
               c.local_entropy[d].mean);
  fmt::print("neighbours at distance vs theory: {}; local entropy below its Jensen bound: {}\n",
             r["neighbors_verdict"].get<std::string>(), r["local_entropy_verdict"].get<std::string>());
}

// CSV files, sidecar and stdout of a run: the same for one process, MPI ranks and merged shards.
void write_outputs(const clusters_options& o, const validation::cluster_check& check, const std::string& label,
                   const std::filesystem::path& out) {
  const sampled_ensemble_options& e = o.ensemble;
  json result = results_json(check);
  result["seed"] = o.common.seed;
  if (!o.couplings_file.empty()) {
    result["couplings"] = o.couplings_file;
  } else {
    result["self_coupling"] = e.self_coupling;
    result["symmetry"] = e.symmetry;
    if (e.modules > 0)
      result.update({{"modules", e.modules}, {"inter_module_coupling", e.inter_module_coupling}, {"ring", e.ring}});
  }
  if (!o.list_clusters.empty()) numerics::write_file_atomically(o.list_clusters, cluster_listing(check));
  if (!out.empty()) {
    numerics::write_file_atomically(out / "clusters_distances.csv", distances_csv(check, result));
    std::string sizes = "max_flips,size,components\n";
    for (const auto& [size, count] : check.component_sizes) sizes += fmt::format("1,{},{}\n", size, count);
    if (o.max_flips > 1)
      for (const auto& [size, count] : check.component_sizes_max_flips)
        sizes += fmt::format("{},{},{}\n", o.max_flips, size, count);
    numerics::write_file_atomically(out / "clusters_component_sizes.csv", sizes);
    std::string nearest = "distance,fixed_points\n";
    for (std::size_t d = 0; d < check.nearest_distance_histogram.size(); ++d)
      nearest += fmt::format("{},{}\n", d, check.nearest_distance_histogram[d]);
    numerics::write_file_atomically(out / "clusters_nearest_distance.csv", nearest);
    write_sidecar(out, "clusters", "clusters", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    print_text(check, result, label);
  }
}

void run_user_matrix(const clusters_options& o, bool progress) {
  const numerics::coupling_matrix couplings = numerics::read_couplings(o.couplings_file);
  if (couplings.size() < 2 || couplings.size() > max_cluster_neurons)
    throw std::invalid_argument(fmt::format("--couplings {}: N must be in [2, {}], got {}", o.couplings_file,
                                            max_cluster_neurons, couplings.size()));
  if (o.max_flips > couplings.size() || o.max_distance > couplings.size())
    throw std::invalid_argument(
        fmt::format("--max-flips and --max-distance must be <= N = {} of {}", couplings.size(), o.couplings_file));
  validation::cluster_check_config config;
  config.source = {couplings.size(), o.couplings_file, {}};
  config.networks = 1;
  config.geometry = {o.max_flips, o.max_distance, !o.list_clusters.empty()};
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  numerics::enumeration_options options;
  options.progress = progress;
  auto found = numerics::enumerate_fixed_points(couplings, options);
  auto geometry = numerics::analyse_network_geometry(found.fixed_points, couplings.size(), config.geometry);
  write_outputs(o, validation::summarise_clusters(config, {std::move(geometry)}, {std::move(found.fixed_points)}),
                o.couplings_file, out);
}

// One network of the ensemble: its geometry, and its fixed points when they are listed.
struct analysed_network {
  numerics::network_geometry geometry;
  std::vector<numerics::packed_state> states;
};

// The geometry sums travel between processes; fixed points and component ids do not (a listing
// is refused in distributed runs).
validation::unit_codec<analysed_network> unit_codec_of(const validation::cluster_check_config& config) {
  const auto geometry = validation::network_geometry_codec(config.source.n, config.geometry);
  return {[geometry](const analysed_network& a) { return geometry.encode(a.geometry); },
          [geometry](const json& unit) { return analysed_network{geometry.decode(unit), {}}; }};
}

// Networks of `range` enumerated and analysed, in index order (as run_cluster_check does for
// networks 0..M−1).
std::vector<analysed_network> analyse_networks(const validation::cluster_check_config& config,
                                               validation::index_range range, bool progress) {
  std::vector<analysed_network> units(static_cast<std::size_t>(range.size()));
  if (units.empty()) return units;
  numerics::ensemble_options options;
  options.seed = config.seed;
  options.first_network = range.begin;
  options.networks = range.size();
  options.pair_histograms = false;
  options.keep_states = true;
  options.progress = progress;
  numerics::for_each_enumerated_network(
      config.source, options, [&](std::int64_t k, const numerics::coupling_matrix&, numerics::enumeration_result&& found) {
        auto& unit = units[static_cast<std::size_t>(k)];
        unit.geometry = numerics::analyse_network_geometry(found.fixed_points, config.source.n, config.geometry);
        if (config.geometry.keep_component_ids) unit.states = std::move(found.fixed_points);
      });
  return units;
}

validation::cluster_check summarise(const validation::cluster_check_config& config, std::vector<analysed_network> units) {
  std::vector<numerics::network_geometry> geometry;
  std::vector<std::vector<numerics::packed_state>> states;
  for (auto& unit : units) {
    geometry.push_back(std::move(unit.geometry));
    if (config.geometry.keep_component_ids) states.push_back(std::move(unit.states));
  }
  return validation::summarise_clusters(config, std::move(geometry), std::move(states));
}

// Every parameter that changes an ensemble run's results: the key of its shards.
json run_parameters(const clusters_options& o) {
  json p = sampled_ensemble_key(o.ensemble, o.common.seed);
  p.update({{"max_flips", o.max_flips}, {"max_distance", o.max_distance}});
  return p;
}

clusters_options options_from(const json& p, const common_options& output) {
  auto o = options_with_ensemble<clusters_options>(p, output);
  o.max_flips = p.at("max_flips").get<int>();
  o.max_distance = p.at("max_distance").get<int>();
  return o;
}

void run_ensemble(const clusters_options& o, bool progress) {
  const validation::cluster_check_config config = make_config(o);
  if (o.max_flips > config.source.n || o.max_distance > config.source.n)
    throw std::invalid_argument(fmt::format("--max-flips and --max-distance must be <= N = {}", config.source.n));
  numerics::analyse_network_geometry({}, config.source.n, config.geometry);  // bad options throw before any work
  if (!o.list_clusters.empty() && validation::world_process_group().size > 1)
    throw std::invalid_argument("--list-clusters: not under MPI with several ranks (run it in one process)");
  const ensemble_role role = start_ensemble(o.ensemble.networks, o.shard, o.common, progress);
  auto units = run_ensemble_units<analysed_network>(
      role, ensemble_key("clusters", run_parameters(o)), unit_codec_of(config), o.common,
      [&](validation::index_range range, bool show) { return analyse_networks(config, range, show); });
  if (units) write_outputs(o, summarise(config, std::move(*units)), config.source.label, role.out);
}

}  // namespace

void register_clusters(CLI::App& app) {
  auto o = std::make_shared<clusters_options>();
  auto* command = app.add_subcommand(
      "clusters", "Geometry of the fixed-point set of enumerated networks: components under single and <= k flips, "
                  "fixed points at distance d vs theory, nearest distances, local entropy");
  auto* n = add_integer_option(*command, "--n", o->ensemble.n, 2, max_cluster_neurons,
                               "Number of neurons N (with --modules: units per module n, N = M·n)");
  auto* jd = add_real_option(*command, "--self-coupling", o->ensemble.self_coupling, "Self-coupling J_D");
  auto* eta = add_real_option(*command, "--symmetry", o->ensemble.symmetry,
                              "Correlation of J_ij and J_ji (theory predicts only at 0)", -1.0, 1.0);
  auto* networks = add_integer_option(*command, "--networks", o->ensemble.networks, 1, max_networks, "Number of sampled networks");
  auto* modules = add_integer_option(*command, "--modules", o->ensemble.modules, 1, max_cluster_neurons / 2,
                                     "Modular variant: M modules of --n units (no prediction: measurements only)")
                      ->excludes(eta);
  auto* lambda = add_real_option(*command, "--inter-module-coupling", o->ensemble.inter_module_coupling,
                                 "Coupling lambda between unit i of module m and unit i of modules m±1 (with --modules)")
                     ->needs(modules);
  auto* ring = command->add_flag("--ring", o->ensemble.ring, "Modules form a ring instead of an open chain")->needs(modules);
  auto* couplings = add_text_option(*command, "--couplings", o->couplings_file,
                  "Analyse this N×N matrix instead (formats as `steer enumerate --couplings`; N <= 32)")
      ->excludes(n)->excludes(jd)->excludes(eta)->excludes(networks)->excludes(modules)->excludes(lambda)->excludes(ring);
  add_integer_option(*command, "--max-flips", o->max_flips, 1, max_cluster_neurons,
                     "Components also under moves of up to k flips (cost ~ #FP · Σ_{w<=k} C(N, w))");
  add_integer_option(*command, "--max-distance", o->max_distance, 1, max_cluster_neurons,
                     "D: fixed points at distance d = 1..D from each fixed point (cost ~ #FP · Σ_{d<=D} C(N, d))");
  auto* list = add_text_option(*command, "--list-clusters", o->list_clusters,
                  "CSV file: network, packed state, component id (single flips), component id (<= k flips) of every "
                  "fixed point",
                  check_listing_directory);
  add_common_options(*command, o->common,
                     "Directory for clusters_distances.csv, clusters_component_sizes.csv, clusters_nearest_distance.csv, "
                     "clusters.json");
  add_shard_option(*command, o->shard)->excludes(couplings)->excludes(list);
  register_shard_merger("clusters", [](const json& parameters, const std::vector<json>& units,
                                       const common_options& output, const std::filesystem::path& out) {
    const clusters_options merged = options_from(parameters, output);
    check_merged_unit_count(units, merged.ensemble.networks);
    const validation::cluster_check_config config = make_config(merged);
    write_outputs(merged, summarise(config, validation::decode_units(unit_codec_of(config), units)), config.source.label,
                  out);
  });
  set_ensemble_or_matrix_callback(*command, o, run_ensemble, run_user_matrix);
}

}  // namespace steer::tools
