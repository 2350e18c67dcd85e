#include "validation/fixed_points/saved_point.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int format_version = 2;

// Thrown inside load_saved_point for a malformed field; turned into `reason`.
struct malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& field(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) throw malformed(fmt::format("missing field '{}'", name));
  return *it;
}

// A [mean, sem] pair of finite, non-negative numbers.
numerics::mean_with_error mean_sem(const json& value, const std::string& name) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
    throw malformed(fmt::format("'{}' must be [mean, sem]", name));
  const numerics::mean_with_error m{value[0].get<double>(), value[1].get<double>()};
  if (!(std::isfinite(m.mean) && std::isfinite(m.sem) && m.mean >= 0.0 && m.sem >= 0.0))
    throw malformed(fmt::format("'{}' must hold finite non-negative numbers", name));
  return m;
}

std::uint64_t unsigned_integer(const json& value, const std::string& name) {
  if (!value.is_number_unsigned()) throw malformed(fmt::format("'{}' must be a non-negative integer", name));
  return value.get<std::uint64_t>();
}

// Throws `malformed` with the first mismatch between the saved key and `key`.
void check_key(const json& saved, const point_key& key) {
  const json& format = field(saved, "format");
  if (!format.is_number_integer() || format.get<int>() != format_version)
    throw malformed(fmt::format("format {} is not {}", format.dump(), format_version));
  const json& version = field(saved, "steer_version");
  if (!version.is_string() || version.get<std::string>() != key.program_version)
    throw malformed(fmt::format("made by steer {} (this is {})", version.dump(), key.program_version));
  const json& n = field(saved, "n");
  const json& self_coupling = field(saved, "self_coupling");
  if (!n.is_number_integer() || n.get<std::int64_t>() != key.n || !self_coupling.is_number() ||
      self_coupling.get<double>() != key.self_coupling || unsigned_integer(field(saved, "networks"), "networks") !=
      static_cast<std::uint64_t>(key.networks) || unsigned_integer(field(saved, "seed"), "seed") != key.seed)
    throw malformed("its parameters (n, self_coupling, networks, seed) differ from this run's");
}

numerics::ensemble_summary parse_summary(const json& saved, const point_key& key) {
  numerics::ensemble_summary summary;
  summary.networks = key.networks;
  summary.count = mean_sem(field(saved, "count"), "count");
  const json& pairs = field(saved, "pairs");
  if (!pairs.is_array() || pairs.size() != static_cast<std::size_t>(key.n) + 1)
    throw malformed(fmt::format("'pairs' must have N + 1 = {} entries", key.n + 1));
  for (std::size_t d = 0; d < pairs.size(); ++d) summary.pairs.push_back(mean_sem(pairs[d], fmt::format("pairs[{}]", d)));
  const json& distribution = field(saved, "count_distribution");
  if (!distribution.is_array()) throw malformed("'count_distribution' must be an array");
  std::uint64_t networks = 0;
  double total = 0.0;
  for (const json& entry : distribution) {
    if (!entry.is_array() || entry.size() != 2) throw malformed("'count_distribution' entries must be [#FP, networks]");
    const auto count = unsigned_integer(entry[0], "count_distribution #FP");
    const auto with_count = unsigned_integer(entry[1], "count_distribution networks");
    if (!summary.count_distribution.emplace(count, with_count).second)
      throw malformed(fmt::format("'count_distribution' lists #FP = {} twice", count));
    networks += with_count;
    total += static_cast<double>(count) * static_cast<double>(with_count);
  }
  // Self-consistency: the distribution covers every network and reproduces the mean count,
  // which is also the pair count at d = 0 (each fixed point paired with itself).
  if (networks != static_cast<std::uint64_t>(key.networks))
    throw malformed(fmt::format("'count_distribution' covers {} networks, not {}", networks, key.networks));
  const double mean = total / static_cast<double>(key.networks);
  const auto close = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); };
  if (!close(summary.count.mean, mean) || !close(summary.pairs[0].mean, mean))
    throw malformed(fmt::format("'count' mean {} disagrees with its distribution's mean {}", summary.count.mean, mean));
  return summary;
}

}  // namespace

std::filesystem::path saved_point_file(const std::filesystem::path& points_dir, const point_key& key) {
  return points_dir / fmt::format("n{}_jd{}_m{}_seed{}.json", key.n, key.self_coupling, key.networks, key.seed);
}

std::string saved_point_text(const point_key& key, const numerics::ensemble_summary& summary) {
  json pairs = json::array();
  for (const auto& p : summary.pairs) pairs.push_back({p.mean, p.sem});
  json distribution = json::array();
  for (const auto& [count, networks] : summary.count_distribution) distribution.push_back({count, networks});
  const json saved = {{"format", format_version},      {"steer_version", key.program_version},
                      {"n", key.n},                    {"self_coupling", key.self_coupling},
                      {"networks", key.networks},      {"seed", key.seed},
                      {"count", {summary.count.mean, summary.count.sem}},
                      {"pairs", pairs},                {"count_distribution", distribution}};
  return saved.dump() + "\n";
}

std::optional<numerics::ensemble_summary> load_saved_point(const std::filesystem::path& file, const point_key& key,
                                                           std::string& reason) {
  reason.clear();
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  const json saved = json::parse(text.str(), nullptr, false);
  try {
    if (saved.is_discarded()) throw malformed("not valid JSON");
    if (!saved.is_object()) throw malformed("not a JSON object");
    check_key(saved, key);
    return parse_summary(saved, key);
  } catch (const malformed& e) {
    reason = e.what();
  } catch (const json::exception& e) {  // e.g. an integer too large for its type
    reason = e.what();
  }
  return std::nullopt;
}

}  // namespace steer::validation
