// `steer theory count|pairs|pair-entropy|local-entropy`: the closed forms of spec
// fixed-points-theory §2–4 and of the modular network (docs/theory/modular_count.md).
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "theory/local_entropy.hpp"
#include "theory/modular_count.hpp"
#include "theory/neighbour_count.hpp"
#include "theory/pair_count.hpp"
#include "theory/pair_entropy.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct theory_options {
  common_options common;
  int n = 20;
  double self_coupling = 0.5;
  std::string self_coupling_range;
  double symmetry = 0.0;
  int modules = 0;  // 0: the single network of spec §1; ≥ 1: the modular network, --n units each
  double inter_module_coupling = 0.0;
  bool ring = false;
  double margin = 0.0;
  int points = 201;
};

// A double as JSON, null where it is ±inf (JSON has no infinities; the docs say what null means).
json finite_or_null(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

// exp(log) as a JSON number, or null where it overflows double (the log is always given).
json exp_or_null(double log_value) { return finite_or_null(std::exp(log_value)); }

std::string csv_number(const json& value) { return value.is_null() ? "" : value.dump(); }

// k points from a to b, both ends included.
std::vector<double> linear_grid(double a, double b, int k) {
  std::vector<double> grid;
  for (int i = 0; i < k; ++i) grid.push_back(k == 1 ? a : a + (b - a) * i / (k - 1));
  return grid;
}

void write_outputs(const theory_options& o, const std::string& stem, const std::string& command, const std::string& csv,
                   const json& result) {
  if (!o.common.out.empty()) {
    const auto out = std::filesystem::path(o.common.out);
    numerics::write_file_atomically(out / (stem + ".csv"), csv);
    write_sidecar(out, stem, command, result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("{}", csv);
  }
}

// One J_D of `theory count`: ln E[#FP] (null where no finite-N closed form exists) and the large-N
// entropy; for the modular network also the many-module entropy.
struct count_point {
  json log_count;
  double entropy;
  double entropy_many_modules = 0.0;
};

count_point count_at(const theory_options& o, double jd) {
  if (o.modules > 0) {
    const theory::modular_network network{o.modules, o.n, jd, o.inter_module_coupling, o.ring};
    return {theory::log_expected_fixed_points_modular(network), theory::modular_fixed_point_entropy(network),
            theory::modular_fixed_point_entropy_many_modules(jd, o.inter_module_coupling)};
  }
  // η < 0 has only the large-N entropy (theory/correlated_count.hpp): finite-N fields are null.
  if (o.symmetry < 0.0) return {json(nullptr), theory::fixed_point_entropy_correlated(jd, o.symmetry)};
  if (o.symmetry > 0.0)
    return {theory::log_expected_fixed_points_correlated(o.n, jd, o.symmetry), theory::fixed_point_entropy_correlated(jd, o.symmetry)};
  return {theory::log_expected_fixed_points(o.n, jd), theory::fixed_point_entropy(jd)};
}

void check_modular_options(const theory_options& o) {
  if (o.modules > 0 && o.symmetry != 0.0)
    throw std::invalid_argument(fmt::format("--symmetry: the modular network has asymmetric couplings only, got {}", o.symmetry));
  if (o.modules == 0 && (o.inter_module_coupling != 0.0 || o.ring))
    throw std::invalid_argument("--inter-module-coupling and --ring need --modules");
}

void run_count(const theory_options& o) {
  apply_common_options(o.common);
  check_modular_options(o);
  const std::vector<double> couplings =
      o.self_coupling_range.empty() ? std::vector<double>{o.self_coupling} : parse_range(o.self_coupling_range, "--self-coupling-range");
  if (!o.common.out.empty()) prepare_output_directory(o.common.out);
  const bool modular = o.modules > 0;
  const bool ring = o.ring && o.modules >= 3;  // a ring of M <= 2 is the chain (theory/modular_count.hpp)
  json expected = json::array(), log_expected = json::array(), entropy = json::array(), many = json::array();
  std::string csv = modular ? "modules,module_size,self_coupling,inter_module_coupling,ring,expected_fixed_points,"
                              "log_expected_fixed_points,entropy_large_n,entropy_many_modules\n"
                            : "n,self_coupling,symmetry,expected_fixed_points,log_expected_fixed_points,entropy_large_n\n";
  for (const double jd : couplings) {
    const count_point point = count_at(o, jd);
    expected.push_back(point.log_count.is_null() ? json(nullptr) : exp_or_null(point.log_count.get<double>()));
    log_expected.push_back(point.log_count);
    entropy.push_back(finite_or_null(point.entropy));
    many.push_back(finite_or_null(point.entropy_many_modules));
    csv += modular ? fmt::format("{},{},{},{},{},{},{},{},{}\n", o.modules, o.n, jd, o.inter_module_coupling, ring,
                                 csv_number(expected.back()), csv_number(point.log_count), csv_number(entropy.back()),
                                 csv_number(many.back()))
                   : fmt::format("{},{},{},{},{},{}\n", o.n, jd, o.symmetry, csv_number(expected.back()),
                                 csv_number(point.log_count), csv_number(entropy.back()));
  }
  const bool curve = !o.self_coupling_range.empty();
  const auto one_or_all = [curve](const json& values) { return curve ? values : values.front(); };
  json result = {{"n", modular ? o.modules * static_cast<std::int64_t>(o.n) : o.n}};
  if (o.symmetry != 0.0) result["symmetry"] = o.symmetry;
  if (modular) {
    result["modules"] = o.modules;
    result["module_size"] = o.n;
    result["inter_module_coupling"] = o.inter_module_coupling;
    result["ring"] = ring;
  }
  result["self_coupling"] = curve ? json(couplings) : json(couplings.front());
  result["expected_fixed_points"] = one_or_all(expected);
  result["log_expected_fixed_points"] = one_or_all(log_expected);
  result["entropy_large_n"] = one_or_all(entropy);
  if (modular) result["entropy_many_modules"] = one_or_all(many);
  write_outputs(o, "theory_count", "theory count", csv, result);
}

void run_pairs(const theory_options& o) {
  apply_common_options(o.common);
  if (o.symmetry != 0.0)
    throw std::invalid_argument(fmt::format(
        "--symmetry: the pair count has a closed form only for fully asymmetric couplings (symmetry 0), got {}", o.symmetry));
  if (!o.common.out.empty()) prepare_output_directory(o.common.out);
  const std::vector<double> logs = theory::log_expected_pairs(o.n, o.self_coupling);
  const std::vector<double> neighbours = theory::log_expected_neighbours_at_distance(o.n, o.self_coupling);
  json distance = json::array(), expected = json::array(), expected_neighbours = json::array();
  std::string csv = "n,self_coupling,distance,expected_pairs,log_expected_pairs,expected_neighbours\n";
  for (std::size_t d = 0; d < logs.size(); ++d) {
    distance.push_back(d);
    expected.push_back(exp_or_null(logs[d]));
    expected_neighbours.push_back(exp_or_null(neighbours[d]));
    csv += fmt::format("{},{},{},{},{},{}\n", o.n, o.self_coupling, d, csv_number(expected.back()), logs[d],
                       csv_number(expected_neighbours.back()));
  }
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"distance", distance},
                       {"expected_pairs", expected},
                       {"expected_neighbours_at_distance", expected_neighbours},
                       {"log_expected_squared_count", theory::log_expected_squared_count(o.n, o.self_coupling)}};
  write_outputs(o, "theory_pairs", "theory pairs", csv, result);
}

