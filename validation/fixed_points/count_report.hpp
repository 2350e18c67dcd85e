// The main job's first experiment: a sweep of count checks (count_check.hpp) over N × J_D,
// written to a run directory as tidy CSV, a JSON sidecar and report.md.
//
// Resumable: every finished (N, J_D) point is saved atomically under <out>/points/ as a saved unit
// (saved_point.hpp, validation/ensemble/saved_unit.hpp), in a file named by every parameter that
// changes its result and keyed by those parameters and the program version. Re-running reuses a point only if all of them match and every field
// validates; a malformed or mismatched point is recomputed with a note on stderr, never
// trusted or crashed on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/fixed_points/count_check.hpp"

namespace steer::validation {

inline constexpr int max_report_neurons = 26;
// Every network's pair histogram is held until its point is summarised: ≤ 0.22 GB at N = 26.
inline constexpr std::int64_t max_report_networks = 1'000'000;

struct count_report_config {
  std::vector<int> sizes;
  std::vector<double> self_couplings;
  std::int64_t networks = 4000;
  std::uint64_t seed = 1;
  bool progress = false;
  std::filesystem::path out;
  std::string program_version = "unknown";  // saved points of another version are recomputed

  void validate() const;  // throws std::invalid_argument naming the bad parameter
};

struct count_report {
  std::vector<count_check> checks;  // in sweep order (N outer, J_D inner)
  int reused_points = 0;
  int passed() const;
};

// Runs (or resumes) the sweep and writes counts.csv, pairs.csv, count_distribution.csv and
// points/*.json. Collective under MPI: every rank calls it, each point's networks are spread over
// the ranks (validation/ensemble/group_blocks.hpp), every rank gets the same result, and rank 0
// alone writes.
count_report run_count_report(const count_report_config& config);

// A further section of the report (the geometry section): its part of report.md, its entry in
// report.json, and its verdicts, which join the overall verdict.
struct report_section {
  std::string name;  // report.json key
  std::string markdown;
  nlohmann::json json;
  int passed = 0;
  int predictions = 0;  // verdicts PASS or FAIL
};

// report.json (parameters, metadata, verdicts) and report.md. `plots` lists PNG files
// (relative to config.out) to embed; when it is empty report.md says `missing_plots_reason`.
// The overall verdict is PASS only if every point and every section's prediction passes.
void write_report_summary(const count_report_config& config, const count_report& report,
                          const nlohmann::json& metadata, const std::vector<std::string>& plots,
                          const std::string& missing_plots_reason, const std::vector<report_section>& sections = {});

}  // namespace steer::validation
