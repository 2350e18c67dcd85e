#include "validation/fixed_points/geometry_report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "theory/local_entropy.hpp"
#include "theory/modular_count.hpp"
#include "theory/modular_pair_count.hpp"
#include "theory/pair_count.hpp"
#include "theory/pair_entropy.hpp"
#include "validation/ensemble/group_blocks.hpp"
#include "validation/fixed_points/geometry_points.hpp"
#include "validation/fixed_points/network_results_json.hpp"
#include "validation/fixed_points/saved_point.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

saved_unit_store cluster_store(const geometry_report_config& c, int n, double jd) {
  return {c.out / "points",
          fmt::format("clusters_n{}_jd{}_m{}_D{}_seed{}", n, jd, c.cluster_networks, c.max_distance, c.seed),
          {"report-clusters",
           c.program_version,
           {{"n", n}, {"self_coupling", jd}, {"networks", c.cluster_networks}, {"max_distance", c.max_distance},
            {"max_flips", 1}, {"seed", c.seed}}}};
}

saved_unit_store modular_store(const geometry_report_config& c, const modular_point& p) {
  return {c.out / "points",
          fmt::format("modular_M{}_n{}_jd{}_lambda{}_{}_m{}_seed{}", p.modules, p.module_size, p.self_coupling,
                      p.inter_module_coupling, p.ring ? "ring" : "chain", c.modular_networks, c.seed),
          {"report-modular",
           c.program_version,
           {{"modules", p.modules}, {"module_size", p.module_size}, {"self_coupling", p.self_coupling},
            {"inter_module_coupling", p.inter_module_coupling}, {"ring", p.ring}, {"networks", c.modular_networks},
            {"seed", c.seed}}}};
}

cluster_check cluster_point(const geometry_report_config& c, int n, double jd, int& reused) {
  cluster_check_config config;
  config.source = numerics::sampled_networks(numerics::coupling_ensemble{n, jd, 0.0});
  config.theory_self_coupling = jd;
  config.networks = c.cluster_networks;
  config.seed = c.seed;
  config.geometry.max_distance = c.max_distance;
  config.progress = c.progress;
  numerics::analyse_network_geometry({}, n, config.geometry);  // options checked before any work
  // The per-network sums are what is saved; run_cluster_check's summary is rebuilt from them so
  // that a fresh and a resumed point go through the same code.
  bool loaded = false;
  std::vector<numerics::network_geometry> per_network = load_or_compute_on_group<std::vector<numerics::network_geometry>>(
      cluster_store(c, n, jd), cluster_point_codec(n, c.cluster_networks, config.geometry), loaded, [&] {
        return compute_on_group<numerics::network_geometry>(
            c.cluster_networks, network_geometry_codec(n, config.geometry), [&](index_range block) {
              std::vector<numerics::network_geometry> geometries(static_cast<std::size_t>(block.size()));
              if (block.size() == 0) return geometries;
              numerics::for_each_enumerated_network(
                  config.source, ensemble_options_for(c.seed, block, c.progress, enumeration_keeps::fixed_points),
                  [&](std::int64_t k, const numerics::coupling_matrix&, numerics::enumeration_result&& found) {
                    geometries[static_cast<std::size_t>(k)] =
                        numerics::analyse_network_geometry(found.fixed_points, n, config.geometry);
                  });
              return geometries;
            });
      });
  reused += loaded;
  return summarise_clusters(config, std::move(per_network), {});
}

modular_result modular_point_result(const geometry_report_config& c, const modular_point& p, int& reused) {
  const int n = p.modules * p.module_size;
  bool loaded = false;
  const numerics::ensemble_summary summary = load_or_compute_on_group<numerics::ensemble_summary>(
      modular_store(c, p), ensemble_summary_codec(n, c.modular_networks), loaded, [&] {
        return numerics::summarise(enumerate_on_group(
            numerics::sampled_networks(numerics::modular_ensemble{p.modules, p.module_size, p.self_coupling,
                                                                  p.inter_module_coupling, p.ring}),
            c.seed, c.modular_networks, c.progress));
      });
  reused += loaded;
  modular_result r;
  r.point = p;
  r.networks = c.modular_networks;
  r.theory_mean = std::exp(theory::log_expected_fixed_points_modular(
      {p.modules, p.module_size, p.self_coupling, p.inter_module_coupling, p.ring}));
  r.measured = summary.count;
  // Fixed points come in pairs ±s, so the count's se is floored like a d = 0 pair count's
  // (√(2 E/M), and the theory's relative accuracy): no zero se when every network has none.
  r.z = pair_z_score(r.measured, r.theory_mean, 0, n, c.modular_networks);
  r.pass = std::abs(r.z) < count_z_threshold;
  std::vector<double> theory_pairs;
  for (const double l : theory::log_expected_pairs_modular(
           {p.modules, p.module_size, p.self_coupling, p.inter_module_coupling, p.ring}))
    theory_pairs.push_back(std::exp(l));
  r.pairs = judge_pair_profile(std::move(theory_pairs), summary.pairs, n, c.modular_networks);
  return r;
}

