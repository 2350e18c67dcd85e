// `steer report` as a user meets it (issue 7 items 4, 12, 13, 15; issue 8's geometry section):
// definite verdicts at extreme self-couplings, exit code 3 when a prediction is contradicted, a
// cache that is never trusted blindly, one run per directory, no stale plots, plots from an
// installed binary, and the geometry and accessibility (issue 9) sections' verdicts, resume and
// options.
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

// The geometry section at sizes that run in about a second.
const std::string tiny_geometry =
    "--geometry-sizes 6 --geometry-self-couplings 1 --geometry-networks 40 --max-distance 2 --density-sizes 30 "
    "--density-self-couplings 1 --density-networks 2 --density-starts 2 --modular-points 2:3:0:0.5 "
    "--modular-networks 50";

// The accessibility section at sizes that run in about a second: 2 curves of 3 points (J_D = −10 and
// 10 lie beyond Σ|J_ij|, so success is 0 and 1 there), count-mc at N = 8 against enumeration and
// at N = 10 against the annealed entropy.
const std::string tiny_accessibility =
    "--accessibility-sizes 12,16 --accessibility-self-couplings=-10,0.5,10 --accessibility-networks 3 "
    "--accessibility-sweeps 100 --count-mc-exact-sizes 8 --count-mc-exact-networks 2 --count-mc-size 10 "
    "--count-mc-self-couplings 1 --count-mc-networks 3 --count-mc-walks 4 --count-mc-final-log-f 1e-3";

std::filesystem::path fresh(const std::string& name) {
  const auto dir = scratch() / name;
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

TEST(ReportCli, ExtremeSelfCouplingsPassWithoutNaN) {
  const auto out = fresh("extreme");
  const auto r = run("report --sizes 6,8 --self-couplings -40,-10,10,100 --networks 20 --no-plots --no-geometry --no-accessibility --quiet --out " +
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
  const std::string command = "report --sizes 6 --self-couplings 0 --networks 20 --no-plots --no-geometry --no-accessibility --quiet --out " + out.string();
  ASSERT_EQ(run(command).status, 0);
  const auto point = out / "points" / "n6_jd0_m20_seed1_unit0.json";
  auto saved = nlohmann::json::parse(read_text(point));
  saved["result"]["count"] = {16.0, 0.0};
  saved["result"]["pairs"][0] = {16.0, 0.0};
  saved["result"]["count_distribution"] = {{16, 20}};
  steer::numerics::write_file_atomically(point, saved.dump());
  const auto r = run(command);
  EXPECT_EQ(r.status, 3) << r.out << r.err;
  EXPECT_NE(read_text(out / "report.md").find("**Verdict: FAIL**"), std::string::npos);
  EXPECT_NE(read_text(out / "counts.csv").find("FAIL"), std::string::npos);
}

TEST(ReportCli, MalformedPointIsRecomputedWithANote) {
  const auto out = fresh("malformed");
  const std::string command = "report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --no-geometry --no-accessibility --quiet --out " + out.string();
  ASSERT_EQ(run(command).status, 0);
  const std::string good = read_text(out / "counts.csv");
  const auto point = out / "points" / "n6_jd0.5_m20_seed1_unit0.json";
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
  EXPECT_TRUE(std::filesystem::exists(out / "points" / "n6_jd0.5_m20_seed2_unit0.json"));
}

TEST(ReportCli, SecondRunOnTheSameDirectoryIsRefused) {
  const auto out = fresh("locked");
  std::filesystem::create_directories(out);
  const steer::numerics::directory_lock held(out);
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --no-geometry --no-accessibility --quiet --out " + out.string());
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
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-plots --no-geometry --no-accessibility --quiet --out " + out.string());
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
  const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 " + tiny_geometry + " " + tiny_accessibility +
                     " --quiet --out " +
                     out.string(), (prefix / "bin" / "steer").string());
  ASSERT_EQ(r.status, 0) << r.err;
  const auto report = nlohmann::json::parse(read_text(out / "report.json"));
  EXPECT_EQ(report["metadata"]["plot_script"], (prefix / "share" / "steer" / "plot_report.py").string());
  for (const char* plot : {"counts.png", "geometry_pair_entropy.png", "geometry_local_entropy.png", "geometry_clusters.png",
                           "geometry_local_density.png", "geometry_modular.png", "accessibility_curves.png",
                           "accessibility_count_mc.png", "accessibility_quenched.png"}) {
    EXPECT_TRUE(std::filesystem::exists(out / plot)) << plot;
    EXPECT_NE(read_text(out / "report.md").find(plot), std::string::npos) << plot;
  }
}

// The geometry section at tiny sizes: verdicts in report.json, resume, a contradicting modular
// point failing the run with exit code 3, and bad geometry options refused before any work.
TEST(ReportCli, GeometrySectionRunsResumesAndFails) {
  const auto out = fresh("geometry");
  const std::string command =
      "report --sizes 6 --self-couplings 0.5 --networks 20 " + tiny_geometry + " --no-accessibility --no-plots --quiet --json --out " +
      out.string();
  const auto first = run(command);
  ASSERT_EQ(first.status, 0) << first.out << first.err;
  auto report = nlohmann::json::parse(read_text(out / "report.json"));
  EXPECT_EQ(report["geometry"]["predictions"], 4);  // neighbours, local-entropy bound, modular count and pairs
  EXPECT_EQ(report["geometry"]["passed"], 4);
  EXPECT_EQ(report["verdict"], "PASS");
  const std::string md = read_text(out / "report.md");
  EXPECT_NE(md.find("## Geometry of the fixed-point set"), std::string::npos) << md;
  EXPECT_NE(md.find("| measurement |"), std::string::npos) << md;

  const auto second = run(command);
  ASSERT_EQ(second.status, 0) << second.err;
  const auto summary = nlohmann::json::parse(second.out);
  EXPECT_EQ(summary["reused_geometry_units"], 1 + 1 + 2);  // cluster point, modular point, 2 density networks
  EXPECT_EQ(summary["total"], 1 + 4);

  const auto point = out / "points" / "modular_M2_n3_jd0_lambda0.5_chain_m50_seed1_unit0.json";
  auto saved = nlohmann::json::parse(read_text(point));
  saved["result"]["count"] = {16.0, 0.0};
  saved["result"]["pairs"][0] = {16.0, 0.0};
  saved["result"]["count_distribution"] = {{16, 50}};
  steer::numerics::write_file_atomically(point, saved.dump());
  const auto failed = run(command);
  EXPECT_EQ(failed.status, 3) << failed.out << failed.err;
  EXPECT_NE(read_text(out / "report.md").find("**Verdict: FAIL**"), std::string::npos);
  EXPECT_NE(read_text(out / "geometry_modular.csv").find("FAIL"), std::string::npos);

  for (const std::string bad : {"--modular-points 2:3:0", "--modular-points 5:6:0:0.5", "--max-distance 9",
                                "--geometry-sizes 40", "--density-radius 4"}) {
    const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 " + tiny_geometry + " --no-accessibility " + bad +
                       " --no-plots --quiet --out " + fresh("bad").string());
    EXPECT_EQ(r.status, 2) << bad << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << bad << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("steer: error: ", 0), 0u) << bad << "\n" << r.err;
  }
}

