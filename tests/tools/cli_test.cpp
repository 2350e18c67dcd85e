// The `steer` CLI contract (issue 3): JSON outputs, --help, and one line + exit code 2 for
// every kind of bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "tests/support/cli_checks.hpp"
#include "tests/support/npy_bytes.hpp"
#include "tests/support/steer_process.hpp"

using steer_test::expect_bad_input;
using steer_test::run;
using steer_test::run_json;
using steer_test::scratch;

namespace {

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

}  // namespace

// The literals below are spec fixed-points-theory's tables, to the digits it prints; they are
// also rows of tests/theory/reference/{annealed,pair}_count.inc, which
// tools/reference/{annealed,pair}_count.py regenerate in mpmath.
TEST(Cli, TheoryCountMatchesTheSpecTable) {
  const auto j = run_json("theory count --n 20 --self-coupling 0.5 --json");
  EXPECT_EQ(j["n"], 20);
  EXPECT_NEAR(j["expected_fixed_points"].get<double>(), 746.5195901, 1e-6);
  EXPECT_NEAR(j["log_expected_fixed_points"].get<double>(), std::log(746.5195901), 1e-9);
  EXPECT_NEAR(j["entropy_large_n"].get<double>(), 0.3242007653, 1e-9);
}

TEST(Cli, TheoryCountCurve) {
  const auto j = run_json("theory count --n 10 --self-coupling-range 0:1:5 --json");
  ASSERT_EQ(j["self_coupling"].size(), 5u);
  EXPECT_NEAR(j["expected_fixed_points"][0].get<double>(), 1.0, 1e-12);
  EXPECT_NEAR(j["expected_fixed_points"][4].get<double>(), 211.4872021, 1e-6);
}

TEST(Cli, TheoryCountWithCorrelatedCouplings) {
  const auto sk = run_json("theory count --n 1000 --self-coupling 0 --symmetry 1 --json");
  EXPECT_NEAR(sk["entropy_large_n"].get<double>(), 0.1992, 5e-5);  // Tanaka–Edwards
  const auto anti = run_json("theory count --n 10 --self-coupling 0.5 --symmetry -0.5 --json");
  EXPECT_TRUE(anti["expected_fixed_points"].is_null());
  EXPECT_LT(anti["entropy_large_n"].get<double>(), 0.3242007653);
}

TEST(Cli, TheoryPairsMatchesTheSpecTable) {
  const auto j = run_json("theory pairs --n 16 --self-coupling 0.5 --json");
  ASSERT_EQ(j["distance"].size(), 17u);
  EXPECT_NEAR(j["expected_pairs"][1].get<double>(), 356.0278133, 1e-6);
  EXPECT_NEAR(j["expected_pairs"][8].get<double>(), 6274.542430, 1e-5);
}

