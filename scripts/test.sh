#!/usr/bin/env bash
# The README's test command: configure, build and run the fast test suite.
# Pass `slow` as the first argument to run the slow label as well.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
if [[ "${1:-}" == "slow" ]]; then
  ctest --test-dir build --output-on-failure -j2
else
  ctest --test-dir build -L fast --output-on-failure -j2
fi
