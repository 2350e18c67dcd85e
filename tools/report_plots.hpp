// The PNG plots of `steer report`, drawn by tools/plot_report.py with Debian's matplotlib.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace steer::tools {

inline constexpr const char* report_plot_names[] = {
    "counts.png", "entropy.png", "pairs.png", "count_distribution.png", "geometry_pair_entropy.png",
    "geometry_local_entropy.png", "geometry_clusters.png", "geometry_local_density.png", "geometry_modular.png",
    "accessibility_curves.png", "accessibility_count_mc.png", "accessibility_quenched.png"};

struct report_plots {
  std::vector<std::string> files;  // PNGs written, relative to the run directory
  std::string script;              // the plot script that ran ("" if none did)
  std::string missing_reason;      // why there are no plots, for report.md ("" if there are)
};

// Where plot_report.py is: beside an installed binary (<prefix>/share/steer/, `cmake --install`)
// or, for a binary run from its build tree, in the source tree it was built from. Throws
// std::runtime_error naming both places when neither has it.
std::filesystem::path find_plot_script();

// Removes plots left in `out` by an earlier run (so report.md never shows stale pictures),
// then, unless `skip`, runs the plot script on the CSV files in `out`.
report_plots make_report_plots(const std::filesystem::path& out, bool skip);

}  // namespace steer::tools
