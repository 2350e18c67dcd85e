// The progress meter under concurrent advance() calls (run under ThreadSanitizer in CI, where
// the unsynchronised read of the last print time was reported as a data race).
#include "numerics/progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

using steer::numerics::progress_meter;

TEST(Progress, ConcurrentAdvancesCountEveryUnitAndEndWithTheTotal) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  constexpr int threads = 4;
  constexpr int per_thread = 200000;
  {
    progress_meter meter("test", threads * per_thread, true, sink);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&meter] {
        for (int k = 0; k < per_thread; ++k) meter.advance();
      });
    for (auto& w : workers) w.join();
  }
  std::rewind(sink);
  std::string text;
  for (int c = std::fgetc(sink); c != EOF; c = std::fgetc(sink)) text += static_cast<char>(c);
  std::fclose(sink);
  // The final line (written by the destructor) reports every unit.
  const auto last = text.rfind('\r');
  ASSERT_NE(last, std::string::npos);
  EXPECT_EQ(text.substr(last, 22), "\rtest: 800000/800000 (") << text;
  EXPECT_EQ(text.back(), '\n');
}

TEST(Progress, DisabledMeterPrintsNothing) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  { progress_meter meter("quiet", 10, false, sink); meter.advance(10); }
  EXPECT_EQ(std::ftell(sink), 0);
  std::fclose(sink);
}
