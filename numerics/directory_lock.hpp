// An exclusive claim on a run directory for the lifetime of a run (DESIGN.md, Long runs): two
// runs writing the same --out would mix their point files and tables. The lock is an flock on
// <dir>/.steer.lock, released by the kernel when the process ends however it ends, so a killed
// run never leaves a stale lock; the file holds the holder's PID for the error message.
#pragma once

#include <filesystem>

namespace steer::numerics {

class directory_lock {
 public:
  // Throws std::invalid_argument "DIR is in use by another steer run (PID p); wait for it or
  // choose another --out" when another process holds the lock, std::runtime_error when the lock
  // file cannot be opened.
  explicit directory_lock(const std::filesystem::path& dir);
  ~directory_lock();
  directory_lock(const directory_lock&) = delete;
  directory_lock& operator=(const directory_lock&) = delete;

 private:
  int descriptor_ = -1;
};

}  // namespace steer::numerics
