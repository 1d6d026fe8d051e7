#!/usr/bin/env bash
# Checks an HTML report in a real browser (headless Chromium): fails when the page does not
# load, when its rendered text lacks the name of any Key account, or when its screenshot is
# blank. Key accounts are the rows of the per-account CSV whose `tier` is Key.
#
#   scripts/check_report.sh REPORT.html [ACCOUNTS.csv]    # CSV default: accounts.csv beside it
#
# Installs Chromium with apt-get when it is missing and the script runs as root. Leaves the
# screenshot beside the report (REPORT.png).
set -euo pipefail

html=$(realpath "$1")
csv=${2:-$(dirname "$html")/accounts.csv}
shot="${html%.html}.png"
here=$(cd "$(dirname "$0")" && pwd)

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing chromium"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
        browser=$(command -v chromium)
    else
        echo "check_report: no Chromium found; install the chromium package" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$work/profile" "$@" "file://$html" 2>>"$work/browser.log"
}

if ! run --dump-dom >"$work/dom.html" || ! grep -qi "<body" "$work/dom.html"; then
    echo "check_report: $html did not load in Chromium" >&2
    tail -5 "$work/browser.log" >&2 || true
    exit 1
fi

# Every Key account's name in the rendered text.
python3 - "$work/dom.html" "$csv" <<'PY'
import csv, html.parser, sys

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")
    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script") and self.skip > 0
    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

dom, path = sys.argv[1], sys.argv[2]
parser = Text()
parser.feed(open(dom, encoding="utf-8").read())
text = " ".join(" ".join(parser.parts).split())
if "<script" in open(dom, encoding="utf-8").read().lower():
    sys.exit("check_report: the page has a script; reports must be static")
# The header has no quoted cells, so its most frequent separator is the delimiter (a sniffer
# over whole rows is misled by the text columns).
header = open(path, encoding="utf-8").readline()
delimiter = max(",;\t", key=header.count)
rows = list(csv.DictReader(open(path, encoding="utf-8", newline=""), delimiter=delimiter))
if not rows or "tier" not in rows[0] or "name" not in rows[0]:
    sys.exit(f"check_report: {path} has no name and tier columns")
keys = [r["name"] for r in rows if r["tier"].strip().lower() == "key"]
missing = [n for n in keys if " ".join(n.split()) not in text]
if missing:
    sys.exit(f"check_report: Key accounts missing from the rendered page: {missing}")
print(f"rendered text names all {len(keys)} Key accounts")
PY

if ! run --screenshot="$shot" --window-size=1280,2000 >/dev/null || [ ! -s "$shot" ]; then
    echo "check_report: no screenshot of $html" >&2
    exit 1
fi
python3 "$here/png_stats.py" "$shot"
echo "check_report: $html renders ($shot)"
