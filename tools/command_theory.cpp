// `steer theory count|pairs`: the closed forms of spec fixed-points-theory §2-3.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "theory/pair_count.hpp"
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
};

// exp(log) as a JSON number, or null where it overflows double (the log is always given).
json exp_or_null(double log_value) {
  const double value = std::exp(log_value);
  return std::isfinite(value) ? json(value) : json(nullptr);
}

std::string csv_number(const json& value) { return value.is_null() ? "" : value.dump(); }

void run_count(const theory_options& o) {
  apply_common_options(o.common);
  const std::vector<double> couplings =
      o.self_coupling_range.empty() ? std::vector<double>{o.self_coupling} : parse_range(o.self_coupling_range, "--self-coupling-range");
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  json expected = json::array(), log_expected = json::array(), entropy = json::array();
  std::string csv = "n,self_coupling,symmetry,expected_fixed_points,log_expected_fixed_points,entropy_large_n\n";
  for (const double jd : couplings) {
    // η < 0 has only the large-N entropy (theory/correlated_count.hpp): finite-N fields are null.
    const json log_count = o.symmetry == 0.0  ? json(theory::log_expected_fixed_points(o.n, jd))
                           : o.symmetry > 0.0 ? json(theory::log_expected_fixed_points_correlated(o.n, jd, o.symmetry))
                                              : json(nullptr);
    const double s = o.symmetry == 0.0 ? theory::fixed_point_entropy(jd) : theory::fixed_point_entropy_correlated(jd, o.symmetry);
    expected.push_back(log_count.is_null() ? json(nullptr) : exp_or_null(log_count.get<double>()));
    log_expected.push_back(log_count);
    entropy.push_back(std::isfinite(s) ? json(s) : json(nullptr));
    csv += fmt::format("{},{},{},{},{},{}\n", o.n, jd, o.symmetry, csv_number(expected.back()), csv_number(log_count),
                       csv_number(entropy.back()));
  }
  const bool curve = !o.self_coupling_range.empty();
  json result = {{"n", o.n}};
  if (o.symmetry != 0.0) result["symmetry"] = o.symmetry;
  result["self_coupling"] = curve ? json(couplings) : json(couplings.front());
  result["expected_fixed_points"] = curve ? expected : expected.front();
  result["log_expected_fixed_points"] = curve ? log_expected : log_expected.front();
  result["entropy_large_n"] = curve ? entropy : entropy.front();
  if (!out.empty()) {
    numerics::write_file_atomically(out / "theory_count.csv", csv);
    write_sidecar(out, "theory_count", "theory count", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("{}", csv);
  }
}

void run_pairs(const theory_options& o) {
  apply_common_options(o.common);
  if (o.symmetry != 0.0)
    throw std::invalid_argument(fmt::format(
        "--symmetry: the pair count has a closed form only for fully asymmetric couplings (symmetry 0), got {}", o.symmetry));
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  const std::vector<double> logs = theory::log_expected_pairs(o.n, o.self_coupling);
  json distance = json::array(), expected = json::array();
  std::string csv = "n,self_coupling,distance,expected_pairs,log_expected_pairs\n";
  for (std::size_t d = 0; d < logs.size(); ++d) {
    distance.push_back(d);
    expected.push_back(exp_or_null(logs[d]));
    csv += fmt::format("{},{},{},{},{}\n", o.n, o.self_coupling, d, csv_number(expected.back()), logs[d]);
  }
  const json result = {{"n", o.n},
                       {"self_coupling", o.self_coupling},
                       {"distance", distance},
                       {"expected_pairs", expected},
                       {"log_expected_squared_count", theory::log_expected_squared_count(o.n, o.self_coupling)}};
  if (!out.empty()) {
    numerics::write_file_atomically(out / "theory_pairs.csv", csv);
    write_sidecar(out, "theory_pairs", "theory pairs", result);
  }
  if (o.common.json) {
    print_json(result);
  } else {
    fmt::print("{}", csv);
  }
}

// The count is O(1) in N, so its bound only keeps N an exact int; the pair profile has N + 1
// rows, and 10^5 of them print in a fraction of a second.
constexpr int max_count_neurons = 1000000000;
constexpr int max_pair_neurons = 100000;

void add_model_options(CLI::App& command, theory_options& o, int max_n) {
  add_integer_option(command, "--n", o.n, 2, max_n, "Number of neurons N");
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
  add_common_options(*count, count_options->common, "Directory for theory_count.csv + theory_count.json");
  count->callback([count_options] { run_count(*count_options); });

  auto pairs_options = std::make_shared<theory_options>();
  pairs_options->n = 16;
  auto* pairs = theory->add_subcommand("pairs", "Expected number of ordered fixed-point pairs at each Hamming distance");
  add_model_options(*pairs, *pairs_options, max_pair_neurons);
  add_common_options(*pairs, pairs_options->common, "Directory for theory_pairs.csv + theory_pairs.json");
  pairs->callback([pairs_options] { run_pairs(*pairs_options); });
}

}  // namespace steer::tools
