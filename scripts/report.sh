#!/usr/bin/env bash
# The README's main-job command: install, build, and run `steer report` with its defaults
# (extra arguments are passed on, e.g. --out results/mine).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target steer
./build/tools/steer report "$@"
