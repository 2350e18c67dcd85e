#include "validation/fixed_points/accessibility_threshold.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "numerics/progress.hpp"
#include "numerics/rng_stream.hpp"
#include "solvers/fixed_points/solver_registry.hpp"
#include "theory/neighbour_count.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int saved_format = 1;

// Every parameter that changes a point's result, and the program version.
json point_key(const threshold_config& c, double self_coupling) {
  return {{"format", saved_format}, {"steer_version", c.program_version}, {"algorithm", c.algorithm},
          {"n", c.n}, {"self_coupling", self_coupling}, {"networks", c.networks}, {"restarts", c.restarts},
          {"max_sweeps", c.max_sweeps}, {"radius", c.radius}, {"seed", c.seed}};
}

std::filesystem::path point_file(const threshold_config& c, double self_coupling) {
  return c.points_dir / fmt::format("threshold_{}_n{}_jd{}_m{}_r{}_sweeps{}_ball{}_seed{}.json", c.algorithm, c.n,
                                    self_coupling, c.networks, c.restarts, c.max_sweeps, c.radius, c.seed);
}

std::string saved_text(const threshold_config& c, const threshold_point& p) {
  json saved = point_key(c, p.self_coupling);
  saved["successes"] = p.successes;
  saved["sweeps_of_converged"] = p.sweeps_of_converged;
  saved["fixed_points_at_distance"] = p.fixed_points_at_distance;
  return saved.dump() + "\n";
}

// The saved point if its file exists, parses, has this run's key and self-consistent values.
std::optional<threshold_point> load_point(const threshold_config& c, double self_coupling) {
  std::ifstream in(point_file(c, self_coupling));
  if (!in) return std::nullopt;
  try {
    const json saved = json::parse(in);
    const json key = point_key(c, self_coupling);  // named: items() of a temporary would dangle
    for (const auto& [name, value] : key.items())
      if (!saved.contains(name) || saved[name] != value) return std::nullopt;
    threshold_point p{self_coupling, saved.at("successes").get<std::vector<std::int64_t>>(),
                      saved.at("sweeps_of_converged").get<std::vector<std::int64_t>>(),
                      saved.at("fixed_points_at_distance").get<std::vector<std::vector<std::uint64_t>>>(), true};
    const auto m = static_cast<std::size_t>(c.networks);
    if (p.successes.size() != m || p.sweeps_of_converged.size() != m || p.fixed_points_at_distance.size() != m)
      return std::nullopt;
    for (std::size_t k = 0; k < m; ++k)
      if (p.successes[k] < 0 || p.successes[k] > c.restarts || p.sweeps_of_converged[k] < 0 ||
          p.sweeps_of_converged[k] > p.successes[k] * c.max_sweeps ||
          p.fixed_points_at_distance[k].size() != static_cast<std::size_t>(c.radius))
        return std::nullopt;
    return p;
  } catch (const json::exception&) {
    return std::nullopt;  // unreadable or mistyped: recompute
  }
}

threshold_point run_point(const threshold_config& c, double self_coupling, numerics::progress_meter& progress) {
  const auto solve = solvers::make_solver(c.algorithm, {c.max_sweeps});
  const auto m = static_cast<std::size_t>(c.networks);
  threshold_point p{self_coupling, std::vector<std::int64_t>(m, 0), std::vector<std::int64_t>(m, 0),
                    std::vector<std::vector<std::uint64_t>>(m, std::vector<std::uint64_t>(static_cast<std::size_t>(c.radius), 0)),
                    false};
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t k = 0; k < c.networks; ++k) {
    const auto couplings = numerics::sample_couplings({c.n, self_coupling, 0.0}, c.seed, static_cast<std::uint64_t>(k));
    std::optional<numerics::hamming_ball_counter> counter;
    const auto uk = static_cast<std::size_t>(k);
    for (std::int64_t r = 0; r < c.restarts; ++r) {
      const auto run = solve(couplings, c.seed, static_cast<std::uint64_t>(k * c.restarts + r));
      if (run.converged) {
        ++p.successes[uk];
        p.sweeps_of_converged[uk] += run.steps;
        if (c.radius > 0) {
          if (!counter) counter.emplace(couplings);
          const auto ball = counter->count(run.state, c.radius);
          for (int d = 0; d < c.radius; ++d)
            p.fixed_points_at_distance[uk][static_cast<std::size_t>(d)] += ball.fixed_points_at_distance[static_cast<std::size_t>(d)];
        }
      }
      progress.advance();
    }
  }
  return p;
}

// The success curve of the networks `chosen` (indices, repeats allowed).
std::vector<double> curve_of(const threshold_result& r, const std::vector<std::size_t>& chosen) {
  std::vector<double> curve;
  const double trials = static_cast<double>(chosen.size() * static_cast<std::size_t>(r.config.restarts));
  for (const auto& p : r.points) {
    double s = 0.0;
    for (const auto k : chosen) s += static_cast<double>(p.successes[k]);
    curve.push_back(s / trials);
  }
  return curve;
}

