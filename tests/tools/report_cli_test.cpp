// `steer report` as a user meets it (issue 7 items 4, 12, 13, 15): definite verdicts at extreme
// self-couplings, exit code 3 when a prediction is contradicted, a cache that is never trusted
// blindly, one run per directory, no stale plots, and plots from an installed binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "numerics/atomic_file.hpp"
#include "numerics/directory_lock.hpp"
#include "tests/support/steer_process.hpp"

using steer_test::read_text;
using steer_test::run;
using steer_test::scratch;

namespace {

std::filesystem::path fresh(const std::string& name) {
  const auto dir = scratch() / name;
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST(ReportCli, ExtremeSelfCouplingsPassWithoutNaN) {
  const auto out = fresh("extreme");
  const auto r = run("report --sizes 6,8 --self-couplings -40,-10,10,100 --networks 20 --no-plots --quiet --out " +
                     out.string());
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  const std::string counts = read_text(out / "counts.csv");
  EXPECT_EQ(counts.find("nan"), std::string::npos) << counts;
  EXPECT_EQ(counts.find("FAIL"), std::string::npos) << counts;
  EXPECT_EQ(read_text(out / "pairs.csv").find("nan"), std::string::npos);
}

// A saved point that is well-formed but contradicts the theory (every network with 16 fixed
// points at N = 6, J_D = 0, where E[#FP] = 64 Φ(0)^6 = 1) must make the report FAIL, exit 3.
TEST(ReportCli, ContradictedPointFailsWithExitCodeThree) {
  const auto out = fresh("contradicted");
  const std::string command = "report --sizes 6 --self-couplings 0 --networks 20 --no-plots --quiet --out " + out.string();
  ASSERT_EQ(run(command).status, 0);
  const auto point = out / "points" / "n6_jd0_m20_seed1.json";
  auto saved = nlohmann::json::parse(read_text(point));
  saved["count"] = {16.0, 0.0};
  saved["pairs"][0] = {16.0, 0.0};
  saved["count_distribution"] = {{16, 20}};
  steer::numerics::write_file_atomically(point, saved.dump());
  const auto r = run(command);
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(read_text(out / "report.md").find("**Verdict: FAIL**"), std::string::npos);
  EXPECT_NE(read_text(out / "counts.csv").find("FAIL"), std::string::npos);
}

TEST(ReportCli, MalformedPointIsRecomputedWithANote) {
  const auto out = fresh("malformed");
  const std::string command = "report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --quiet --out " + out.string();
  ASSERT_EQ(run(command).status, 0);
  const std::string good = read_text(out / "counts.csv");
  const auto point = out / "points" / "n6_jd0.5_m20_seed1.json";
  for (const std::string broken : {R"({"count": []})", "null", "[]", "{", R"({"format": 2, "count": "x"})"}) {
    steer::numerics::write_file_atomically(point, broken);
    const auto r = run(command);
    EXPECT_EQ(r.status, 0) << broken << "\n" << r.err;
    EXPECT_NE(r.err.find("recomputing"), std::string::npos) << broken << "\n" << r.err;
    EXPECT_EQ(read_text(out / "counts.csv"), good) << broken;
  }
  // Another seed in the same directory keeps its own point instead of overwriting this one.
  ASSERT_EQ(run(command + " --seed 2").status, 0);
  EXPECT_TRUE(std::filesystem::exists(point));
  EXPECT_TRUE(std::filesystem::exists(out / "points" / "n6_jd0.5_m20_seed2.json"));
}

TEST(ReportCli, SecondRunOnTheSameDirectoryIsRefused) {
  const auto out = fresh("locked");
  std::filesystem::create_directories(out);
  const steer::numerics::directory_lock held(out);
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --quiet --out " + out.string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("PID " + std::to_string(getpid())), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out / "counts.csv"));
  // Every command that writes a run directory claims it the same way.
  const auto e = run("enumerate --n 6 --networks 2 --quiet --out " + out.string());
  EXPECT_EQ(e.status, 2) << e.err;
  EXPECT_NE(e.err.find("in use by another steer run"), std::string::npos) << e.err;
}

TEST(ReportCli, NoPlotsRemovesStalePlotsAndSaysWhy) {
  const auto out = fresh("stale");
  std::filesystem::create_directories(out);
  steer::numerics::write_file_atomically(out / "counts.png", "old");
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --quiet --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out / "counts.png"));
  const std::string md = read_text(out / "report.md");
  EXPECT_NE(md.find("--no-plots"), std::string::npos) << md;
  EXPECT_EQ(md.find("not found"), std::string::npos) << md;
}

// `cmake --install` puts the binary and the plot script under one prefix; the installed binary
// must draw its plots with the installed script, not the source tree's.
TEST(ReportCli, InstalledBinaryFindsItsPlotScript) {
  if (std::system("/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1") != 0) GTEST_SKIP() << "no matplotlib";
  const auto prefix = fresh("prefix");
  ASSERT_EQ(std::system(("cmake --install " + std::string(STEER_BINARY_DIR) + " --prefix " + prefix.string() +
                         " >/dev/null").c_str()), 0);
  const auto out = fresh("installed");
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --quiet --out " + out.string(),
                     (prefix / "bin" / "steer").string());
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(read_text(out / "report.json"));
  EXPECT_EQ(report["metadata"]["plot_script"], (prefix / "share" / "steer" / "plot_report.py").string());
  EXPECT_TRUE(std::filesystem::exists(out / "counts.png"));
}
