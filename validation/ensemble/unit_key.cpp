#include "validation/ensemble/unit_key.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace steer::validation {

using nlohmann::json;

json unit_key::to_json() const {
  return {{"command", command}, {"steer_version", steer_version}, {"parameters", parameters}};
}

std::string build_version(std::string_view version, std::string_view git_hash) {
  if (git_hash.empty() || git_hash == "unknown") return std::string(version);
  return fmt::format("{}+{}", version, git_hash);
}

unit_key parse_unit_key(const json& saved) {
  const auto text = [&](const char* name) {
    if (!saved.is_object() || !saved.contains(name) || !saved[name].is_string())
      throw std::invalid_argument(fmt::format("no '{}' text", name));
    return saved[name].get<std::string>();
  };
  unit_key key{text("command"), text("steer_version"), {}};
  if (!saved.contains("parameters") || !saved["parameters"].is_object())
    throw std::invalid_argument("no 'parameters' object");
  key.parameters = saved["parameters"];
  return key;
}

std::string key_difference(const json& saved, const unit_key& expected, std::string_view expected_name) {
  unit_key key;
  try {
    key = parse_unit_key(saved);
  } catch (const std::invalid_argument& e) {
    return fmt::format("has no valid key ({})", e.what());
  }
  if (key.command != expected.command)
    return fmt::format("belongs to steer {} ({}: steer {})", key.command, expected_name, expected.command);
  if (key.steer_version != expected.steer_version)
    return fmt::format("was made by steer {} ({}: {})", key.steer_version, expected_name, expected.steer_version);
  for (const auto& [name, value] : expected.parameters.items()) {
    if (!key.parameters.contains(name)) return fmt::format("has no parameter {}", name);
    if (key.parameters[name] != value)
      return fmt::format("has {} {} ({}: {})", name, key.parameters[name].dump(), expected_name, value.dump());
  }
  for (const auto& [name, value] : key.parameters.items())
    if (!expected.parameters.contains(name)) return fmt::format("has an unknown parameter {}", name);
  return {};
}

}  // namespace steer::validation
