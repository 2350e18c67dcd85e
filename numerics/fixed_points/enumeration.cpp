#include "numerics/fixed_points/enumeration.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "numerics/fixed_points/enumeration_kernels.hpp"
#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/progress.hpp"
#include "numerics/fixed_points/quantised_couplings.hpp"

namespace steer::numerics {
namespace {

detail::chunk_kernel pick_kernel(enumeration_kernel kernel) {
  switch (kernel) {
    case enumeration_kernel::scalar: return detail::enumerate_chunk_scalar;
    case enumeration_kernel::avx512:
    case enumeration_kernel::pruned:
      if (!detail::cpu_has_avx512())
        throw std::invalid_argument("enumeration kernels avx512 and pruned need AVX-512F/BW, which this CPU lacks");
      return kernel == enumeration_kernel::avx512 ? detail::enumerate_chunk_avx512 : detail::enumerate_chunk_pruned;
    case enumeration_kernel::automatic: break;
  }
  return detail::cpu_has_avx512() ? detail::enumerate_chunk_avx512 : detail::enumerate_chunk_scalar;
}

const char* kernel_name(detail::chunk_kernel kernel) {
  if (kernel == detail::enumerate_chunk_avx512) return "avx512";
  return kernel == detail::enumerate_chunk_pruned ? "pruned" : "scalar";
}

// Below this size one enumeration takes milliseconds: not worth a pilot.
constexpr int pilot_min_neurons = 24;
// Pruned nodes per state below which branch-and-bound beats the Gray-code kernel (see the
// pilot in enumerate_fixed_points; docs/numerics/fixed_points/enumeration.md has the measurements).
constexpr double pruned_nodes_per_state_limit = 0.1;

}  // namespace

namespace detail {

void chunk_output::settle(const quantised_couplings& q) {
  for (const packed_state s : pending)
    if (is_fixed_point(q.couplings, s)) add_fixed_point(s);
  pending.clear();  // keeps the capacity: the buffer is reused, never grown past pending_capacity
}

}  // namespace detail

void require_kernel(enumeration_kernel kernel) { pick_kernel(kernel); }

bool kernel_available(enumeration_kernel kernel) {
  return detail::cpu_has_avx512() || kernel == enumeration_kernel::scalar || kernel == enumeration_kernel::automatic;
}

enumeration_result enumerate_fixed_points(const coupling_matrix& couplings, const enumeration_options& options) {
  const int n = couplings.size();
  if (n < 2 || n > max_enumeration_neurons)
    throw std::invalid_argument(
        fmt::format("enumerate: n must be in [2, {}] for exhaustive enumeration, got {}", max_enumeration_neurons, n));
  const quantised_couplings q = quantise(couplings);

  // Spin N−1 is pinned to +1 (symmetry); the other N−1 bits are split into 2^chunk_bits
  // chunks (the top bits) so threads can share one network; small N is one chunk.
  const int free_bits = n - 1;
  const int chunk_bits = std::clamp(free_bits - 14, 0, 8);
  const int chunk_free_bits = free_bits - chunk_bits;
  const auto chunks = static_cast<std::int64_t>(1) << chunk_bits;
  std::vector<detail::chunk_output> outputs(static_cast<std::size_t>(chunks));
  progress_meter progress(fmt::format("enumerate 2^{} states", n), static_cast<std::uint64_t>(chunks),
                          options.progress && chunks > 1);
  const auto run_chunk_into = [&](detail::chunk_kernel chunk_kernel, std::int64_t c, detail::chunk_output& out) {
    out.store_certain = options.keep_states;
    const packed_state base = (packed_state{1} << free_bits) | (static_cast<packed_state>(c) << chunk_free_bits);
    chunk_kernel(q, base, chunk_free_bits, out);
  };

  // Which AVX-512 kernel is faster depends on how many subtrees pruning can cut, i.e. on the
  // matrix. For large N `automatic` runs the pruned kernel on two spread pilot chunks (their
  // output is kept) and counts the partial states it examined: measured on this machine, a
  // pruned node costs 7-13 ns and a Gray-code state ~1 ns (more with dense fixed points), so
  // pruning pays below ~0.1 nodes per state. Deterministic: the same matrix always gets the
  // same kernel. Both kernels give identical outputs, so the choice never changes a result.
  detail::chunk_kernel kernel = pick_kernel(options.kernel);
  std::vector<bool> done(static_cast<std::size_t>(chunks), false);
  if (options.kernel == enumeration_kernel::automatic && kernel != detail::enumerate_chunk_scalar &&
      n >= pilot_min_neurons) {
    std::uint64_t nodes = 0;
    for (const std::int64_t c : {std::int64_t{0}, chunks / 2}) {
      auto& out = outputs[static_cast<std::size_t>(c)];
      run_chunk_into(detail::enumerate_chunk_pruned, c, out);
      nodes += out.nodes;
      done[static_cast<std::size_t>(c)] = true;
      progress.advance();
    }
    const double nodes_per_state = static_cast<double>(nodes) / std::ldexp(2.0, chunk_free_bits);
    kernel = nodes_per_state < pruned_nodes_per_state_limit ? detail::enumerate_chunk_pruned : detail::enumerate_chunk_avx512;
  }
#pragma omp parallel for schedule(dynamic) if (options.parallel && chunks > 1)
  for (std::int64_t c = 0; c < chunks; ++c) {
    if (done[static_cast<std::size_t>(c)]) continue;
    run_chunk_into(kernel, c, outputs[static_cast<std::size_t>(c)]);
    progress.advance();
  }

  // Merge in chunk order (deterministic for any thread count; each chunk already decided its
  // ambiguous states exactly) and add the global-flip partners.
  enumeration_result result;
  result.states_visited = std::uint64_t{1} << free_bits;
  result.kernel = kernel_name(kernel);
  std::uint64_t half = 0;
  for (auto& out : outputs) {
    half += out.count;
    result.ambiguous += out.ambiguous;
    if (options.keep_states)
      result.fixed_points.insert(result.fixed_points.end(), out.fixed_points.begin(), out.fixed_points.end());
    out = {};
  }
  result.count = 2 * half;
  if (options.keep_states) {
    const std::size_t found = result.fixed_points.size();
    result.fixed_points.reserve(2 * found);
    for (std::size_t k = 0; k < found; ++k) result.fixed_points.push_back(flip_all(result.fixed_points[k], n));
    std::sort(result.fixed_points.begin(), result.fixed_points.end());
  }
  return result;
}

}  // namespace steer::numerics
