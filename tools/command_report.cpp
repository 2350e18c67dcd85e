// `steer report`, the main job: theory against exhaustive enumeration over an N × J_D sweep,
// written to a run directory with CSV, JSON, PNG plots and report.md. Re-running the same
// command resumes: finished points are reused. Exit code 3 if any verdict is FAIL.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "tools/build_info.hpp"
#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/report_plots.hpp"
#include "validation/fixed_points/count_report.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

struct report_options {
  common_options common;
  std::string sizes = "8:20:7";
  std::string self_couplings = "-0.25,0,0.25,0.5,1";
  std::int64_t networks = 4000;
  bool no_plots = false;
};

int run_report(const report_options& o) {
  const bool progress = apply_common_options(o.common);
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
  config.program_version = build_info::version;
  config.out = prepare_output_directory(o.common.out.empty() ? "results/report" : o.common.out);

  const validation::count_report report = validation::run_count_report(config);
  const report_plots plots = make_report_plots(config.out, o.no_plots);
  json metadata = run_metadata();
  metadata["wall_seconds"] = wall_seconds();
  metadata["reused_points"] = report.reused_points;
  metadata["plot_script"] = plots.script;
  validation::write_report_summary(config, report, metadata, plots.files, plots.missing_reason);

  const int total = static_cast<int>(report.checks.size());
  const bool all_pass = report.passed() == total;
  if (o.common.json) {
    print_json({{"passed", report.passed()}, {"total", total}, {"verdict", all_pass ? "PASS" : "FAIL"},
                {"report", (config.out / "report.md").string()}, {"reused_points", report.reused_points}});
  } else {
    fmt::print("steer report: {} of {} points PASS ({} reused) -> {}\n", report.passed(), total, report.reused_points,
               (config.out / "report.md").string());
  }
  return all_pass ? 0 : 3;
}

}  // namespace

void register_report(CLI::App& app) {
  auto o = std::make_shared<report_options>();
  auto* report = app.add_subcommand(
      "report", "Main job: closed-form fixed-point counts and pair profiles vs exhaustive enumeration, with verdicts "
                "(exit code 3 if any point FAILs)");
  // The lists are checked here, at parse time, and parsed again in run_report.
  add_text_option(*report, "--sizes", o->sizes, "Network sizes N: list of values or a:b:k ranges",
                  [](const std::string& text) { parse_size_list(text, "--sizes", 2, validation::max_report_neurons); });
  add_text_option(*report, "--self-couplings", o->self_couplings, "Self-couplings J_D: list of values or a:b:k ranges",
                  [](const std::string& text) { parse_range_list(text, "--self-couplings"); });
  add_integer_option(*report, "--networks", o->networks, 2, validation::max_report_networks, "Sampled networks per (N, J_D) point");
  report->add_flag("--no-plots", o->no_plots, "Skip the matplotlib plots");
  add_common_options(*report, o->common, "Run directory (default results/report); re-running resumes");
  report->callback([o] {
    const int status = run_report(*o);
    if (status != 0) std::exit(status);
  });
}

}  // namespace steer::tools
