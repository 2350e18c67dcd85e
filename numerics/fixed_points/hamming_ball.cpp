#include "numerics/fixed_points/hamming_ball.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"

namespace steer::numerics {
namespace {

// C(n, k) for the small k of a ball.
std::uint64_t binomial(std::int64_t n, int k) {
  if (k < 0 || n < k) return 0;
  std::uint64_t c = 1;
  for (int i = 1; i <= k; ++i) c = c * static_cast<std::uint64_t>(n - k + i) / static_cast<std::uint64_t>(i);
  return c;
}

void check_radius(int n, int radius) {
  if (radius < 1 || radius > max_ball_radius || radius > n)
    throw std::invalid_argument(fmt::format("ball radius must be in [1, {}], got {}", std::min(max_ball_radius, n), radius));
}

// One count: the centre's margins and the search over flip sets in increasing index order.
class ball_search {
 public:
  ball_search(const coupling_matrix& couplings, const std::vector<double>& transposed, const std::vector<double>& row_max,
              const std::vector<double>& tolerance, const spin_vector& centre, int radius)
      : j_(couplings), t_(transposed), row_max_(row_max), tol_(tolerance), s_(centre), n_(couplings.size()),
        radius_(radius), margin_(static_cast<std::size_t>(n_)), order_(static_cast<std::size_t>(n_)) {
    for (int i = 0; i < n_; ++i) {
      double h = 0.0;
      for (int k = 0; k < n_; ++k)
        if (k != i) h += j_(i, k) * s_[static_cast<std::size_t>(k)];
      margin_[static_cast<std::size_t>(i)] = s_[static_cast<std::size_t>(i)] * h + j_(i, i);
    }
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) { return margin_[a] < margin_[b]; });
    result_.fixed_points_at_distance.assign(static_cast<std::size_t>(radius), 0);
  }

  ball_count run() {
    extend<0>(0);
    return result_;
  }

 private:
  double a(int i, int k) const {  // A_ik = s_i s_k J_ik, read from the contiguous column k
    return s_[static_cast<std::size_t>(i)] * s_[static_cast<std::size_t>(k)] * t_[static_cast<std::size_t>(k) * n_ + i];
  }

  // Flip sets of size depth+1 .. radius that add members after `members_[depth−1]`. The members'
  // margins of each set size are recomputed from those of the set one smaller (never updated and
  // reverted, which would drift). The depth is a template parameter so that the compiler sees the
  // recursion end at max_ball_radius (the arrays' size) and every member loop's constant bound.
  template <int depth>
  void extend(int first) {
    static_assert(depth >= 0 && depth < max_ball_radius);
    constexpr int size = depth + 1;
    const auto& parent = level_[depth];
    auto& child = level_[size];
    for (int l = first; l < n_; ++l) {
      // The new member's margin and the existing members' updates (i ∈ S formula of the header).
      double own = 2.0 * j_(l, l) - margin_[static_cast<std::size_t>(l)];
      for (int m = 0; m < depth; ++m) {
        own += 2.0 * a(l, members_[m]);
        child[m] = parent[m] + 2.0 * a(members_[m], l);
      }
      members_[depth] = l;
      child[depth] = own;
      ++result_.states_checked;
      evaluate(size);
      if constexpr (size < max_ball_radius) {
        if (size == radius_) continue;
        if (hopeless(size)) {
          // Every extension keeps a member unstable: count those states as decided, skip them.
          for (int e = 1; e <= radius_ - size; ++e) result_.states_checked += binomial(n_ - 1 - l, e);
        } else {
          extend<size>(l + 1);
        }
      }
    }
  }

  // A member whose margin stays below −tolerance even if every further flip adds the largest
  // possible 2|J_ik| cannot become stable.
  bool hopeless(int size) const {
    const int further = radius_ - size;
    for (int m = 0; m < size; ++m) {
      const auto i = static_cast<std::size_t>(members_[m]);
      if (level_[static_cast<std::size_t>(size)][m] + 2.0 * further * row_max_[i] < -tol_[i]) return true;
    }
    return false;
  }

