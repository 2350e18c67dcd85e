#include "validation/fixed_points/saved_point.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace steer::validation {
namespace {

using nlohmann::json;

json mean_sem_json(const numerics::mean_with_error& m) { return {m.mean, m.sem}; }

// A [mean, sem] pair of finite, non-negative numbers.
numerics::mean_with_error mean_sem(const json& value, const std::string& name) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
    throw malformed_unit(fmt::format("'{}' must be [mean, sem]", name));
  const numerics::mean_with_error m{value[0].get<double>(), value[1].get<double>()};
  if (!(std::isfinite(m.mean) && std::isfinite(m.sem) && m.mean >= 0.0 && m.sem >= 0.0))
    throw malformed_unit(fmt::format("'{}' must hold finite non-negative numbers", name));
  return m;
}

std::uint64_t unsigned_integer(const json& value, const char* name) {
  if (!value.is_number_unsigned()) throw malformed_unit(fmt::format("'{}' must be a non-negative integer", name));
  return value.get<std::uint64_t>();
}

numerics::ensemble_summary decode_summary(const json& unit, int n, std::int64_t networks) {
  numerics::ensemble_summary summary;
  summary.networks = networks;
  summary.count = mean_sem(unit_field(unit, "count"), "count");
  const json& pairs = unit_field(unit, "pairs");
  if (!pairs.is_array() || pairs.size() != static_cast<std::size_t>(n) + 1)
    throw malformed_unit(fmt::format("'pairs' must have N + 1 = {} entries", n + 1));
  for (std::size_t d = 0; d < pairs.size(); ++d) summary.pairs.push_back(mean_sem(pairs[d], fmt::format("pairs[{}]", d)));
  const json& distribution = unit_field(unit, "count_distribution");
  if (!distribution.is_array()) throw malformed_unit("'count_distribution' must be an array");
  std::uint64_t covered = 0;
  double total = 0.0;
  for (const json& entry : distribution) {
    if (!entry.is_array() || entry.size() != 2) throw malformed_unit("'count_distribution' entries must be [#FP, networks]");
    const auto count = unsigned_integer(entry[0], "count_distribution #FP");
    const auto with_count = unsigned_integer(entry[1], "count_distribution networks");
    if (!summary.count_distribution.emplace(count, with_count).second)
      throw malformed_unit(fmt::format("'count_distribution' lists #FP = {} twice", count));
    covered += with_count;
    total += static_cast<double>(count) * static_cast<double>(with_count);
  }
  // Self-consistency: the distribution covers every network and reproduces the mean count,
  // which is also the pair count at d = 0 (each fixed point paired with itself).
  if (covered != static_cast<std::uint64_t>(networks))
    throw malformed_unit(fmt::format("'count_distribution' covers {} networks, not {}", covered, networks));
  const double mean = total / static_cast<double>(networks);
  const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); };
  if (!close(summary.count.mean, mean) || !close(summary.pairs[0].mean, mean))
    throw malformed_unit(fmt::format("'count' mean {} disagrees with its distribution's mean {}", summary.count.mean, mean));
  return summary;
}

}  // namespace

saved_unit_store saved_point_store(const std::filesystem::path& points_dir, const point_key& key) {
  return {points_dir, fmt::format("n{}_jd{}_m{}_seed{}", key.n, key.self_coupling, key.networks, key.seed),
          {"report",
           key.program_version,
           {{"n", key.n}, {"self_coupling", key.self_coupling}, {"networks", key.networks}, {"seed", key.seed}}}};
}

unit_codec<numerics::ensemble_summary> ensemble_summary_codec(int n, std::int64_t networks) {
  return {[](const numerics::ensemble_summary& summary) {
            json pairs = json::array();
            for (const auto& p : summary.pairs) pairs.push_back(mean_sem_json(p));
            json distribution = json::array();
            for (const auto& [count, with_count] : summary.count_distribution) distribution.push_back({count, with_count});
            return json{{"count", mean_sem_json(summary.count)}, {"pairs", pairs}, {"count_distribution", distribution}};
          },
          [n, networks](const json& unit) { return decode_summary(unit, n, networks); }};
}

}  // namespace steer::validation
