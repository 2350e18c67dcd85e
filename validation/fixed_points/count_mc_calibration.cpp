#include "validation/fixed_points/count_mc_calibration.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/progress.hpp"
#include "validation/ensemble/saved_unit.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

// Everything a network's result depends on besides its index (not the number of networks: a
// longer run reuses the networks of a shorter one).
unit_key network_key(const count_mc_ensemble_config& c) {
  const auto& e = c.estimator;
  return {"count-mc", c.program_version,
          {{"n", c.ensemble.n}, {"self_coupling", c.ensemble.self_coupling}, {"symmetry", c.ensemble.symmetry},
           {"seed", e.seed}, {"runs", e.runs}, {"final_log_f", e.final_log_f}, {"flatness", e.flatness},
           {"max_sweeps", e.max_sweeps}, {"exact", c.exact}}};
}

saved_unit_store saved_networks(const count_mc_ensemble_config& c) {
  return {c.units_dir,
          fmt::format("count_mc_n{}_jd{}_eta{}_seed{}", c.ensemble.n, c.ensemble.self_coupling, c.ensemble.symmetry,
                      c.estimator.seed),
          network_key(c)};
}

int bounded_int(const json& unit, const char* name, int low, int high) {
  const std::int64_t value = integer_field(unit, name);
  if (value < low || value > high) throw malformed_unit(fmt::format("'{}' must be in [{}, {}], got {}", name, low, high, value));
  return static_cast<int>(value);
}

count_mc_calibration_summary calibrate(const std::vector<count_mc_network>& networks) {
  count_mc_calibration_summary s;
  double sum_z = 0.0, sum_z2 = 0.0, sum_error = 0.0;
  int one = 0, two = 0;
  for (const auto& r : networks) {
    const auto z = r.z_score();
    if (!z) continue;
    ++s.compared;
    sum_z += *z;
    sum_z2 += *z * *z;
    sum_error += std::abs(r.estimate.log_fixed_points->mean - std::log(static_cast<double>(*r.exact_count)));
    one += std::abs(*z) <= 1.0 ? 1 : 0;
    two += std::abs(*z) <= 2.0 ? 1 : 0;
    s.max_abs_z = std::max(s.max_abs_z, std::abs(*z));
  }
  if (s.compared > 0) {
    s.within_one_sigma = static_cast<double>(one) / s.compared;
    s.within_two_sigma = static_cast<double>(two) / s.compared;
    s.mean_z = sum_z / s.compared;
    s.rms_z = std::sqrt(sum_z2 / s.compared);
    s.mean_abs_error = sum_error / s.compared;
  }
  return s;
}

}  // namespace

std::optional<double> count_mc_network::z_score() const {
  if (!estimate.log_fixed_points || !exact_count || *exact_count == 0 || estimate.log_fixed_points->sem <= 0.0)
    return std::nullopt;
  return (estimate.log_fixed_points->mean - std::log(static_cast<double>(*exact_count))) / estimate.log_fixed_points->sem;
}

count_mc_network count_mc_one_network(const numerics::coupling_matrix& couplings, std::uint64_t network,
                                      const numerics::count_mc_options& estimator, bool exact) {
  if (exact && couplings.size() > max_exact_count_mc_neurons)
    throw std::invalid_argument(fmt::format("--exact: enumeration is limited to N <= {} here, got N = {}",
                                            max_exact_count_mc_neurons, couplings.size()));
  count_mc_network r;
  r.network = network;
  numerics::count_mc_options options = estimator;
  options.network = network;
  const auto start = std::chrono::steady_clock::now();
  r.estimate = numerics::estimate_log_fixed_points(couplings, options);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (exact) {
    numerics::enumeration_options enumeration;
    enumeration.keep_states = false;
    r.exact_count = numerics::enumerate_fixed_points(couplings, enumeration).count;
  }
  return r;
}