// A CSV cell: the number, or empty where it is not finite (a log of an underflowed count).
std::string cell(double value) { return std::isfinite(value) ? fmt::format("{}", value) : std::string(); }

std::string pass_fail(std::optional<bool> pass) { return pass ? (*pass ? "PASS" : "FAIL") : "inconclusive"; }

// The S2 points: (1/N) ln of the enumerated mean pairs at d beside (1/N) ln E[P_N(d)] and S2(q).
void write_pair_entropy(const std::filesystem::path& out, const count_report& counts) {
  std::string csv = "n,self_coupling,distance,q,theory_finite_n,theory_large_n,measured,measured_sem,pair_verdict\n";
  for (const auto& c : counts.checks) {
    const int n = c.config.n;
    const double jd = c.config.self_coupling;
    const std::vector<double> log_pairs = theory::log_expected_pairs(n, jd);
    for (int d = 0; d <= n; ++d) {
      const auto k = static_cast<std::size_t>(d);
      const auto& m = c.measured_pairs[k];
      const double q = 1.0 - 2.0 * d / n;
      // SEM of (1/N) ln(mean) by the delta method; empty where nothing was measured.
      const std::string measured = m.mean > 0.0 ? fmt::format("{}", std::log(m.mean) / n) : "";
      const std::string sem = m.mean > 0.0 ? fmt::format("{}", m.sem / (m.mean * n)) : "";
      csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", n, jd, d, q, cell(log_pairs[k] / n),
                         cell(theory::pair_entropy_near_one(d / static_cast<double>(n), jd)), measured, sem,
                         std::abs(c.pair_z[k]) < c.pair_z_threshold ? "PASS" : "FAIL");
    }
  }
  numerics::write_file_atomically(out / "geometry_pair_entropy.csv", csv);
}

// S2(q) on q ∈ [0, 1], V_ann(δ) and V_κ(δ) on δ ∈ (0, 1/2] for each cluster J_D.
void write_curves(const geometry_report_config& c) {
  std::string csv = "curve,self_coupling,margin,x,value\n";
  for (const double jd : c.cluster_self_couplings) {
    for (int k = 0; k <= 200; ++k) {
      const double delta = 0.5 * k / 200.0;
      csv += fmt::format("S2,{},0,{},{}\n", jd, 1.0 - 2.0 * delta, cell(theory::pair_entropy_near_one(delta, jd)));
    }
    for (const double delta : theory::small_distance_grid()) {
      csv += fmt::format("V_ann,{},0,{},{}\n", jd, delta, cell(theory::annealed_local_entropy(delta, jd)));
      for (const double kappa : c.margins)
        if (jd - kappa > -jd)  // else no single flip is allowed and Φ2 may underflow (eq. 9)
          csv += fmt::format("V_kappa,{},{},{},{}\n", jd, kappa, delta, cell(theory::margin_local_entropy(delta, jd, kappa)));
    }
  }
  numerics::write_file_atomically(c.out / "geometry_curves.csv", csv);
}

