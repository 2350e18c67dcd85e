// The solver registry and the restart statistics: every fixed point any registered dynamics
// reports on N ≤ 20 is in the exhaustively enumerated set; names; settings reach the solver
// exactly as the options struct would set them (and are refused where they do not belong);
// statistics on hand cases.
#include "solvers/fixed_points/solver_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "numerics/fixed_points/enumeration.hpp"
#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/replicated_mc.hpp"
#include "solvers/fixed_points/simulated_annealing.hpp"
#include "solvers/fixed_points/restart_statistics.hpp"

using namespace steer;

TEST(SolverRegistry, EveryReportedFixedPointIsEnumerated) {
  std::int64_t found = 0;
  for (const auto& name : {"async", "sequential", "sync"}) {
    const auto solve = solvers::make_solver(name, {200});
    for (std::uint64_t k = 0; k < 6; ++k) {
      const auto j = numerics::sample_couplings({16, 0.3, 0.0}, 11, k);
      const auto all = numerics::enumerate_fixed_points(j, {numerics::enumeration_kernel::scalar, false, true, false});
      for (std::uint64_t r = 0; r < 10; ++r) {
        const auto result = solve(j, 11, r);
        if (!result.converged) continue;
        ++found;
        numerics::packed_state packed = 0;
        for (int i = 0; i < 16; ++i)
          if (result.state[static_cast<std::size_t>(i)] > 0) packed |= numerics::packed_state{1} << i;
        EXPECT_TRUE(std::binary_search(all.fixed_points.begin(), all.fixed_points.end(), packed)) << name << " " << k;
      }
    }
  }
  EXPECT_GT(found, 60);  // the check covers many runs of each algorithm
}

TEST(SolverRegistry, NamesAndBadInput) {
  const auto names = solvers::solver_names();
  EXPECT_EQ(names.front(), "async");
  EXPECT_NE(std::find(names.begin(), names.end(), "sync"), names.end());
  EXPECT_THROW(solvers::make_solver("nope", {}), std::invalid_argument);
  EXPECT_THROW(solvers::make_solver("async", {0}), std::invalid_argument);
}

namespace {

// Same final state, convergence and step count on every (network, restart) of a small ensemble,
// and at least one run whose outcome the settings changed (else the comparison proves nothing).
void expect_same_runs(const solvers::fixed_point_solver& a, const solvers::fixed_point_solver& b,
                      const solvers::fixed_point_solver& defaults) {
  int changed = 0;
  for (std::uint64_t k = 0; k < 4; ++k) {
    const auto j = numerics::sample_couplings({24, 0.3, 0.0}, 5, k);
    for (std::uint64_t r = 0; r < 3; ++r) {
      const auto x = a(j, 5, r), y = b(j, 5, r), z = defaults(j, 5, r);
      EXPECT_EQ(x.state, y.state) << k << " " << r;
      EXPECT_EQ(x.converged, y.converged);
      EXPECT_EQ(x.steps, y.steps);
      changed += x.state != z.state || x.steps != z.steps ? 1 : 0;
    }
  }
  EXPECT_GT(changed, 0);
}

}  // namespace

TEST(SolverRegistry, SettingsReachTheSolver) {
  solvers::solver_settings anneal{{{"beta_initial", 3.0}, {"beta_final", 30.0}}, solvers::beta_schedule::linear};
  EXPECT_EQ(anneal.label(), "beta_final=30,beta_initial=3,schedule=linear");
  expect_same_runs(solvers::make_solver("anneal", {60}, anneal),
                   solvers::annealing_solver({60, 3.0, 30.0, solvers::beta_schedule::linear}),
                   solvers::make_solver("anneal", {60}));
  const solvers::solver_settings replicated{{{"replicas", 3.0}, {"beta", 4.0}, {"gamma_final", 2.0}}, {}};
  expect_same_runs(solvers::make_solver("replicated", {40}, replicated),
                   solvers::replicated_solver({.replicas = 3, .sweeps = 40, .beta = 4.0, .gamma_final = 2.0}),
                   solvers::make_solver("replicated", {40}));
  // fBP: the focusing step is widened to iterations-per-step / budget (here 10/100) unless given.
  solvers::focusing_bp_options widened;
  widened.iterations_per_step = 10;
  widened.max_iterations = 100;
  widened.rho_step = 0.1;
  expect_same_runs(solvers::make_solver("fbp", {100}, {{{"iterations_per_step", 10.0}}, {}}),
                   solvers::focusing_bp_solver(widened), solvers::make_solver("fbp", {100}, {{{"rho_step", 0.1}}, {}}));
  solvers::focusing_bp_options given = widened;
  given.rho_step = 0.04;
  expect_same_runs(solvers::make_solver("fbp", {100}, {{{"iterations_per_step", 10.0}, {"rho_step", 0.04}}, {}}),
                   solvers::focusing_bp_solver(given), solvers::make_solver("fbp", {100}, {{{"iterations_per_step", 10.0}}, {}}));
}

