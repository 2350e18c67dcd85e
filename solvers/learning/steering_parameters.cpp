#include "solvers/learning/steering_parameters.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string_view>

namespace steer::solvers {
namespace {

double per_layer(const std::vector<double>& values, int layer) { return values.size() == 1 ? values[0] : values.at(layer); }

void require(bool ok, std::string_view name, const auto& value, std::string_view rule) {
  if (!ok) throw std::invalid_argument(fmt::format("{} must be {}, got {}", name, rule, value));
}

void require_finite(std::string_view name, double value) { require(std::isfinite(value), name, value, "finite"); }

void require_list(std::string_view name, const std::vector<double>& values, std::size_t size, bool broadcast) {
  const bool ok = values.size() == size || (broadcast && values.size() == 1);
  if (!ok) {
    throw std::invalid_argument(fmt::format("{} must have {} entr{}{}, got {}", name, size, size == 1 ? "y" : "ies",
                                            broadcast ? " (or 1)" : "", values.size()));
  }
  for (const double v : values) require_finite(name, v);
}

}  // namespace

double steering_parameters::internal_strength(int layer) const { return per_layer(lambda_internal, layer); }
double steering_parameters::input_skip_strength(int layer) const { return per_layer(lambda_input_skip, layer); }

double steering_parameters::hidden_threshold(int layer) const {
  const bool add_lambda = inference_ignore_right == 4 && lambda_l == lambda_r;
  return threshold.at(layer) + self_coupling + (add_lambda ? lambda_l : 0.0);
}

void steering_parameters::validate() const {
  require(inputs >= 1 && inputs <= 100000, "N", inputs, "in 1..100000");
  require(hidden >= 1 && hidden <= 100000, "H", hidden, "in 1..100000");
  require(layers >= 1 && layers <= 16, "num_layers", layers, "in 1..16");
  require(classes >= 2 && classes <= 1000, "C", classes, "in 2..1000");
  require(steps_train >= 1 && steps_train <= 10000, "max_steps_train", steps_train, "in 1..10000");
  require(steps_eval >= 1 && steps_eval <= 10000, "max_steps_eval", steps_eval, "in 1..10000");
  for (const auto& [name, value] : {std::pair<std::string_view, double>{"J_D", self_coupling}, {"lambda_y", lambda_y},
                                    {"lambda_l", lambda_l}, {"lambda_r", lambda_r}, {"lambda_fc", lambda_fc},
                                    {"lambda_wback", lambda_wback}, {"lambda_wforth", lambda_wforth}, {"beta_ce", beta_ce}}) {
    require_finite(name, value);
  }
  for (const auto& [name, value] : {std::pair<std::string_view, double>{"lr_J", lr_J}, {"lr_W", lr_W},
                                    {"lr_input_skip", lr_input_skip}, {"lr_wforth_skip", lr_wforth_skip},
                                    {"weight_decay_J", weight_decay_J}, {"weight_decay_W", weight_decay_W},
                                    {"weight_decay_input_skip", weight_decay_input_skip},
                                    {"weight_decay_wforth_skip", weight_decay_wforth_skip}, {"bias_std", bias_std}}) {
    require(std::isfinite(value) && value >= 0.0, name, value, "finite and >= 0");
  }
  require(p_update > 0.0 && p_update <= 1.0, "p_update", p_update, "in (0, 1]");
  require(init_noise >= 0.0 && init_noise <= 1.0, "init_noise", init_noise, "in [0, 1]");
  const auto l = static_cast<std::size_t>(layers);
  require_list("lambda_internal", lambda_internal, l, true);
  require_list("lambda_input_skip", lambda_input_skip, l, true);
  require_list("lambda_wback_skip", lambda_wback_skip, l - 1, false);
  require_list("lambda_wforth_skip", lambda_wforth_skip, l - 1, false);
  require_list("threshold", threshold, l + 1, false);
  const int mode = inference_ignore_right;
  require(mode == 1 || mode == 4, "inference_ignore_right", mode, "1 or 4 (the modes without feedback or label, §2)");
  require(init_mode != initial_state_mode::input || inputs <= hidden, "N", inputs, "<= H with init_mode input");
  require(!double_update || double_dynamics, "double_update", double_update, "false unless double_dynamics (it needs the phase-1 state)");
  require(!symmetrize_fc || fc_left, "symmetrize_fc", symmetrize_fc, "false unless fc_left (it copies the learned forward couplings)");
  if (symmetric_W == feedback_tie::transpose || symmetric_W == feedback_tie::transpose_over_100) {
    // W_back ∝ W_forthᵀ/λ_wforth (§4.5): the reference divides by zero here (NaN couplings).
    require(lambda_wforth != 0.0, "lambda_wforth", lambda_wforth, "non-zero with symmetric_W");
    for (std::size_t k = 0; k + 1 < l; ++k) {
      require(lambda_wback_skip[k] == 0.0 || lambda_wforth_skip[k] != 0.0, "lambda_wforth_skip", lambda_wforth_skip[k],
              "non-zero where lambda_wback_skip is, with symmetric_W");
    }
  }
  if (symmetric_W == feedback_tie::normalize) {
    // W_back's columns are W_forth's rows over their norms (§4.5): zero rows when λ_wforth = 0 (NaN couplings).
    require(lambda_wforth != 0.0, "lambda_wforth", lambda_wforth, "non-zero with symmetric_W normalize");
    // The skips are tied all or none; the reference asserts on a mix (steering_learner.md, coupling ties).
    for (std::size_t k = 0; k + 1 < l; ++k) {
      require((lambda_wforth_skip[k] == 0.0) == (lambda_wforth_skip[0] == 0.0), "lambda_wforth_skip", lambda_wforth_skip[k],
              "all zero or all non-zero with symmetric_W normalize");
    }
  }
  require(!(asynchronous_sweeps && reference_quirks), "reference_quirks", reference_quirks,
          "false with asynchronous_sweeps (the reference's in-place re-mapping has no asynchronous form)");
}

}  // namespace steer::solvers
