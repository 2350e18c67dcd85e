// Coupling-matrix files for CLI tests (the text format of `--couplings`, numerics/fixed_points/coupling_io.hpp).
#pragma once

#include <fstream>
#include <string>

#include "tests/support/steer_process.hpp"

namespace steer_test {

// An n×n diagonal matrix (J_ii = `diagonal`, J_ij = 0) as CSV in the test's scratch directory under
// `name`: every state is a fixed point when diagonal > 0 and none is when diagonal < 0, counts a
// test can state by hand.
inline std::string diagonal_matrix(int n, double diagonal, const std::string& name) {
  const auto file = scratch() / name;
  std::ofstream out(file);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) out << (i == j ? diagonal : 0.0) << (j + 1 < n ? "," : "\n");
  return file.string();
}

}  // namespace steer_test
