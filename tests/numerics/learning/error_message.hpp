// The message of the std::invalid_argument that `f` throws ("" if it throws none): the learning
// tests compare refusals line for line.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace steer_test {

inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace steer_test
