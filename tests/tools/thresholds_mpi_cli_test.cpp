// `mpirun -n 2 steer thresholds …` (STEER_WITH_MPI builds) against one process: the units (N, J_D,
// network) are split over the ranks and gathered in order, so stdout (JSON and text) and the
// output files are byte-identical (issue 12).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_same_output_files;
using steer_test::run;
using steer_test::scratch;

namespace {

const std::string mpirun = std::string(STEER_MPIEXEC) + " --oversubscribe --allow-run-as-root -n 2 " + STEER_EXECUTABLE;

}  // namespace

TEST(ThresholdsMpiCli, TwoRanksEqualOneProcess) {
  // 2 sizes × 3 J_D × 5 networks = 30 units: rank 0 holds all of N = 30 and none of N = 50.
  const std::string args = "thresholds --n 30,50 --self-couplings 0:1.2:3 --networks 5 --restarts 2 --max-sweeps 200 "
                           "--bootstrap 30 --seed 8";
  const auto one = scratch() / "thresholds_one", two = scratch() / "thresholds_two";
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(two);
  const auto single = run(args + " --json --quiet --out " + one.string());
  ASSERT_EQ(single.status, 0) << single.err;
  const auto ranks = run(args + " --json --quiet --out " + two.string(), mpirun);
  ASSERT_EQ(ranks.status, 0) << ranks.err;
  EXPECT_EQ(ranks.out, single.out);
  expect_same_output_files(one, two, {"thresholds.csv", "thresholds_curve.csv", "thresholds.json"});
  const auto text_one = run(args), text_two = run(args, mpirun);
  ASSERT_EQ(text_two.status, 0) << text_two.err;
  EXPECT_EQ(text_two.out, text_one.out);
}
