// report.md's and report.json's accessibility section (accessibility_report.hpp).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "theory/annealed_count.hpp"
#include "validation/fixed_points/accessibility_report.hpp"
#include "validation/fixed_points/accessibility_rules.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

json optional_json(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::string optional_text(const std::optional<double>& value, const char* format) {
  return value ? fmt::format(fmt::runtime(format), *value) : std::string("—");
}

// A markdown table cell: '|' would end the cell ("max |z|").
std::string table_cell(const std::string& text) {
  std::string cell;
  for (const char c : text) cell += c == '|' ? std::string("\\|") : std::string(1, c);
  return cell;
}

}  // namespace

json accessibility_json(const accessibility_report_config& config, const accessibility_report& report) {
  json verdicts = json::array();
  for (const auto& v : report.verdicts) verdicts.push_back({{"what", v.what}, {"verdict", v.verdict}, {"numbers", v.numbers}});
  json thresholds = json::array();
  for (const auto& t : report.curves)
    thresholds.push_back({{"n", t.config.n}, {"threshold", optional_json(t.threshold)},
                          {"threshold_error", optional_json(t.threshold_error)}, {"max_sweeps", t.config.max_sweeps},
                          {"curve", {{"self_coupling", t.config.self_couplings}, {"success", t.success}}}});
  json extrapolation = nullptr;
  if (const auto& e = report.extrapolation)
    extrapolation = {{"method", e->method}, {"reason", e->reason}, {"estimate", optional_json(e->estimate)},
                     {"estimate_error", optional_json(e->estimate_error)}};
  return {{"parameters",
           {{"algorithm", "async"}, {"threshold_sizes", config.threshold_sizes},
            {"threshold_self_couplings", config.threshold_self_couplings},
            {"threshold_networks", config.threshold_networks}, {"max_sweeps", config.max_sweeps},
            {"exact_sizes", config.exact_sizes}, {"exact_self_couplings", config.exact_self_couplings},
            {"exact_networks", config.exact_networks}, {"quenched_size", config.quenched_size},
            {"quenched_self_couplings", config.quenched_self_couplings},
            {"quenched_networks", config.quenched_networks}, {"walks", config.walks},
            {"final_log_f", config.final_log_f}}},
          {"thresholds", thresholds}, {"extrapolation", extrapolation}, {"verdicts", verdicts},
          {"passed", report.passed()}, {"failed", report.failed()}, {"predictions", report.predictions()},
          {"reused_units", report.reused_units}};
}

std::string accessibility_markdown(const accessibility_report_config& config, const accessibility_report& report) {
  std::string md = fmt::format(
      "## Accessibility: dynamics thresholds and Monte Carlo counts\n\n"
      "**{} of {} accessibility predictions pass**; inconclusive verdicts and measurements are listed but not "
      "counted.\n\n"
      "* **success curves** (`accessibility_curves.csv`, `accessibility_thresholds.csv`, plot "
      "`accessibility_curves.png`): probability that asynchronous sign dynamics (random-sequential order, random "
      "start) reaches a fixed point within {} sweeps, vs J_D, {} networks per point, 95 % Wilson intervals. "
      "Claim (spec §5, §6): fixed points become accessible only above an algorithm-dependent threshold J_D > 0, "
      "although for every J_D > 0 they are exponentially many (ln 2 + ln Φ(J_D) > 0). PASS when the monotone "
      "(isotonic) curve crosses 50 % inside the grid, some J_D > 0 has Wilson upper < 0.5 and some J_D has Wilson "
      "lower > 0.5; FAIL when Wilson lower > 0.5 at every J_D > 0 of the grid; inconclusive otherwise "
      "(threshold_existence.hpp). The threshold (TOMS 748 on the monotone interpolation, ± bootstrap over networks "
      "and the grid step) depends on the budget; its value, its drift with N and the extrapolation are "
      "measurements — the papers give no number (spec §5, §9); with 2–3 sizes the extrapolation's error is "
      "conditional on the 1/ln N form.\n"
      "* **count-mc vs enumeration** ({} networks per point, {} Wang–Landau walks, final ln f = {}; "
      "`accessibility_count_mc.csv`, plot `accessibility_count_mc.png`): z = (estimate − exact)/SEM is a Student "
      "t with {} degrees of freedom if unbiased; PASS when every network's |z| is below the two-sided Student-t "
      "quantile at α/m (α = {:.2g}, the 4σ normal tail; m compared networks; the threshold is printed per point).\n"
      "* **quenched vs annealed** (N = {}, {} networks; `accessibility_quenched.csv`, plot "
      "`accessibility_quenched.png`): claim (spec §2) ⟨ln #FP⟩/N = ln 2 + ln Φ(J_D) for J_D > 0 at large N. At "
      "finite N Jensen gives ⟨ln #FP⟩ ≤ ln E[#FP], so the verdict compares with the band [annealed − Δ, annealed], "
      "annealed = ln E[#FP]/N = ln 2 + ln Φ(J_D √(N/(N−1))) (eq. 2) and Δ = ½ ln(E[#FP²]/E[#FP]²)/N from the exact "
      "pair count (eq. 4), the log-normal (second-cumulant) estimate of the gap: PASS (confirmed) within 4σ of the "
      "band, FAIL (not confirmed) outside, inconclusive if any network gave no estimate. The large-N s(J_D) "
      "(eq. 3) and its z are shown beside it.\n\n",
      report.passed(), report.predictions(), config.max_sweeps, config.threshold_networks, config.exact_networks,
      config.walks, config.final_log_f, config.walks - 1, count_mc_family_alpha, config.quenched_size,
      config.quenched_networks);
  md += "| N | J_D* (50 %) | error | budget (sweeps) | bootstrap replicates crossing |\n|---|---|---|---|---|\n";
  for (const auto& t : report.curves)
    md += fmt::format("| {} | {} | {} | {} | {} of {} |\n", t.config.n, optional_text(t.threshold, "{:.4g}"),
                      optional_text(t.threshold_error, "{:.2g}"), t.config.max_sweeps, t.bootstrap_defined,
                      t.config.bootstrap);
  if (const auto& e = report.extrapolation)
    md += fmt::format("| ∞ ({}) | {} | {} | {} | — |\n", e->method, optional_text(e->estimate, "{:.4g}"),
                      optional_text(e->estimate_error, "{:.2g}"), config.max_sweeps);
  md += "\n| N | J_D | networks with an estimate | ⟨ln #FP⟩/N | ln 2 + ln Φ(J_D √(N/(N−1))) | ln 2 + ln Φ(J_D) |\n"
        "|---|---|---|---|---|---|\n";
  for (const auto& p : report.quenched) {
    const auto& q = p.result.quenched_log_fixed_points;
    md += fmt::format("| {} | {} | {} of {} | {} | {:.4f} | {:.4f} |\n", p.n, p.self_coupling,
                      p.result.networks_with_estimate, p.result.per_network.size(),
                      q ? fmt::format("{:.4f} ± {:.4f}", q->mean / p.n, q->sem / p.n) : "—",
                      theory::log_expected_fixed_points(p.n, p.self_coupling) / p.n,
                      theory::fixed_point_entropy(p.self_coupling));
  }
  md += "\n| what | verdict | numbers |\n|---|---|---|\n";
  for (const auto& v : report.verdicts) md += fmt::format("| {} | {} | {} |\n", v.what, v.verdict, table_cell(v.numbers));
  return md + "\n";
}

}  // namespace steer::validation