// S2(q) on a grid of q ∈ [−1, 1] (spec eq. 6), its maximum, the second moment; with --n the exact
// finite-N (1/N) ln E[P_N(d)] and E[#FP²]/E[#FP]² beside it.
void run_pair_entropy(const theory_options& o, bool finite_n) {
  apply_common_options(o.common);
  if (!o.common.out.empty()) prepare_output_directory(o.common.out);
  const double jd = o.self_coupling;
  const std::vector<double> q = linear_grid(-1.0, 1.0, o.points);
  json values = json::array();
  std::string csv = "kind,n,self_coupling,q,pair_entropy\n";
  for (const double x : q) {
    values.push_back(theory::pair_entropy(x, jd));
    csv += fmt::format("large_n,,{},{},{}\n", jd, x, values.back().get<double>());
  }
  const auto best = theory::maximise_pair_entropy(jd);
  json result = {{"self_coupling", jd},
                 {"q", q},
                 {"pair_entropy", values},
                 {"entropy", theory::fixed_point_entropy(jd)},
                 {"max_pair_entropy", best.value},
                 {"argmax_q", best.q},
                 {"second_moment_exponent", theory::second_moment_exponent(jd)},
                 {"second_moment_ratio_large_n", finite_or_null(theory::second_moment_ratio_large_n(jd))},
                 {"small_distance_coefficient", theory::small_distance_coefficient(jd)}};
  if (finite_n) {
    const std::vector<double> finite = theory::finite_size_pair_entropy(o.n, jd);
    json finite_q = json::array();
    for (std::size_t d = 0; d < finite.size(); ++d) {
      finite_q.push_back(1.0 - 2.0 * static_cast<double>(d) / o.n);
      csv += fmt::format("finite_n,{},{},{},{}\n", o.n, jd, finite_q.back().get<double>(), finite[d]);
    }
    const double log_ratio = theory::log_second_moment_ratio(o.n, jd);
    result["n"] = o.n;
    result["finite_n_q"] = finite_q;
    result["finite_n_pair_entropy"] = finite;
    result["log_second_moment_ratio"] = log_ratio;
    result["second_moment_ratio"] = exp_or_null(log_ratio);
  }
  write_outputs(o, "theory_pair_entropy", "theory pair-entropy", csv, result);
}

