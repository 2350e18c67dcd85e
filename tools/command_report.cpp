// `steer report`, the main job: theory against exhaustive enumeration over an N × J_D sweep, and
// the geometry and accessibility sections (validation/fixed_points/geometry_report.hpp,
// accessibility_report.hpp), written to a run directory
// with CSV, JSON, PNG plots and report.md. Re-running the same
// command resumes: finished points are reused. Under `mpirun -n K` each point's networks are
// split over the ranks (docs/scaling.md, "The report"). Exit code 3 if any verdict is FAIL.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>
#include <stdexcept>

#include "tools/build_info.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "tools/report_plots.hpp"
#include "tools/report_accessibility_options.hpp"
#include "tools/strict_parse.hpp"
#include "validation/fixed_points/count_report.hpp"
#include "validation/fixed_points/geometry_report.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct report_options {
  common_options common;
  std::string sizes = "8:20:7";
  std::string self_couplings = "-0.25,0,0.25,0.5,1";
  std::int64_t networks = 4000;
  bool no_plots = false;
  // The geometry section (validation/fixed_points/geometry_report.hpp); defaults kept modest.
  bool no_geometry = false;
  std::string geometry_sizes = "12,16,20";
  std::string geometry_self_couplings = "0.25,0.5,1";
  std::int64_t geometry_networks = 20;
  int max_distance = 3;
  std::string margins = "0.25,0.5";
  std::string density_sizes = "200";
  std::string density_self_couplings = "0.5,1";
  std::int64_t density_networks = 4;
  std::int64_t density_starts = 4;
  std::int64_t max_sweeps = 1000;
  int density_radius = 2;
  std::string modular_points = "2:6:0:0.5,3:4:0.25:0.3:ring,2:6:0.5:0";
  std::int64_t modular_networks = 2000;
  accessibility_options accessibility;  // the accessibility section (tools/report_accessibility_options.hpp)
};

// "M:n:J_D:lambda[:ring]" items separated by commas, or "none".
std::vector<validation::modular_point> parse_modular_points(const std::string& text) {
  std::vector<validation::modular_point> points;
  if (text == "none") return points;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    const std::string item = text.substr(begin, end - begin);
    std::vector<std::string> parts;
    for (std::size_t b = 0;;) {
      const std::size_t e = item.find(':', b);
      parts.push_back(item.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (e == std::string::npos) break;
      b = e + 1;
    }
    if (parts.size() < 4 || parts.size() > 5 || (parts.size() == 5 && parts[4] != "ring"))
      throw std::invalid_argument(
          fmt::format("--modular-points: '{}' is not M:n:J_D:lambda or M:n:J_D:lambda:ring", item));
    validation::modular_point p;
    p.modules = static_cast<int>(parse_integer(parts[0], "--modular-points M", 1, validation::max_report_neurons));
    p.module_size = static_cast<int>(parse_integer(parts[1], "--modular-points n", 2, validation::max_report_neurons));
    p.self_coupling = parse_real(parts[2], "--modular-points J_D");
    p.inter_module_coupling = parse_real(parts[3], "--modular-points lambda");
    p.ring = parts.size() == 5;
    if (p.modules * p.module_size > validation::max_report_neurons)
      throw std::invalid_argument(fmt::format("--modular-points: M·n must be <= {}, got {} in '{}'",
                                              validation::max_report_neurons, p.modules * p.module_size, item));
    points.push_back(p);
    begin = end + 1;
  }
  return points;
}

validation::geometry_report_config geometry_config(const report_options& o, const validation::count_report_config& counts) {
  validation::geometry_report_config g;
  g.cluster_sizes = parse_size_list(o.geometry_sizes, "--geometry-sizes", 2, validation::max_report_neurons);
  g.cluster_self_couplings = parse_range_list(o.geometry_self_couplings, "--geometry-self-couplings");
  g.cluster_networks = o.geometry_networks;
  g.max_distance = o.max_distance;
  g.margins = parse_range_list(o.margins, "--margins");
  g.density_sizes = parse_size_list(o.density_sizes, "--density-sizes", 2, 100000);
  g.density_self_couplings = parse_range_list(o.density_self_couplings, "--density-self-couplings");
  g.density_networks = o.density_networks;
  g.density_starts = o.density_starts;
  g.max_sweeps = o.max_sweeps;
  g.density_radius = o.density_radius;
  g.modular_points = parse_modular_points(o.modular_points);
  g.modular_networks = o.modular_networks;
  g.seed = counts.seed;
  g.progress = counts.progress;
  g.out = counts.out;
  g.program_version = counts.program_version;
  g.validate();
  return g;
}

