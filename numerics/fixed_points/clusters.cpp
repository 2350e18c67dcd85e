#include "numerics/fixed_points/clusters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace steer::numerics {
namespace {

// C(n, w) saturated at `cap` (enough to compare with a set size).
std::uint64_t binomial_capped(int n, int w, std::uint64_t cap) {
  std::uint64_t c = 1;
  for (int i = 1; i <= w; ++i) {
    c = c * static_cast<std::uint64_t>(n - w + i) / static_cast<std::uint64_t>(i);  // exact at every step
    if (c >= cap) return cap;
  }
  return c;
}

class union_find {
 public:
  explicit union_find(std::size_t size) : parent_(size), size_(size, 1) {
    std::iota(parent_.begin(), parent_.end(), std::uint32_t{0});
  }
  std::uint32_t root(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) {
    a = root(a);
    b = root(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

}  // namespace

fixed_point_set::fixed_point_set(const std::vector<packed_state>& sorted_states, int n) : states_(sorted_states), n_(n) {
  if (n < 1 || n > max_packed_neurons)
    throw std::invalid_argument(fmt::format("fixed-point set: n must be in [1, {}], got {}", max_packed_neurons, n));
  if (states_.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument(fmt::format("fixed-point set: at most 2^32 − 1 states, got {}", states_.size()));
  for (std::size_t k = 0; k < states_.size(); ++k) {
    if ((states_[k] & ~low_bits(n)) != 0)
      throw std::invalid_argument(fmt::format("fixed-point set: state {} has bits beyond n = {}", states_[k], n));
    if (k > 0 && states_[k] <= states_[k - 1])
      throw std::invalid_argument(fmt::format("fixed-point set: states must be ascending and distinct ({} after {})",
                                              states_[k], states_[k - 1]));
  }
  if (n <= max_bitset_neurons) {
    bitset_.assign(std::max<std::size_t>(1, (std::size_t{1} << n) / 64), 0);
    for (const packed_state s : states_) bitset_[s >> 6] |= std::uint64_t{1} << (s & 63);
  }
}

bool fixed_point_set::contains(packed_state s) const {
  if (!bitset_.empty()) return ((bitset_[s >> 6] >> (s & 63)) & 1u) != 0;
  return std::binary_search(states_.begin(), states_.end(), s);
}

std::int64_t fixed_point_set::index_of(packed_state s) const {
  const auto it = std::lower_bound(states_.begin(), states_.end(), s);
  return it != states_.end() && *it == s ? it - states_.begin() : -1;
}

std::vector<std::uint32_t> connected_components(const fixed_point_set& set, int max_flips) {
  if (max_flips < 1 || max_flips > set.bits())
    throw std::invalid_argument(fmt::format("max flips must be in [1, {}], got {}", set.bits(), max_flips));
  const auto& states = set.states();
  union_find components(states.size());
  for (std::size_t i = 0; i < states.size(); ++i)
    for (int w = 1; w <= max_flips; ++w)
      for_each_mask_of_weight(set.bits(), w, [&](packed_state mask) {
        const packed_state other = states[i] ^ mask;
        if (other > states[i] && set.contains(other))  // each pair once, from its smaller end
          components.unite(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(set.index_of(other)));
      });
  // Relabel by first appearance in the sorted list: id order = order of the smallest members.
  constexpr std::uint32_t unset = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> label_of_root(states.size(), unset), ids(states.size());
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < states.size(); ++i) {
    std::uint32_t& label = label_of_root[components.root(static_cast<std::uint32_t>(i))];
    if (label == unset) label = next++;
    ids[i] = label;
  }
  return ids;
}

std::vector<std::uint64_t> component_sizes(const std::vector<std::uint32_t>& component_ids) {
  std::vector<std::uint64_t> sizes;
  for (const std::uint32_t id : component_ids) {
    if (id >= sizes.size()) sizes.resize(id + std::size_t{1}, 0);
    ++sizes[id];
  }
  return sizes;
}

std::vector<std::uint32_t> neighbours_at_distance(const fixed_point_set& set, int max_distance) {
  if (max_distance < 1 || max_distance > set.bits())
    throw std::invalid_argument(fmt::format("max distance must be in [1, {}], got {}", set.bits(), max_distance));
  const auto& states = set.states();
  const auto d_count = static_cast<std::size_t>(max_distance);
  std::vector<std::uint32_t> counts(states.size() * d_count, 0);
  for (int d = 1; d <= max_distance; ++d)
    for_each_mask_of_weight(set.bits(), d, [&](packed_state mask) {
      for (std::size_t i = 0; i < states.size(); ++i)
        counts[i * d_count + static_cast<std::size_t>(d - 1)] += set.contains(states[i] ^ mask) ? 1u : 0u;
    });
  return counts;
}

std::vector<int> nearest_neighbour_distances(const fixed_point_set& set, const std::vector<std::uint32_t>& near,
                                             int near_distance) {
  const auto& states = set.states();
  const auto near_count = static_cast<std::size_t>(std::max(near_distance, 0));
  if (near.size() != states.size() * near_count)
    throw std::invalid_argument(fmt::format("nearest neighbours: {} near counts for {} states at D = {}", near.size(),
                                            states.size(), near_distance));
  std::vector<int> nearest(states.size(), 0);
  if (states.size() < 2) return nearest;
  for (std::size_t i = 0; i < states.size(); ++i) {
    int found = 0;
    for (std::size_t d = 0; d < near_count && found == 0; ++d)
      if (near[i * near_count + d] > 0) found = static_cast<int>(d) + 1;
    for (int w = near_distance + 1; found == 0 && w <= set.bits() && binomial_capped(set.bits(), w, set.size()) < set.size(); ++w)
      for_each_mask_of_weight(set.bits(), w, [&](packed_state mask) {
        if (found == 0 && set.contains(states[i] ^ mask)) found = w;
      });
    if (found == 0) {  // nothing within the cheap radius: scan everything
      found = set.bits() + 1;
      for (std::size_t j = 0; j < states.size(); ++j)
        if (j != i) found = std::min(found, hamming_distance(states[i], states[j]));
    }
    nearest[i] = found;
  }
  return nearest;
}

}  // namespace steer::numerics
