#include "validation/ensemble/shard_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "numerics/atomic_file.hpp"

namespace steer::validation {
namespace {

using nlohmann::json;

constexpr int shard_format = 1;

std::int64_t integer_in(const json& object, const char* name) {
  if (!object.contains(name) || !object[name].is_number_integer())
    throw std::invalid_argument(fmt::format("no integer '{}'", name));
  return object[name].get<std::int64_t>();
}

}  // namespace

std::string shard_file_name(const std::string& command, const shard_spec& shard) {
  return fmt::format("{}-shard-{}-of-{}.json", command, shard.index, shard.count);
}

std::filesystem::path write_shard(const std::filesystem::path& dir, const shard_header& header,
                                  const std::vector<json>& units) {
  const json shard = {{"format", shard_format},
                      {"key", header.key.to_json()},
                      {"units_total", header.units},
                      {"shard", {{"index", header.shard.index}, {"count", header.shard.count}}},
                      {"range", {{"begin", header.range.begin}, {"end", header.range.end}}},
                      {"units", units}};
  const auto file = dir / shard_file_name(header.key.command, header.shard);
  numerics::write_file_atomically(file, shard.dump() + "\n");
  return file;
}

shard_contents read_shard(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(fmt::format("{}: cannot be read", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  const json saved = json::parse(text.str(), nullptr, false);
  try {
    if (saved.is_discarded() || !saved.is_object()) throw std::invalid_argument("not a JSON object");
    if (!saved.contains("format") || saved["format"] != shard_format)
      throw std::invalid_argument(fmt::format("not a steer shard file of format {}", shard_format));
    shard_contents contents{file, {parse_unit_key(saved.value("key", json())), integer_in(saved, "units_total"), {}, {}}, {}};
    const json shard = saved.value("shard", json::object()), range = saved.value("range", json::object());
    contents.header.shard = {integer_in(shard, "index"), integer_in(shard, "count")};
    contents.header.range = {integer_in(range, "begin"), integer_in(range, "end")};
    if (contents.header.range != shard_block(contents.header.units, contents.header.shard))
      throw std::invalid_argument(fmt::format("range [{}, {}) is not block {}/{} of {} units", contents.header.range.begin,
                                              contents.header.range.end, contents.header.shard.index,
                                              contents.header.shard.count, contents.header.units));
    if (!saved.contains("units") || !saved["units"].is_array() ||
        saved["units"].size() != static_cast<std::size_t>(contents.header.range.size()))
      throw std::invalid_argument(fmt::format("must hold {} units", contents.header.range.size()));
    contents.units = saved["units"].get<std::vector<json>>();
    return contents;
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("{}: {}", file.string(), e.what()));
  }
}

std::vector<std::filesystem::path> shard_files_in(const std::filesystem::path& dir) {
  if (std::filesystem::is_regular_file(dir)) return {dir};
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.find("-shard-") != std::string::npos && name.ends_with(".json")) files.push_back(entry.path());
  }
  if (error) throw std::invalid_argument(fmt::format("{}: {}", dir.string(), error.message()));
  if (files.empty()) throw std::invalid_argument(fmt::format("{}: no shard files (COMMAND-shard-I-of-N.json)", dir.string()));
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<json> combine_shards(std::vector<shard_contents> shards, const std::string& steer_version) {
  if (shards.empty()) throw std::invalid_argument("no shards to merge");
  const shard_contents& first = shards.front();
  const std::string name = first.file.string();
  if (first.header.key.steer_version != steer_version)
    throw std::invalid_argument(fmt::format("{} was made by steer {} (this is {}): merge with the steer that made it",
                                            name, first.header.key.steer_version, steer_version));
  const std::int64_t count = first.header.shard.count;
  for (const auto& s : shards) {
    const std::string difference = key_difference(s.header.key.to_json(), first.header.key, name);
    if (!difference.empty())
      throw std::invalid_argument(fmt::format("{} is not from the same run as {}: it {}", s.file.string(), name, difference));
    if (s.header.shard.count != count || s.header.units != first.header.units)
      throw std::invalid_argument(fmt::format("{} is shard {}/{} of {} units, {} shard {}/{} of {}", s.file.string(),
                                              s.header.shard.index, s.header.shard.count, s.header.units, name,
                                              first.header.shard.index, count, first.header.units));
  }
  std::sort(shards.begin(), shards.end(),
            [](const shard_contents& a, const shard_contents& b) { return a.header.shard.index < b.header.shard.index; });
  std::vector<json> units;
  std::int64_t expected = 0;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const std::int64_t index = shards[k].header.shard.index;
    if (index < expected)
      throw std::invalid_argument(fmt::format("shard {}/{} appears twice: {} and {}", index, count,
                                              shards[k - 1].file.string(), shards[k].file.string()));
    if (index > expected) throw std::invalid_argument(fmt::format("shard {}/{} is missing", expected, count));
    for (auto& unit : shards[k].units) units.push_back(std::move(unit));
    ++expected;
  }
  if (expected != count) throw std::invalid_argument(fmt::format("shard {}/{} is missing", expected, count));
  return units;
}

}  // namespace steer::validation