// Under MPI (docs/scaling.md, "The report") every rank runs the whole report, and each point's
// networks are spread over the ranks (validation/ensemble/group_blocks.hpp); rank 0 alone writes
// files, progress and stdout, and every rank ends with the same exit code.
int run_report(const report_options& o) {
  const bool root = validation::world_process_group().root();
  const bool progress = apply_common_options(o.common) && root;
  validation::count_report_config config;
  for (const double v : parse_range_list(o.sizes, "--sizes")) {
    if (v != std::floor(v)) throw std::invalid_argument(fmt::format("--sizes: N must be an integer, got {}", v));
    config.sizes.push_back(static_cast<int>(v));
  }
  config.self_couplings = parse_range_list(o.self_couplings, "--self-couplings");
  config.networks = o.networks;
  config.seed = o.common.seed;
  config.progress = progress;
  config.validate();
  config.program_version = steer_build_version();  // saved points of another build are recomputed
  std::optional<validation::geometry_report_config> geometry;
  if (!o.no_geometry) geometry = geometry_config(o, config);  // checked before any work
  auto accessibility = accessibility_config(o.accessibility, config.seed, progress, config.program_version);
  config.out = o.common.out.empty() ? "results/report" : o.common.out;
  prepare_output_on_root(config.out.string());
  if (geometry) geometry->out = config.out;
  if (accessibility) accessibility->out = config.out;
  else if (root) validation::remove_accessibility_tables(config.out);

  const validation::count_report report = validation::run_count_report(config);
  std::vector<validation::report_section> sections;
  int reused_units = 0;
  if (geometry) {
    const validation::geometry_report g = validation::run_geometry_report(*geometry, report);
    sections.push_back({"geometry", validation::geometry_markdown(*geometry, g), validation::geometry_json(*geometry, g),
                        g.passed(), g.predictions()});
    reused_units = g.reused_units;
  }
  int reused_accessibility_units = 0;
  if (accessibility) {
    const validation::accessibility_report a = validation::run_accessibility_report(*accessibility);
    sections.push_back({"accessibility", validation::accessibility_markdown(*accessibility, a),
                        validation::accessibility_json(*accessibility, a), a.passed(), a.predictions()});
    reused_accessibility_units = a.reused_units;
  }
  int passed = report.passed(), total = static_cast<int>(report.checks.size());
  for (const auto& s : sections) {
    passed += s.passed;
    total += s.predictions;
  }
  const bool all_pass = passed == total;

  // Rank 0 writes; then every rank learns whether that worked, so that all of them end together,
  // with the same exit code (2 on every rank when a write failed: run_on_root_and_agree).
  validation::run_on_root_and_agree([&] {
    const report_plots plots = make_report_plots(config.out, o.no_plots);
    json metadata = run_metadata();
    metadata["wall_seconds"] = wall_seconds();
    metadata["reused_points"] = report.reused_points;
    metadata["reused_geometry_units"] = reused_units;
    metadata["reused_accessibility_units"] = reused_accessibility_units;
    metadata["plot_script"] = plots.script;
    metadata["mpi_ranks"] = validation::world_process_group().size;
    validation::write_report_summary(config, report, metadata, plots.files, plots.missing_reason, sections);

    if (o.common.json) {
      print_json({{"passed", passed}, {"total", total}, {"verdict", all_pass ? "PASS" : "FAIL"},
                  {"report", (config.out / "report.md").string()}, {"reused_points", report.reused_points},
                  {"reused_geometry_units", reused_units}, {"reused_accessibility_units", reused_accessibility_units}});
    } else {
      fmt::print("steer report: {} of {} verdicts PASS ({} points and {} geometry units reused) -> {}\n", passed, total,
                 report.reused_points, reused_units, (config.out / "report.md").string());
    }
  });
  return all_pass ? 0 : 3;
}

}  // namespace

