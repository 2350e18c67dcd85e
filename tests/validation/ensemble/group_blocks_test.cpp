// group_blocks.hpp in one process (the several-rank case is tests/tools/report_mpi_cli_test.cpp):
// compute_on_group is a plain compute(0..M) without any JSON round trip, load_or_compute_on_group
// computes and saves a missing point and reuses a saved one, and failures come back unchanged
// (agree_on_failure, run_on_root_and_agree: no failed_on_another_rank without other ranks).
#include "validation/ensemble/group_blocks.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "numerics/atomic_file.hpp"
#include "tests/support/scratch_files.hpp"

namespace validation = steer::validation;
using nlohmann::json;

namespace {

struct unit {
  std::int64_t index = 0;
  double value = 0.0;
  bool resumed = false;  // not part of the codec
};

// A codec that fails loudly if used: one process must not encode or decode anything.
validation::unit_codec<unit> refusing_codec() {
  return {[](const unit&) -> json { throw std::logic_error("encoded"); },
          [](const json&) -> unit { throw std::logic_error("decoded"); }};
}

validation::unit_codec<unit> codec() {
  return {[](const unit& u) { return json{{"index", u.index}, {"values", {u.value}}}; },
          [](const json& j) { return unit{validation::integer_field(j, "index"), validation::finite_list(j, "values", 1)[0]}; }};
}

validation::saved_unit_store store(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  return {dir, "point", {"test", "1.0", {{"seed", 3}}}};
}

}  // namespace

TEST(GroupBlocks, OneProcessComputesEverythingOnceWithoutEncoding) {
  std::vector<validation::index_range> asked;
  const auto units = validation::compute_on_group<unit>(7, refusing_codec(), [&](validation::index_range range) {
    asked.push_back(range);
    std::vector<unit> block;
    for (std::int64_t k = range.begin; k < range.end; ++k) block.push_back({k, 0.1 * static_cast<double>(k), k == 2});
    return block;
  });
  ASSERT_EQ(asked, (std::vector<validation::index_range>{{0, 7}}));
  ASSERT_EQ(units.size(), 7u);
  EXPECT_EQ(units[6].index, 6);
  EXPECT_EQ(units[6].value, 0.1 * 6.0);
  EXPECT_TRUE(units[2].resumed);
  EXPECT_FALSE(units[3].resumed);
}

TEST(GroupBlocks, OneProcessGathersItsOwnBlockAndChecksItsSize) {
  const std::vector<json> mine = {json{{"a", 1}}, json{{"a", 0.1}}};
  EXPECT_EQ(validation::all_blocks_on_every_rank(2, mine), mine);
  EXPECT_THROW(validation::all_blocks_on_every_rank(3, mine), std::runtime_error);
}

TEST(GroupBlocks, FailuresComeBackUnchanged) {
  EXPECT_NO_THROW(validation::agree_on_failure(nullptr));
  EXPECT_THROW(validation::agree_on_failure(std::make_exception_ptr(std::domain_error("x"))), std::domain_error);
  int ran = 0;
  validation::run_on_root_and_agree([&] { ++ran; });
  EXPECT_EQ(ran, 1);
  EXPECT_THROW(validation::run_on_root_and_agree([] { throw std::domain_error("z"); }), std::domain_error);
  EXPECT_THROW(validation::compute_on_group<unit>(
                   3, refusing_codec(), [](validation::index_range) -> std::vector<unit> { throw std::domain_error("y"); }),
               std::domain_error);
}

TEST(GroupBlocks, LoadOrComputeSavesAMissingPointAndReusesASavedOne) {
  const auto dir = steer_test::fresh_directory("steer_group_blocks_test", std::to_string(getpid()));
  const auto saved = store(dir);
  const auto point_codec = codec();
  int computed = 0;
  const auto compute = [&] {
    ++computed;
    return unit{4, 1.0 / 3.0, false};
  };
  bool reused = true;
  const unit first = validation::load_or_compute_on_group<unit>(saved, point_codec, reused, compute);
  EXPECT_FALSE(reused);
  EXPECT_EQ(computed, 1);
  EXPECT_TRUE(std::filesystem::exists(saved.file(0)));
  const unit second = validation::load_or_compute_on_group<unit>(saved, point_codec, reused, compute);
  EXPECT_TRUE(reused);
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(second.index, 4);
  EXPECT_EQ(second.value, first.value);  // 1/3 back bit for bit

  // A damaged point is recomputed, with a note saying which file and why.
  auto file = json::parse(steer_test::read_text(saved.file(0)));
  file["result"]["values"] = {"not a number"};
  steer::numerics::write_file_atomically(saved.file(0), file.dump());
  testing::internal::CaptureStderr();
  validation::load_or_compute_on_group<unit>(saved, point_codec, reused, compute);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_FALSE(reused);
  EXPECT_EQ(computed, 2);
  EXPECT_NE(err.find("steer: note: recomputing " + saved.file(0).string()), std::string::npos) << err;
  std::filesystem::remove_all(dir);
}