TEST(Cli, EnumerateJsonHasTheContractKeys) {
  const auto j = run_json("enumerate --n 12 --self-coupling 0.5 --networks 100 --seed 1 --json");
  for (const char* key : {"mean_fixed_points", "sem_fixed_points", "theory_expected_fixed_points", "pair_distance_mean",
                          "pair_distance_sem"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_NEAR(j["theory_expected_fixed_points"].get<double>(), 55.96536432, 1e-6);
  EXPECT_EQ(j["pair_distance_mean"].size(), 13u);
}

TEST(Cli, EnumerateIsIdenticalForOneAndTwoThreads) {
  const auto one = run("enumerate --n 14 --networks 40 --threads 1 --json");
  const auto two = run("enumerate --n 14 --networks 40 --threads 2 --json");
  EXPECT_EQ(one.out, two.out);
}

TEST(Cli, EnumerateAUserMatrixAndListItsFixedPoints) {
  const auto dir = scratch() / "saved";
  std::filesystem::remove_all(dir);
  const auto sampled = run_json("enumerate --n 10 --networks 1 --seed 4 --save-couplings " + dir.string() + " --json");
  const auto listing = scratch() / "fps.csv";
  const auto mine = run_json("enumerate --couplings " + (dir / "couplings_000000.csv").string() +
                             " --list-fixed-points " + listing.string() + " --json");
  EXPECT_EQ(mine["fixed_points"], sampled["fixed_points"]);
  std::ifstream in(listing);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "network,s0,s1,s2,s3,s4,s5,s6,s7,s8,s9");
  int rows = 0;
  for (std::string line; std::getline(in, line);) ++rows;
  EXPECT_EQ(rows, mine["fixed_points"].get<int>());
}

TEST(Cli, ReportWritesVerdictsAndResumes) {
  const auto dir = scratch() / "report";
  std::filesystem::remove_all(dir);
  const std::string args =
      "report --sizes 6,8 --self-couplings 0,0.5 --networks 300 --no-plots --no-geometry --no-accessibility --json --out " +
      dir.string();
  const auto first = run_json(args);
  EXPECT_EQ(first["total"], 4);
  EXPECT_EQ(first["verdict"], "PASS");
  EXPECT_EQ(first["reused_points"], 0);
  for (const char* file : {"report.md", "report.json", "counts.csv", "pairs.csv", "count_distribution.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir / file)) << file;
  const auto second = run_json(args);
  EXPECT_EQ(second["reused_points"], 4);
  EXPECT_EQ(second["passed"], first["passed"]);
}

// Above N = 26 pairs cost O(#FP²): skipped by default with a note on stderr, not silently.
TEST(Cli, LargeNetworksSkipPairsWithANote) {
  const auto r = run("enumerate --n 27 --networks 1 --json");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("pair_distance_histogram"));
  EXPECT_NE(r.err.find("--pairs forces them"), std::string::npos) << r.err;
}

TEST(Cli, BenchReportsBothKernels) {
  const auto j = run_json("bench enumerate --n 16 --min-seconds 0.05 --json");
  EXPECT_GT(j["states_per_second"].get<double>(), 0.0);
  EXPECT_GT(j["baseline_states_per_second"].get<double>(), 0.0);
  EXPECT_TRUE(j["counts_agree"].get<bool>());
}

TEST(Cli, HelpOnEveryCommand) {
  for (const char* command : {"--help", "theory --help", "theory count --help", "theory pairs --help", "enumerate --help",
                              "bench enumerate --help", "report --help"}) {
    const auto r = run(command);
    EXPECT_EQ(r.status, 0) << command;
    EXPECT_NE(r.out.find("--"), std::string::npos) << command;
  }
}

TEST(Cli, BadInputGivesOneLineAndExitCodeTwo) {
  expect_bad_input("theory count --n 0 --json", "--n must be in [2, 1000000000], got 0");
  expect_bad_input("theory count --n -3", "got -3");
  expect_bad_input("theory count --self-coupling nan", "--self-coupling must be finite");
  expect_bad_input("theory count --self-coupling inf", "--self-coupling must be finite");
  expect_bad_input("theory count --self-coupling-range 0:1", "expected a:b:k");
  expect_bad_input("theory count --self-coupling-range 0:1:x", "point count k");
  expect_bad_input("theory count --self-coupling-range 0:nan:3", "must be finite");
  expect_bad_input("theory count --symmetry 2", "--symmetry must be in [-1, 1], got 2");
  expect_bad_input("theory pairs --symmetry 0.5", "--symmetry");
  expect_bad_input("enumerate --n 41", "--n must be in [2, 40], got 41");
  expect_bad_input("enumerate --n 1", "--n must be in [2, 40], got 1");
  expect_bad_input("enumerate --networks 0", "--networks must be in [1, 1000000], got 0");
  expect_bad_input("enumerate --self-coupling nan", "--self-coupling must be finite");
  expect_bad_input("enumerate --n 8 --out /proc/steer-cannot-write", "--out");
  expect_bad_input("enumerate --couplings /nonexistent/j.csv", "does not exist");
  expect_bad_input("enumerate --kernel fast", "--kernel");
  expect_bad_input("enumerate --pairs --no-pairs", "excludes");
  expect_bad_input("enumerate --couplings j.csv --n 5", "excludes");
  expect_bad_input("report --sizes 8:50:3 --out " + (scratch() / "bad").string(), "sizes");
  expect_bad_input("report --sizes 27", "sizes: N must be in [2, 26]");
  expect_bad_input("report --networks 1", "--networks must be in [2, 1000000], got 1");
  expect_bad_input("report --self-couplings 0,a", "--self-couplings: 'a' is not a decimal number");
  expect_bad_input("bench enumerate --n 50", "--n");
}

// CLI11's own errors (unknown option, repeated option, missing subcommand) are one line too.
TEST(Cli, ParserErrorsAreOneLine) {
  expect_bad_input("theory count --bogus", "bogus");
  expect_bad_input("theory count --n 3 --n 4", "--n");
  expect_bad_input("theory count extra", "extra");
  expect_bad_input("theory", "subcommand");
  expect_bad_input("", "subcommand");
}

// Issue 7, item 7: every number is plain decimal and whole; no option takes an empty value.
TEST(Cli, NumbersAreParsedStrictly) {
  const std::pair<const char*, const char*> table[] = {
      {"theory count --n 010", "--n: '010' has a leading zero"},
      {"theory count --n 0x10", "--n: '0x10' has a leading zero"},
      {"theory count --n 2.5", "--n must be a decimal integer in [2, 1000000000], got '2.5'"},
      {"theory count --n 1e8", "--n must be a decimal integer"},
      {"theory count --n +20", "--n must be a decimal integer"},
      {"theory count --n ''", "--n: got an empty value"},
      {"theory count --self-coupling ''", "--self-coupling: got an empty value"},
      {"theory count --self-coupling 0x1p3", "--self-coupling: '0x1p3' is not a decimal number"},
      {"theory count --self-coupling 1e400", "--self-coupling: '1e400' is out of the range of double"},
      {"theory count --self-coupling-range ''", "--self-coupling-range: got an empty value"},
      {"theory count --self-coupling-range 0:1:010", "point count k in a:b:k: '010' has a leading zero"},
      {"theory count --seed -1", "--seed must be a decimal integer in [0, 18446744073709551615], got '-1'"},
      {"theory count --seed 18446744073709551616", "--seed must be in [0, 18446744073709551615], got 18446744073709551616"},
      {"theory count --seed 1e23", "--seed must be a decimal integer"},
      {"theory count --seed 0x10", "--seed: '0x10' has a leading zero"},
      {"theory count --seed ''", "--seed: got an empty value"},
      {"enumerate --couplings ''", "--couplings: got an empty value"},
      {"enumerate --n 8 --out ''", "--out: got an empty value"},
      {"enumerate --n 8 --list-fixed-points ''", "--list-fixed-points: got an empty value"},
      {"enumerate --n 8 --save-couplings ''", "--save-couplings: got an empty value"},
      {"enumerate --networks 1.5", "--networks must be a decimal integer"},
      {"bench enumerate --sizes ''", "--sizes: got an empty value"},
      {"report --sizes ''", "--sizes: got an empty value"},
      {"report --self-couplings ''", "--self-couplings: got an empty value"},
      {"report --self-couplings 0,,1", "--self-couplings: got an empty value"},
  };
  for (const auto& [arguments, needle] : table) expect_bad_input(arguments, needle);
}

// Issue 7, item 8: every size and count has a documented upper bound, checked before any work.
TEST(Cli, SizesAndCountsAreBounded) {
  const std::pair<const char*, const char*> table[] = {
      {"theory count --n -5 --symmetry -0.5", "--n must be in [2, 1000000000], got -5"},
      {"theory count --n 2147483648", "--n must be in [2, 1000000000], got 2147483648"},
      {"theory pairs --n 100000000", "--n must be in [2, 100000], got 100000000"},
      {"enumerate --networks 1000000000000", "--networks must be in [1, 1000000], got 1000000000000"},
      {"enumerate --symmetry -1.5", "--symmetry must be in [-1, 1], got -1.5"},
      {"report --networks 1000000000000", "--networks must be in [2, 1000000], got 1000000000000"},
      {"report --sizes 2147483648", "--sizes: N must be in [2, 26], got 2147483648"},
      {"report --sizes 8.5", "--sizes: N must be an integer, got 8.5"},
      {"bench enumerate --sizes 2147483648", "--sizes: N must be in [2, 34], got 2147483648"},
      {"bench enumerate --min-seconds 0", "--min-seconds must be in [0.001, 3600], got 0"},
      {"theory count --threads -1", "--threads must be in [0, 1024], got -1"},
      {"theory count --threads 100000", "--threads must be in [0, 1024], got 100000"},
      {"theory count --self-coupling-range 0:1:2000000", "point count k in a:b:k must be in [1, 1000000]"},
      {"report --self-couplings 0:1:600000,0:1:600000", "--self-couplings: more than 1000000 values"},
  };
  for (const auto& [arguments, needle] : table) expect_bad_input(arguments, needle);
}

// Issue 7, item 9: quoted input is escaped, so the message stays one readable line; the error
// names the option that is wrong and comes before any note.
TEST(Cli, MessagesStayOneReadableLine) {
  const auto dir = scratch();
  write_bytes(dir / "stray_bom.csv", "0.5,\xEF\xBB\xBF" "0.3\n0.1,0.5\n");
  expect_bad_input("enumerate --couplings " + (dir / "stray_bom.csv").string(), "'\\xEF\\xBB\\xBF0.3' is not a number");
  write_bytes(dir / "control.csv", std::string("0.5,0\x1B[2J\0x\n0.1,0.5\n", 18));
  expect_bad_input("enumerate --couplings " + (dir / "control.csv").string(), "'0\\x1B[2J\\x00x' is not a number");
  write_bytes(dir / "latin1.csv", "0.5,\xE9" "0.3\n0.1,0.5\n");
  expect_bad_input("enumerate --couplings " + (dir / "latin1.csv").string(), "'\\xE90.3' is not a number");
  write_bytes(dir / "long.csv", "0.5," + std::string(5000, 'x') + "\n0.1,0.5\n");
  expect_bad_input("enumerate --couplings " + (dir / "long.csv").string(), "xxx'... is not a number");
  // File names are quoted input too: a newline or a BOM in one is shown escaped.
  write_bytes(dir / "odd\nname\xEF\xBB\xBF.csv", "1,2\n");
  expect_bad_input("enumerate --couplings \"" + (dir / "odd\nname\xEF\xBB\xBF.csv").string() + "\"",
                   "odd\\nname\\u{FEFF}.csv: not square");
  expect_bad_input("theory count --n \"$(printf '1\\n2')\"", "got '1\\n2'");
  expect_bad_input("theory count --bogus\"$(printf '\\r')\"", "bogus\\r");

  std::string big;
  for (int i = 0; i < 41; ++i) {
    for (int j = 0; j < 41; ++j) big += j == 0 ? "0.5" : ",0.1";
    big += '\n';
  }
  write_bytes(dir / "big.csv", big);
  expect_bad_input("enumerate --couplings " + (dir / "big.csv").string(), "N must be in [2, 40] for exhaustive enumeration, got 41");

  write_bytes(dir / "plain_file", "");
  expect_bad_input("enumerate --n 4 --save-couplings " + (dir / "plain_file" / "sub").string(), "--save-couplings: cannot create");
  expect_bad_input("enumerate --n 8 --list-fixed-points /nonexistent/fps.csv", "--list-fixed-points: directory /nonexistent");
}

// Issue 7, items 8 and 10: .npy headers are checked against the data before anything is allocated.
TEST(Cli, HugeNpyShapesAreBadInputNotOutOfMemory) {
  for (const std::string shape : {"4294967296, 4294967296", "1000000000000000000000000000000, 1000000000000000000000000000000"}) {
    write_bytes(scratch() / "huge.npy", steer_test::npy_bytes_with_shape(shape, 32));
    expect_bad_input("enumerate --couplings " + (scratch() / "huge.npy").string(), "huge.npy: shape");
  }
}

TEST(Cli, TruncatedCouplingsFileIsBadInput) {
  const auto file = scratch() / "truncated.csv";
  std::ofstream(file) << "0.5,0.1,0.2\n0.3,0.5\n";
  expect_bad_input("enumerate --couplings " + file.string(), "not square");
}
