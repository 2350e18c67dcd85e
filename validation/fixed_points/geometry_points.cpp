#include "validation/fixed_points/geometry_points.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int format_version = 1;

struct malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& field(const json& object, const char* name) {
  if (!object.is_object()) throw malformed("an entry is not a JSON object");
  const auto it = object.find(name);
  if (it == object.end()) throw malformed(fmt::format("missing field '{}'", name));
  return *it;
}

std::uint64_t unsigned_integer(const json& value, const std::string& name) {
  if (!value.is_number_unsigned()) throw malformed(fmt::format("'{}' must be a non-negative integer", name));
  return value.get<std::uint64_t>();
}

double non_negative(const json& value, const std::string& name) {
  if (!value.is_number()) throw malformed(fmt::format("'{}' must be a number", name));
  const double v = value.get<double>();
  if (!(std::isfinite(v) && v >= 0.0)) throw malformed(fmt::format("'{}' must be finite and non-negative", name));
  return v;
}

std::vector<std::uint64_t> unsigned_list(const json& value, std::size_t size, const std::string& name) {
  if (!value.is_array() || value.size() != size) throw malformed(fmt::format("'{}' must have {} entries", name, size));
  std::vector<std::uint64_t> list;
  for (const json& v : value) list.push_back(unsigned_integer(v, name));
  return list;
}

// [[value, multiplicity], ...] with distinct values.
std::map<std::uint64_t, std::uint64_t> histogram(const json& value, const std::string& name) {
  if (!value.is_array()) throw malformed(fmt::format("'{}' must be an array", name));
  std::map<std::uint64_t, std::uint64_t> h;
  for (const json& entry : value) {
    if (!entry.is_array() || entry.size() != 2) throw malformed(fmt::format("'{}' entries must be [value, count]", name));
    if (!h.emplace(unsigned_integer(entry[0], name), unsigned_integer(entry[1], name)).second)
      throw malformed(fmt::format("'{}' lists a value twice", name));
  }
  return h;
}

json histogram_json(const std::map<std::uint64_t, std::uint64_t>& h) {
  json list = json::array();
  for (const auto& [value, count] : h) list.push_back({value, count});
  return list;
}

json header(const geometry_point_id& id, const char* kind) {
  return {{"format", format_version}, {"kind", kind}, {"key", id.key}};
}

// The saved object if the file exists, parses and carries this kind and key; nullopt otherwise
// (reason "" when there is no file).
std::optional<json> read_keyed(const geometry_point_id& id, const char* kind, std::string& reason) {
  reason.clear();
  std::ifstream in(id.file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  json saved = json::parse(text.str(), nullptr, false);
  if (saved.is_discarded() || !saved.is_object()) {
    reason = "not a JSON object";
    return std::nullopt;
  }
  if (saved.value("format", json()) != json(format_version) || saved.value("kind", json()) != json(kind)) {
    reason = fmt::format("not a format-{} {} point", format_version, kind);
    return std::nullopt;
  }
  if (saved.value("key", json()) != id.key) {
    reason = "its key (parameters, program version) differs from this run's";
    return std::nullopt;
  }
  return saved;
}

numerics::network_geometry parse_network(const json& saved, int n, int max_distance) {
  numerics::network_geometry g;
  g.fixed_points = unsigned_integer(field(saved, "fixed_points"), "fixed_points");
  g.with_neighbour_at_distance_1 = unsigned_integer(field(saved, "with_neighbour_at_distance_1"), "with_neighbour");
  g.neighbour_pairs = unsigned_list(field(saved, "neighbour_pairs"), static_cast<std::size_t>(max_distance), "neighbour_pairs");
  const json& logs = field(saved, "log_one_plus_neighbours");
  if (!logs.is_array() || logs.size() != static_cast<std::size_t>(max_distance))
    throw malformed(fmt::format("'log_one_plus_neighbours' must have {} entries", max_distance));
  for (const json& l : logs) g.log_one_plus_neighbours.push_back(non_negative(l, "log_one_plus_neighbours"));
  g.nearest_distance_histogram =
      unsigned_list(field(saved, "nearest_distance_histogram"), static_cast<std::size_t>(n) + 1, "nearest_distance_histogram");
  std::uint64_t covered = 0;
  for (const auto& [size, components] : histogram(field(saved, "component_sizes"), "component_sizes")) {
    if (size == 0) throw malformed("a component of size 0");
    g.component_sizes.insert(g.component_sizes.end(), components, size);
    covered += size * components;
  }
  g.component_sizes_max_flips = g.component_sizes;  // the report uses single flips only
  // Self-consistency: components and nearest distances each cover every fixed point once.
  std::uint64_t nearest = 0;
  for (const auto c : g.nearest_distance_histogram) nearest += c;
  if (covered != g.fixed_points || nearest != g.fixed_points || g.with_neighbour_at_distance_1 > g.fixed_points)
    throw malformed(fmt::format("a network's components, nearest distances and {} fixed points disagree", g.fixed_points));
  return g;
}

numerics::mean_with_error mean_sem(const json& value, const std::string& name) {
  if (!value.is_array() || value.size() != 2) throw malformed(fmt::format("'{}' must be [mean, sem]", name));
  return {non_negative(value[0], name + " mean"), non_negative(value[1], name + " sem")};
}

}  // namespace

