#include "validation/fixed_points/accessibility_threshold.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "numerics/progress.hpp"
#include "numerics/rng_stream.hpp"
#include "solvers/fixed_points/solver_registry.hpp"
#include "theory/neighbour_count.hpp"
#include "validation/ensemble/saved_unit.hpp"
#include "validation/fixed_points/threshold_statistics.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

// Every parameter that changes a network's result at one J_D (not the number of networks or the
// grid: a longer run or a finer grid reuses what an earlier one finished). Solver settings enter
// only when there are any, so the units of a default run keep their key and file name.
unit_key network_key(const threshold_config& c, double self_coupling) {
  json parameters = {{"algorithm", c.algorithm}, {"n", c.n}, {"self_coupling", self_coupling}, {"restarts", c.restarts},
                     {"max_sweeps", c.max_sweeps}, {"radius", c.radius}, {"seed", c.seed}};
  if (!c.solver.empty()) parameters["solver"] = c.solver.label();
  return {"thresholds", c.program_version, std::move(parameters)};
}

saved_unit_store saved_networks(const threshold_config& c, double self_coupling) {
  std::string settings = c.solver.label();  // "beta_final=30,schedule=linear" -> "_beta_final30_schedulelinear"
  std::erase(settings, '=');
  std::replace(settings.begin(), settings.end(), ',', '_');
  return {c.points_dir,
          fmt::format("threshold_{}{}{}_n{}_jd{}_r{}_sweeps{}_ball{}_seed{}", c.algorithm, settings.empty() ? "" : "_",
                      settings, c.n, self_coupling, c.restarts, c.max_sweeps, c.radius, c.seed),
          network_key(c, self_coupling)};
}

// Network k's restarts at one J_D: network k has the same off-diagonal couplings at every J_D
// (stream (seed, k, couplings)), restart r the streams (seed, k·restarts + r, ·).
threshold_network run_network(const threshold_config& c, const solvers::fixed_point_solver& solve, double self_coupling,
                              std::int64_t k, numerics::progress_meter& progress) {
  const auto couplings = numerics::sample_couplings({c.n, self_coupling, 0.0}, c.seed, static_cast<std::uint64_t>(k));
  threshold_network result;
  result.fixed_points_at_distance.assign(static_cast<std::size_t>(c.radius), 0);
  std::optional<numerics::hamming_ball_counter> counter;
  for (std::int64_t r = 0; r < c.restarts; ++r) {
    const auto run = solve(couplings, c.seed, static_cast<std::uint64_t>(k * c.restarts + r));
    if (run.converged) {
      ++result.successes;
      result.sweeps_of_converged += run.steps;
      if (c.radius > 0) {
        if (!counter) counter.emplace(couplings);
        const auto ball = counter->count(run.state, c.radius);
        for (int d = 0; d < c.radius; ++d)
          result.fixed_points_at_distance[static_cast<std::size_t>(d)] += ball.fixed_points_at_distance[static_cast<std::size_t>(d)];
      }
    }
    progress.advance();
  }
  return result;
}

// The per-J_D points from all units in order (J_D-major).
std::vector<threshold_point> points_of(const threshold_config& c, const std::vector<threshold_network>& units) {
  if (static_cast<std::int64_t>(units.size()) != threshold_unit_count(c))
    throw std::invalid_argument(fmt::format("threshold: {} units for {} J_D x {} networks", units.size(),
                                            c.self_couplings.size(), c.networks));
  std::vector<threshold_point> points;
  for (std::size_t j = 0; j < c.self_couplings.size(); ++j) {
    threshold_point p{c.self_couplings[j], {}, {}, {}, true};
    for (std::int64_t k = 0; k < c.networks; ++k) {
      const auto& u = units[j * static_cast<std::size_t>(c.networks) + static_cast<std::size_t>(k)];
      p.successes.push_back(u.successes);
      p.sweeps_of_converged.push_back(u.sweeps_of_converged);
      p.fixed_points_at_distance.push_back(u.fixed_points_at_distance);
      p.resumed = p.resumed && u.resumed;
    }
    points.push_back(std::move(p));
  }
  return points;
}

