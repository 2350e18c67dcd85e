#include "validation/ensemble/unit_json.hpp"

#include <fmt/format.h>

#include <cmath>

namespace steer::validation {

using nlohmann::json;

const json& unit_field(const json& unit, const char* name) {
  if (!unit.is_object()) throw malformed_unit("not a JSON object");
  const auto it = unit.find(name);
  if (it == unit.end()) throw malformed_unit(fmt::format("missing field '{}'", name));
  return *it;
}

std::uint64_t unsigned_field(const json& unit, const char* name) {
  const json& value = unit_field(unit, name);
  if (!value.is_number_unsigned()) throw malformed_unit(fmt::format("'{}' must be a non-negative integer", name));
  return value.get<std::uint64_t>();
}

std::int64_t integer_field(const json& unit, const char* name) {
  const json& value = unit_field(unit, name);
  if (!value.is_number_integer() || (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX))
    throw malformed_unit(fmt::format("'{}' must be an integer", name));
  return value.get<std::int64_t>();
}

bool bool_field(const json& unit, const char* name) {
  const json& value = unit_field(unit, name);
  if (!value.is_boolean()) throw malformed_unit(fmt::format("'{}' must be true or false", name));
  return value.get<bool>();
}

namespace {

const json& list_field(const json& unit, const char* name, std::optional<std::size_t> size) {
  const json& list = unit_field(unit, name);
  if (!list.is_array()) throw malformed_unit(fmt::format("'{}' must be a list", name));
  if (size && list.size() != *size)
    throw malformed_unit(fmt::format("'{}' must have {} entries, has {}", name, *size, list.size()));
  return list;
}

}  // namespace

std::vector<std::uint64_t> unsigned_list(const json& unit, const char* name, std::optional<std::size_t> size) {
  std::vector<std::uint64_t> values;
  for (const json& value : list_field(unit, name, size)) {
    if (!value.is_number_unsigned()) throw malformed_unit(fmt::format("'{}' must hold non-negative integers", name));
    values.push_back(value.get<std::uint64_t>());
  }
  return values;
}

std::vector<double> finite_list(const json& unit, const char* name, std::optional<std::size_t> size) {
  std::vector<double> values;
  for (const json& value : list_field(unit, name, size)) {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      throw malformed_unit(fmt::format("'{}' must hold finite numbers", name));
    values.push_back(value.get<double>());
  }
  return values;
}

}  // namespace steer::validation
