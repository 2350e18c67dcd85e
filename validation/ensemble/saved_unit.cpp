#include "validation/ensemble/saved_unit.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "numerics/atomic_file.hpp"

namespace steer::validation {

using nlohmann::json;

namespace {
constexpr int saved_unit_format = 1;
}

saved_unit_store::saved_unit_store(std::filesystem::path dir, std::string prefix, unit_key key)
    : dir_(std::move(dir)), prefix_(std::move(prefix)), key_(std::move(key)) {}

std::filesystem::path saved_unit_store::file(std::int64_t index) const {
  return dir_ / fmt::format("{}_unit{}.json", prefix_, index);
}

std::optional<json> saved_unit_store::load_result(std::int64_t index, std::string& reason) const {
  reason.clear();
  if (!enabled()) return std::nullopt;
  std::ifstream in(file(index), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  const json saved = json::parse(text.str(), nullptr, false);
  if (saved.is_discarded() || !saved.is_object()) {
    reason = "not a JSON object";
    return std::nullopt;
  }
  if (!saved.contains("format") || saved["format"] != saved_unit_format) {
    reason = fmt::format("format {} is not {}", saved.value("format", json()).dump(), saved_unit_format);
    return std::nullopt;
  }
  reason = key_difference(saved.value("key", json()), key_);
  if (!reason.empty()) return std::nullopt;
  if (!saved.contains("index") || saved["index"] != index) {
    reason = fmt::format("holds unit {} instead of {}", saved.value("index", json()).dump(), index);
    return std::nullopt;
  }
  if (!saved.contains("result")) {
    reason = "has no result";
    return std::nullopt;
  }
  return saved["result"];
}

void saved_unit_store::save_result(std::int64_t index, const json& result) const {
  const json saved = {{"format", saved_unit_format}, {"key", key_.to_json()}, {"index", index}, {"result", result}};
  numerics::write_file_atomically(file(index), saved.dump() + "\n");
}

void note_recomputing(const std::filesystem::path& file, const std::string& reason) {
  if (!reason.empty()) fmt::print(stderr, "steer: note: recomputing {} ({})\n", file.string(), reason);
}

}  // namespace steer::validation
