// What a unit's result depends on: the command, the program version and every parameter that
// changes results (the seed included). Saved units and shard files carry it; a unit or a shard is
// reused or merged only under an identical key.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace steer::validation {

struct unit_key {
  std::string command;        // e.g. "enumerate"
  std::string steer_version;  // build_info::version of the program that computed the unit
  nlohmann::json parameters;  // a JSON object; exact values (doubles round-trip, unit_json.hpp)

  // {"command", "steer_version", "parameters"}.
  nlohmann::json to_json() const;
};

// The first difference between `saved` (read from a file) and `expected`, as a clause that
// completes "the file ...": "was made by steer 0.1.0 (this run: 0.2.0)", "has seed 9 (this run:
// 10)", with `expected_name` in place of "this run"; empty when they are equal. A saved key of
// the wrong shape is a difference too.
std::string key_difference(const nlohmann::json& saved, const unit_key& expected,
                           std::string_view expected_name = "this run");

// The steer version of a unit key: "<version>+<git hash>" (semver build metadata), so that units and
// shards of different commits are never mixed; plain "<version>" for a build without a hash (a
// source tarball: empty or "unknown"). The hash is the commit the build was configured at; edits
// not yet committed are not told apart.
std::string build_version(std::string_view version, std::string_view git_hash);

// `saved` as a unit_key; throws std::invalid_argument naming what is missing.
unit_key parse_unit_key(const nlohmann::json& saved);

}  // namespace steer::validation
