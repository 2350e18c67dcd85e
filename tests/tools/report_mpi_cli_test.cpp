// `mpirun -n 2 steer report …` (STEER_WITH_MPI builds) against one process: each point's networks
// are spread over the ranks and gathered in order (validation/ensemble/group_blocks.hpp), so stdout
// (--json), every CSV, report.md and report.json apart from its metadata are byte-identical; and a
// second run under 2 ranks reuses every saved point and unit (issue 12); a failure on one rank
// ends every rank with one error line and exit code 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/steer_process.hpp"

using steer_test::fresh_scratch;
using steer_test::read_text;
using steer_test::run;
using steer_test::scratch;

namespace {

const std::string mpirun = std::string(STEER_MPIEXEC) + " --oversubscribe --allow-run-as-root -n 2 " + STEER_EXECUTABLE;
const std::string mpirun_3 = std::string(STEER_MPIEXEC) + " --oversubscribe --allow-run-as-root -n 3 " + STEER_EXECUTABLE;

// Every section at tiny sizes, with odd network counts so that the two ranks' blocks differ in
// size (21 = 11 + 10 count networks, 13 cluster networks, 51 modular, 3 of each count-mc point and
// local-density point, 3 × 3 (J_D, network) units per curve).
const std::string tiny_report =
    "report --sizes 6,8 --self-couplings 0.5 --networks 21 --geometry-sizes 6 --geometry-self-couplings 1 "
    "--geometry-networks 13 --max-distance 2 --density-sizes 30 --density-self-couplings 1 --density-networks 3 "
    "--density-starts 2 --modular-points 2:3:0:0.5 --modular-networks 51 --accessibility-sizes 12,16 "
    "--accessibility-self-couplings=-10,0.5,10 --accessibility-networks 3 --accessibility-sweeps 100 "
    "--count-mc-exact-sizes 8 --count-mc-exact-networks 3 --count-mc-size 10 --count-mc-self-couplings 1 "
    "--count-mc-networks 3 --count-mc-walks 4 --count-mc-final-log-f 1e-3 --no-plots --quiet --json";

const std::vector<std::string> tables = {
    "counts.csv", "pairs.csv", "count_distribution.csv", "geometry_pair_entropy.csv", "geometry_curves.csv",
    "geometry_clusters.csv", "geometry_local_density.csv", "geometry_modular.csv", "geometry_modular_pairs.csv",
    "accessibility_curves.csv", "accessibility_thresholds.csv", "accessibility_count_mc.csv",
    "accessibility_quenched.csv", "report.md"};

// report.json without its metadata (wall time, threads, ranks differ between runs) and, for a
// resumed run, without the sections' counts of reused units.
std::string results_of(const std::filesystem::path& dir, bool resumed) {
  auto report = nlohmann::json::parse(read_text(dir / "report.json"));
  report.erase("metadata");
  if (resumed)
    for (const char* section : {"geometry", "accessibility"}) report[section].erase("reused_units");
  return report.dump();
}

void expect_same_report(const std::filesystem::path& expected, const std::filesystem::path& actual, bool resumed = false) {
  for (const auto& file : tables) {
    SCOPED_TRACE(file);
    const std::string a = read_text(expected / file);
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(read_text(actual / file), a);
  }
  EXPECT_EQ(results_of(actual, resumed), results_of(expected, resumed));
}

}  // namespace