std::string cluster_point_text(const geometry_point_id& id, const std::vector<numerics::network_geometry>& networks) {
  json list = json::array();
  for (const auto& g : networks) {
    std::map<std::uint64_t, std::uint64_t> sizes;
    for (const auto s : g.component_sizes) ++sizes[s];
    list.push_back({{"fixed_points", g.fixed_points},
                    {"with_neighbour_at_distance_1", g.with_neighbour_at_distance_1},
                    {"neighbour_pairs", g.neighbour_pairs},
                    {"log_one_plus_neighbours", g.log_one_plus_neighbours},
                    {"nearest_distance_histogram", g.nearest_distance_histogram},
                    {"component_sizes", histogram_json(sizes)}});
  }
  json saved = header(id, "clusters");
  saved["networks"] = list;
  return saved.dump() + "\n";
}

std::optional<std::vector<numerics::network_geometry>> load_cluster_point(const geometry_point_id& id, int n,
                                                                          std::int64_t networks, int max_distance,
                                                                          std::string& reason) {
  const auto saved = read_keyed(id, "clusters", reason);
  if (!saved) return std::nullopt;
  try {
    const json& list = field(*saved, "networks");
    if (!list.is_array() || list.size() != static_cast<std::size_t>(networks))
      throw malformed(fmt::format("'networks' must list {} networks", networks));
    std::vector<numerics::network_geometry> result;
    for (const json& g : list) result.push_back(parse_network(g, n, max_distance));
    return result;
  } catch (const malformed& e) {
    reason = e.what();
  } catch (const json::exception& e) {
    reason = e.what();
  }
  return std::nullopt;
}

std::string modular_point_text(const geometry_point_id& id, const modular_count_summary& summary) {
  json saved = header(id, "modular");
  saved["count"] = {summary.count.mean, summary.count.sem};
  json pairs = json::array();
  for (const auto& p : summary.pairs) pairs.push_back({p.mean, p.sem});
  saved["pairs"] = pairs;
  saved["count_distribution"] = histogram_json(summary.count_distribution);
  return saved.dump() + "\n";
}

std::optional<modular_count_summary> load_modular_point(const geometry_point_id& id, int n, std::int64_t networks,
                                                        std::string& reason) {
  const auto saved = read_keyed(id, "modular", reason);
  if (!saved) return std::nullopt;
  try {
    modular_count_summary summary;
    summary.count = mean_sem(field(*saved, "count"), "count");
    const json& pairs = field(*saved, "pairs");
    if (!pairs.is_array() || pairs.size() != static_cast<std::size_t>(n) + 1)
      throw malformed(fmt::format("'pairs' must have N + 1 = {} entries", n + 1));
    for (std::size_t d = 0; d < pairs.size(); ++d) summary.pairs.push_back(mean_sem(pairs[d], fmt::format("pairs[{}]", d)));
    summary.count_distribution = histogram(field(*saved, "count_distribution"), "count_distribution");
    std::uint64_t covered = 0;
    double total = 0.0;
    for (const auto& [c, with_count] : summary.count_distribution) {
      covered += with_count;
      total += static_cast<double>(c) * static_cast<double>(with_count);
    }
    const double mean = total / static_cast<double>(networks);
    const auto close = [&](double value) { return std::abs(mean - value) <= 1e-9 * std::max(1.0, mean); };
    if (covered != static_cast<std::uint64_t>(networks) || !close(summary.count.mean) || !close(summary.pairs[0].mean))
      throw malformed(fmt::format("'count_distribution' does not cover {} networks with mean {}", networks,
                                  summary.count.mean));
    return summary;
  } catch (const malformed& e) {
    reason = e.what();
  } catch (const json::exception& e) {
    reason = e.what();
  }
  return std::nullopt;
}

}  // namespace steer::validation