// The accessibility section at tiny sizes: its verdicts in report.json and report.md, resume of
// every unit, bad options refused before any work, and --no-accessibility leaving no stale tables.
TEST(ReportCli, AccessibilitySectionRunsResumesAndRefusesBadInput) {
  const auto out = fresh("accessibility");
  const std::string command = "report --sizes 6 --self-couplings 0.5 --networks 20 --no-geometry " + tiny_accessibility +
                              " --no-plots --quiet --json --out " + out.string();
  const auto first = run(command);
  ASSERT_EQ(first.status, 0) << first.out << first.err;
  const auto report = nlohmann::json::parse(read_text(out / "report.json"));
  // With 3 networks no Wilson bound can cross 0.5 (3 of 3: lower 0.44), so "a threshold exists" is
  // inconclusive; the predictions are count-mc vs enumeration and quenched vs annealed.
  EXPECT_EQ(report["accessibility"]["predictions"], 2);
  EXPECT_EQ(report["accessibility"]["passed"], 2);
  EXPECT_EQ(report["accessibility"]["parameters"]["max_sweeps"], 100);
  EXPECT_EQ(report["verdict"], "PASS");
  const std::string md = read_text(out / "report.md");
  EXPECT_NE(md.find("## Accessibility: dynamics thresholds and Monte Carlo counts"), std::string::npos) << md;
  EXPECT_NE(md.find("| a threshold exists, async N=16 | inconclusive | J_D* = "), std::string::npos) << md;
  EXPECT_NE(md.find("| threshold drift with N and extrapolation (async) | measurement |"), std::string::npos) << md;
  EXPECT_NE(md.find("| quenched = annealed entropy, count-mc N=10 J_D=1 |"), std::string::npos) << md;

  const auto second = run(command);
  ASSERT_EQ(second.status, 0) << second.err;
  const auto summary = nlohmann::json::parse(second.out);
  EXPECT_EQ(summary["reused_accessibility_units"], 2 * 3 + 2 + 3);  // curve points, exact and quenched networks
  EXPECT_EQ(summary["total"], 1 + 2);

  // 4 networks: every one reaches a fixed point at J_D = 0.5, the only J_D > 0 (Wilson lower 0.51),
  // so no threshold above 0 is seen: the claim FAILs and so does the run (exit code 3).
  const std::string networks = "--accessibility-networks 3";
  auto four = command;
  four.replace(four.find(networks), networks.size(), "--accessibility-networks 4");
  const auto failing = run(four);
  EXPECT_EQ(failing.status, 3) << failing.err;
  EXPECT_NE(read_text(out / "report.md").find("| a threshold exists, async N=16 | FAIL | "), std::string::npos);

  for (const std::string bad : {"--accessibility-self-couplings 0.5,0.25", "--count-mc-exact-sizes 40",
                                "--count-mc-walks 1", "--accessibility-sizes 1", "--count-mc-networks 1",
                                "--accessibility-sizes 16,12", "--accessibility-sizes 12,12"}) {
    const auto r = run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-geometry " + tiny_accessibility + " " +
                       bad + " --no-plots --quiet --out " + fresh("bad_accessibility").string());
    EXPECT_EQ(r.status, 2) << bad << "\n" << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << bad << "\n" << r.err;
    EXPECT_EQ(r.err.rfind("steer: error: ", 0), 0u) << bad << "\n" << r.err;
  }

  ASSERT_EQ(run("report --sizes 6 --self-couplings 0.5 --networks 20 --no-geometry --no-accessibility --no-plots --quiet "
                "--out " + out.string()).status, 0);
  EXPECT_FALSE(std::filesystem::exists(out / "accessibility_curves.csv"));
  EXPECT_EQ(read_text(out / "report.md").find("## Accessibility"), std::string::npos);
}
