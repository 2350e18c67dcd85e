#include "solvers/fixed_points/restart_search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <set>
#include <stdexcept>

namespace steer::solvers {

restart_search_result run_restarts(const numerics::coupling_matrix& couplings, const fixed_point_solver& solve,
                                   std::int64_t restarts, std::uint64_t seed,
                                   const std::function<void()>& after_each_restart) {
  if (restarts < 1) throw std::invalid_argument(fmt::format("restarts must be >= 1, got {}", restarts));
  restart_search_result result;
  result.runs.resize(static_cast<std::size_t>(restarts));
  // An exception cannot leave an OpenMP region: the first one is kept and rethrown after it.
  std::exception_ptr failure;
#pragma omp parallel for schedule(dynamic)
  for (std::int64_t r = 0; r < restarts; ++r) {
    try {
      result.runs[static_cast<std::size_t>(r)] = solve(couplings, seed, static_cast<std::uint64_t>(r));
      if (after_each_restart) after_each_restart();
    } catch (...) {
#pragma omp critical(steer_restart_search_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  std::set<numerics::spin_vector> distinct;
  for (const auto& run : result.runs) {
    if (run.converged) distinct.insert(run.state);
    const auto m = margins(couplings, run.state);
    result.smallest_margins.push_back(*std::min_element(m.begin(), m.end()));
    result.unstable_units.push_back(run.converged ? 0 : std::count_if(m.begin(), m.end(), [](double v) { return v <= 0.0; }));
  }
  result.distinct_fixed_points = static_cast<std::int64_t>(distinct.size());
  result.statistics = summarise_restarts(couplings, result.runs);
  return result;
}

}  // namespace steer::solvers