void write_tables(const geometry_report_config& c, const geometry_report& r) {
  std::string clusters = "n,self_coupling,networks,distance,mean_fixed_points,measured_neighbours,measured_sem,"
                         "theory_neighbours,z,local_entropy,local_entropy_sem,jensen_bound,annealed_local_entropy,"
                         "largest_component_fraction,largest_component_fraction_sem,fraction_with_neighbour_at_1,"
                         "fraction_with_neighbour_at_1_sem,neighbours_verdict,local_entropy_verdict\n";
  for (std::size_t p = 0; p < r.clusters.size(); ++p) {
    const auto& k = r.clusters[p];
    const auto opt = [](const std::optional<numerics::mean_with_error>& v, bool sem) {
      return v ? fmt::format("{}", sem ? v->sem : v->mean) : std::string();
    };
    for (std::size_t d = 0; d < k.theory_mean_neighbours.size(); ++d) {
      const bool measured = d < k.mean_neighbours.size();
      clusters += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", k.n, r.cluster_self_coupling[p], k.networks, d + 1,
          k.fixed_points.mean, measured ? fmt::format("{}", k.mean_neighbours[d].mean) : "",
          measured ? fmt::format("{}", k.mean_neighbours[d].sem) : "", k.theory_mean_neighbours[d],
          d < k.neighbours_z.size() ? fmt::format("{}", k.neighbours_z[d]) : "",
          measured ? fmt::format("{}", k.local_entropy[d].mean) : "",
          measured ? fmt::format("{}", k.local_entropy[d].sem) : "", k.local_entropy_jensen_bound[d],
          k.annealed_local_entropy[d], opt(k.largest_component_fraction, false), opt(k.largest_component_fraction, true),
          opt(k.fraction_with_neighbour_at_distance_1, false), opt(k.fraction_with_neighbour_at_distance_1, true),
          pass_fail(k.neighbours_pass), pass_fail(k.local_entropy_below_bound));
    }
  }
  numerics::write_file_atomically(c.out / "geometry_clusters.csv", clusters);

  std::string density = "n,self_coupling,networks,starts,converged_fraction,converged_fraction_sem,radius,"
                        "mean_in_ball,mean_in_ball_sem,typical_theory_in_ball,verdict\n";
  for (const auto& l : r.densities)
    for (std::size_t k = 0; k < l.typical_theory_in_ball.size(); ++k)
      density += fmt::format("{},{},{},{},{},{},{},{},{},{},measurement\n", l.config.n, l.config.self_coupling,
                             l.config.networks, l.config.starts, l.converged_fraction.mean, l.converged_fraction.sem, k + 1,
                             k < l.mean_in_ball.size() ? fmt::format("{}", l.mean_in_ball[k].mean) : "",
                             k < l.mean_in_ball.size() ? fmt::format("{}", l.mean_in_ball[k].sem) : "",
                             l.typical_theory_in_ball[k]);
  numerics::write_file_atomically(c.out / "geometry_local_density.csv", density);

  std::string modular = "modules,module_size,n,self_coupling,inter_module_coupling,ring,networks,theory_mean,"
                        "measured_mean,measured_sem,z,verdict\n";
  for (const auto& m : r.modular)
    modular += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", m.point.modules, m.point.module_size,
                           m.point.modules * m.point.module_size, m.point.self_coupling, m.point.inter_module_coupling,
                           m.point.ring, m.networks, m.theory_mean, m.measured.mean, m.measured.sem, m.z,
                           m.pass ? "PASS" : "FAIL");
  numerics::write_file_atomically(c.out / "geometry_modular.csv", modular);

  std::string pairs = "modules,module_size,self_coupling,inter_module_coupling,ring,distance,theory,measured_mean,"
                      "measured_sem,z,z_threshold,verdict\n";
  for (const auto& m : r.modular)
    for (std::size_t d = 0; d < m.pairs.theory.size(); ++d)
      pairs += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", m.point.modules, m.point.module_size,
                           m.point.self_coupling, m.point.inter_module_coupling, m.point.ring, d, m.pairs.theory[d],
                           m.pairs.measured[d].mean, m.pairs.measured[d].sem, m.pairs.z[d], m.pairs.z_threshold,
                           std::abs(m.pairs.z[d]) < m.pairs.z_threshold ? "PASS" : "FAIL");
  numerics::write_file_atomically(c.out / "geometry_modular_pairs.csv", pairs);
}

void add_verdicts(geometry_report& r) {
  for (std::size_t p = 0; p < r.clusters.size(); ++p) {
    const auto& k = r.clusters[p];
    const std::string where = fmt::format("N={} J_D={}", k.n, r.cluster_self_coupling[p]);
    double max_z = 0.0;
    for (const double z : k.neighbours_z) max_z = std::max(max_z, std::abs(z));
    r.verdicts.push_back({"neighbours at d=1..D " + where, pass_fail(k.neighbours_pass),
                          fmt::format("max |z| = {:.2f} (threshold {})", max_z, cluster_z_threshold)});
    r.verdicts.push_back({"local entropy below Jensen bound " + where, pass_fail(k.local_entropy_below_bound),
                          "<ln(1+N_loc)>/N <= ln(1 + E[P_N(d)]/E[#FP])/N + 4 SEM"});
    r.verdicts.push_back(
        {"largest component, neighbour at d=1 " + where, "measurement",
         k.largest_component_fraction
             ? fmt::format("largest {:.4g} ± {:.2g}, with neighbour {:.4g} ± {:.2g}", k.largest_component_fraction->mean,
                           k.largest_component_fraction->sem, k.fraction_with_neighbour_at_distance_1->mean,
                           k.fraction_with_neighbour_at_distance_1->sem)
             : std::string("no fixed point found")});
  }
  for (const auto& l : r.densities) {
    std::string numbers = fmt::format("converged {:.3g}", l.converged_fraction.mean);
    for (std::size_t k = 0; k < l.mean_in_ball.size(); ++k)
      numbers += fmt::format("; r={}: {:.4g} ± {:.2g} (typical annealed {:.4g})", k + 1, l.mean_in_ball[k].mean,
                             l.mean_in_ball[k].sem, l.typical_theory_in_ball[k]);
    r.verdicts.push_back({fmt::format("local density N={} J_D={}", l.config.n, l.config.self_coupling), "measurement",
                          numbers});
  }
  for (const auto& m : r.modular) {
    const std::string where = fmt::format("M={} n={} J_D={} lambda={} {}", m.point.modules, m.point.module_size,
                                          m.point.self_coupling, m.point.inter_module_coupling, m.point.ring ? "ring" : "chain");
    r.verdicts.push_back({"modular count " + where, m.pass ? "PASS" : "FAIL",
                          fmt::format("theory {:.6g}, measured {:.6g} ± {:.3g}, z = {:+.2f}", m.theory_mean,
                                      m.measured.mean, m.measured.sem, m.z)});
    r.verdicts.push_back({"modular pairs at d=0..N " + where, m.pairs.pass ? "PASS" : "FAIL",
                          fmt::format("max |z| = {:.2f} (threshold {:.2f})", m.pairs.max_abs_z(), m.pairs.z_threshold)});
  }
}

}  // namespace