TEST(SolverRegistry, SettingsAreCheckedAndRefusedWhereTheyDoNotBelong) {
  const auto message = [](std::string_view algorithm, const solvers::solver_settings& s) {
    try {
      (void)solvers::make_solver(algorithm, {100}, s);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message("async", {{{"beta", 2.0}}, {}}),
            "--beta is not a parameter of --algorithm async (it has none besides --max-sweeps)");
  EXPECT_EQ(message("fbp", {{}, solvers::beta_schedule::linear}),
            "--schedule is not a parameter of --algorithm fbp (its parameters: --rho-step, --iterations-per-step, "
            "--tolerance, --damping, --initial-randomness)");
  // The budget is --max-sweeps' alone.
  EXPECT_EQ(message("anneal", {{{"sweeps", 5.0}}, {}}),
            "--sweeps is not a parameter of --algorithm anneal (its parameters: --beta-initial, --beta-final, --schedule)");
  EXPECT_EQ(message("anneal", {{{"beta_initial", 20.0}}, {}}), "--beta-final 10 must be >= --beta-initial 20");
  EXPECT_EQ(message("replicated", {{{"replicas", 2.5}}, {}}), "--replicas must be an integer, got 2.5");
  EXPECT_EQ(message("fbp-amp", {{{"damping", 1.0}}, {}}), "--damping must be in [0, 0.999999], got 1");
  EXPECT_EQ(message("replicated", {{{"gamma_final", 0.5}, {"gamma_initial", 0.25}}, {}}), "accepted");
  // Python's spelling, for steer.accessibility_threshold's keywords.
  const auto python = solvers::parameter_spelling::python;
  EXPECT_EQ(message("sync", {{{"beta", 2.0}}, {}, python}),
            "beta is not a parameter of algorithm 'sync' (it has none besides max_sweeps)");
  EXPECT_EQ(message("anneal", {{{"replicas", 2.0}}, {}, python}),
            "replicas is not a parameter of algorithm 'anneal' (its parameters: beta_initial, beta_final, schedule)");
  EXPECT_EQ(message("anneal", {{{"beta_final", 0.5}}, {}, python}), "beta_final 0.5 must be >= beta_initial 1");
}

TEST(RestartStatistics, HandCases) {
  // J = [[1, 1], [1, 1]] (J_D = 1): (+,+) has margins m_i = 1·1 + 1 = 2; (−,+) ... not used.
  const numerics::coupling_matrix j(2, {1, 1, 1, 1});
  const std::vector<solvers::solver_result> runs = {
      {{1, 1}, true, 4, 0, 1.0}, {{1, 1}, true, 2, 0, 1.0}, {{1, -1}, false, 9, 2, 1.0}, {{1, -1}, false, 9, 3, 1.0}};
  const auto s = solvers::summarise_restarts(j, runs);
  EXPECT_EQ(s.converged, 2);
  EXPECT_DOUBLE_EQ(s.converged_fraction, 0.5);
  EXPECT_DOUBLE_EQ(*s.mean_steps_to_converge, 3.0);
  EXPECT_DOUBLE_EQ(*s.median_steps_to_converge, 3.0);
  EXPECT_DOUBLE_EQ(*s.mean_smallest_margin, 2.0);
  EXPECT_DOUBLE_EQ(*s.mean_margin, 2.0);
  EXPECT_EQ(s.cycle_lengths, (std::map<std::int64_t, std::int64_t>{{2, 1}, {3, 1}}));
  EXPECT_DOUBLE_EQ(s.mean_seconds, 1.0);
  EXPECT_EQ(solvers::margins(j, {1, -1}), (std::vector<double>{0.0, 0.0}));  // 1·(−1) + 1 and −1·1 + 1
  EXPECT_THROW(solvers::summarise_restarts(j, {}), std::invalid_argument);
}
