#include "numerics/similarity/vector_field_procrustes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/rng_stream.hpp"
#include "numerics/similarity/argument_checks.hpp"

namespace steer::numerics {
namespace {

constexpr const char* function = "vector_field_procrustes";

// Haar-distributed orthogonal matrix: QR of a standard Gaussian matrix with the signs of R's
// diagonal moved into Q (Mezzadri 2007), then the first column flipped if needed for `det_sign`.
Eigen::MatrixXd random_orthogonal(Eigen::Index n, std::uint64_t seed, std::uint64_t start, int det_sign) {
  rng_stream stream(seed, start, stream_purpose::similarity_dsa_starts);
  Eigen::MatrixXd gaussian(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < n; ++i) gaussian(i, j) = stream.standard_normal();
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(gaussian);
  Eigen::MatrixXd q = qr.householderQ();
  const Eigen::MatrixXd r = qr.matrixQR().triangularView<Eigen::Upper>();
  for (Eigen::Index j = 0; j < n; ++j)
    if (r(j, j) < 0) q.col(j) *= -1.0;
  if ((q.determinant() > 0) != (det_sign > 0)) q.col(0) *= -1.0;
  return q;
}

// The eigenbasis start: if B = Q A Qᵀ, the symmetric parts are conjugate by the same Q, so
// C = U_a D U_bᵀ (eigenvectors of the symmetric parts, eigenvalues in the same order) aligns
// them for every sign matrix D; D should also align the antisymmetric parts, i.e. maximise
// dᵀ M d with M_ij = K_a,ij K_b,ij (K = Uᵀ skew U). For exact conjugates M = D* (K_a∘K_a) D*,
// whose top eigenvector has the signs of D* (Perron–Frobenius), so D = sign of M's top
// eigenvector, then single sign flips while one gains. Descent from random starts alone stalls
// in local maxima on non-normal matrices.
Eigen::MatrixXd eigenbasis_start(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ea(0.5 * (a + a.transpose())), eb(0.5 * (b + b.transpose()));
  const Eigen::MatrixXd& ua = ea.eigenvectors();
  const Eigen::MatrixXd& ub = eb.eigenvectors();
  const Eigen::MatrixXd coupling =
      (ua.transpose() * (a - a.transpose()) * ua).cwiseProduct(ub.transpose() * (b - b.transpose()) * ub);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> em(coupling);
  Eigen::VectorXd d = em.eigenvectors().col(a.rows() - 1).unaryExpr([](double v) { return v < 0 ? -1.0 : 1.0; });
  for (Eigen::Index flips = 0; flips < 4 * a.rows() * a.rows(); ++flips) {
    // Flipping d_i changes dᵀMd by −4 d_i Σ_{j≠i} M_ij d_j (M symmetric, zero diagonal).
    const Eigen::VectorXd gain = -4.0 * d.cwiseProduct(coupling * d);
    Eigen::Index best = 0;
    if (gain.maxCoeff(&best) <= 0) break;
    d(best) = -d(best);
  }
  return ua * d.asDiagonal() * ub.transpose();
}

// Start 0: the eigenbasis start; 1: identity; 2: the reflection diag(−1, 1, ..., 1); then
// Haar-random of alternating determinant.
Eigen::MatrixXd start_matrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, int start, std::uint64_t seed) {
  const Eigen::Index n = a.rows();
  if (start == 0) return eigenbasis_start(a, b);
  Eigen::MatrixXd c = Eigen::MatrixXd::Identity(n, n);
  if (start == 2) c(0, 0) = -1.0;
  if (start >= 3) c = random_orthogonal(n, seed, static_cast<std::uint64_t>(start), start % 2 == 0 ? 1 : -1);
  return c;
}

struct descent {
  Eigen::MatrixXd c;
  double value;  // ⟨A, C B Cᵀ⟩
  bool converged;
  int iterations;
};

// Iterations over which a stall is measured, and the gain below which it counts as one: g is
// known to ~1e-16, and a gain of 1e-13 per 20 iterations moves θ by < 1e-11/sin θ.
constexpr int stall_window = 20;
constexpr double stall_gain = 1e-13;

// Maximises g(C) = ⟨A, C B Cᵀ⟩ by minimising f = −g.
descent maximise_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::MatrixXd c,
                           const vector_field_procrustes_options& options) {
  const Eigen::Index n = a.rows();
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
  const auto value = [&](const Eigen::MatrixXd& m) { return (a.cwiseProduct(m * b * m.transpose())).sum(); };
  // W = G Cᵀ − C Gᵀ with G = ∇f = −(A C Bᵀ + Aᵀ C B).
  const auto skew_gradient = [&](const Eigen::MatrixXd& m) {
    const Eigen::MatrixXd g = -(a * m * b.transpose() + a.transpose() * m * b);
    return Eigen::MatrixXd(g * m.transpose() - m * g.transpose());
  };
  const auto cayley = [&](const Eigen::MatrixXd& w, const Eigen::MatrixXd& m, double tau) {
    return Eigen::MatrixXd((identity + 0.5 * tau * w).partialPivLu().solve((identity - 0.5 * tau * w) * m));
  };
  double g = value(c), tau = 1.0, g_window = g;
  Eigen::MatrixXd w = skew_gradient(c);
  int iteration = 0;
  for (; iteration < options.max_iterations; ++iteration) {
    const double w_squared = w.squaredNorm();
    if (std::sqrt(w_squared) < options.tolerance) return {c, g, true, iteration};
    if (iteration > 0 && iteration % stall_window == 0) {
      if (g - g_window < stall_gain) break;
      g_window = g;
    }
    // Armijo on f = −g: f(C(τ)) <= f(C) − 1e-4 τ ‖W‖²/2, since f'(C(0)) = −‖W‖²/2 (Wen & Yin Lemma 3).
    Eigen::MatrixXd next = cayley(w, c, tau);
    double g_next = value(next);
    int halving = 0;
    for (; halving < 60 && -g_next > -g - 1e-4 * tau * 0.5 * w_squared; ++halving) {
      tau *= 0.5;
      next = cayley(w, c, tau);
      g_next = value(next);
    }
    // No step gains any more: g is flat to rounding (‖W‖ cannot be resolved below ~√ε).
    if (halving == 60) break;
    const Eigen::MatrixXd w_next = skew_gradient(next);
    // Barzilai–Borwein step for the next iteration from the change of point and of the
    // Riemannian gradient W C (Wen & Yin Eq. 28).
    const Eigen::MatrixXd s = next - c, y = w_next * next - w * c;
    const double sy = std::abs((s.cwiseProduct(y)).sum());
    tau = sy > 0 ? std::clamp(s.squaredNorm() / sy, 1e-10, 1e10) : 1.0;
    c = next;
    g = g_next;
    w = w_next;
  }
  return {c, g, w.norm() < options.tolerance, iteration};
}

}  // namespace