unit_codec<count_mc_network> count_mc_network_codec(const count_mc_ensemble_config& config) {
  const int n = config.ensemble.n, runs = config.estimator.runs;
  const bool exact = config.exact;
  return {[](const count_mc_network& r) {
            json walks = json::array();
            for (const auto& run : r.estimate.runs)
              walks.push_back({{"log_fixed_points", run.visited_zero ? json(run.log_fixed_points) : json(nullptr)},
                               {"converged", run.converged}, {"lowest_energy", run.lowest_energy},
                               {"proposals", run.proposals}, {"accepted", run.accepted}, {"late_bins", run.late_bins}});
            return json{{"network", r.network}, {"top_energy", r.estimate.top_energy}, {"runs", walks},
                        {"exact_count", r.exact_count ? json(*r.exact_count) : json(nullptr)}};
          },
          [n, runs, exact](const json& unit) {
            count_mc_network r;
            r.network = unsigned_field(unit, "network");
            r.estimate.n = n;
            r.estimate.top_energy = bounded_int(unit, "top_energy", 1, n);
            const json& walks = unit_field(unit, "runs");
            if (!walks.is_array() || walks.size() != static_cast<std::size_t>(runs))
              throw malformed_unit(fmt::format("'runs' must list {} walks", runs));
            for (const json& walk : walks) {
              numerics::count_mc_run x;
              const json& log_count = unit_field(walk, "log_fixed_points");
              x.visited_zero = !log_count.is_null();
              if (x.visited_zero && !log_count.is_number())
                throw malformed_unit("'log_fixed_points' must be a number or null");
              x.log_fixed_points = x.visited_zero ? log_count.get<double>() : -std::numeric_limits<double>::infinity();
              x.converged = bool_field(walk, "converged");
              x.lowest_energy = bounded_int(walk, "lowest_energy", 0, n);
              x.proposals = unsigned_field(walk, "proposals");
              x.accepted = unsigned_field(walk, "accepted");
              if (x.accepted > x.proposals) throw malformed_unit("'accepted' exceeds 'proposals'");
              x.late_bins = bounded_int(walk, "late_bins", 0, n + 1);
              r.estimate.runs.push_back(x);
            }
            const json& exact_count = unit_field(unit, "exact_count");
            if (exact_count.is_null() == exact)
              throw malformed_unit(exact ? "'exact_count' missing (run with --exact)" : "'exact_count' without --exact");
            if (exact) r.exact_count = unsigned_field(unit, "exact_count");
            numerics::summarise_runs(r.estimate);
            return r;
          }};
}

std::vector<count_mc_network> run_count_mc_networks(const count_mc_ensemble_config& config, index_range units) {
  config.ensemble.validate();
  config.estimator.validate();
  if (config.networks < 1) throw std::invalid_argument(fmt::format("--networks must be >= 1, got {}", config.networks));
  if (units.begin < 0 || units.end > config.networks || units.size() < 0)
    throw std::invalid_argument(fmt::format("networks [{}, {}) are not within 0..{}", units.begin, units.end, config.networks));
  const saved_unit_store saved = saved_networks(config);
  const auto codec = count_mc_network_codec(config);
  numerics::count_mc_options quiet = config.estimator;
  if (config.progress) quiet.progress = false;  // one progress line per network instead
  numerics::progress_meter progress("count-mc networks", static_cast<std::uint64_t>(units.size()), config.progress);
  std::vector<count_mc_network> per_network;
  for (std::int64_t k = units.begin; k < units.end; ++k) {
    const std::uint64_t network = config.first_network + static_cast<std::uint64_t>(k);
    const auto index = static_cast<std::int64_t>(network);
    std::string reason;
    std::optional<count_mc_network> r = saved.load(index, codec, reason);
    if (r && r->network != network) {
      reason = fmt::format("holds network {}", r->network);
      r.reset();
    }
    if (r) {
      r->resumed = true;
    } else {
      if (config.notes) note_recomputing(saved.file(index), reason);
      r = count_mc_one_network(numerics::sample_couplings(config.ensemble, config.estimator.seed, network), network, quiet,
                               config.exact);
      saved.save(index, codec, *r);
    }
    per_network.push_back(std::move(*r));
    progress.advance();
  }
  return per_network;
}

count_mc_ensemble summarise_count_mc(const count_mc_ensemble_config& config, std::vector<count_mc_network> per_network) {
  count_mc_ensemble result;
  std::vector<double> estimates;
  for (const auto& r : per_network) {
    if (r.estimate.log_fixed_points) estimates.push_back(r.estimate.log_fixed_points->mean);
    result.resumed_networks += r.resumed ? 1 : 0;
  }
  result.per_network = std::move(per_network);
  result.networks_with_estimate = static_cast<int>(estimates.size());
  for (const auto& r : result.per_network)
    if (!r.estimate.log_fixed_points) result.networks_without_estimate.push_back(r.network);
  if (estimates.size() >= 2) result.quenched_log_fixed_points = numerics::mean_and_sem(estimates);
  if (config.exact) result.calibration = calibrate(result.per_network);
  return result;
}

}  // namespace steer::validation
