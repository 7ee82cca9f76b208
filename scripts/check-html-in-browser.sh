#!/usr/bin/env bash
# Renders the HTML report of every bundled dataset, and the page of charts
# (example report_charts), in Vietnamese and English with headless Chromium, as an
# A4-wide screenshot and as a PDF, and checks each: the PNG and the PDF exist and are
# not tiny, the PDF has at least one page, and the PNG is not blank.
#
# Usage: scripts/check-html-in-browser.sh [OUTPUT_DIR]   (default: target/browser-check)
# Installs chromium and poppler-utils with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/browser-check}
mkdir -p "$out"
out=$(cd "$out" && pwd)

need=()
command -v chromium > /dev/null 2>&1 || need+=(chromium)
command -v pdfinfo > /dev/null 2>&1 || need+=(poppler-utils)
if ((${#need[@]})); then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq > /dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation > /dev/null
fi
chromium=$(command -v chromium)

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

browser() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --hide-scrollbars --user-data-dir="$profile" "$@" > /dev/null 2>&1
}

# The PNG decoded with the standard library only: how many distinct colours its
# pixels have and how many pixels are not white. A blank page has one colour.
png_check() {
    python3 - "$1" << 'EOF'
import struct, sys, zlib

path = sys.argv[1]
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
    elif kind == b"IDAT":
        idat += chunk
    pos += 12 + length
channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
if depth != 8 or channels is None:
    sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {ctype})")
raw = zlib.decompress(idat)
stride = width * channels
prev = bytearray(stride)
colours, ink = set(), 0
for y in range(height):
    start = y * (stride + 1)
    kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b, c = prev[i], prev[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, width, 2):
            px = bytes(line[x * channels:x * channels + min(channels, 3)])
            colours.add(px)
            if min(px) < 200:
                ink += 1
print(f"{width}x{height}, {len(colours)} colours, {ink} dark samples")
if width < 100 or height < 100:
    sys.exit(f"{path}: too small")
if len(colours) < 2 or ink < 500:
    sys.exit(f"{path}: looks blank")
EOF
}

failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

check_page() {
    local name=$1 html=$2
    local png="$out/$name.png" pdf="$out/$name.pdf"
    rm -f "$png" "$pdf"
    browser --screenshot="$png" --window-size=1240,1754 "file://$html" || true
    browser --print-to-pdf="$pdf" --no-pdf-header-footer "file://$html" || true
    local size
    if [ ! -s "$png" ]; then
        fail "$name: no screenshot"
    else
        size=$(wc -c < "$png")
        [ "$size" -gt 20000 ] || fail "$name: screenshot of $size bytes"
        local summary
        if summary=$(png_check "$png"); then
            echo "  $name.png: $summary"
        else
            fail "$name: $summary"
        fi
    fi
    if [ ! -s "$pdf" ]; then
        fail "$name: no PDF"
    else
        size=$(wc -c < "$pdf")
        [ "$size" -gt 10000 ] || fail "$name: PDF of $size bytes"
        local pages
        pages=$(pdfinfo "$pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
        local size_line
        size_line=$(pdfinfo "$pdf" 2> /dev/null | awk -F': *' '/^Page size:/ { print $2 }')
        if [ "${pages:-0}" -ge 1 ]; then
            echo "  $name.pdf: $pages page(s), $size_line"
        else
            fail "$name: PDF has no page"
        fi
        case $size_line in
            *"(A4)"* | 59[45]*" x 84"[12]*) ;;
            *) fail "$name: PDF page is not A4 ($size_line)" ;;
        esac
    fi
}

cargo build --quiet --all-features --examples
for data in examples/data/*.json; do
    name=$(basename "$data" .json)
    for lang in vi en; do
        html="$out/$name-$lang.html"
        cargo run --quiet --all-features --example district_report -- "$data" \
            --format html --lang "$lang" > "$html"
        echo "$name ($lang)"
        check_page "$name-$lang" "$html"
    done
done
for lang in vi en; do
    html="$out/charts-$lang.html"
    cargo run --quiet --all-features --example report_charts -- --format html --lang "$lang" > "$html"
    grep -q '<svg' "$html" || fail "charts-$lang: no chart in the page"
    echo "charts ($lang)"
    check_page "charts-$lang" "$html"
done
for lang in vi en; do
    html="$out/whatif-$lang.html"
    cargo run --quiet --all-features --example whatif -- --format html --lang "$lang" > "$html"
    grep -q '<table>' "$html" || fail "whatif-$lang: no table in the page"
    echo "whatif ($lang)"
    check_page "whatif-$lang" "$html"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed; pages in $out"
    exit 1
fi
echo "all pages render; screenshots and PDFs in $out"
