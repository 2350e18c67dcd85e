// A trained network on disk: "steer-learning-model 1\n", the length of the config JSON and the
// config (every key, train_config.hpp), then every coupling matrix as raw little-endian float32
// in a fixed order (for each layer: J, W_in, F, Bk, Wback_skip, Wforth_skip, bias; then W_back,
// W_forth). Bytes depend only on the network, so an interrupted-and-resumed run and an
// uninterrupted one can be compared byte for byte.
#pragma once

#include <filesystem>
#include <string>

#include "solvers/learning/steering_network.hpp"
#include "validation/learning/train_config.hpp"

namespace steer::validation {

std::string model_bytes(const training_config& config, const solvers::steering_network& net);

struct loaded_model {
  training_config config;
  solvers::steering_network network;
};

// Throws std::invalid_argument naming the file for a missing file, a bad header, a config that
// does not validate, or a size that does not match the config.
loaded_model read_model_file(const std::filesystem::path& file);

}  // namespace steer::validation
