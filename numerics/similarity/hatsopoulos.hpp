// The Hatsopoulos, Xu & Amit (2007) M1 centre-out reaching data shipped in
// data/hatsopoulos2007/ (spec rate-rnn-credit-assignment §5.1; the folder's README for source,
// licence and preprocessing): 141 neurons × 121 bins of 10 ms (−800..+400 ms, bin 80 = movement
// onset) × 8 reach directions, trial-averaged rates in Hz.
//
// The loader is strict on purpose: it is the reference every model is compared with, so a copy
// with missing, extra or reordered rows, a non-finite value or a value out of range is refused
// with one line naming the file, the data row and its line.
#pragma once

#include <Eigen/Dense>

#include <filesystem>
#include <string>
#include <vector>

#include "numerics/similarity/activity.hpp"

namespace steer::numerics {

inline constexpr int hatsopoulos_neurons = 141;
inline constexpr int hatsopoulos_bins = 121;
inline constexpr int hatsopoulos_directions = 8;
inline constexpr int hatsopoulos_onset_bin = 80;
// Rates above 1000 Hz would need spikes closer than the ~1 ms refractory period.
inline constexpr double hatsopoulos_max_rate_hz = 1000.0;

// <dir>/firing_rates.csv (neuron,time_bin,direction,rate_hz, neuron-major, then bin, then
// direction) as conditions = directions, times = bins, units = neurons; raw Hz (spec §5.1).
activity_array load_hatsopoulos_rates(const std::filesystem::path& dir);

// <dir>/kinematics.csv: 8 × 121 rows (direction-major, then bin) of the named variables, each
// scaled to max |value| = 1; values() row r = bin + 121·direction.
struct hatsopoulos_kinematics {
  std::vector<std::string> variables;  // xhandposition, ..., shoulderangle, elbowangle
  Eigen::MatrixXd values;
};
hatsopoulos_kinematics load_hatsopoulos_kinematics(const std::filesystem::path& dir);

}  // namespace steer::numerics
