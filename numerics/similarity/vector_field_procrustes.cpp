#include "numerics/similarity/vector_field_procrustes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/rng_stream.hpp"
#include "numerics/similarity/alignment_ascent.hpp"
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

// The support reduction of the header: Q (n × n orthogonal) whose first k columns span
// range M + range Mᵀ (left singular vectors of [M, Mᵀ], numerical rank at Eigen's default
// threshold n·ε·σ_max), and k.
struct support {
  Eigen::MatrixXd basis;
  Eigen::Index size;
};

support support_of(const Eigen::MatrixXd& m) {
  Eigen::MatrixXd both(m.rows(), 2 * m.cols());
  both << m, m.transpose();
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(both, Eigen::ComputeFullU);
  return {svd.matrixU(), std::max<Eigen::Index>(svd.rank(), 1)};
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
  const Eigen::Index n = a.rows();
  const Eigen::MatrixXd an = a / a.norm(), bn = b / b.norm();
  const support sa = support_of(an), sb = support_of(bn);
  const Eigen::Index reduced = options.reduce_support ? std::min(n, 2 * std::max(sa.size, sb.size)) : n;
  // Q_aᵀ Â Q_a vanishes outside its leading k_a × k_a block up to rounding; keep n' × n'.
  const Eigen::MatrixXd ar = reduced < n ? Eigen::MatrixXd((sa.basis.transpose() * an * sa.basis).topLeftCorner(reduced, reduced)) : an;
  const Eigen::MatrixXd br = reduced < n ? Eigen::MatrixXd((sb.basis.transpose() * bn * sb.basis).topLeftCorner(reduced, reduced)) : bn;
  const alignment_ascent_settings settings{options.max_iterations, options.tolerance};
  vector_field_procrustes_result result;
  result.reduced_size = static_cast<int>(reduced);
  double best = -2.0;
  Eigen::MatrixXd best_c;
  for (int start = 0; start < options.starts; ++start) {
    alignment_ascent_result r = maximise_alignment(ar, br, start_matrix(ar, br, start, options.seed), settings);
    if (r.value > best) {
      best = r.value;
      best_c = std::move(r.c);
      result.best_start = start;
      result.converged = r.local_maximum;
      result.gradient_norm = r.gradient_norm;
    }
    result.iterations += r.iterations;
    result.newton_steps += r.newton_steps;
  }
  if (reduced < n) {
    Eigen::MatrixXd embedded = Eigen::MatrixXd::Identity(n, n);
    embedded.topLeftCorner(reduced, reduced) = best_c;
    result.rotation = sa.basis * embedded * sb.basis.transpose();
  } else {
    result.rotation = std::move(best_c);
  }
  result.angle = std::acos(std::clamp(best, -1.0, 1.0));
  result.distance = result.angle / std::numbers::pi;
  return result;
}

}  // namespace steer::numerics
