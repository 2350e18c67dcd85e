// `steer enumerate`: exhaustive enumeration of the fixed points of sampled networks (mean,
// SEM, pair-distance profile, count distribution, theory alongside) or of a user's matrix.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/coupling_io.hpp"
#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "numerics/fixed_points/pair_distances.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "theory/modular_count.hpp"
#include "theory/pair_count.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/sampled_ensemble_options.hpp"
#include "validation/fixed_points/network_results_json.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;
using numerics::packed_state;

struct enumerate_options {
  common_options common;
  sampled_ensemble_options ensemble{.n = 16, .networks = 1};
  std::string couplings_file;
  std::string save_couplings;
  std::string couplings_format = "csv";
  std::string list_fixed_points;
  std::string list_format = "pm1";
  std::string kernel = "auto";
  bool no_pairs = false;
  bool force_pairs = false;
  std::optional<validation::shard_spec> shard;
};

// The modular variant: M modules of --n units each, N = M·n, as in `steer theory count --modules`
// (numerics/fixed_points/couplings.hpp).
numerics::modular_ensemble modular_of(const enumerate_options& o) {
  const sampled_ensemble_options& e = o.ensemble;
  if (static_cast<std::int64_t>(e.modules) * e.n > numerics::max_enumeration_neurons)
    throw std::invalid_argument(fmt::format("--modules {} x --n {}: N = M·n must be <= {} for exhaustive enumeration",
                                            e.modules, e.n, numerics::max_enumeration_neurons));
  return {e.modules, e.n, e.self_coupling, e.inter_module_coupling, e.ring};
}

// Neurons of the network: N, or M·n for the modular variant.
int neurons(const enumerate_options& o) {
  const sampled_ensemble_options& e = o.ensemble;
  return e.modules > 0 ? e.modules * e.n : e.n;
}

// Pair histograms cost O(N 2^N) up to N = 26 (Walsh–Hadamard) but O(#FP²) beyond, which can
// run for hours: above 26 they are computed only on request (--pairs).
constexpr int max_default_pair_neurons = 26;

// `note`: say so on stderr (false on MPI ranks other than 0, so that a job prints it once).
bool want_pairs(const enumerate_options& o, int n, bool note = true) {
  if (o.no_pairs) return false;
  if (o.force_pairs || n <= max_default_pair_neurons) return true;
  if (note)
    fmt::print(stderr, "steer: note: pair histograms skipped for N = {} > {} (cost grows as #FP^2); --pairs forces them\n",
               n, max_default_pair_neurons);
  return false;
}

// The listing is written after the enumeration, which can take hours: a directory that does not
// exist is reported before any work.
void check_listing_directory(const std::string& file) {
  const auto directory = std::filesystem::path(file).parent_path();
  if (!directory.empty() && !std::filesystem::is_directory(directory))
    throw std::invalid_argument(fmt::format("--list-fixed-points: directory {} does not exist", directory.string()));
}

numerics::enumeration_kernel parse_kernel(const std::string& name) {
  if (name == "auto") return numerics::enumeration_kernel::automatic;
  if (name == "avx512") return numerics::enumeration_kernel::avx512;
  if (name == "pruned") return numerics::enumeration_kernel::pruned;
  return numerics::enumeration_kernel::scalar;  // CLI11 IsMember has already checked the name
}

// "network,state" (packed: bit i set ⇔ s_i = +1) or "network,s0,…,s_{N−1}" with ±1 entries.
std::string fixed_point_listing(const std::vector<std::vector<packed_state>>& per_network, int n,
                                std::int64_t first_network, bool packed) {
  std::string text = "network";
  if (packed) {
    text += ",state";
  } else {
    for (int i = 0; i < n; ++i) text += fmt::format(",s{}", i);
  }
  text += '\n';
  for (std::size_t k = 0; k < per_network.size(); ++k)
    for (const packed_state s : per_network[k]) {
      text += fmt::format("{}", first_network + static_cast<std::int64_t>(k));
      if (packed) {
        text += fmt::format(",{}", s);
      } else {
        for (int i = 0; i < n; ++i) text += numerics::spin(s, i) > 0 ? ",1" : ",-1";
      }
      text += '\n';
    }
  return text;
}