// δ grid for the local entropy: log-spaced from 1e−8 (the dip of V_ann sits at δ ~ c², down to
// ~1e−6 at J_D = 2, spec §4.2) to 1/2.
std::vector<double> local_entropy_grid(int points) {
  std::vector<double> grid;
  for (const double t : linear_grid(std::log(1e-8), std::log(0.5), points)) grid.push_back(std::exp(t));
  grid.back() = 0.5;
  return grid;
}

// V_ann (κ = 0) or V_κ (eq. 9) on a δ grid, with min, argmin and root δ0 (spec §4.2).
void run_local_entropy(const theory_options& o) {
  apply_common_options(o.common);
  if (!o.common.out.empty()) prepare_output_directory(o.common.out);
  const double jd = o.self_coupling;
  const std::vector<double> delta = local_entropy_grid(o.points);
  json values = json::array();
  std::string csv = "self_coupling,margin,delta,local_entropy\n";
  for (const double x : delta) {
    values.push_back(theory::margin_local_entropy(x, jd, o.margin));
    csv += fmt::format("{},{},{},{}\n", jd, o.margin, x, values.back().get<double>());
  }
  const auto extrema = theory::find_local_entropy_extrema(jd, o.margin);
  const json result = {{"self_coupling", jd},
                       {"margin", o.margin},
                       {"entropy", theory::fixed_point_entropy(jd)},
                       {"delta", delta},
                       {"local_entropy", values},
                       {"min_local_entropy", extrema.minimum},
                       {"argmin_delta", extrema.argmin_delta},
                       {"root_delta", extrema.root_delta ? json(*extrema.root_delta) : json(nullptr)}};
  write_outputs(o, "theory_local_entropy", "theory local-entropy", csv, result);
}

// The count is O(1) in N, so its bound only keeps N an exact int; the pair profile has N + 1
// rows, and 10^5 of them print in a fraction of a second.
constexpr int max_count_neurons = 1000000000;
constexpr int max_pair_neurons = 100000;
constexpr int max_modules = 1000000;
constexpr int max_points = 100000;

