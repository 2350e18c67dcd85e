#include "numerics/similarity/alignment_ascent.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace steer::numerics {
namespace {

double alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c) {
  return a.cwiseProduct(c * b * c.transpose()).sum();
}

// W = G Cᵀ − C Gᵀ with G = ∇(−g) = −(A C Bᵀ + Aᵀ C B) (Wen & Yin Eq. 2 for minimising −g).
Eigen::MatrixXd skew_gradient(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c) {
  const Eigen::MatrixXd g = -(a * c * b.transpose() + a.transpose() * c * b);
  return g * c.transpose() - c * g.transpose();
}

// Phase 1. Iterations over which a stall is measured, and the gain below which it counts as one:
// g is known to ~1e-16, and a gain of 1e-13 per 20 iterations moves θ by < 1e-11/sin θ.
constexpr int stall_window = 20;
constexpr double stall_gain = 1e-13;

void gradient_ascent(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double stop_below, int max_iterations,
                     alignment_ascent_result& r) {
  const Eigen::Index n = a.rows();
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
  const auto cayley = [&](const Eigen::MatrixXd& w, double tau) {
    return Eigen::MatrixXd((identity + 0.5 * tau * w).partialPivLu().solve((identity - 0.5 * tau * w) * r.c));
  };
  double g = alignment(a, b, r.c), tau = 1.0, g_window = g;
  Eigen::MatrixXd w = skew_gradient(a, b, r.c);
  for (; r.iterations < max_iterations; ++r.iterations) {
    const double w_squared = w.squaredNorm();
    if (std::sqrt(w_squared) < stop_below) break;
    if (r.iterations > 0 && r.iterations % stall_window == 0) {
      if (g - g_window < stall_gain) break;
      g_window = g;
    }
    // Armijo on f = −g: f(C(τ)) <= f(C) − 1e-4 τ ‖W‖²/2, since f'(C(0)) = −‖W‖²/2 (Wen & Yin Lemma 3).
    Eigen::MatrixXd next = cayley(w, tau);
    double g_next = alignment(a, b, next);
    int halving = 0;
    for (; halving < 60 && -g_next > -g - 1e-4 * tau * 0.5 * w_squared; ++halving) {
      tau *= 0.5;
      next = cayley(w, tau);
      g_next = alignment(a, b, next);
    }
    if (halving == 60) break;  // no step gains: g is flat to rounding
    const Eigen::MatrixXd w_next = skew_gradient(a, b, next);
    // Barzilai–Borwein step from the change of point and of the Riemannian gradient W C (Wen & Yin Eq. 28).
    const Eigen::MatrixXd s = next - r.c, y = w_next * next - w * r.c;
    const double sy = std::abs(s.cwiseProduct(y).sum());
    tau = sy > 0 ? std::clamp(s.squaredNorm() / sy, 1e-10, 1e10) : 1.0;
    r.c = next;
    g = g_next;
    w = w_next;
  }
  r.value = g;
  r.gradient_norm = w.norm();
}

Eigen::MatrixXd cayley_of_coordinates(const Eigen::VectorXd& x, Eigen::Index n) {
  Eigen::MatrixXd skew = Eigen::MatrixXd::Zero(n, n);
  Eigen::Index p = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j, ++p) {
      skew(i, j) = x(p);
      skew(j, i) = -x(p);
    }
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
  return (identity - 0.5 * skew).partialPivLu().solve(identity + 0.5 * skew);
}

// Cholesky of −H + μI, or nothing when it is not positive definite.
std::optional<Eigen::LLT<Eigen::MatrixXd>> damped_negative_hessian(const Eigen::MatrixXd& hessian, double mu) {
  Eigen::MatrixXd shifted = -hessian;
  shifted.diagonal().array() += mu;
  Eigen::LLT<Eigen::MatrixXd> llt(shifted);
  if (llt.info() != Eigen::Success) return std::nullopt;
  return llt;
}

// Phase 2 (see the header). g may fall by rounding only: 1e-15 on the normalised objective.
constexpr double rounding_slack = 1e-15;

