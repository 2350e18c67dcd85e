#include "validation/fixed_points/count_mc_calibration.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "numerics/atomic_file.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/progress.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int format_version = 1;

// Everything a network's result depends on.
json network_key(const count_mc_ensemble_config& c, std::uint64_t network) {
  const auto& e = c.estimator;
  return {{"format", format_version}, {"steer_version", c.program_version}, {"n", c.ensemble.n},
          {"self_coupling", c.ensemble.self_coupling}, {"symmetry", c.ensemble.symmetry}, {"seed", e.seed},
          {"network", network}, {"runs", e.runs}, {"final_log_f", e.final_log_f}, {"flatness", e.flatness},
          {"max_sweeps", e.max_sweeps}, {"exact", c.exact}};
}

std::filesystem::path network_file(const count_mc_ensemble_config& c, std::uint64_t network) {
  return c.units_dir / fmt::format("count_mc_n{}_jd{}_eta{}_seed{}_net{}.json", c.ensemble.n, c.ensemble.self_coupling,
                                   c.ensemble.symmetry, c.estimator.seed, network);
}

json encode(const count_mc_network& r, const json& key) {
  json runs = json::array();
  for (const auto& run : r.estimate.runs)
    runs.push_back({{"log_fixed_points", run.visited_zero ? json(run.log_fixed_points) : json(nullptr)},
                    {"converged", run.converged}, {"lowest_energy", run.lowest_energy}, {"proposals", run.proposals},
                    {"accepted", run.accepted}, {"late_bins", run.late_bins}});
  return {{"key", key}, {"top_energy", r.estimate.top_energy}, {"runs", runs},
          {"exact_count", r.exact_count ? json(*r.exact_count) : json(nullptr)}};
}

// The saved network if the file exists, its key equals `key` and every field is well-formed.
std::optional<count_mc_network> load(const std::filesystem::path& file, const json& key, std::uint64_t network, int n) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  try {
    const json saved = json::parse(in);
    if (saved.at("key") != key) return std::nullopt;
    count_mc_network r;
    r.network = network;
    r.resumed = true;
    r.estimate.n = n;
    r.estimate.top_energy = saved.at("top_energy").get<int>();
    for (const json& run : saved.at("runs")) {
      numerics::count_mc_run x;
      x.visited_zero = !run.at("log_fixed_points").is_null();
      x.log_fixed_points = x.visited_zero ? run.at("log_fixed_points").get<double>()
                                          : -std::numeric_limits<double>::infinity();
      x.converged = run.at("converged").get<bool>();
      x.lowest_energy = run.at("lowest_energy").get<int>();
      x.proposals = run.at("proposals").get<std::uint64_t>();
      x.accepted = run.at("accepted").get<std::uint64_t>();
      x.late_bins = run.at("late_bins").get<int>();
      r.estimate.runs.push_back(x);
    }
    if (r.estimate.runs.size() != static_cast<std::size_t>(key.at("runs").get<int>())) return std::nullopt;
    if (!saved.at("exact_count").is_null()) r.exact_count = saved.at("exact_count").get<std::uint64_t>();
    if (r.exact_count.has_value() != key.at("exact").get<bool>()) return std::nullopt;
    numerics::summarise_runs(r.estimate);
    return r;
  } catch (const std::exception&) {  // malformed file: recompute
    return std::nullopt;
  }
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

count_mc_ensemble run_count_mc_ensemble(const count_mc_ensemble_config& config) {
  config.ensemble.validate();
  config.estimator.validate();
  if (config.networks < 1) throw std::invalid_argument(fmt::format("--networks must be >= 1, got {}", config.networks));
  count_mc_ensemble result;
  numerics::count_mc_options quiet = config.estimator;
  quiet.progress = false;  // one progress line per network instead
  numerics::progress_meter progress("count-mc networks", static_cast<std::uint64_t>(config.networks), config.progress);
  std::vector<double> estimates;
  for (std::int64_t k = 0; k < config.networks; ++k) {
    const std::uint64_t network = config.first_network + static_cast<std::uint64_t>(k);
    const json key = network_key(config, network);
    std::optional<count_mc_network> r;
    if (!config.units_dir.empty()) r = load(network_file(config, network), key, network, config.ensemble.n);
    if (r) {
      ++result.resumed_networks;
    } else {
      r = count_mc_one_network(numerics::sample_couplings(config.ensemble, config.estimator.seed, network), network, quiet,
                               config.exact);
      if (!config.units_dir.empty()) numerics::write_file_atomically(network_file(config, network), encode(*r, key).dump());
    }
    if (r->estimate.log_fixed_points) estimates.push_back(r->estimate.log_fixed_points->mean);
    result.per_network.push_back(std::move(*r));
    progress.advance();
  }
  result.networks_with_estimate = static_cast<int>(estimates.size());
  for (const auto& r : result.per_network)
    if (!r.estimate.log_fixed_points) result.networks_without_estimate.push_back(r.network);
  if (estimates.size() >= 2) result.quenched_log_fixed_points = numerics::mean_and_sem(estimates);
  if (config.exact) result.calibration = calibrate(result.per_network);
  return result;
}

}  // namespace steer::validation
