// `mpirun -n 2 steer …` (built with STEER_WITH_MPI) against one process: byte-identical JSON on
// stdout (printed by rank 0 only) and the same output files, for every shardable command.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <vector>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_same_output_files;
using steer_test::run;
using steer_test::scratch;

namespace {

const std::string mpirun = std::string(STEER_MPIEXEC) + " --oversubscribe --allow-run-as-root -n 2 " + STEER_EXECUTABLE;

// `arguments` in one process and under 2 ranks, each with its own --out; the same stdout and files.
void expect_two_ranks_equal_one(const std::string& name, const std::string& arguments, const std::vector<std::string>& files) {
  const auto one = scratch() / (name + "_one"), two = scratch() / (name + "_two");
  std::filesystem::remove_all(one);
  std::filesystem::remove_all(two);
  const auto single = run(arguments + " --json --quiet --out " + one.string());
  ASSERT_EQ(single.status, 0) << single.err;
  const auto ranks = run(arguments + " --json --quiet --out " + two.string(), mpirun);
  ASSERT_EQ(ranks.status, 0) << ranks.err;
  EXPECT_EQ(ranks.out, single.out);
  expect_same_output_files(one, two, files);
}

// The lines of `err` that are notes.
std::vector<std::string> note_lines(const std::string& err) {
  std::vector<std::string> notes;
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("steer: note:")) notes.push_back(line);
  return notes;
}

}  // namespace

TEST(MpiCli, EnumerateTwoRanksPrintTheSameJsonAsOneProcess) {
  const std::string args = "enumerate --n 12 --self-coupling 0.5 --networks 40 --seed 9 --json";
  const auto single = run(args);
  ASSERT_EQ(single.status, 0) << single.err;
  const auto ranks = run(args, mpirun);
  ASSERT_EQ(ranks.status, 0) << ranks.err;
  EXPECT_EQ(ranks.out, single.out);
  EXPECT_EQ(nlohmann::json::parse(ranks.out)["networks"], 40);
}

TEST(MpiCli, EveryShardableCommandWritesTheSameFiles) {
  expect_two_ranks_equal_one("enumerate", "enumerate --n 10 --networks 9 --seed 2",
                             {"enumerate_networks.csv", "enumerate_pairs.csv", "enumerate.json"});
  expect_two_ranks_equal_one("clusters", "clusters --n 10 --networks 5 --seed 2",
                             {"clusters_distances.csv", "clusters_component_sizes.csv", "clusters.json"});
  expect_two_ranks_equal_one("local_density", "local-density --n 40 --self-couplings 0.5,1 --networks 3 --starts 2",
                             {"local_density.csv", "local_density.json"});
  expect_two_ranks_equal_one("count_mc", "count-mc --n 16 --networks 3 --runs 2 --final-log-f 1e-3 --seed 2",
                             {"count_mc.csv", "count_mc.json"});
}

// Notes on stderr come once per job, not once per rank: the same note (pair histograms skipped
// above N = 26) once, and a resumed run's notes (each rank's own networks) without repeats.
TEST(MpiCli, EachNoteOnce) {
  const auto skipped = run("enumerate --n 27 --networks 2 --seed 1 --json", mpirun);
  ASSERT_EQ(skipped.status, 0) << skipped.err;
  EXPECT_EQ(note_lines(skipped.err), std::vector<std::string>{"steer: note: pair histograms skipped for N = 27 > 26 (cost "
                                                               "grows as #FP^2); --pairs forces them"})
      << skipped.err;
  const auto dir = scratch() / "mpi_notes";
  std::filesystem::remove_all(dir);
  const std::string args = "count-mc --n 14 --networks 3 --runs 2 --final-log-f 1e-3 --json --out " + dir.string();
  ASSERT_EQ(run(args, mpirun).status, 0);
  const auto resumed = run(args, mpirun);
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  auto notes = note_lines(resumed.err);
  std::sort(notes.begin(), notes.end());
  // Ranks 0 and 1 hold networks {0, 1} and {2}: one note each, different.
  EXPECT_EQ(notes, (std::vector<std::string>{
                       "steer: note: count-mc: 1 of the 1 networks computed here were resumed from " + (dir / "networks").string(),
                       "steer: note: count-mc: 2 of the 2 networks computed here were resumed from " + (dir / "networks").string()}))
      << resumed.err;
}

TEST(MpiCli, RefusesWhatNeedsOneProcess) {
  const auto r = run("enumerate --n 8 --networks 4 --list-fixed-points " + (scratch() / "fp.csv").string(), mpirun);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--list-fixed-points: not under MPI"), std::string::npos) << r.err;
  const auto s = run("enumerate --n 8 --networks 4 --shard 0/2 --out " + (scratch() / "mpi_shard").string(), mpirun);
  EXPECT_NE(s.status, 0);
  EXPECT_NE(s.err.find("--shard: not under MPI"), std::string::npos) << s.err;
}
