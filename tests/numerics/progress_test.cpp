// The progress meter under concurrent advance() calls (run under ThreadSanitizer in CI, where
// the unsynchronised read of the last print time was reported as a data race).
#include "numerics/progress.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using steer::numerics::progress_meter;

// The threads advance for 1.3 s so that at least one line is printed while others keep
// reading the last print time (the race needs a writer).
TEST(Progress, ConcurrentAdvancesCountEveryUnitAndEndWithTheTotal) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  constexpr int threads = 4;
  std::atomic<std::uint64_t> advanced{0};
  {
    progress_meter meter("test", 1'000'000'000'000, true, sink);
    const auto stop = std::chrono::steady_clock::now() + std::chrono::milliseconds(1300);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&] {
        std::uint64_t mine = 0;
        for (; std::chrono::steady_clock::now() < stop; ++mine) meter.advance();
        advanced += mine;
      });
    for (auto& w : workers) w.join();
  }
  std::rewind(sink);
  std::string text;
  for (int c = std::fgetc(sink); c != EOF; c = std::fgetc(sink)) text += static_cast<char>(c);
  std::fclose(sink);
  // At least one line during the run, and the final line (from the destructor) counts every unit.
  EXPECT_GE(std::count(text.begin(), text.end(), '\r'), 2) << text;
  const auto last = text.rfind('\r');
  ASSERT_NE(last, std::string::npos);
  const std::string final_line = fmt::format("\rtest: {}/1000000000000 (", advanced.load());
  EXPECT_EQ(text.compare(last, final_line.size(), final_line), 0) << text;
  EXPECT_EQ(text.back(), '\n');
}

TEST(Progress, DisabledMeterPrintsNothing) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  { progress_meter meter("quiet", 10, false, sink); meter.advance(10); }
  EXPECT_EQ(std::ftell(sink), 0);
  std::fclose(sink);
}