TEST(ReportMpiCli, TwoRanksEqualOneProcessAndResume) {
  // Both runs write to the same path (the first one's directory moved away before the second), so
  // that stdout, which names report.md, can be compared byte for byte.
  const auto out = scratch() / "report_mpi", one = scratch() / "report_mpi_one";
  std::filesystem::remove_all(out);
  std::filesystem::remove_all(one);
  const auto single = run(tiny_report + " --out " + out.string());
  ASSERT_EQ(single.status, 0) << single.err;
  std::filesystem::rename(out, one);
  const auto ranks = run(tiny_report + " --out " + out.string(), mpirun);
  ASSERT_EQ(ranks.status, 0) << ranks.err;
  EXPECT_EQ(ranks.out, single.out);
  const auto summary = nlohmann::json::parse(ranks.out);
  EXPECT_EQ(summary["verdict"], "PASS");
  EXPECT_EQ(summary["total"], 2 + 4 + 2);  // 2 count points, 4 geometry and 2 accessibility predictions
  expect_same_report(one, out);

  // Resumed under 2 ranks: every count point, cluster and modular point, local-density network,
  // curve unit and count-mc network is reused, and the outputs do not change.
  const auto again = run(tiny_report + " --out " + out.string(), mpirun);
  ASSERT_EQ(again.status, 0) << again.err;
  const auto resumed = nlohmann::json::parse(again.out);
  EXPECT_EQ(resumed["reused_points"], 2);
  EXPECT_EQ(resumed["reused_geometry_units"], 1 + 1 + 3);
  EXPECT_EQ(resumed["reused_accessibility_units"], 2 * 3 + 3 + 3);
  expect_same_report(one, out, true);

  // A damaged saved point: rank 0 alone reads it, says once that it recomputes it, and all ranks
  // recompute it together (the others learn from rank 0 that it was not reused).
  const auto point = out / "points" / "n6_jd0.5_m21_seed1_unit0.json";
  ASSERT_TRUE(std::filesystem::exists(point));
  { std::ofstream(point) << "{\"damaged"; }
  const auto repaired = run(tiny_report + " --out " + out.string(), mpirun);
  ASSERT_EQ(repaired.status, 0) << repaired.err;
  EXPECT_EQ(nlohmann::json::parse(repaired.out)["reused_points"], 1);
  const std::string note = "steer: note: recomputing " + point.string() + " (";
  EXPECT_EQ(repaired.err.find(note), repaired.err.rfind(note)) << repaired.err;
  EXPECT_NE(repaired.err.find(note), std::string::npos) << repaired.err;
  expect_same_report(one, out, true);
}

// How a failure that every rank agrees on (agree_on_failure) ends: the failing rank prints its
// message, the others nothing, and every rank leaves normally with exit code 2; nobody calls
// MPI_Abort, which could kill the failing rank before it printed, leaving no message at all. So:
// exit code 2, exactly one "steer: error:" line, which contains `message`, and no MPI_ABORT notice.
void expect_one_error_and_no_abort(const steer_test::run_result& r, const std::string& message) {
  EXPECT_EQ(r.status, 2) << r.err;
  int lines = 0;
  for (auto at = r.err.find("steer: error:"); at != std::string::npos; at = r.err.find("steer: error:", at + 1)) {
    ++lines;
    EXPECT_NE(r.err.substr(at, r.err.find('\n', at) - at).find(message), std::string::npos) << r.err;
  }
  EXPECT_EQ(lines, 1) << r.err;
  EXPECT_EQ(r.err.find("MPI_ABORT"), std::string::npos) << r.err;
}

// 3 ranks in the failure tests, so that two ranks learn of one rank's failure. Here rank 0 cannot
// create the run directory.
TEST(ReportMpiCli, UnwritableRunDirectoryStopsEveryRankWithOneMessage) {
  const auto blocker = scratch() / "report_mpi_file";
  std::filesystem::remove_all(blocker);
  { std::ofstream(blocker) << "a file, not a directory\n"; }
  const auto r = run(tiny_report + " --out " + (blocker / "run").string(), mpirun_3);
  expect_one_error_and_no_abort(r, "steer: error: --out: cannot create " + (blocker / "run").string());
  EXPECT_EQ(r.out, "");
}

// A failure inside compute_on_group on one rank only: with 3 local-density networks and 3 ranks,
// rank 2 computes network 2, whose saved unit cannot be written because a directory stands at its
// path (first rejected as unreadable, so a note says it is recomputed).
TEST(ReportMpiCli, AFailureOnOneRankStopsEveryRankWithOneMessage) {
  const auto out = fresh_scratch("report_mpi_unit_failure");
  const auto unit = out / "points" / "local_density_n30_jd1_r2_starts2_sweeps1000_seed1_unit2.json";
  std::filesystem::create_directories(unit);
  const auto r = run(tiny_report + " --out " + out.string(), mpirun_3);
  expect_one_error_and_no_abort(r, "steer: error: cannot write " + unit.string());
  EXPECT_NE(r.err.find("steer: note: recomputing " + unit.string()), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out / "report.md"));
}

// Rank 0's final writes: the other ranks wait for them (run_on_root_and_agree) and end with rank
// 0's exit code, here 2 because a directory stands where report.md must be written.
TEST(ReportMpiCli, AFailedFinalWriteStopsEveryRankWithOneMessage) {
  const auto out = fresh_scratch("report_mpi_write_failure");
  std::filesystem::create_directories(out / "report.md");
  const auto r = run(tiny_report + " --out " + out.string(), mpirun_3);
  expect_one_error_and_no_abort(r, "steer: error: cannot write " + (out / "report.md").string());
  EXPECT_EQ(r.out, "");  // the summary line comes after the writes
  EXPECT_TRUE(std::filesystem::exists(out / "counts.csv"));
}
