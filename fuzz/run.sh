#!/usr/bin/env bash
# Runs one fuzz target for the given number of seconds (default 600) with its seeds.
# Usage: fuzz/run.sh TARGET [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=${2:-600}
mkdir -p "corpus/$target"
seeds=()
[ -d "seeds/$target" ] && seeds=("seeds/$target")
dict=()
[ -f "$target.dict" ] && dict=("-dict=$target.dict")
[ "$target" = config_json ] && dict=("-dict=json.dict")
RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" "${dict[@]}"
