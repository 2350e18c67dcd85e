#include "validation/fixed_points/accessibility_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "theory/annealed_count.hpp"
#include "validation/ensemble/group_blocks.hpp"
#include "validation/fixed_points/accessibility_rules.hpp"
#include "validation/fixed_points/count_report.hpp"
#include "validation/fixed_points/threshold_existence.hpp"

namespace steer::validation {
namespace {

threshold_config curve_config(const accessibility_report_config& c, int n) {
  threshold_config t;
  t.algorithm = "async";  // random-sequential order, random start: the default
  t.n = n;
  t.self_couplings = c.threshold_self_couplings;
  t.networks = c.threshold_networks;
  t.max_sweeps = c.max_sweeps;
  t.seed = c.seed;
  t.progress = c.progress;
  t.points_dir = c.out / "points";  // one saved unit per (N, J_D, network)
  t.program_version = c.program_version;
  return t;
}

count_mc_ensemble_config count_mc_config(const accessibility_report_config& c, int n, double self_coupling,
                                         std::int64_t networks, bool exact) {
  count_mc_ensemble_config e;
  e.ensemble = {n, self_coupling, 0.0};
  e.networks = networks;
  e.estimator.runs = c.walks;
  e.estimator.final_log_f = c.final_log_f;
  e.estimator.seed = c.seed;
  e.exact = exact;
  // One saved unit per network; the exact points apart, as their key differs (--exact).
  e.units_dir = exact ? c.out / "points" / "count_mc_exact" : c.out / "points";
  e.program_version = c.program_version;
  e.progress = c.progress;
  return e;
}

void add_curve_verdicts(accessibility_report& r) {
  std::string drift;
  for (const auto& t : r.curves) {
    const auto& c = t.config;
    const auto range = fmt::format("success {:.2f} at J_D={} -> {:.2f} at J_D={}", t.success.front(),
                                   c.self_couplings.front(), t.success.back(), c.self_couplings.back());
    std::string numbers;
    if (t.threshold)
      numbers = fmt::format("J_D* = {:.4g} ± {} at a budget of {} sweeps ({} networks); {}{}", *t.threshold,
                            t.threshold_error ? fmt::format("{:.2g}", *t.threshold_error) : "?", c.max_sweeps,
                            c.networks, range, t.threshold_flagged ? "; error withheld: " + t.threshold_flag : "");
    else
      numbers = fmt::format("no 50 % crossing inside the grid at {} sweeps ({}): {}", c.max_sweeps, range,
                            t.monotone.front() >= 0.5 ? "the threshold lies below the grid"
                                                      : "the threshold lies above the grid or the budget is too short");
    const auto existence = threshold_existence(c.self_couplings, t.wilson, t.threshold);
    r.verdicts.push_back({fmt::format("a threshold exists, async N={}", c.n), existence.verdict,
                          numbers + "; " + existence.numbers});
    drift += fmt::format("{}N={}: {}", drift.empty() ? "" : ", ", c.n, t.threshold ? fmt::format("{:.4g}", *t.threshold) : "none");
  }
  if (r.extrapolation) {
    const auto& e = *r.extrapolation;
    // With 2-3 sizes the drift fit assumes a + b/ln N; its error says nothing about that form.
    const bool log_fit = e.fit && !e.fit->nu;
    drift += fmt::format("; N -> inf: {} ({}: {})",
                         e.estimate ? fmt::format("{:.4g}{}{}", *e.estimate,
                                                  e.estimate_error ? fmt::format(" ± {:.2g}", *e.estimate_error) : "",
                                                  log_fit ? " conditional on the 1/ln N form" : "")
                                    : "none",
                         e.method, e.reason);
  }
  r.verdicts.push_back({"threshold drift with N and extrapolation (async)", "measurement",
                        drift + "; the papers give no number to compare (spec §5, §9)"});
}

void add_exact_verdicts(accessibility_report& r, int walks) {
  for (auto& p : r.exact) {
    int missing = 0, spurious = 0, both_none = 0;
    double max_z = 0.0;
    for (const auto& k : p.result.per_network) {
      if (const auto z = k.z_score()) {
        max_z = std::max(max_z, std::abs(*z));
      } else if (*k.exact_count == 0) {
        (k.estimate.log_fixed_points ? spurious : both_none) += 1;
      } else {
        ++missing;  // fixed points exist but no estimate (or a zero SEM)
      }
    }
    const auto& s = *p.result.calibration;
    // z is Student-t with walks − 1 dof; the threshold is family-wise over the compared networks.
    const double threshold = count_mc_z_threshold(walks, std::max(1, s.compared));
    // Nothing compared (every network without fixed points) is no evidence either way.
    const std::string verdict = max_z >= threshold || spurious > 0 ? "FAIL"
                                : missing > 0 || s.compared == 0                  ? "inconclusive"
                                                                                  : "PASS";
    std::string numbers = fmt::format(
        "max |z| = {:.2f} over {} networks (threshold {:.2f}: two-sided Student-t, {} dof, at α/m = {:.2g}/{}); within 1σ {:.2f}, within 2σ {:.2f}, mean z {:+.2f}, rms z "
        "{:.2f}, mean |error| {:.3g}",
        max_z, s.compared, threshold, walks - 1, count_mc_family_alpha, std::max(1, s.compared), s.within_one_sigma, s.within_two_sigma, s.mean_z, s.rms_z,
        s.mean_abs_error);
    if (missing > 0) numbers += fmt::format("; {} networks with fixed points gave no estimate", missing);
    if (spurious > 0) numbers += fmt::format("; {} networks without fixed points got an estimate", spurious);
    if (both_none > 0) numbers += fmt::format("; {} networks have no fixed point and no estimate (agree)", both_none);
    p.verdict = verdict;
    r.verdicts.push_back({fmt::format("count-mc vs enumeration N={} J_D={}", p.n, p.self_coupling), verdict, numbers});
  }
}

void add_quenched_verdicts(accessibility_report& r) {
  for (auto& p : r.quenched) {
    const double annealed = theory::log_expected_fixed_points(p.n, p.self_coupling) / p.n;
    const double large_n = theory::fixed_point_entropy(p.self_coupling);
    const auto networks = static_cast<int>(p.result.per_network.size());
    const int missing = networks - p.result.networks_with_estimate;
    const auto& q = p.result.quenched_log_fixed_points;
    std::string numbers, verdict = "inconclusive";
    if (q && q->sem > 0.0) {
      const double mean = q->mean / p.n, sem = q->sem / p.n;
      const double z = (mean - annealed) / sem;
      // Jensen: ⟨ln #FP⟩ ≤ ln E[#FP], so the quenched mean is compared with the band
      // [annealed − Δ, annealed], Δ the log-normal estimate of the gap (accessibility_rules.hpp).
      const double gap = quenched_jensen_gap(p.n, p.self_coupling);
      if (missing == 0) verdict = quenched_band_verdict(mean, sem, annealed, gap);
      numbers = fmt::format("⟨ln #FP⟩/N = {:.4f} ± {:.4f} vs ln 2 + ln Φ(J_D √(N/(N−1))) = {:.4f} (z = {:+.2f}); "
                            "Jensen gap Δ = ½ ln(E[#FP²]/E[#FP]²)/N = {:.4f}, band [{:.4f}, {:.4f}] ± 4σ; "
                            "large-N s(J_D) = {:.4f} (z = {:+.2f})",
                            mean, sem, annealed, z, gap, annealed - gap, annealed, large_n, (mean - large_n) / sem);
    } else {
      numbers = fmt::format("no quenched average (fewer than 2 estimates or a zero SEM); annealed {:.4f}", annealed);
    }
    numbers += fmt::format("; {} of {} networks with an estimate", p.result.networks_with_estimate, networks);
    if (missing > 0)
      numbers += fmt::format(" (networks {} have none: a walk visited no fixed point or did not converge; leaving them "
                             "out would bias the average up, so no verdict)",
                             fmt::join(p.result.networks_without_estimate, ", "));
    p.verdict = verdict;
    r.verdicts.push_back({fmt::format("quenched = annealed entropy, count-mc N={} J_D={}", p.n, p.self_coupling), verdict,
                          numbers});
  }
}

constexpr const char* table_names[] = {"accessibility_curves.csv", "accessibility_thresholds.csv",
                                       "accessibility_count_mc.csv", "accessibility_quenched.csv"};

std::string cell(const std::optional<double>& value) { return value ? fmt::format("{}", *value) : std::string(); }

void write_tables(const accessibility_report_config& c, const accessibility_report& r) {
  std::string curves = "n,self_coupling,success,wilson_lower,wilson_upper,monotone,networks,max_sweeps,"
                       "mean_sweeps_to_converge\n";
  std::string thresholds = "kind,n,threshold,threshold_error,bootstrap_defined,max_sweeps,networks,method,flagged\n";
  for (const auto& t : r.curves) {
    for (std::size_t k = 0; k < t.points.size(); ++k)
      curves += fmt::format("{},{},{},{},{},{},{},{},{}\n", t.config.n, t.config.self_couplings[k], t.success[k],
                            t.wilson[k].lower, t.wilson[k].upper, t.monotone[k], t.config.networks, t.config.max_sweeps,
                            cell(t.mean_sweeps_to_converge[k]));
    thresholds += fmt::format("measured,{},{},{},{},{},{},,{}\n", t.config.n, cell(t.threshold), cell(t.threshold_error),
                              t.bootstrap_defined, t.config.max_sweeps, t.config.networks, t.threshold_flagged);
  }
  if (r.extrapolation)
    thresholds += fmt::format("extrapolated,inf,{},{},,{},{},{},false\n", cell(r.extrapolation->estimate),
                              cell(r.extrapolation->estimate_error), c.max_sweeps, c.threshold_networks,
                              r.extrapolation->method);
  numerics::write_file_atomically(c.out / table_names[0], curves);
  numerics::write_file_atomically(c.out / table_names[1], thresholds);

  std::string networks = "part,n,self_coupling,network,log_fixed_points,log_fixed_points_sem,runs,runs_visiting_zero,"
                         "exact_count,exact_log_fixed_points,z\n";
  for (const auto* part : {&r.exact, &r.quenched})
    for (const auto& p : *part)
      for (const auto& k : p.result.per_network) {
        const auto& e = k.estimate.log_fixed_points;
        networks += fmt::format(
            "{},{},{},{},{},{},{},{},{},{},{}\n", part == &r.exact ? "exact" : "quenched", p.n, p.self_coupling,
            k.network, e ? fmt::format("{}", e->mean) : "", e ? fmt::format("{}", e->sem) : "", k.estimate.runs.size(),
            k.estimate.runs_visiting_zero, k.exact_count ? fmt::format("{}", *k.exact_count) : "",
            k.exact_count && *k.exact_count > 0 ? fmt::format("{}", std::log(static_cast<double>(*k.exact_count))) : "",
            cell(k.z_score()));
      }
  numerics::write_file_atomically(c.out / table_names[2], networks);

  std::string quenched = "n,self_coupling,networks,networks_with_estimate,quenched_entropy,quenched_entropy_sem,"
                         "annealed_entropy_finite_n,annealed_entropy_large_n,verdict\n";
  for (const auto& p : r.quenched) {
    const auto& q = p.result.quenched_log_fixed_points;
    quenched += fmt::format("{},{},{},{},{},{},{},{},{}\n", p.n, p.self_coupling, p.result.per_network.size(),
                            p.result.networks_with_estimate, q ? fmt::format("{}", q->mean / p.n) : "",
                            q ? fmt::format("{}", q->sem / p.n) : "",
                            theory::log_expected_fixed_points(p.n, p.self_coupling) / p.n,
                            theory::fixed_point_entropy(p.self_coupling),
                            p.verdict);
  }
  numerics::write_file_atomically(c.out / table_names[3], quenched);
}

}  // namespace

accessibility_report_config::accessibility_report_config() {
  for (int k = 0; k < 17; ++k) threshold_self_couplings.push_back(0.8 * k / 16.0);  // 0:0.8:17, as the CLI spells it
}

void accessibility_report_config::validate() const {
  if (threshold_sizes.empty() || exact_sizes.empty() || exact_self_couplings.empty() || quenched_self_couplings.empty())
    throw std::invalid_argument("accessibility: the size and J_D lists must not be empty");
  for (std::size_t k = 1; k < threshold_sizes.size(); ++k)
    if (!(threshold_sizes[k] > threshold_sizes[k - 1]))  // the extrapolation assumes ascending N; duplicates repeat streams
      throw std::invalid_argument(fmt::format("accessibility threshold sizes must be strictly increasing, got {} after {}",
                                              threshold_sizes[k], threshold_sizes[k - 1]));
  for (const int n : threshold_sizes) validation::validate(curve_config(*this, n));
  for (const int n : exact_sizes)
    if (n < 2 || n > max_report_neurons)
      throw std::invalid_argument(fmt::format("accessibility count-mc exact sizes: N must be in [2, {}], got {}",
                                              max_report_neurons, n));
  if (quenched_size < 2 || quenched_size > max_accessibility_count_mc_neurons)
    throw std::invalid_argument(fmt::format("accessibility count-mc size: N must be in [2, {}], got {}",
                                            max_accessibility_count_mc_neurons, quenched_size));
  for (const auto* list : {&exact_self_couplings, &quenched_self_couplings})
    for (const double jd : *list)
      if (!std::isfinite(jd)) throw std::invalid_argument(fmt::format("accessibility count-mc: J_D must be finite, got {}", jd));
  if (exact_networks < 1)
    throw std::invalid_argument(fmt::format("accessibility count-mc exact networks must be >= 1, got {}", exact_networks));
  if (quenched_networks < 2)
    throw std::invalid_argument(fmt::format("accessibility count-mc networks must be >= 2, got {}", quenched_networks));
  if (walks < 2) throw std::invalid_argument(fmt::format("accessibility count-mc walks must be >= 2, got {}", walks));
  count_mc_config(*this, quenched_size, 0.0, 2, false).estimator.validate();
}

void remove_accessibility_tables(const std::filesystem::path& out) {
  for (const char* name : table_names) std::filesystem::remove(out / name);
}

int accessibility_report::passed() const {
  int k = 0;
  for (const auto& v : verdicts) k += v.verdict == "PASS";
  return k;
}

int accessibility_report::failed() const {
  int k = 0;
  for (const auto& v : verdicts) k += v.verdict == "FAIL";
  return k;
}

int accessibility_report::predictions() const { return passed() + failed(); }

accessibility_report run_accessibility_report(const accessibility_report_config& config) {
  config.validate();
  std::filesystem::create_directories(config.out / "points" / "count_mc_exact");
  accessibility_report r;
  // Each curve's (J_D, network) units and each count-mc point's networks are spread over the
  // process group; the summaries (bootstrap, extrapolation, verdicts) are computed on every rank
  // from the same ordered units.
  for (const int n : config.threshold_sizes) {
    const threshold_config curve = curve_config(config, n);
    r.curves.push_back(summarise_threshold(
        curve, compute_on_group<threshold_network>(threshold_unit_count(curve), threshold_network_codec(curve),
                                                   [&](index_range units) { return run_threshold_units(curve, units); })));
    for (const auto& p : r.curves.back().points) r.reused_units += p.resumed;
  }
  if (r.curves.size() >= 2) r.extrapolation = extrapolate(r.curves);
  const auto count_point = [&](int n, double jd, std::int64_t networks, bool exact) {
    const count_mc_ensemble_config e = count_mc_config(config, n, jd, networks, exact);
    count_mc_point p{n, jd,
                     summarise_count_mc(e, compute_on_group<count_mc_network>(
                                               networks, count_mc_network_codec(e),
                                               [&](index_range units) { return run_count_mc_networks(e, units); })),
                     ""};
    r.reused_units += p.result.resumed_networks;
    return p;
  };
  for (const int n : config.exact_sizes)
    for (const double jd : config.exact_self_couplings) r.exact.push_back(count_point(n, jd, config.exact_networks, true));
  for (const double jd : config.quenched_self_couplings)
    r.quenched.push_back(count_point(config.quenched_size, jd, config.quenched_networks, false));
  add_curve_verdicts(r);
  add_exact_verdicts(r, config.walks);
  add_quenched_verdicts(r);
  if (world_process_group().root()) write_tables(config, r);  // MPI rank 0 alone writes
  return r;
}

}  // namespace steer::validation