void summarise_points(threshold_result& r) {
  const auto& c = r.config;
  const std::int64_t trials = c.networks * c.restarts;
  for (const auto& p : r.points) {
    const auto interval = clustered_wilson_interval(p.successes, c.restarts);
    r.success.push_back(interval.proportion);
    r.wilson.push_back(interval.interval);
    r.design_effect.push_back(interval.design_effect);
  }
  r.monotone = isotonic_fit(r.success, std::vector<double>(r.points.size(), static_cast<double>(trials)));
  r.threshold = level_crossing(c.self_couplings, r.monotone);
  for (const auto& p : r.points) {
    std::int64_t successes = 0, sweeps = 0;
    std::vector<double> at(static_cast<std::size_t>(c.radius), 0.0);
    for (std::size_t k = 0; k < p.successes.size(); ++k) {
      successes += p.successes[k];
      sweeps += p.sweeps_of_converged[k];
      for (std::size_t d = 0; d < at.size(); ++d) at[d] += static_cast<double>(p.fixed_points_at_distance[k][d]);
    }
    r.mean_sweeps_to_converge.push_back(successes > 0 ? std::optional<double>(static_cast<double>(sweeps) / static_cast<double>(successes))
                                                      : std::nullopt);
    if (c.radius == 0) continue;
    for (auto& v : at) v /= static_cast<double>(successes);
    r.measured_at_distance.push_back(successes > 0 ? at : std::vector<double>{});
    const auto theory = theory::log_expected_neighbours_at_distance(c.n, p.self_coupling);
    std::vector<double> typical;
    for (int d = 1; d <= c.radius; ++d) typical.push_back(std::exp(theory[static_cast<std::size_t>(d)]));
    r.typical_at_distance.push_back(typical);
  }
}

}  // namespace

std::int64_t threshold_unit_count(const threshold_config& config) {
  return static_cast<std::int64_t>(config.self_couplings.size()) * config.networks;
}

unit_codec<threshold_network> threshold_network_codec(const threshold_config& c) {
  return {[](const threshold_network& u) {
            return json{{"successes", u.successes},
                        {"sweeps_of_converged", u.sweeps_of_converged},
                        {"fixed_points_at_distance", u.fixed_points_at_distance}};
          },
          [c](const json& unit) {
            threshold_network u;
            u.successes = integer_field(unit, "successes");
            u.sweeps_of_converged = integer_field(unit, "sweeps_of_converged");
            u.fixed_points_at_distance = unsigned_list(unit, "fixed_points_at_distance", static_cast<std::size_t>(c.radius));
            if (u.successes < 0 || u.successes > c.restarts || u.sweeps_of_converged < 0 ||
                u.sweeps_of_converged > u.successes * c.max_sweeps)
              throw malformed_unit(fmt::format("{} successes with {} sweeps are impossible with {} restarts of at most {} "
                                               "sweeps",
                                               u.successes, u.sweeps_of_converged, c.restarts, c.max_sweeps));
            return u;
          }};
}

std::vector<threshold_network> run_threshold_units(const threshold_config& c, index_range units) {
  validate(c);
  if (units.begin < 0 || units.end > threshold_unit_count(c) || units.size() < 0)
    throw std::invalid_argument(fmt::format("threshold units [{}, {}) are not within 0..{}", units.begin, units.end,
                                            threshold_unit_count(c)));
  const auto solve = solvers::make_solver(c.algorithm, {c.max_sweeps}, c.solver);
  const auto codec = threshold_network_codec(c);
  numerics::progress_meter progress(fmt::format("thresholds {} N={}", c.algorithm, c.n),
                                    static_cast<std::uint64_t>(units.size() * c.restarts), c.progress);
  std::vector<threshold_network> result(static_cast<std::size_t>(units.size()));
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t u = units.begin; u < units.end; ++u) {
    const double self_coupling = c.self_couplings[static_cast<std::size_t>(u / c.networks)];
    const std::int64_t k = u % c.networks;
    const saved_unit_store saved = saved_networks(c, self_coupling);
    auto& out = result[static_cast<std::size_t>(u - units.begin)];
    std::string reason;
    if (auto loaded = saved.load(k, codec, reason)) {
      out = std::move(*loaded);
      out.resumed = true;
      progress.advance(static_cast<std::uint64_t>(c.restarts));
      continue;
    }
    if (!reason.empty()) {
#pragma omp critical(threshold_note)
      note_recomputing(saved.file(k), reason);
    }
    out = run_network(c, solve, self_coupling, k, progress);
    saved.save(k, codec, out);
  }
  return result;
}

