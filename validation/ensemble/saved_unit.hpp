// Finished units saved so that a long run resumes (DESIGN.md, Long runs): one file per unit,
// written atomically (temp + rename), carrying the unit's key (unit_key.hpp) and index. A file is
// reused only when its key and index match this run's and the command's decode accepts its
// result; otherwise the unit is recomputed and `reason` says why the file was rejected.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "validation/ensemble/unit_json.hpp"
#include "validation/ensemble/unit_key.hpp"

namespace steer::validation {

class saved_unit_store {
 public:
  // Files <dir>/<prefix>_unit<index>.json. The prefix names the parameters (e.g. "n80_jd0.5")
  // so that runs with other parameters sharing `dir` keep their own files. An empty `dir`
  // disables the store: nothing is loaded or saved.
  saved_unit_store(std::filesystem::path dir, std::string prefix, unit_key key);

  bool enabled() const { return !dir_.empty(); }
  std::filesystem::path file(std::int64_t index) const;

  // Unit `index` as saved, if its file exists and passes every check; otherwise nullopt with
  // `reason` ("" when there is no file, so no note is needed).
  template <class Unit>
  std::optional<Unit> load(std::int64_t index, const unit_codec<Unit>& codec, std::string& reason) const {
    const std::optional<nlohmann::json> result = load_result(index, reason);
    if (!result) return std::nullopt;
    try {
      return codec.decode(*result);
    } catch (const std::exception& e) {  // malformed_unit, or nlohmann's type errors
      reason = e.what();
      return std::nullopt;
    }
  }

  // Writes unit `index` atomically (no-op when disabled).
  template <class Unit>
  void save(std::int64_t index, const unit_codec<Unit>& codec, const Unit& unit) const {
    if (enabled()) save_result(index, codec.encode(unit));
  }

 private:
  std::optional<nlohmann::json> load_result(std::int64_t index, std::string& reason) const;
  void save_result(std::int64_t index, const nlohmann::json& result) const;

  std::filesystem::path dir_;
  std::string prefix_;
  unit_key key_;
};

// "steer: note: recomputing FILE (reason)" on stderr for a saved unit that load() rejected, or
// nothing when `reason` is empty (there was no file).
void note_recomputing(const std::filesystem::path& file, const std::string& reason);

}  // namespace steer::validation
