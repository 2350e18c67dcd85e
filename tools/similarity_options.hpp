// What the `steer similarity` commands share: the metric and its parameters as options, and
// where the shipped Hatsopoulos data are.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "numerics/similarity/metric.hpp"

namespace steer::tools {

struct similarity_cli_options {
  std::string metric = "procrustes";
  numerics::similarity_options parameters;
};

// --metric and the CCA / DSA parameters (--cca-components, --cca-regularisation,
// --dsa-components, --dsa-delays, --dsa-rank, --dsa-starts, --dsa-iterations), bounds in --help.
void add_similarity_options(CLI::App& command, similarity_cli_options& options);

// data/hatsopoulos2007 beside an installed binary (<prefix>/share/steer/data/hatsopoulos2007,
// see tools/CMakeLists.txt), else in the source tree this binary was built from.
std::filesystem::path default_hatsopoulos_directory();

}  // namespace steer::tools
