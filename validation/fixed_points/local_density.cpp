#include "validation/fixed_points/local_density.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "numerics/progress.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "theory/neighbour_count.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int saved_format = 1;

// Every parameter that changes a network's result, and the program version.
json network_key(const local_density_config& c, std::int64_t network) {
  return {{"format", saved_format}, {"steer_version", c.program_version}, {"n", c.n},
          {"self_coupling", c.self_coupling}, {"starts", c.starts}, {"max_sweeps", c.max_sweeps},
          {"radius", c.radius}, {"seed", c.seed}, {"network", network}};
}

std::filesystem::path network_file(const local_density_config& c, std::int64_t network) {
  return c.points_dir / fmt::format("local_density_n{}_jd{}_r{}_starts{}_sweeps{}_seed{}_net{}.json", c.n,
                                    c.self_coupling, c.radius, c.starts, c.max_sweeps, c.seed, network);
}

std::string saved_text(const local_density_config& c, std::int64_t network, const density_network& d) {
  json saved = network_key(c, network);
  saved["converged"] = d.converged;
  saved["distinct"] = d.distinct;
  saved["sweeps_of_converged"] = d.sweeps_of_converged;
  saved["fixed_points_at_distance"] = d.fixed_points_at_distance;
  saved["states_checked"] = d.states_checked;
  saved["decided_exactly"] = d.decided_exactly;
  return saved.dump() + "\n";
}

// The saved network if its file exists, parses, has this run's key and self-consistent values.
std::optional<density_network> load_network(const local_density_config& c, std::int64_t network) {
  std::ifstream in(network_file(c, network));
  if (!in) return std::nullopt;
  try {
    const json saved = json::parse(in);
    const json key = network_key(c, network);
    for (const auto& [name, value] : key.items())
      if (!saved.contains(name) || saved[name] != value) return std::nullopt;
    density_network d;
    d.converged = saved.at("converged").get<std::int64_t>();
    d.distinct = saved.at("distinct").get<std::int64_t>();
    d.sweeps_of_converged = saved.at("sweeps_of_converged").get<std::int64_t>();
    d.fixed_points_at_distance = saved.at("fixed_points_at_distance").get<std::vector<std::uint64_t>>();
    d.states_checked = saved.at("states_checked").get<std::uint64_t>();
    d.decided_exactly = saved.at("decided_exactly").get<std::uint64_t>();
    if (d.converged < 0 || d.converged > c.starts || d.distinct > d.converged || (d.converged > 0) != (d.distinct > 0) ||
        d.sweeps_of_converged < 0 ||
        d.sweeps_of_converged > d.converged * c.max_sweeps ||
        d.fixed_points_at_distance.size() != static_cast<std::size_t>(c.radius) ||
        d.decided_exactly > d.states_checked)
      return std::nullopt;
    return d;
  } catch (const json::exception&) {
    return std::nullopt;  // unreadable or mistyped: recompute
  }
}

density_network run_network(const local_density_config& c, std::int64_t network, numerics::progress_meter& progress) {
  const auto couplings = numerics::sample_couplings({c.n, c.self_coupling, 0.0}, c.seed, static_cast<std::uint64_t>(network));
  const solvers::asynchronous_dynamics dynamics(couplings);
  const numerics::hamming_ball_counter counter(couplings);
  std::vector<density_network> per_start(static_cast<std::size_t>(c.starts));
  std::vector<numerics::spin_vector> reached_states(static_cast<std::size_t>(c.starts));
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t t = 0; t < c.starts; ++t) {
    const auto trajectory = static_cast<std::uint64_t>(network * c.starts + t);
    const auto reached = dynamics.run(solvers::random_spin_vector(c.n, c.seed, trajectory),
                                      {solvers::update_schedule::random_order, c.max_sweeps, c.seed, trajectory});
    auto& out = per_start[static_cast<std::size_t>(t)];
    out.fixed_points_at_distance.assign(static_cast<std::size_t>(c.radius), 0);
    if (reached.converged) {
      const auto ball = counter.count(reached.state, c.radius);
      out = {1, 0, reached.sweeps, ball.fixed_points_at_distance, ball.states_checked, ball.decided_exactly};
      reached_states[static_cast<std::size_t>(t)] = reached.state;
    }
    progress.advance();
  }
  density_network total;
  total.fixed_points_at_distance.assign(static_cast<std::size_t>(c.radius), 0);
  std::erase_if(reached_states, [](const numerics::spin_vector& s) { return s.empty(); });
  std::sort(reached_states.begin(), reached_states.end());
  total.distinct = std::unique(reached_states.begin(), reached_states.end()) - reached_states.begin();
  for (const auto& s : per_start) {  // in start order
    total.converged += s.converged;
    total.sweeps_of_converged += s.sweeps_of_converged;
    for (std::size_t d = 0; d < total.fixed_points_at_distance.size(); ++d)
      total.fixed_points_at_distance[d] += s.fixed_points_at_distance[d];
    total.states_checked += s.states_checked;
    total.decided_exactly += s.decided_exactly;
  }
  return total;
}

