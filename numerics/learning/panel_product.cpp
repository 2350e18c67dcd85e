#include "numerics/learning/panel_product.hpp"

#include <algorithm>
#include <atomic>

#include "numerics/learning/float_kernels_avx512.hpp"

namespace steer::numerics {
namespace {

// 64 rows: a multiple of every Eigen register block (so every panel takes the same kernel
// path), small enough to give 25 panels at H = 1600 for two threads to share.
constexpr Eigen::Index panel_rows = 64;
// Below this many multiply-adds a product runs on one thread: a parallel region costs more than
// it saves, and with other processes on the cores a descheduled worker stalls the barrier.
constexpr double parallel_work = 4.0e6;

std::atomic<product_kernel> chosen{product_kernel::automatic};

bool use_avx512() { return chosen.load() == product_kernel::automatic && cpu_has_avx512(); }

template <class Rhs>
void eigen_panels(const Eigen::Ref<const matrix_f>& a, const Rhs& b, Eigen::Ref<matrix_f> out, bool accumulate) {
  Eigen::setNbThreads(1);  // Eigen must not split a panel itself: that would reorder sums
  const Eigen::Index rows = a.rows();
  const Eigen::Index count = (rows + panel_rows - 1) / panel_rows;
  const double work = double(rows) * double(a.cols()) * double(b.cols());
#pragma omp parallel for schedule(static) if (work >= parallel_work)
  for (Eigen::Index p = 0; p < count; ++p) {
    const Eigen::Index first = p * panel_rows;
    const Eigen::Index height = std::min(panel_rows, rows - first);
    if (accumulate) {
      out.middleRows(first, height).noalias() += a.middleRows(first, height) * b;
    } else {
      out.middleRows(first, height).noalias() = a.middleRows(first, height) * b;
    }
  }
}

}  // namespace

void panel_product(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                   Eigen::Ref<matrix_f> out, bool accumulate) {
  if (use_avx512()) {
    product_avx512(a.data(), a.outerStride(), b.data(), b.outerStride(), out.data(), out.outerStride(), a.rows(),
                   a.cols(), b.cols(), accumulate ? 1.0F : 0.0F);
    return;
  }
  eigen_panels(a, b, out, accumulate);
}

void panel_product_transposed(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                              Eigen::Ref<matrix_f> out, float out_scale) {
  if (use_avx512()) {
    product_transposed_avx512(a.data(), a.outerStride(), b.data(), b.outerStride(), out.data(), out.outerStride(),
                              a.rows(), a.cols(), b.rows(), out_scale);
    return;
  }
  if (out_scale != 1.0F) out *= out_scale;
  eigen_panels(a, b.transpose(), out, true);
}

void set_product_kernel(product_kernel kernel) { chosen.store(kernel); }

const char* active_product_kernel() { return use_avx512() ? "avx512" : "eigen"; }

}  // namespace steer::numerics
