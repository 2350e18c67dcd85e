#include "numerics/similarity/dsa.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "numerics/similarity/principal_components.hpp"

namespace steer::numerics {
namespace {

void require_embeddable(const activity_array& trajectories, int delays, const char* function, const char* name) {
  if (delays < 1 || delays > trajectories.times() - 1)
    throw std::invalid_argument(fmt::format("{}: delays must be in [1, {}] for {} ({} times per condition), got {}",
                                            function, trajectories.times() - 1, name, trajectories.times(), delays));
  const long rows = static_cast<long>(trajectories.conditions()) * (trajectories.times() - delays + 1);
  const long width = static_cast<long>(trajectories.units()) * delays;
  if (rows < width)
    throw std::invalid_argument(fmt::format("{}: {} gives {} delay vectors of dimension {} ({} units x {} delays); "
                                            "need at least as many vectors as dimensions",
                                            function, name, rows, width, trajectories.units(), delays));
}

}  // namespace

Eigen::MatrixXd delay_embedding(const activity_array& trajectories, int delays) {
  require_embeddable(trajectories, delays, "delay_embedding", "trajectories");
  const int width = trajectories.times() - delays + 1;
  const Eigen::Index p = trajectories.units();
  Eigen::MatrixXd h(static_cast<Eigen::Index>(trajectories.conditions()) * width, p * delays);
  for (int c = 0; c < trajectories.conditions(); ++c)
    for (int s = 0; s < width; ++s)
      for (int k = 0; k < delays; ++k)  // block k holds x_{s + d − 1 − k}
        h.block(static_cast<Eigen::Index>(c) * width + s, k * p, 1, p) =
            trajectories.samples().row(static_cast<Eigen::Index>(c) * trajectories.times() + s + delays - 1 - k);
  return h;
}

Eigen::MatrixXd fit_delay_dmd(const activity_array& trajectories, int delays, int rank) {
  const Eigen::MatrixXd h = delay_embedding(trajectories, delays);
  if (rank < 1 || rank > h.cols())
    throw std::invalid_argument(
        fmt::format("fit_delay_dmd: rank must be in [1, {}] (units x delays), got {}", h.cols(), rank));
  // H = V S Uᵀ is the thin SVD of H itself (Hᵀ = U S Vᵀ of the spec).
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(h, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd s = svd.singularValues().head(rank);
  if (!(s(rank - 1) > 1e-12 * s(0)))
    throw std::invalid_argument(fmt::format("fit_delay_dmd: rank {} exceeds the numerical rank of the delay embedding "
                                            "(singular value {} of {} is {})",
                                            rank, rank, s(0), s(rank - 1)));
  const Eigen::MatrixXd v = svd.matrixU().leftCols(rank);
  const int width = trajectories.times() - delays + 1;
  const Eigen::Index pairs = static_cast<Eigen::Index>(trajectories.conditions()) * (width - 1);
  Eigen::MatrixXd v_minus(pairs, rank), v_plus(pairs, rank);
  Eigen::Index row = 0;
  for (int c = 0; c < trajectories.conditions(); ++c)
    for (int step = 0; step + 1 < width; ++step, ++row) {
      v_minus.row(row) = v.row(static_cast<Eigen::Index>(c) * width + step);
      v_plus.row(row) = v.row(static_cast<Eigen::Index>(c) * width + step + 1);
    }
  // Least squares V₋ M = V₊ (QR, not the normal equations of the formula: same M, better
  // conditioned); A_v = Mᵀ.
  const Eigen::MatrixXd a_v = v_minus.colPivHouseholderQr().solve(v_plus).transpose();
  const Eigen::MatrixXd u = svd.matrixV().leftCols(rank);
  return u * s.asDiagonal() * a_v * s.cwiseInverse().asDiagonal() * u.transpose();
}

dsa_result dsa(const activity_array& x, const activity_array& y, const dsa_options& options) {
  require_same_layout(x, y, "dsa: x", "y");
  const auto reduced = [&](const activity_array& system, const char* name) {
    const Eigen::MatrixXd scores = principal_component_scores(system.samples(), options.components);
    if (scores.cols() < options.components)
      throw std::invalid_argument(fmt::format("dsa: {} has {} principal components with signal, fewer than "
                                              "components = {}",
                                              name, scores.cols(), options.components));
    activity_array trajectories(system.conditions(), system.times(), scores);
    require_embeddable(trajectories, options.delays, "dsa", name);
    return trajectories;
  };
  if (options.components < 1)
    throw std::invalid_argument(fmt::format("dsa: components must be >= 1, got {}", options.components));
  const Eigen::MatrixXd a = fit_delay_dmd(reduced(x, "x"), options.delays, options.rank);
  const Eigen::MatrixXd b = fit_delay_dmd(reduced(y, "y"), options.delays, options.rank);
  const auto aligned = vector_field_procrustes(a, b, options.procrustes);
  return {aligned.angle, aligned.distance, aligned.converged, aligned.gradient_norm, aligned.iterations,
          aligned.newton_steps};
}

}  // namespace steer::numerics