void summarise(local_density& result) {
  const auto& c = result.config;
  std::vector<double> converged, fraction;
  std::vector<std::vector<double>> at(static_cast<std::size_t>(c.radius)), in(static_cast<std::size_t>(c.radius));
  double sweeps = 0.0;
  for (const auto& d : result.per_network) {
    converged.push_back(static_cast<double>(d.converged));
    result.distinct_fixed_points += d.distinct;
    fraction.push_back(static_cast<double>(d.converged) / static_cast<double>(c.starts));
    sweeps += static_cast<double>(d.sweeps_of_converged);
    double cumulative = 0.0;
    for (std::size_t r = 0; r < at.size(); ++r) {
      cumulative += static_cast<double>(d.fixed_points_at_distance[r]);
      at[r].push_back(static_cast<double>(d.fixed_points_at_distance[r]));
      in[r].push_back(cumulative);
    }
  }
  const double total_converged = std::accumulate(converged.begin(), converged.end(), 0.0);
  result.converged_fraction = fraction.size() >= 2 ? numerics::mean_and_sem(fraction) : numerics::mean_with_error{fraction[0], 0.0};
  if (total_converged > 0.0) {
    result.mean_sweeps_to_converge = sweeps / total_converged;
    for (std::size_t r = 0; r < at.size(); ++r) {
      if (converged.size() >= 2) {
        result.mean_at_distance.push_back(numerics::ratio_of_means(at[r], converged));
        result.mean_in_ball.push_back(numerics::ratio_of_means(in[r], converged));
      } else {
        result.mean_at_distance.push_back({at[r][0] / total_converged, 0.0});
        result.mean_in_ball.push_back({in[r][0] / total_converged, 0.0});
      }
    }
  }
  const auto log_theory = theory::log_expected_neighbours_at_distance(c.n, c.self_coupling);
  double cumulative = 0.0;
  for (int d = 1; d <= c.radius; ++d) {
    const double value = std::exp(log_theory[static_cast<std::size_t>(d)]);
    cumulative += value;
    result.typical_theory_at_distance.push_back(value);
    result.typical_theory_in_ball.push_back(cumulative);
  }
}

}  // namespace

void validate(const local_density_config& c) {
  if (c.n < 2 || c.n > 100000) throw std::invalid_argument(fmt::format("n must be in [2, 100000], got {}", c.n));
  if (!std::isfinite(c.self_coupling))
    throw std::domain_error(fmt::format("self_coupling must be finite, got {}", c.self_coupling));
  if (c.networks < 1) throw std::invalid_argument(fmt::format("networks must be >= 1, got {}", c.networks));
  if (c.starts < 1) throw std::invalid_argument(fmt::format("starts must be >= 1, got {}", c.starts));
  if (c.max_sweeps < 1) throw std::invalid_argument(fmt::format("max_sweeps must be >= 1, got {}", c.max_sweeps));
  if (c.radius < 1 || c.radius > numerics::max_ball_radius || c.radius > c.n)
    throw std::invalid_argument(fmt::format("radius must be in [1, {}], got {}", numerics::max_ball_radius, c.radius));
}

local_density run_local_density(const local_density_config& config) {
  validate(config);
  local_density result;
  result.config = config;
  numerics::progress_meter progress(fmt::format("local density N={} J_D={}", config.n, config.self_coupling),
                                    static_cast<std::uint64_t>(config.networks * config.starts), config.progress);
  for (std::int64_t k = 0; k < config.networks; ++k) {
    std::optional<density_network> saved;
    if (!config.points_dir.empty()) saved = load_network(config, k);
    if (saved) {
      result.per_network.push_back(*saved);
      ++result.resumed_networks;
      progress.advance(static_cast<std::uint64_t>(config.starts));
    } else {
      result.per_network.push_back(run_network(config, k, progress));
      if (!config.points_dir.empty())
        numerics::write_file_atomically(network_file(config, k), saved_text(config, k, result.per_network.back()));
    }
  }
  summarise(result);
  return result;
}

}  // namespace steer::validation