json theory_count_or_null(const enumerate_options& o) {
  const sampled_ensemble_options& e = o.ensemble;
  if (e.modules > 0)
    return std::exp(theory::log_expected_fixed_points_modular({e.modules, e.n, e.self_coupling, e.inter_module_coupling, e.ring}));
  if (e.symmetry < 0.0) return nullptr;  // no finite-N closed form for η < 0 (theory/correlated_count.hpp)
  const double log_count = e.symmetry == 0.0 ? theory::log_expected_fixed_points(e.n, e.self_coupling)
                                             : theory::log_expected_fixed_points_correlated(e.n, e.self_coupling, e.symmetry);
  return std::exp(log_count);
}

void run_user_matrix(const enumerate_options& o, bool progress) {
  const numerics::coupling_matrix couplings = numerics::read_couplings(o.couplings_file);
  // Checked here, not by the enumeration, so that no note (pairs skipped) precedes the error.
  if (couplings.size() < 2 || couplings.size() > numerics::max_enumeration_neurons)
    throw std::invalid_argument(fmt::format("--couplings {}: N must be in [2, {}] for exhaustive enumeration, got {}",
                                            o.couplings_file, numerics::max_enumeration_neurons, couplings.size()));
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const bool pairs = want_pairs(o, couplings.size());
  numerics::enumeration_options options;
  options.kernel = parse_kernel(o.kernel);
  options.progress = progress;
  options.keep_states = pairs || !o.list_fixed_points.empty();
  const numerics::enumeration_result found = numerics::enumerate_fixed_points(couplings, options);
  json result = {{"n", couplings.size()},
                 {"couplings", o.couplings_file},
                 {"fixed_points", found.count},
                 {"ambiguous_states_checked_directly", found.ambiguous}};
  std::vector<std::uint64_t> histogram;
  if (pairs) {
    histogram = numerics::pair_distance_histogram(found.fixed_points, couplings.size());
    result["pair_distance_histogram"] = histogram;
  }
  if (!o.list_fixed_points.empty())
    numerics::write_file_atomically(o.list_fixed_points,
                                    fixed_point_listing({found.fixed_points}, couplings.size(), 0, o.list_format == "packed"));
  if (!out.empty()) {
    if (pairs) {
      std::string csv = "distance,ordered_pairs\n";
      for (std::size_t d = 0; d < histogram.size(); ++d) csv += fmt::format("{},{}\n", d, histogram[d]);
      numerics::write_file_atomically(out / "enumerate_pairs.csv", csv);
    }
    write_sidecar(out, "enumerate", "enumerate", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("{} fixed points in the {}x{} matrix {}\n", found.count, couplings.size(), couplings.size(), o.couplings_file);
  }
}

numerics::network_source source_of(const enumerate_options& o) {
  const sampled_ensemble_options& e = o.ensemble;
  return e.modules > 0 ? numerics::sampled_networks(modular_of(o))
                       : numerics::sampled_networks(numerics::coupling_ensemble{e.n, e.self_coupling, e.symmetry});
}

// Every parameter that changes an ensemble run's results: the key of its shards (--kernel is not
// one: every kernel finds the same fixed points).
json ensemble_parameters(const enumerate_options& o, bool pairs) {
  json p = sampled_ensemble_key(o.ensemble, o.common.seed);
  p["pair_histograms"] = pairs;
  return p;
}

// The run that `parameters` (ensemble_parameters) describe, printing and writing as `output` says.
enumerate_options options_from(const json& parameters, const common_options& output) {
  return options_with_ensemble<enumerate_options>(parameters, output);
}

// Summary, CSV files, sidecar and stdout of an ensemble run from its networks in index order:
// the same for one process, MPI ranks and merged shards.
void write_ensemble_outputs(const enumerate_options& o, bool pairs, const std::vector<numerics::network_fixed_points>& per_network,
                            const std::filesystem::path& out) {
  const sampled_ensemble_options& e = o.ensemble;
  const int n = neurons(o);
  json result = {{"n", n}, {"self_coupling", e.self_coupling}, {"symmetry", e.symmetry},
                 {"networks", e.networks}, {"seed", o.common.seed}};
  if (e.modules > 0) {
    result["modules"] = e.modules;
    result["module_size"] = e.n;
    result["inter_module_coupling"] = e.inter_module_coupling;
    result["ring"] = e.ring;
  }
  json theory_pairs = nullptr;
  if (pairs && e.symmetry == 0.0 && e.modules == 0) theory_pairs = theory::expected_pairs(e.n, e.self_coupling);
  result["theory_expected_fixed_points"] = theory_count_or_null(o);
  if (e.networks >= 2) {
    const numerics::ensemble_summary summary = numerics::summarise(per_network);
    result["mean_fixed_points"] = summary.count.mean;
    result["sem_fixed_points"] = summary.count.sem;
    json counts = json::array(), networks_with = json::array();
    for (const auto& [count, networks] : summary.count_distribution) {
      counts.push_back(count);
      networks_with.push_back(networks);
    }
    result["fixed_point_count_distribution"] = {{"fixed_points", counts}, {"networks", networks_with}};
    if (pairs) {
      json mean = json::array(), sem = json::array();
      for (const auto& p : summary.pairs) {
        mean.push_back(p.mean);
        sem.push_back(p.sem);
      }
      result["pair_distance_mean"] = mean;
      result["pair_distance_sem"] = sem;
      result["theory_expected_pairs"] = theory_pairs;
    }
  } else {
    result["fixed_points"] = per_network.front().count;
    if (pairs) result["pair_distance_histogram"] = per_network.front().pair_histogram;
  }
  if (!out.empty()) {
    std::string per_net = "network,fixed_points\n";
    for (std::size_t k = 0; k < per_network.size(); ++k) per_net += fmt::format("{},{}\n", k, per_network[k].count);
    numerics::write_file_atomically(out / "enumerate_networks.csv", per_net);
    if (e.networks >= 2 && pairs) {
      std::string csv = "distance,mean_pairs,sem_pairs,theory_pairs\n";
      for (int d = 0; d <= n; ++d)
        csv += fmt::format("{},{},{},{}\n", d, result["pair_distance_mean"][d].dump(), result["pair_distance_sem"][d].dump(),
                           theory_pairs.is_null() ? "" : theory_pairs[d].dump());
      numerics::write_file_atomically(out / "enumerate_pairs.csv", csv);
    }
    write_sidecar(out, "enumerate", "enumerate", result);
  }
  if (o.common.json) {
    print_json(result);
  } else if (e.networks >= 2) {
    fmt::print("{}: mean #FP over {} networks = {} ± {} (theory {})\n", source_of(o).label, e.networks,
               result["mean_fixed_points"].dump(), result["sem_fixed_points"].dump(),
               result["theory_expected_fixed_points"].dump());
  } else {
    fmt::print("{}: {} fixed points (theory mean {})\n", source_of(o).label, per_network.front().count,
               result["theory_expected_fixed_points"].dump());
  }
}

void run_ensemble(const enumerate_options& o, bool progress) {
  const numerics::network_source source = source_of(o);
  // Fixed-point states stay where they were enumerated: a listing needs the whole run in one process.
  if (!o.list_fixed_points.empty() && validation::world_process_group().size > 1)
    throw std::invalid_argument("--list-fixed-points: not under MPI with several ranks (run it in one process)");
  const int n = neurons(o);
  const bool pairs = want_pairs(o, n, validation::world_process_group().root());
  const ensemble_role role = start_ensemble(o.ensemble.networks, o.shard, o.common, progress);
  if (!o.save_couplings.empty() && role.writes_outputs) {
    const auto dir = prepare_output_directory(o.save_couplings, "--save-couplings");
    for (std::int64_t k = 0; k < o.ensemble.networks; ++k)
      numerics::write_couplings(source.sample(o.common.seed, static_cast<std::uint64_t>(k)),
                                dir / fmt::format("couplings_{:06d}.{}", k, o.couplings_format));
  }
  numerics::ensemble_options options;
  options.seed = o.common.seed;
  options.pair_histograms = pairs;
  options.keep_states = !o.list_fixed_points.empty();
  options.kernel = parse_kernel(o.kernel);
  const auto per_network = run_ensemble_units<numerics::network_fixed_points>(
      role, ensemble_key("enumerate", ensemble_parameters(o, pairs)), validation::fixed_point_count_codec(n, pairs), o.common,
      [&](validation::index_range range, bool show) {
        if (range.size() == 0) return std::vector<numerics::network_fixed_points>{};
        options.first_network = range.begin;
        options.networks = range.size();
        options.progress = show;
        return numerics::enumerate_networks(source, options);
      });
  if (!per_network) return;  // a shard, or an MPI rank other than 0
  if (!o.list_fixed_points.empty()) {
    std::vector<std::vector<packed_state>> states;
    for (const auto& net : *per_network) states.push_back(net.states);
    numerics::write_file_atomically(o.list_fixed_points, fixed_point_listing(states, n, 0, o.list_format == "packed"));
  }
  write_ensemble_outputs(o, pairs, *per_network, role.out);
}

}  // namespace