vector_field_procrustes_result vector_field_procrustes(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                                       const vector_field_procrustes_options& options) {
  require_finite_matrix(a, function, "a");
  require_finite_matrix(b, function, "b");
  if (a.rows() != a.cols() || b.rows() != b.cols() || a.rows() != b.rows())
    throw std::invalid_argument(fmt::format("{}: a ({} x {}) and b ({} x {}) must be square of the same size", function,
                                            a.rows(), a.cols(), b.rows(), b.cols()));
  if (a.norm() == 0.0) throw std::invalid_argument(fmt::format("{}: a is zero", function));
  if (b.norm() == 0.0) throw std::invalid_argument(fmt::format("{}: b is zero", function));
  if (options.starts < 3) throw std::invalid_argument(fmt::format("{}: starts must be >= 3, got {}", function, options.starts));
  if (options.max_iterations < 1)
    throw std::invalid_argument(fmt::format("{}: max_iterations must be >= 1, got {}", function, options.max_iterations));
  const Eigen::MatrixXd an = a / a.norm(), bn = b / b.norm();
  vector_field_procrustes_result result;
  double best = -2.0;
  for (int start = 0; start < options.starts; ++start) {
    descent d = maximise_alignment(an, bn, start_matrix(an, bn, start, options.seed), options);
    if (d.value > best) {
      best = d.value;
      result.rotation = std::move(d.c);
      result.best_start = start;
      result.converged = d.converged;
    }
    result.iterations += d.iterations;
  }
  result.angle = std::acos(std::clamp(best, -1.0, 1.0));
  result.distance = result.angle / std::numbers::pi;
  return result;
}

}  // namespace steer::numerics
