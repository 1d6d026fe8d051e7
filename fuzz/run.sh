#!/usr/bin/env bash
# Runs one fuzz target for the given number of seconds (default 600) with its seeds.
# Usage: fuzz/run.sh TARGET [SECONDS]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler (libFuzzer is built from
# C++ source: `apt-get install g++` or clang). libFuzzer needs nightly features;
# RUSTC_BOOTSTRAP=1 lets a stable toolchain build it. The target is optimized but keeps debug
# assertions and overflow checks (`--debug-assertions`; cargo-fuzz's `-O` would turn them off),
# so an arithmetic overflow is a crash.
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
command -v c++ >/dev/null || { echo "fuzz/run.sh: needs a C++ compiler (c++)" >&2; exit 1; }
mkdir -p "corpus/$target"
seeds=()
[ -d "seeds/$target" ] && seeds=("seeds/$target")
dict=()
[ -f "$target.dict" ] && dict=("-dict=$target.dict")
[ "$target" = config_json ] && dict=("-dict=json.dict")
RUSTC_BOOTSTRAP=1 cargo fuzz run --debug-assertions "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" "${dict[@]}"
