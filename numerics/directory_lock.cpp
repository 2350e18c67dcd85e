#include "numerics/directory_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace steer::numerics {
namespace {

// The PID the holder wrote, or "unknown" (it may be between flock and write).
std::string holder_pid(int descriptor) {
  char buffer[32] = {};
  const ssize_t got = ::pread(descriptor, buffer, sizeof buffer - 1, 0);
  std::string pid;
  for (ssize_t k = 0; k < got && buffer[k] >= '0' && buffer[k] <= '9'; ++k) pid += buffer[k];
  return pid.empty() ? "unknown" : pid;
}

}  // namespace

directory_lock::directory_lock(const std::filesystem::path& dir) {
  const std::string file = (dir / ".steer.lock").string();
  descriptor_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (descriptor_ < 0) throw std::runtime_error(fmt::format("cannot open the lock file {}: {}", file, std::strerror(errno)));
  if (::flock(descriptor_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string pid = holder_pid(descriptor_);
    ::close(descriptor_);
    if (error == EWOULDBLOCK)
      throw std::invalid_argument(fmt::format(
          "{} is in use by another steer run (PID {}); wait for it to finish or choose another --out", dir.string(), pid));
    throw std::runtime_error(fmt::format("cannot lock {}: {}", file, std::strerror(error)));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(descriptor_, 0) != 0 || ::pwrite(descriptor_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    ::close(descriptor_);
    throw std::runtime_error(fmt::format("cannot write the lock file {}: {}", file, std::strerror(errno)));
  }
}

directory_lock::~directory_lock() { ::close(descriptor_); }  // closing releases the flock

}  // namespace steer::numerics