threshold_result summarise_threshold(const threshold_config& config, const std::vector<threshold_network>& units) {
  validate(config);
  threshold_result result;
  result.config = config;
  result.points = points_of(config, units);
  summarise_points(result);
  bootstrap_threshold(result);
  return result;
}

std::optional<double> threshold_of(const std::vector<double>& self_couplings, const std::vector<double>& success,
                                   const std::vector<double>& trials) {
  return level_crossing(self_couplings, isotonic_fit(success, trials), 0.5);
}

void validate(const threshold_config& c) {
  (void)solvers::make_solver(c.algorithm, {c.max_sweeps}, c.solver);  // throws for an unknown name, a bad budget or setting
  if (c.n < 2 || c.n > 100000) throw std::invalid_argument(fmt::format("n must be in [2, 100000], got {}", c.n));
  if (c.self_couplings.empty()) throw std::invalid_argument("self_couplings must not be empty");
  for (std::size_t k = 0; k < c.self_couplings.size(); ++k) {
    if (!std::isfinite(c.self_couplings[k]))
      throw std::domain_error(fmt::format("self_couplings must be finite, got {}", c.self_couplings[k]));
    if (k > 0 && !(c.self_couplings[k] > c.self_couplings[k - 1]))
      throw std::invalid_argument(fmt::format("self_couplings must be strictly increasing, got {} after {}",
                                              c.self_couplings[k], c.self_couplings[k - 1]));
  }
  if (c.networks < 1) throw std::invalid_argument(fmt::format("networks must be >= 1, got {}", c.networks));
  if (c.restarts < 1) throw std::invalid_argument(fmt::format("restarts must be >= 1, got {}", c.restarts));
  if (c.bootstrap < 0) throw std::invalid_argument(fmt::format("bootstrap must be >= 0, got {}", c.bootstrap));
  if (c.radius < 0 || c.radius > numerics::max_ball_radius || c.radius > c.n)
    throw std::invalid_argument(fmt::format("radius must be in [0, {}], got {}", numerics::max_ball_radius, c.radius));
}

threshold_result run_threshold(const threshold_config& config) {
  validate(config);
  return summarise_threshold(config, run_threshold_units(config, {0, threshold_unit_count(config)}));
}

threshold_extrapolation extrapolate(const std::vector<threshold_result>& per_n) {
  if (per_n.size() < 2) throw std::invalid_argument("extrapolation: needs at least 2 sizes");
  for (const auto& r : per_n)
    if (r.config.self_couplings != per_n.front().config.self_couplings)
      throw std::invalid_argument("extrapolation: every size needs the same J_D grid");
  threshold_extrapolation e;
  for (std::size_t k = 0; k + 1 < per_n.size(); ++k)
    e.crossings.push_back(test_size_crossing(per_n[k], per_n[k + 1]));
  const size_crossing& largest = e.crossings.back();
  if (largest.accepted) {
    e.method = "crossing";
    e.reason = "the monotone success curves of the two largest sizes cross inside the informative window, with a "
               "significant sign change";
    e.estimate = largest.self_coupling;
    e.estimate_error = largest.error;
    return e;
  }
  std::vector<double> sizes, thresholds, errors;
  for (const auto& r : per_n)
    if (r.threshold && r.threshold_error && *r.threshold_error > 0.0) {
      sizes.push_back(r.config.n);
      thresholds.push_back(*r.threshold);
      errors.push_back(*r.threshold_error);
    }
  if (sizes.size() < 2) {
    e.reason = fmt::format("the crossing of the two largest sizes is not used ({}) and fewer than 2 sizes have a "
                           "threshold with an error", largest.status);
    return e;
  }
  e.method = "drift fit";
  e.fit = sizes.size() >= 4 ? fit_power_law_drift(sizes, thresholds, errors) : fit_log_drift(sizes, thresholds, errors);
  e.reason = fmt::format("the crossing of the two largest sizes is not used ({}); {} sizes with a threshold: {}",
                         largest.status, sizes.size(),
                         sizes.size() >= 4 ? "power-law drift (3 parameters)" : "1/ln N drift (2 parameters)");
  e.estimate = e.fit->a;
  e.estimate_error = e.fit->a_error;
  return e;
}

}  // namespace steer::validation
