// The search algorithms' parameter tables: names spelled for the CLI and Python, the messages of
// every check, the defaults inside their bounds, and the orderings.
#include "solvers/fixed_points/search_parameters.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

using namespace steer;
using solvers::parameter_spelling;

namespace {

std::string message_of(auto&& call) {
  try {
    call();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

template <typename Options>
void expect_defaults_within_bounds(const solvers::parameter_set<Options>& set) {
  static const Options defaults{};  // static: GCC 12 warns wrongly about a local read through a member pointer
  EXPECT_NO_THROW(solvers::check_parameters(set, defaults, parameter_spelling::cli));
  for (const auto& p : set.parameters) {
    EXPECT_GE(p.get(defaults), p.min) << p.name;
    EXPECT_LE(p.get(defaults), p.max) << p.name;
  }
}

}  // namespace

TEST(SearchParameters, Spelling) {
  EXPECT_EQ(solvers::spell("beta_final", parameter_spelling::cli), "--beta-final");
  EXPECT_EQ(solvers::spell("beta_final", parameter_spelling::python), "beta_final");
  EXPECT_EQ(solvers::spell("replicas", parameter_spelling::cli), "--replicas");
}

TEST(SearchParameters, CheckMessages) {
  EXPECT_EQ(message_of([] { solvers::check_value("damping", false, 0.0, 0.999999, 1.0, parameter_spelling::cli); }),
            "--damping must be in [0, 0.999999], got 1");
  EXPECT_EQ(message_of([] { solvers::check_value("sweeps", true, 1, 1e9, 12.5, parameter_spelling::python); }),
            "sweeps must be an integer, got 12.5");
  EXPECT_EQ(message_of([] { solvers::check_value("beta", false, 1e-300, solvers::unbounded, 0.0, parameter_spelling::python); }),
            "beta must be >= 1e-300, got 0");
  EXPECT_EQ(message_of([] { solvers::check_value("tolerance", false, 1e-300, 1.0, std::nan(""), parameter_spelling::cli); }),
            "--tolerance must be in [1e-300, 1], got nan");
  EXPECT_NO_THROW(solvers::check_value("sweeps", true, 1, 1e9, 1e9, parameter_spelling::cli));  // bounds are inclusive
}

TEST(SearchParameters, DefaultsAreAdmissibleAndOrderingsChecked) {
  expect_defaults_within_bounds(solvers::dynamics_parameters());
  expect_defaults_within_bounds(solvers::annealing_parameters());
  expect_defaults_within_bounds(solvers::focusing_bp_parameters());
  expect_defaults_within_bounds(solvers::replicated_parameters());
  solvers::annealing_options a;
  a.beta_initial = 5.0;
  a.beta_final = 1.0;
  EXPECT_EQ(message_of([&] { solvers::check_parameters(solvers::annealing_parameters(), a, parameter_spelling::cli); }),
            "--beta-final 1 must be >= --beta-initial 5");
  solvers::replicated_options r;
  r.gamma_initial = 2.0;
  r.gamma_final = 1.0;
  EXPECT_EQ(message_of([&] { solvers::check_parameters(solvers::replicated_parameters(), r, parameter_spelling::python); }),
            "gamma_final 1 must be >= gamma_initial 2");
  r.replicas = 1001;
  EXPECT_EQ(message_of([&] { solvers::check_parameters(solvers::replicated_parameters(), r, parameter_spelling::python); }),
            "replicas must be in [1, 1000], got 1001");
}

TEST(SearchParameters, SetWritesTheField) {
  solvers::focusing_bp_options f;
  for (const auto& p : solvers::focusing_bp_parameters().parameters)
    if (std::string(p.name) == "iterations_per_step") p.set(f, 7.0);
  EXPECT_EQ(f.iterations_per_step, 7);
  EXPECT_EQ(solvers::parse_beta_schedule("linear", "schedule"), solvers::beta_schedule::linear);
  EXPECT_EQ(message_of([] { solvers::parse_beta_schedule("cubic", "--schedule"); }),
            "--schedule must be linear or geometric, got 'cubic'");
}