  void evaluate(int size) {
    bool ambiguous = false;
    for (int m = 0; m < size; ++m) {
      const double v = level_[static_cast<std::size_t>(size)][m], tol = tol_[static_cast<std::size_t>(members_[m])];
      if (v < -tol) return;
      ambiguous |= v <= tol;
    }
    for (const int i : order_) {
      double shift = 0.0;
      bool member = false;
      for (int m = 0; m < size; ++m) {
        member |= members_[m] == i;
        shift += a(i, members_[m]);
      }
      if (member) continue;
      const double v = margin_[static_cast<std::size_t>(i)] - 2.0 * shift, tol = tol_[static_cast<std::size_t>(i)];
      if (v < -tol) return;
      ambiguous |= v <= tol;
    }
    if (ambiguous) {
      ++result_.decided_exactly;
      spin_vector state = s_;
      for (int m = 0; m < size; ++m) state[static_cast<std::size_t>(members_[m])] *= -1;
      if (!is_fixed_point(j_, state)) return;
    }
    ++result_.fixed_points_at_distance[static_cast<std::size_t>(size - 1)];
  }

  const coupling_matrix& j_;
  const std::vector<double>& t_;
  const std::vector<double>& row_max_;
  const std::vector<double>& tol_;
  const spin_vector& s_;
  int n_;
  int radius_;
  std::vector<double> margin_;
  std::vector<int> order_;
  std::array<int, max_ball_radius> members_{};
  std::array<std::array<double, max_ball_radius>, max_ball_radius + 1> level_{};  // [set size][member]
  ball_count result_;
};

}  // namespace

hamming_ball_counter::hamming_ball_counter(const coupling_matrix& couplings)
    : couplings_(couplings), n_(couplings.size()), transposed_(static_cast<std::size_t>(n_) * n_),
      row_max_(static_cast<std::size_t>(n_), 0.0), tolerance_(static_cast<std::size_t>(n_), 0.0) {
  for (int i = 0; i < n_; ++i) {
    double magnitude = std::abs(couplings(i, i));
    for (int k = 0; k < n_; ++k) {
      transposed_[static_cast<std::size_t>(k) * n_ + i] = couplings(i, k);
      if (k == i) continue;
      magnitude += std::abs(couplings(i, k));
      row_max_[static_cast<std::size_t>(i)] = std::max(row_max_[static_cast<std::size_t>(i)], std::abs(couplings(i, k)));
    }
    // A margin is a sum of N terms of row i, then ≤ 2·max_ball_radius further additions of terms
    // no larger than 2|J_ik|: recursive summation errs by ≤ γ_K Σ|terms| with K < N + 2r + 2
    // (Higham, Accuracy and Stability, eq. 4.4) and Σ|terms| ≤ 3 Σ_k |J_ik|; doubling covers the
    // rounding of the bound itself.
    tolerance_[static_cast<std::size_t>(i)] =
        2.0 * 3.0 * (n_ + 2 * max_ball_radius + 2) * std::numeric_limits<double>::epsilon() * magnitude;
  }
}

ball_count hamming_ball_counter::count(const spin_vector& centre, int radius) const {
  check_radius(n_, radius);
  if (!is_fixed_point(couplings_, centre)) throw std::invalid_argument("ball count: the centre is not a fixed point");
  return ball_search(couplings_, transposed_, row_max_, tolerance_, centre, radius).run();
}

ball_count count_ball_naively(const coupling_matrix& couplings, const spin_vector& centre, int radius,
                              std::uint64_t max_states) {
  const int n = couplings.size();
  check_radius(n, radius);
  if (centre.size() != static_cast<std::size_t>(n))
    throw std::invalid_argument(fmt::format("ball count: state has {} spins for N = {}", centre.size(), n));
  ball_count result;
  result.fixed_points_at_distance.assign(static_cast<std::size_t>(radius), 0);
  spin_vector state = centre;
  const auto stable = [&] {
    for (int i = 0; i < n; ++i) {
      double input = 0.0;
      for (int k = 0; k < n; ++k) input += couplings(i, k) * state[static_cast<std::size_t>(k)];
      if (state[static_cast<std::size_t>(i)] * input <= 0.0) return false;
    }
    return true;
  };
  // Depth-first over flip sets in increasing index order, as the counter visits them.
  const auto visit = [&](auto&& self, int depth, int first) -> void {
    for (int l = first; l < n && result.states_checked < max_states; ++l) {
      state[static_cast<std::size_t>(l)] *= -1;
      ++result.states_checked;
      if (stable()) ++result.fixed_points_at_distance[static_cast<std::size_t>(depth)];
      if (depth + 1 < radius) self(self, depth + 1, l + 1);
      state[static_cast<std::size_t>(l)] *= -1;
    }
  };
  visit(visit, 0, 0);
  return result;
}

}  // namespace steer::numerics
