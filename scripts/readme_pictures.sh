#!/usr/bin/env bash
# Regenerates the README's pictures (docs/img/*.png) from the bundled sample: runs the report
# example, takes each chart out of the HTML page and has headless Chromium draw it as PNG.
#
#   scripts/readme_pictures.sh
#
# Needs Chromium (installed with apt-get when missing and run as root) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --features xlsx --example report -- --out "$work/report" >/dev/null
mkdir -p docs/img

# One SVG file per figure, named by the figure's id, with its size.
python3 - "$work/report/report.html" "$work" >"$work/list" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
for fid, svg in re.findall(r'<figure id="chart-([a-z-]+)">(<svg.*?</svg>)', page, re.S):
    w, h = re.search(r'<svg[^>]*?width="(\d+)"[^>]*?height="(\d+)"', svg).groups()
    open(f"{sys.argv[2]}/{fid}.svg", "w", encoding="utf-8").write(svg)
    print(fid, w, h)
PY

while read -r name w h; do
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" --window-size="$w,$h" \
        --screenshot="docs/img/$name.png" "file://$work/$name.svg" 2>/dev/null
    python3 scripts/png_stats.py "docs/img/$name.png" >/dev/null
    echo "docs/img/$name.png"
done <"$work/list"
