#include "tools/similarity_options.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <system_error>

#include "tools/build_info.hpp"
#include "tools/cli_support.hpp"

namespace steer::tools {

void add_similarity_options(CLI::App& command, similarity_cli_options& o) {
  add_text_option(command, "--metric", o.metric, "procrustes (spec 7.1), cca (7.3), cka (7.2) or dsa (7.4)",
                  [](const std::string& text) { numerics::parse_similarity_metric(text); });
  auto& cca = o.parameters.cca;
  auto& dsa = o.parameters.dsa;
  add_integer_option(command, "--cca-components", cca.components, 1, 10000, "CCA: principal axes kept per side");
  add_real_option(command, "--cca-regularisation", cca.regularisation,
                  "CCA: r added to the unnormalised auto-products", 0.0, 1e12);
  add_integer_option(command, "--dsa-components", dsa.components, 1, 1000, "DSA: principal components p per side");
  add_integer_option(command, "--dsa-delays", dsa.delays, 1, 1000, "DSA: delays d");
  add_integer_option(command, "--dsa-rank", dsa.rank, 1, 100000, "DSA: rank r of the delay-DMD fit (<= p*d)");
  add_integer_option(command, "--dsa-starts", dsa.procrustes.starts, 3, 1000,
                     "DSA: starts of the orthogonal-group descent (eigenbasis, identity, reflection, random)");
  add_integer_option(command, "--dsa-iterations", dsa.procrustes.max_iterations, 1, 1000000,
                     "DSA: descent iterations per start");
}

std::filesystem::path default_hatsopoulos_directory() {
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto installed = executable.parent_path().parent_path() / "share" / "steer" / "data" / "hatsopoulos2007";
  if (!error && std::filesystem::is_directory(installed)) return installed;
  const auto source = std::filesystem::path(build_info::source_dir) / "data" / "hatsopoulos2007";
  if (std::filesystem::is_directory(source)) return source;
  throw std::invalid_argument(fmt::format("--data: the Hatsopoulos data are neither in {} nor in {}; give --data DIR",
                                          installed.string(), source.string()));
}

}  // namespace steer::tools