void add_model_options(CLI::App& command, theory_options& o, int max_n) {
  add_integer_option(command, "--n", o.n, 2, max_n, "Number of neurons N (with --modules: units per module)");
  add_real_option(command, "--self-coupling", o.self_coupling, "Self-coupling J_D");
  add_real_option(command, "--symmetry", o.symmetry,
                  "Correlation of J_ij and J_ji (0: fully asymmetric; < 0: large-N entropy only)", -1.0, 1.0);
}

}  // namespace

void register_theory(CLI::App& app) {
  auto* theory = app.add_subcommand("theory", "Closed-form annealed counts of fixed points (no sampling)");
  theory->require_subcommand(1);

  auto count_options = std::make_shared<theory_options>();
  auto* count = theory->add_subcommand("count", "Expected number of fixed points E[#FP](N, J_D) and the large-N entropy");
  add_model_options(*count, *count_options, max_count_neurons);
  add_text_option(*count, "--self-coupling-range", count_options->self_coupling_range,
                  "A curve: k values of J_D from a to b, as a:b:k (overrides --self-coupling)",
                  [](const std::string& text) { parse_range(text, "--self-coupling-range"); });
  add_integer_option(*count, "--modules", count_options->modules, 1, max_modules,
                     "Modular network: M modules of --n units, partner units of neighbouring modules coupled");
  add_real_option(*count, "--inter-module-coupling", count_options->inter_module_coupling,
                  "Modular network: coupling λ between unit i of module m and unit i of modules m ± 1");
  count->add_flag("--ring", count_options->ring, "Modular network: module M also couples to module 1 (M >= 3)");
  add_common_options(*count, count_options->common, "Directory for theory_count.csv + theory_count.json");
  count->callback([count_options] { run_count(*count_options); });

  auto pairs_options = std::make_shared<theory_options>();
  pairs_options->n = 16;
  auto* pairs = theory->add_subcommand("pairs", "Expected number of ordered fixed-point pairs at each Hamming distance");
  add_model_options(*pairs, *pairs_options, max_pair_neurons);
  add_common_options(*pairs, pairs_options->common, "Directory for theory_pairs.csv + theory_pairs.json");
  pairs->callback([pairs_options] { run_pairs(*pairs_options); });

  auto entropy_options = std::make_shared<theory_options>();
  auto* pair_entropy = theory->add_subcommand("pair-entropy", "Large-N two-replica entropy S2(q), its maximum and the second moment");
  add_real_option(*pair_entropy, "--self-coupling", entropy_options->self_coupling, "Self-coupling J_D");
  auto* finite_n = add_integer_option(*pair_entropy, "--n", entropy_options->n, 2, max_pair_neurons,
                                      "Also the exact finite-N (1/N) ln E[pairs at d] and E[#FP^2]/E[#FP]^2");
  add_integer_option(*pair_entropy, "--points", entropy_options->points, 2, max_points, "Number of q values on [-1, 1]");
  add_common_options(*pair_entropy, entropy_options->common, "Directory for theory_pair_entropy.csv + .json");
  pair_entropy->callback([entropy_options, finite_n] { run_pair_entropy(*entropy_options, finite_n->count() > 0); });

  auto local_options = std::make_shared<theory_options>();
  auto* local = theory->add_subcommand("local-entropy", "Annealed local entropy (Franz-Parisi potential) V(delta), min and root");
  add_real_option(*local, "--self-coupling", local_options->self_coupling, "Self-coupling J_D");
  add_real_option(*local, "--margin", local_options->margin, "Stability margin kappa of the reference (0: typical reference)", 0.0);
  add_integer_option(*local, "--points", local_options->points, 2, max_points, "Number of delta values, log-spaced on [1e-8, 1/2]");
  add_common_options(*local, local_options->common, "Directory for theory_local_entropy.csv + .json");
  local->callback([local_options] { run_local_entropy(*local_options); });
}

}  // namespace steer::tools