void register_report(CLI::App& app) {
  auto o = std::make_shared<report_options>();
  auto* report = app.add_subcommand(
      "report", "Main job: closed-form fixed-point counts and pair profiles vs exhaustive enumeration, and the "
                "geometry of the fixed-point set (pair and local entropy, clusters, local density, modular count), "
                "accessibility (async thresholds, count-mc vs enumeration and vs the annealed entropy), with verdicts (exit code 3 if any prediction FAILs)");
  // The lists are checked here, at parse time, and parsed again in run_report.
  add_text_option(*report, "--sizes", o->sizes, "Network sizes N: list of values or a:b:k ranges",
                  [](const std::string& text) { parse_size_list(text, "--sizes", 2, validation::max_report_neurons); });
  add_text_option(*report, "--self-couplings", o->self_couplings, "Self-couplings J_D: list of values or a:b:k ranges",
                  [](const std::string& text) { parse_range_list(text, "--self-couplings"); });
  add_integer_option(*report, "--networks", o->networks, 2, validation::max_report_networks, "Sampled networks per (N, J_D) point");
  report->add_flag("--no-plots", o->no_plots, "Skip the matplotlib plots");
  report->add_flag("--no-geometry", o->no_geometry, "Skip the geometry section (clusters, local density, modular count)");
  const auto range_check = [](const char* name) {
    return [name](const std::string& text) { parse_range_list(text, name); };
  };
  add_text_option(*report, "--geometry-sizes", o->geometry_sizes, "Geometry: N of the enumerated cluster points",
                  [](const std::string& text) { parse_size_list(text, "--geometry-sizes", 2, validation::max_report_neurons); });
  add_text_option(*report, "--geometry-self-couplings", o->geometry_self_couplings,
                  "Geometry: J_D of the cluster points and of the V_ann/V_kappa curves", range_check("--geometry-self-couplings"));
  add_integer_option(*report, "--geometry-networks", o->geometry_networks, 2, validation::max_report_networks,
                     "Geometry: enumerated networks per cluster point");
  add_integer_option(*report, "--max-distance", o->max_distance, 1, validation::max_report_neurons,
                     "Geometry: neighbours at d = 1..D (D <= every geometry N)");
  add_text_option(*report, "--margins", o->margins, "Geometry: stability margins kappa of the V_kappa curves",
                  range_check("--margins"));
  add_text_option(*report, "--density-sizes", o->density_sizes, "Geometry: N of the local-density points (dynamics)",
                  [](const std::string& text) { parse_size_list(text, "--density-sizes", 2, 100000); });
  add_text_option(*report, "--density-self-couplings", o->density_self_couplings,
                  "Geometry: J_D of the local-density points", range_check("--density-self-couplings"));
  add_integer_option(*report, "--density-networks", o->density_networks, 1, 1000000, "Geometry: networks per local-density point");
  add_integer_option(*report, "--density-starts", o->density_starts, 1, 1000000, "Geometry: random starts per network");
  add_integer_option(*report, "--max-sweeps", o->max_sweeps, 1, 1000000000, "Geometry: sweeps before a start gives up");
  add_integer_option(*report, "--density-radius", o->density_radius, 1, 3, "Geometry: Hamming-ball radius r");
  add_text_option(*report, "--modular-points", o->modular_points,
                  "Geometry: modular points M:n:J_D:lambda[:ring], comma-separated, or none",
                  [](const std::string& text) { parse_modular_points(text); });
  add_integer_option(*report, "--modular-networks", o->modular_networks, 2, validation::max_report_networks,
                     "Geometry: enumerated networks per modular point");
  add_accessibility_options(*report, o->accessibility);
  add_common_options(*report, o->common, "Run directory (default results/report); re-running resumes");
  report->callback([o] {
    const int status = run_report(*o);
    if (status != 0) std::exit(status);
  });
}

}  // namespace steer::tools
