// A steer built without STEER_WITH_MPI and started by an MPI launcher with several processes
// refuses every command with one line and exit code 2 (tools/steer_main.cpp; docs/scaling.md),
// instead of running K copies that each compute everything. The launcher is imitated by the
// variables OpenMPI (OMPI_COMM_WORLD_SIZE) and MPICH/Hydra or Slurm (PMI_SIZE) set. Only in a
// build without MPI: an MPI build would try to join the (absent) job.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::run;

TEST(MpiRefusalCli, SeveralLauncherProcessesAreRefusedForEveryCommand) {
  for (const std::string variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    for (const std::string command : {"theory pair-entropy --self-coupling 0.5 --points 5 --json", "enumerate --n 8 --networks 2", "merge x", "--help"}) {
      SCOPED_TRACE(variable + " " + command);
      const auto r = run(command, variable + "=2 " + STEER_EXECUTABLE);
      EXPECT_EQ(r.status, 2) << r.err;
      EXPECT_NE(r.err.find("built without STEER_WITH_MPI"), std::string::npos) << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
      EXPECT_TRUE(r.out.empty()) << r.out;
    }
}

TEST(MpiRefusalCli, OneLauncherProcessRuns) {
  for (const std::string variable : {"OMPI_COMM_WORLD_SIZE=1", "PMI_SIZE=1"}) {
    const auto r = run("theory pair-entropy --self-coupling 0.5 --points 5 --json", variable + " " + STEER_EXECUTABLE);
    EXPECT_EQ(r.status, 0) << variable << ": " << r.err;
    EXPECT_FALSE(r.out.empty());
  }
}
