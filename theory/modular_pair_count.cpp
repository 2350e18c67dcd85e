#include "theory/modular_pair_count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

// Partners of module m: m ± 1 in a chain, modulo M in a ring of M ≥ 3 (modular_count.hpp).
std::vector<std::vector<int>> partners(int modules, bool ring) {
  std::vector<std::vector<int>> p(static_cast<std::size_t>(modules));
  for (int m = 0; m < modules; ++m) {
    if (m > 0 || (ring && modules >= 3)) p[m].push_back((m + modules - 1) % modules);
    if (m < modules - 1 || (ring && modules >= 3)) p[m].push_back((m + 1) % modules);
  }
  return p;
}

// Φ2(a(g), a(g'); ρ) for partner sums g, g' ∈ {−2..2}, both kinds of unit and d_m = 0..n.
class orthant_table {
 public:
  orthant_table(const modular_network& net) : n_(net.module_size) {
    const double sigma = std::sqrt((n_ - 1.0) / n_);
    values_.assign(5 * 5 * 2 * static_cast<std::size_t>(n_ + 1), 0.0);
    for (int d = 0; d <= n_; ++d)
      for (int agree = 0; agree < 2; ++agree) {
        // An agreeing unit needs d ≤ n − 1, a disagreeing one d ≥ 1 (spec §3.1 correlations at N = n).
        if ((agree == 1 && d == n_) || (agree == 0 && d == 0)) continue;
        const double rho = agree == 1 ? 1.0 - 2.0 * d / (n_ - 1.0) : -(1.0 - 2.0 * (d - 1.0) / (n_ - 1.0));
        for (int g = -2; g <= 2; ++g)
          for (int h = -2; h <= 2; ++h)
            values_[index(g, h, agree, d)] = bivariate_normal_cdf((net.self_coupling + net.inter_module_coupling * g) / sigma,
                                                                  (net.self_coupling + net.inter_module_coupling * h) / sigma,
                                                                  std::clamp(rho, -1.0, 1.0));
      }
  }
  double operator()(int g, int h, bool agree, int d) const { return values_[index(g, h, agree ? 1 : 0, d)]; }

 private:
  std::size_t index(int g, int h, int agree, int d) const {
    return ((static_cast<std::size_t>(d) * 2 + agree) * 5 + (g + 2)) * 5 + (h + 2);
  }
  int n_;
  std::vector<double> values_;
};

}  // namespace

double modular_pair_work(int modules, int n) {
  return n * std::pow(2.0, modules) * std::pow((n + 1.0) * (n + 2.0) / 2.0, modules) +
         std::pow(n + 1.0, modules) * std::pow(4.0, modules) * modules;
}

std::vector<double> log_expected_pairs_modular(const modular_network& network) {
  network.validate();
  const int modules = network.modules, n = network.module_size, size = modules * n;
  if (modular_pair_work(modules, n) > max_modular_pair_work)
    throw std::invalid_argument(fmt::format(
        "log_expected_pairs_modular: M = {} modules of n = {} units cost {:.2g} operations (more than {:.2g})", modules,
        n, modular_pair_work(modules, n), max_modular_pair_work));
  const orthant_table phi2(network);
  const auto nb = partners(modules, network.ring);
  const std::uint32_t patterns = 1u << modules;  // bit m set: x_m = −1 (for x) or unit m disagrees (for t)
  const auto sign = [](std::uint32_t bits, int m) { return (bits >> m) & 1u ? -1 : 1; };

  std::vector<double> total(static_cast<std::size_t>(size) + 1, minus_infinity);
  std::vector<int> d(static_cast<std::size_t>(modules), 0);  // the disagreement vector d⃗, odometer order
  std::vector<double> column(patterns);
  for (;;) {
    // Column weights W_{d⃗}(t), scaled by their maximum so that the n-fold product cannot overflow.
    double top = 0.0;
    for (std::uint32_t t = 0; t < patterns; ++t) {
      double w = 0.0;
      bool possible = true;
      for (int m = 0; m < modules; ++m) possible = possible && (sign(t, m) == 1 ? d[m] < n : d[m] > 0);
      if (possible)
        for (std::uint32_t x = 0; x < patterns; ++x) {
          double product = 1.0;
          for (int m = 0; m < modules && product > 0.0; ++m) {
            int g = 0, h = 0;
            for (const int p : nb[m]) {
              g += sign(x, m) * sign(x, p);
              h += sign(x, m) * sign(x, p) * sign(t, m) * sign(t, p);  // s' = t ∘ x
            }
            product *= phi2(g, h, sign(t, m) == 1, d[m]);
          }
          w += product;
        }
      column[t] = w;
      top = std::max(top, w);
    }
    if (top > 0.0) {
      for (double& w : column) w /= top;
      // Coefficient of Π z_m^{d_m} in (Σ_t column[t] Π_{m ∈ t} z_m)^n: polynomial over e⃗ ≤ d⃗
      // (mixed radix d_m + 1), multiplied by the column polynomial n times.
      std::vector<std::size_t> stride(static_cast<std::size_t>(modules));
      std::size_t cells = 1;
      for (int m = 0; m < modules; ++m) {
        stride[m] = cells;
        cells *= static_cast<std::size_t>(d[m]) + 1;
      }
      std::vector<double> poly(cells, 0.0), next(cells);
      poly[0] = 1.0;
      std::vector<int> e(static_cast<std::size_t>(modules));
      for (int c = 0; c < n; ++c) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::size_t cell = 0; cell < cells; ++cell) {
          if (poly[cell] == 0.0) continue;
          for (int m = 0; m < modules; ++m) e[m] = static_cast<int>(cell / stride[m] % (d[m] + 1));
          for (std::uint32_t t = 0; t < patterns; ++t) {
            if (column[t] == 0.0) continue;
            std::size_t target = cell;
            bool inside = true;
            for (int m = 0; m < modules && inside; ++m)
              if (sign(t, m) == -1) {
                inside = e[m] < d[m];
                target += stride[m];
              }
            if (inside) next[target] += poly[cell] * column[t];
          }
        }
        poly.swap(next);
      }
      int distance = 0;
      for (const int dm : d) distance += dm;
      if (poly[cells - 1] > 0.0)
        total[static_cast<std::size_t>(distance)] =
            log_add(total[static_cast<std::size_t>(distance)], std::log(poly[cells - 1]) + n * std::log(top));
    }
    int m = 0;  // next d⃗
    while (m < modules && d[m] == n) d[m++] = 0;
    if (m == modules) break;
    ++d[m];
  }
  return total;
}

std::vector<double> log_expected_neighbours_at_distance_modular(const modular_network& network) {
  std::vector<double> logs = log_expected_pairs_modular(network);
  const double log_fixed_points = logs.front();  // E[P(0)] = E[#FP]
  for (double& l : logs) l -= log_fixed_points;
  return logs;
}

}  // namespace steer::theory