void register_enumerate(CLI::App& app) {
  auto o = std::make_shared<enumerate_options>();
  auto* command = app.add_subcommand("enumerate", "Exhaustive enumeration of all 2^N states: fixed points of sampled networks or of a given matrix");
  auto* n = add_integer_option(*command, "--n", o->ensemble.n, 2, numerics::max_enumeration_neurons,
                               "Number of neurons N (with --modules: units per module n, N = M·n)");
  auto* jd = add_real_option(*command, "--self-coupling", o->ensemble.self_coupling, "Self-coupling J_D");
  auto* eta = add_real_option(*command, "--symmetry", o->ensemble.symmetry, "Correlation of J_ij and J_ji", -1.0, 1.0);
  auto* networks = add_integer_option(*command, "--networks", o->ensemble.networks, 1, max_networks,
                                      "Number of sampled networks (each network's results are kept in memory)");
  auto* save = add_text_option(*command, "--save-couplings", o->save_couplings,
                               "Directory for the sampled matrices (couplings_NNNNNN.csv|npy)");
  command->add_option("--couplings-format", o->couplings_format, "Format of --save-couplings files")
      ->check(CLI::IsMember({"csv", "npy"}))->capture_default_str();
  auto* couplings = add_text_option(*command, "--couplings", o->couplings_file,
                  "Enumerate this N×N matrix instead (diagonal = self-couplings; row i holds the couplings into "
                  "neuron i). Text: one row per line, numbers separated by commas or by spaces/tabs (np.savetxt's "
                  "default), '#' comments, a UTF-8 BOM is skipped. .npy: float64, float32 or (u)int8/16/32/64, "
                  "either byte order, C or Fortran order; every entry is converted exactly to double (int64 values "
                  "beyond 2^53 that double cannot hold exactly are refused); NaN and inf are refused")
      ->excludes(n)->excludes(jd)->excludes(eta)->excludes(networks)->excludes(save);
  auto* modules = add_integer_option(*command, "--modules", o->ensemble.modules, 1, numerics::max_enumeration_neurons / 2,
                                     "Modular variant: M modules of --n units, N(0, 1/n) couplings inside each module, "
                                     "none between modules except --inter-module-coupling")
                      ->excludes(eta)
                      ->excludes(couplings);
  add_real_option(*command, "--inter-module-coupling", o->ensemble.inter_module_coupling,
                  "Coupling lambda between unit i of module m and unit i of modules m±1 (with --modules)")
      ->needs(modules);
  command->add_flag("--ring", o->ensemble.ring, "Modules form a ring (M−1 linked to 0) instead of an open chain")->needs(modules);
  auto* list = add_text_option(*command, "--list-fixed-points", o->list_fixed_points, "CSV file listing every fixed point",
                               check_listing_directory);
  command->add_option("--list-format", o->list_format, "pm1: one ±1 row per fixed point; packed: one integer (bit i set ⇔ s_i = +1)")
      ->check(CLI::IsMember({"pm1", "packed"}))->capture_default_str();
  command->add_option("--kernel", o->kernel,
                      "Enumeration kernel: auto (AVX-512 Gray-code or branch-and-bound, chosen by a pilot's node count), "
                      "avx512, pruned, scalar")
      ->check(CLI::IsMember({"auto", "avx512", "pruned", "scalar"}))->capture_default_str();
  auto* no_pairs = command->add_flag("--no-pairs", o->no_pairs, "Skip the pair-distance histograms");
  add_shard_option(*command, o->shard)->excludes(couplings)->excludes(save)->excludes(list);
  command->add_flag("--pairs", o->force_pairs, "Pair histograms also for N > 26 (cost grows as #FP^2)")->excludes(no_pairs);
  add_common_options(*command, o->common, "Directory for enumerate_networks.csv, enumerate_pairs.csv, enumerate.json");
  register_shard_merger("enumerate", [](const json& parameters, const std::vector<json>& units,
                                         const common_options& output, const std::filesystem::path& out) {
    const enumerate_options merged = options_from(parameters, output);
    check_merged_unit_count(units, merged.ensemble.networks);
    const bool pairs = parameters.at("pair_histograms").get<bool>();
    write_ensemble_outputs(merged, pairs,
                           validation::decode_units(validation::fixed_point_count_codec(neurons(merged), pairs), units), out);
  });
  set_ensemble_or_matrix_callback(*command, o, run_ensemble, run_user_matrix);
}

}  // namespace steer::tools