void newton_ascent(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const alignment_ascent_settings& settings,
                   alignment_ascent_result& r) {
  const Eigen::Index n = a.rows();
  double mu = 0.0;
  for (;;) {
    const alignment_expansion e = expand_alignment(a, b, r.c);
    const double scale = std::max(e.hessian.diagonal().cwiseAbs().maxCoeff(), 1e-300);
    if (mu == 0.0) mu = 1e-10 * scale;
    r.gradient_norm = skew_gradient(a, b, r.c).norm();
    if (r.gradient_norm < settings.tolerance) {
      r.local_maximum = damped_negative_hessian(e.hessian, 1e-8 * scale).has_value();
      return;
    }
    if (r.newton_steps >= settings.max_newton_steps) return;
    bool accepted = false;
    for (; mu < 1e10 * scale && !accepted; mu *= 10.0) {
      const auto llt = damped_negative_hessian(e.hessian, mu);
      if (!llt) continue;
      const Eigen::MatrixXd trial = r.c * cayley_of_coordinates(llt->solve(e.gradient), n);
      const double g = alignment(a, b, trial);
      if (g < r.value - rounding_slack) continue;
      r.c = trial;
      r.value = g;
      accepted = true;
    }
    if (!accepted) return;  // no damping gives an ascent step: stop with what we have
    mu = std::max(mu / 100.0, 1e-10 * scale);  // undo the loop's last ×10, then relax tenfold
    ++r.newton_steps;
  }
}

}  // namespace

// The second-order expansion of g(C cay(X)) in the coordinates x_p of X (pairs p = (i, j), i < j,
// X = Σ x_p (e_i e_jᵀ − e_j e_iᵀ)). With A' = Cᵀ A C and E_p = e_i e_jᵀ − e_j e_iᵀ:
//   γ_p = N_ij − N_ji,  N = A'Bᵀ − BᵀA'                        (from ⟨A', [X, B]⟩)
//   H_pq = ½[t_S(p, q) + t_S(q, p)] − [t_M(p, q) + t_M(q, p)]  (from ½⟨A', [X, [X, B]]⟩
//          = ½ tr(S X²) − tr(A'ᵀ X B X), S = B A'ᵀ + A'ᵀ B)
//   t_S(ij, kl) = tr(S E_ij E_kl) = δ_jk S_li − δ_jl S_ki − δ_ik S_lj + δ_il S_kj
//   t_M(ij, kl) = tr(A'ᵀ E_ij B E_kl) = B_jk A'_il − B_jl A'_ik − B_ik A'_jl + B_il A'_jk
alignment_expansion expand_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c) {
  const Eigen::Index n = a.rows(), m = n * (n - 1) / 2;
  const Eigen::MatrixXd ap = c.transpose() * a * c;
  const Eigen::MatrixXd nn = ap * b.transpose() - b.transpose() * ap;
  const Eigen::MatrixXd s = b * ap.transpose() + ap.transpose() * b;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
  pairs.reserve(static_cast<std::size_t>(m));
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) pairs.emplace_back(i, j);
  const auto delta = [](Eigen::Index x, Eigen::Index y) { return x == y ? 1.0 : 0.0; };
  const auto t_s = [&](Eigen::Index i, Eigen::Index j, Eigen::Index k, Eigen::Index l) {
    return delta(j, k) * s(l, i) - delta(j, l) * s(k, i) - delta(i, k) * s(l, j) + delta(i, l) * s(k, j);
  };
  const auto t_m = [&](Eigen::Index i, Eigen::Index j, Eigen::Index k, Eigen::Index l) {
    return b(j, k) * ap(i, l) - b(j, l) * ap(i, k) - b(i, k) * ap(j, l) + b(i, l) * ap(j, k);
  };
  alignment_expansion e{Eigen::VectorXd(m), Eigen::MatrixXd(m, m)};
  for (Eigen::Index p = 0; p < m; ++p) {
    const auto [i, j] = pairs[static_cast<std::size_t>(p)];
    e.gradient(p) = nn(i, j) - nn(j, i);
    for (Eigen::Index q = p; q < m; ++q) {
      const auto [k, l] = pairs[static_cast<std::size_t>(q)];
      e.hessian(p, q) = e.hessian(q, p) =
          0.5 * (t_s(i, j, k, l) + t_s(k, l, i, j)) - (t_m(i, j, k, l) + t_m(k, l, i, j));
    }
  }
  return e;
}

double alignment_gradient_norm(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c) {
  return skew_gradient(a, b, c).norm();
}

alignment_ascent_result maximise_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::MatrixXd c,
                                           const alignment_ascent_settings& settings) {
  alignment_ascent_result r;
  r.c = std::move(c);
  if (a.rows() < 2) {  // O(1) = {±1}: g is constant
    r.value = alignment(a, b, r.c);
    r.local_maximum = true;
    return r;
  }
  const bool newton = a.rows() <= settings.newton_max_size;
  gradient_ascent(a, b, newton ? std::max(settings.newton_switch, settings.tolerance) : settings.tolerance,
                  settings.max_iterations, r);
  if (newton)
    newton_ascent(a, b, settings, r);
  else
    r.local_maximum = r.gradient_norm < settings.tolerance;  // first-order only: no Hessian at this size
  return r;
}

}  // namespace steer::numerics
