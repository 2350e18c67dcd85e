#include "theory/modular_count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

// Index 0 ↔ bond (or sign) +1, 1 ↔ −1.
constexpr std::array<int, 2> signs{1, -1};

// ln Z for one column (docs/theory/modular_count.md): a chain x ∈ {±1}^M across modules, site m
// weighted by Φ((J_D + λ g_m)/σ), g_m the sum of its bonds b = x_m x_{m±1} (b_0 = b_M = 0 in a
// chain). All sums are log-sum-exp over non-negative terms.
double log_column_sum(int modules, double self_coupling, double coupling, double sigma, bool ring) {
  const auto log_weight = [&](int g) { return log_normal_cdf((self_coupling + coupling * g) / sigma); };
  if (modules == 1) return std::numbers::ln2 + log_weight(0);
  // log_transfer[b][b'] = ln T[b, b'] for a site between bonds b and b'.
  std::array<std::array<double, 2>, 2> log_transfer{};
  for (int b = 0; b < 2; ++b)
    for (int c = 0; c < 2; ++c) log_transfer[b][c] = log_weight(signs[b] + signs[c]);
  if (!ring || modules <= 2) {
    // Z = 2 Σ_{b_1..b_{M−1}} w(b_1) Π_{m=2}^{M−1} T(b_{m−1}, b_m) w(b_{M−1}), w(b) = Φ((J_D+λb)/σ);
    // the 2: x_1 = ±1 for each bond pattern.
    std::array<double, 2> last{log_weight(1), log_weight(-1)};
    for (int m = 2; m < modules; ++m) {
      std::array<double, 2> next{minus_infinity, minus_infinity};
      for (int b = 0; b < 2; ++b)
        for (int c = 0; c < 2; ++c) next[c] = log_add(next[c], last[b] + log_transfer[b][c]);
      last = next;
    }
    return std::numbers::ln2 + log_add(last[0] + log_weight(1), last[1] + log_weight(-1));
  }
  // Ring: bonds b_1..b_M (b_M = x_M x_1) with Π b = +1, site 1 between b_M and b_1. For each b_M = β
  // carry (b_m, parity of β b_1 … b_m) and close with site M between b_{M−1} and β.
  double total = minus_infinity;
  for (int beta = 0; beta < 2; ++beta) {
    // state[b][p]: b the current bond, p = 0 ↔ parity +1.
    std::array<std::array<double, 2>, 2> state{{{minus_infinity, minus_infinity}, {minus_infinity, minus_infinity}}};
    for (int b = 0; b < 2; ++b) state[b][signs[beta] * signs[b] > 0 ? 0 : 1] = log_transfer[beta][b];
    for (int m = 2; m < modules; ++m) {
      std::array<std::array<double, 2>, 2> next{{{minus_infinity, minus_infinity}, {minus_infinity, minus_infinity}}};
      for (int b = 0; b < 2; ++b)
        for (int p = 0; p < 2; ++p)
          for (int c = 0; c < 2; ++c) next[c][p ^ c] = log_add(next[c][p ^ c], state[b][p] + log_transfer[b][c]);
      state = next;
    }
    for (int b = 0; b < 2; ++b) total = log_add(total, state[b][0] + log_transfer[b][beta]);
  }
  return std::numbers::ln2 + total;
}

}  // namespace

double log_add(double x, double y) {
  const double top = std::max(x, y);
  if (top == minus_infinity) return minus_infinity;
  return top + std::log1p(std::exp(std::min(x, y) - top));
}

void modular_network::validate() const {
  if (modules < 1) throw std::invalid_argument(fmt::format("modular network: modules must be >= 1, got {}", modules));
  if (module_size < 2)
    throw std::invalid_argument(fmt::format("modular network: module_size must be >= 2, got {}", module_size));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("modular network: self_coupling must be finite, got {}", self_coupling));
  if (!std::isfinite(inter_module_coupling))
    throw std::domain_error(
        fmt::format("modular network: inter_module_coupling must be finite, got {}", inter_module_coupling));
}

double log_expected_fixed_points_modular(const modular_network& network) {
  network.validate();
  const int n = network.module_size;
  const double sigma = std::sqrt((n - 1.0) / n);
  return n * log_column_sum(network.modules, network.self_coupling, network.inter_module_coupling, sigma, network.ring);
}

double modular_fixed_point_entropy(const modular_network& network) {
  network.validate();
  return log_column_sum(network.modules, network.self_coupling, network.inter_module_coupling, 1.0, network.ring) /
         network.modules;
}

double modular_fixed_point_entropy_many_modules(double self_coupling, double inter_module_coupling) {
  modular_network{1, 2, self_coupling, inter_module_coupling, false}.validate();
  // Scaled by the largest entry so that no Φ underflows to a 0/0: T/Φ(max) has entries e^{ln Φ − max}.
  const double la = log_normal_cdf(self_coupling + 2 * inter_module_coupling), lb = log_normal_cdf(self_coupling),
               lc = log_normal_cdf(self_coupling - 2 * inter_module_coupling);
  const double top = std::max({la, lb, lc});
  const double a = std::exp(la - top), b = std::exp(lb - top), c = std::exp(lc - top);
  return top + std::log(0.5 * (a + c) + std::hypot(0.5 * (a - c), b));
}

}  // namespace steer::theory