void geometry_report_config::validate() const {
  for (const int n : cluster_sizes)
    if (n < 2 || n > max_report_neurons)
      throw std::invalid_argument(fmt::format("geometry cluster sizes: N must be in [2, {}], got {}", max_report_neurons, n));
  for (const auto* list : {&cluster_self_couplings, &density_self_couplings, &margins})
    for (const double v : *list)
      if (!std::isfinite(v)) throw std::invalid_argument(fmt::format("geometry: J_D and margins must be finite, got {}", v));
  for (const double kappa : margins)
    if (kappa < 0.0) throw std::invalid_argument(fmt::format("geometry margins: kappa must be >= 0, got {}", kappa));
  if (cluster_networks < 2) throw std::invalid_argument(fmt::format("geometry cluster networks must be >= 2, got {}", cluster_networks));
  if (max_distance < 1) throw std::invalid_argument(fmt::format("geometry max distance must be >= 1, got {}", max_distance));
  for (const int n : cluster_sizes)
    if (max_distance > n) throw std::invalid_argument(fmt::format("geometry max distance {} exceeds N = {}", max_distance, n));
  for (const auto& p : modular_points) {
    numerics::modular_ensemble{p.modules, p.module_size, p.self_coupling, p.inter_module_coupling, p.ring}.validate();
    if (p.modules * p.module_size > max_report_neurons)
      throw std::invalid_argument(fmt::format("geometry modular points: M·n must be <= {}, got {}", max_report_neurons,
                                              p.modules * p.module_size));
    if (theory::modular_pair_work(p.modules, p.module_size) > theory::max_modular_pair_work)
      throw std::invalid_argument(fmt::format("geometry modular points: the pair theory of M = {} modules of n = {} "
                                              "units is too costly (fewer, larger modules)", p.modules, p.module_size));
  }
  if (modular_networks < 2) throw std::invalid_argument(fmt::format("geometry modular networks must be >= 2, got {}", modular_networks));
  for (const int n : density_sizes) {
    local_density_config density;
    density.n = n;
    density.networks = density_networks;
    density.starts = density_starts;
    density.max_sweeps = max_sweeps;
    density.radius = density_radius;
    validation::validate(density);
  }
}

int geometry_report::passed() const {
  int k = 0;
  for (const auto& v : verdicts) k += v.verdict == "PASS";
  return k;
}

int geometry_report::failed() const {
  int k = 0;
  for (const auto& v : verdicts) k += v.verdict == "FAIL";
  return k;
}

int geometry_report::predictions() const { return passed() + failed(); }

geometry_report run_geometry_report(const geometry_report_config& config, const count_report& counts) {
  config.validate();
  std::filesystem::create_directories(config.out / "points");
  geometry_report r;
  for (const int n : config.cluster_sizes)
    for (const double jd : config.cluster_self_couplings) {
      r.clusters.push_back(cluster_point(config, n, jd, r.reused_units));
      r.cluster_self_coupling.push_back(jd);
    }
  for (const int n : config.density_sizes)
    for (const double jd : config.density_self_couplings) {
      local_density_config d{n, jd, config.density_networks, config.density_starts, config.max_sweeps,
                             config.density_radius, config.seed, config.progress, config.out / "points",
                             config.program_version};
      r.densities.push_back(summarise_local_density(
          d, compute_on_group<density_network>(d.networks, density_network_codec(d),
                                               [&](index_range block) { return run_local_density_networks(d, block); })));
      r.reused_units += static_cast<int>(r.densities.back().resumed_networks);
    }
  for (const auto& p : config.modular_points) r.modular.push_back(modular_point_result(config, p, r.reused_units));
  add_verdicts(r);
  if (!world_process_group().root()) return r;  // MPI rank 0 alone writes
  write_pair_entropy(config.out, counts);
  write_curves(config);
  write_tables(config, r);
  return r;
}

}  // namespace steer::validation
