#include "validation/fixed_points/local_density.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/hamming_ball.hpp"
#include "numerics/progress.hpp"
#include "validation/ensemble/saved_unit.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "theory/neighbour_count.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

// Every parameter that changes a network's result (not the number of networks: a longer run
// reuses the networks of a shorter one).
unit_key network_key(const local_density_config& c) {
  return {"local-density", c.program_version,
          {{"n", c.n}, {"self_coupling", c.self_coupling}, {"starts", c.starts}, {"max_sweeps", c.max_sweeps},
           {"radius", c.radius}, {"seed", c.seed}}};
}

saved_unit_store saved_networks(const local_density_config& c) {
  return {c.points_dir,
          fmt::format("local_density_n{}_jd{}_r{}_starts{}_sweeps{}_seed{}", c.n, c.self_coupling, c.radius, c.starts,
                      c.max_sweeps, c.seed),
          network_key(c)};
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

}  // namespace

local_density summarise_local_density(const local_density_config& config, std::vector<density_network> per_network) {
  local_density result;
  result.config = config;
  result.per_network = std::move(per_network);
  const auto& c = result.config;
  std::vector<double> converged, fraction;
  std::vector<std::vector<double>> at(static_cast<std::size_t>(c.radius)), in(static_cast<std::size_t>(c.radius));
  double sweeps = 0.0;
  for (const auto& d : result.per_network) {
    result.resumed_networks += d.resumed ? 1 : 0;
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
  return result;
}

unit_codec<density_network> density_network_codec(const local_density_config& c) {
  return {[](const density_network& d) {
            return json{{"converged", d.converged},
                        {"distinct", d.distinct},
                        {"sweeps_of_converged", d.sweeps_of_converged},
                        {"fixed_points_at_distance", d.fixed_points_at_distance},
                        {"states_checked", d.states_checked},
                        {"decided_exactly", d.decided_exactly}};
          },
          [c](const json& unit) {
            density_network d;
            d.converged = integer_field(unit, "converged");
            d.distinct = integer_field(unit, "distinct");
            d.sweeps_of_converged = integer_field(unit, "sweeps_of_converged");
            d.fixed_points_at_distance = unsigned_list(unit, "fixed_points_at_distance", static_cast<std::size_t>(c.radius));
            d.states_checked = unsigned_field(unit, "states_checked");
            d.decided_exactly = unsigned_field(unit, "decided_exactly");
            if (d.converged < 0 || d.converged > c.starts || d.distinct < 0 || d.distinct > d.converged ||
                (d.converged > 0) != (d.distinct > 0) || d.sweeps_of_converged < 0 ||
                d.sweeps_of_converged > d.converged * c.max_sweeps || d.decided_exactly > d.states_checked)
              throw malformed_unit(fmt::format("converged {}, distinct {}, sweeps {} are impossible with {} starts of at "
                                               "most {} sweeps",
                                               d.converged, d.distinct, d.sweeps_of_converged, c.starts, c.max_sweeps));
            return d;
          }};
}

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

std::vector<density_network> run_local_density_networks(const local_density_config& config, index_range networks) {
  validate(config);
  if (networks.begin < 0 || networks.end > config.networks || networks.size() < 0)
    throw std::invalid_argument(fmt::format("networks [{}, {}) are not within 0..{}", networks.begin, networks.end,
                                            config.networks));
  const saved_unit_store saved = saved_networks(config);
  const auto codec = density_network_codec(config);
  numerics::progress_meter progress(fmt::format("local density N={} J_D={}", config.n, config.self_coupling),
                                    static_cast<std::uint64_t>(networks.size() * config.starts), config.progress);
  std::vector<density_network> per_network;
  for (std::int64_t k = networks.begin; k < networks.end; ++k) {
    std::string reason;
    if (auto loaded = saved.load(k, codec, reason)) {
      loaded->resumed = true;
      per_network.push_back(std::move(*loaded));
      progress.advance(static_cast<std::uint64_t>(config.starts));
      continue;
    }
    note_recomputing(saved.file(k), reason);
    per_network.push_back(run_network(config, k, progress));
    saved.save(k, codec, per_network.back());
  }
  return per_network;
}

local_density run_local_density(const local_density_config& config) {
  return summarise_local_density(config, run_local_density_networks(config, {0, config.networks}));
}

}  // namespace steer::validation
