// The options that describe an ensemble of sampled networks, shared by `steer enumerate`, `steer count-mc`,
// `steer clusters` and `steer local-density`: N, J_D, the symmetry η, how many networks, and the
// modular variant (M modules of n units, coupling λ between neighbouring modules, open chain or
// ring). Each command registers its own options (bounds and help differ); the key of a sharded
// run (tools/ensemble_run.hpp) and its inverse are written once, here.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>

#include "tools/cli_support.hpp"

namespace steer::tools {

struct sampled_ensemble_options {
  int n = 16;
  double self_coupling = 0.5;
  double symmetry = 0.0;
  std::int64_t networks = 1;
  int modules = 0;  // 0: the fully connected ensemble; M >= 1: the modular variant (N = M·n)
  double inter_module_coupling = 0.0;
  bool ring = false;
};

// {"n", "self_coupling", "symmetry", "networks", "seed"}, and "modules", "inter_module_coupling",
// "ring" for the modular variant only: every parameter of the ensemble that changes results.
nlohmann::json sampled_ensemble_key(const sampled_ensemble_options& e, std::uint64_t seed);

// The inverse of sampled_ensemble_key (the seed is read separately: it lives in common_options).
sampled_ensemble_options sampled_ensemble_from(const nlohmann::json& parameters);

// For a merger (tools/ensemble_run.hpp): a command's options with merge's `output` choices (--json,
// --quiet, --out), the key's seed and its ensemble; the caller reads the command's own parameters.
template <class Options>
Options options_with_ensemble(const nlohmann::json& parameters, const common_options& output) {
  Options o;
  o.common = output;
  o.common.seed = parameters.at("seed").get<std::uint64_t>();
  o.ensemble = sampled_ensemble_from(parameters);
  return o;
}

// The callback of a command that runs either a sampled ensemble or one matrix given by --couplings
// (an empty `couplings_file` selects the ensemble).
template <class Options, class Ensemble, class Matrix>
void set_ensemble_or_matrix_callback(CLI::App& command, std::shared_ptr<Options> o, Ensemble run_ensemble,
                                     Matrix run_user_matrix) {
  command.callback([o, run_ensemble, run_user_matrix] {
    const bool progress = apply_common_options(o->common);
    if (o->couplings_file.empty()) {
      run_ensemble(*o, progress);
    } else {
      run_user_matrix(*o, progress);
    }
  });
}

}  // namespace steer::tools
