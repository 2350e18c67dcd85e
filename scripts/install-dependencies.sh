#!/usr/bin/env bash
# Installs the Debian (bookworm) packages steer builds and runs with. Idempotent: does nothing
# when everything is present. Needs root (or sudo) only when something is missing.
set -euo pipefail
packages=(build-essential cmake git libboost-dev libgsl-dev libeigen3-dev libfmt-dev libcli11-dev
          nlohmann-json3-dev libyaml-cpp-dev libzip-dev librandom123-dev libgtest-dev libbenchmark-dev python3-matplotlib python3-numpy python3-mpmath
          openmpi-bin libopenmpi-dev
          pybind11-dev python3-dev python3-scipy)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