// Networks resampled with replacement; replicate b draws from stream (seed, b, threshold_bootstrap).
void bootstrap(threshold_result& r) {
  const auto& c = r.config;
  const std::vector<double> trials(r.points.size(), static_cast<double>(c.networks * c.restarts));
  std::vector<double> thresholds;
  for (std::int64_t b = 0; b < c.bootstrap; ++b) {
    numerics::rng_stream stream(c.seed, static_cast<std::uint64_t>(b), numerics::stream_purpose::threshold_bootstrap);
    boost::random::uniform_int_distribution<std::int64_t> pick(0, c.networks - 1);
    std::vector<std::size_t> chosen;
    for (std::int64_t k = 0; k < c.networks; ++k) chosen.push_back(static_cast<std::size_t>(pick(stream)));
    if (const auto t = threshold_of(c.self_couplings, curve_of(r, chosen), trials)) thresholds.push_back(*t);
  }
  r.bootstrap_defined = static_cast<std::int64_t>(thresholds.size());
  if (thresholds.size() < 2 || !r.threshold) return;
  double mean = 0.0, squares = 0.0;
  for (const double t : thresholds) mean += t / static_cast<double>(thresholds.size());
  for (const double t : thresholds) squares += (t - mean) * (t - mean);
  const double spread = squares / static_cast<double>(thresholds.size() - 1);
  // Resampling networks cannot see where inside its grid step the 50 % point lies: a step-like
  // curve gives every replicate the same interpolated midpoint (spread ~1e−16). The position
  // inside the bracketing step [x_k, x_k+1] of width w is counted as uniform, SD w/√12, and added
  // in quadrature, so the error is never below the grid's resolution.
  const auto& x = r.config.self_couplings;
  const auto above = std::upper_bound(x.begin(), x.end(), *r.threshold);
  const double width = above == x.begin() || above == x.end() ? 0.0 : *above - *(above - 1);
  r.threshold_error = std::sqrt(spread + width * width / 12.0);
}

void summarise(threshold_result& r) {
  const auto& c = r.config;
  std::vector<std::size_t> all;
  for (std::int64_t k = 0; k < c.networks; ++k) all.push_back(static_cast<std::size_t>(k));
  r.success = curve_of(r, all);
  const std::int64_t trials = c.networks * c.restarts;
  const std::vector<double> weights(r.points.size(), static_cast<double>(trials));
  r.monotone = isotonic_fit(r.success, weights);
  r.threshold = level_crossing(c.self_couplings, r.monotone);
  for (const auto& p : r.points) {
    std::int64_t successes = 0, sweeps = 0;
    std::vector<double> at(static_cast<std::size_t>(c.radius), 0.0);
    for (std::size_t k = 0; k < p.successes.size(); ++k) {
      successes += p.successes[k];
      sweeps += p.sweeps_of_converged[k];
      for (std::size_t d = 0; d < at.size(); ++d) at[d] += static_cast<double>(p.fixed_points_at_distance[k][d]);
    }
    r.wilson.push_back(wilson_interval(successes, trials));
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
  bootstrap(r);
}

}  // namespace

std::optional<double> threshold_of(const std::vector<double>& self_couplings, const std::vector<double>& success,
                                   const std::vector<double>& trials) {
  return level_crossing(self_couplings, isotonic_fit(success, trials), 0.5);
}

void validate(const threshold_config& c) {
  (void)solvers::make_solver(c.algorithm, {c.max_sweeps});  // throws for an unknown name or a bad budget
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
  threshold_result result;
  result.config = config;
  numerics::progress_meter progress(
      fmt::format("thresholds {} N={}", config.algorithm, config.n),
      static_cast<std::uint64_t>(config.self_couplings.size()) * static_cast<std::uint64_t>(config.networks * config.restarts),
      config.progress);
  for (const double jd : config.self_couplings) {
    std::optional<threshold_point> saved;
    if (!config.points_dir.empty()) saved = load_point(config, jd);
    if (saved) {
      result.points.push_back(std::move(*saved));
      progress.advance(static_cast<std::uint64_t>(config.networks * config.restarts));
      continue;
    }
    result.points.push_back(run_point(config, jd, progress));
    if (!config.points_dir.empty())
      numerics::write_file_atomically(point_file(config, jd), saved_text(config, result.points.back()));
  }
  summarise(result);
  return result;
}

threshold_extrapolation extrapolate(const std::vector<threshold_result>& per_n) {
  if (per_n.size() < 2) throw std::invalid_argument("extrapolation: needs at least 2 sizes");
  for (const auto& r : per_n)
    if (r.config.self_couplings != per_n.front().config.self_couplings)
      throw std::invalid_argument("extrapolation: every size needs the same J_D grid");
  const auto& grid = per_n.front().config.self_couplings;
  threshold_extrapolation e;
  for (std::size_t k = 0; k + 1 < per_n.size(); ++k)
    e.crossings.push_back({per_n[k].config.n, per_n[k + 1].config.n, curve_crossing(grid, per_n[k].monotone, per_n[k + 1].monotone)});
  if (e.crossings.back().self_coupling) {
    e.method = "crossing";
    e.reason = "the monotone success curves of the two largest sizes cross";
    e.estimate = e.crossings.back().self_coupling;
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
    e.reason = "the curves of the two largest sizes do not cross and fewer than 2 sizes have a threshold with an error";
    return e;
  }
  e.method = "drift fit";
  e.fit = sizes.size() >= 4 ? fit_power_law_drift(sizes, thresholds, errors) : fit_log_drift(sizes, thresholds, errors);
  e.reason = fmt::format("the curves of the two largest sizes do not cross; {} sizes with a threshold: {}", sizes.size(),
                         sizes.size() >= 4 ? "power-law drift (3 parameters)" : "1/ln N drift (2 parameters)");
  e.estimate = e.fit->a;
  e.estimate_error = e.fit->a_error;
  return e;
}

}  // namespace steer::validation
