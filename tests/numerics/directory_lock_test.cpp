// One run per output directory: a second claim fails naming the holder's PID, and the claim
// ends with its owner.
#include "numerics/directory_lock.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

using steer::numerics::directory_lock;

TEST(DirectoryLock, SecondClaimFailsNamingTheHolderUntilTheFirstEnds) {
  // Per-process name: ctest -j runs test binaries concurrently.
  const auto dir = std::filesystem::temp_directory_path() / ("steer-lock-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::optional<directory_lock> first(std::in_place, dir);
  try {
    directory_lock second(dir);
    ADD_FAILURE() << "a second lock on the same directory was granted";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("PID " + std::to_string(::getpid())), std::string::npos) << message;
    EXPECT_NE(message.find(dir.string()), std::string::npos) << message;
  }
  first.reset();
  EXPECT_NO_THROW(directory_lock again(dir));
  std::filesystem::remove_all(dir);
}

TEST(DirectoryLock, MissingDirectoryIsAnError) {
  EXPECT_THROW(directory_lock(std::filesystem::path("/nonexistent-steer-dir/sub")), std::runtime_error);
}
