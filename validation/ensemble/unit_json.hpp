// One unit of an ensemble (a network's result) as JSON, for shard files, MPI gathers and saved
// units. Exactness: nlohmann::json writes doubles with the shortest text that reads back to the
// same double (Grisu2) and reads them with strtod, so finite doubles round-trip bit for bit and
// a merged run equals the unsharded one. NaN and ±inf would be written as null: codecs refuse them.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace steer::validation {

// What a command supplies for its unit type: write one unit, and read one back. `decode` throws
// malformed_unit naming the field for anything that is not a unit this run could have written.
template <class Unit>
struct unit_codec {
  std::function<nlohmann::json(const Unit&)> encode;
  std::function<Unit(const nlohmann::json&)> decode;
};

struct malformed_unit : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Field readers for decode functions; each throws malformed_unit naming the field.
const nlohmann::json& unit_field(const nlohmann::json& unit, const char* name);
std::uint64_t unsigned_field(const nlohmann::json& unit, const char* name);
std::int64_t integer_field(const nlohmann::json& unit, const char* name);
bool bool_field(const nlohmann::json& unit, const char* name);
// A list of non-negative integers; of length `size` when given.
std::vector<std::uint64_t> unsigned_list(const nlohmann::json& unit, const char* name,
                                         std::optional<std::size_t> size = std::nullopt);
// A list of finite numbers; of length `size` when given.
std::vector<double> finite_list(const nlohmann::json& unit, const char* name,
                                std::optional<std::size_t> size = std::nullopt);

// Every unit decoded in order; a failure names the unit's position: "unit 3: 'count' ...".
template <class Unit>
std::vector<Unit> decode_units(const unit_codec<Unit>& codec, const std::vector<nlohmann::json>& units) {
  std::vector<Unit> decoded;
  decoded.reserve(units.size());
  for (std::size_t k = 0; k < units.size(); ++k) {
    try {
      decoded.push_back(codec.decode(units[k]));
    } catch (const std::exception& e) {  // malformed_unit, or nlohmann's type errors
      throw malformed_unit("unit " + std::to_string(k) + ": " + e.what());
    }
  }
  return decoded;
}

template <class Unit>
std::vector<nlohmann::json> encode_units(const unit_codec<Unit>& codec, const std::vector<Unit>& units) {
  std::vector<nlohmann::json> encoded;
  encoded.reserve(units.size());
  for (const Unit& unit : units) encoded.push_back(codec.encode(unit));
  return encoded;
}

}  // namespace steer::validation
