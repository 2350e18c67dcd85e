#include "tools/report_plots.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "tools/build_info.hpp"

namespace steer::tools {
namespace {

// Plots need Debian's /usr/bin/python3 with matplotlib (not the first python3 on PATH).
constexpr const char* python = "/usr/bin/python3";

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::filesystem::path find_plot_script() {
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path installed = executable.parent_path().parent_path() / "share" / "steer" / "plot_report.py";
  if (!error && std::filesystem::exists(installed)) return installed;
  const std::filesystem::path source = std::filesystem::path(build_info::source_dir) / "tools" / "plot_report.py";
  if (std::filesystem::exists(source)) return source;
  throw std::runtime_error(fmt::format("plot_report.py is neither in {} nor in {}", installed.parent_path().string(),
                                       source.parent_path().string()));
}

report_plots make_report_plots(const std::filesystem::path& out, bool skip) {
  for (const char* name : report_plot_names) std::filesystem::remove(out / name);
  report_plots plots;
  if (skip) {
    plots.missing_reason = "plots were skipped (--no-plots)";
    return plots;
  }
  if (std::system(fmt::format("{} -c 'import matplotlib' >/dev/null 2>&1", python).c_str()) != 0) {
    plots.missing_reason = fmt::format("{} with matplotlib was not found (apt-get install python3-matplotlib)", python);
    fmt::print(stderr, "steer: note: no plots: {}\n", plots.missing_reason);
    return plots;
  }
  try {
    plots.script = find_plot_script().string();
  } catch (const std::runtime_error& e) {
    plots.missing_reason = e.what();
    fmt::print(stderr, "steer: note: no plots: {}\n", plots.missing_reason);
    return plots;
  }
  if (std::system(fmt::format("{} {} {}", python, shell_quote(plots.script), shell_quote(out.string())).c_str()) != 0) {
    plots.missing_reason = fmt::format("the plot script {} failed", plots.script);
    fmt::print(stderr, "steer: note: no plots: {}; the CSV files are complete\n", plots.missing_reason);
    return plots;
  }
  for (const char* name : report_plot_names)
    if (std::filesystem::exists(out / name)) plots.files.emplace_back(name);
  return plots;
}

}  // namespace steer::tools
