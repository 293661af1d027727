#!/usr/bin/env bash
# Renders the demo briefs (Dutch and English) and every chart in headless Chromium and checks them:
#   - each page loads with no console errors (Chromium's console log on stderr),
#   - each brief prints to a PDF of at most two A4 pages (pdfinfo),
#   - PNG screenshots of each chart, each brief page and each printed PDF page are written to
#     docs/screenshots/ for review (commit them when they change).
# Needs the Debian packages chromium and poppler-utils (apt-get install chromium poppler-utils).
#   Scripts/browser_check.sh              build, render, check, write screenshots
#   Scripts/browser_check.sh --self-test  also prove that the console check catches an error
# Exit status: 0 all checks passed, 1 a check failed, 2 a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in chromium pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { echo "browser_check: '$tool' not found; install chromium and poppler-utils" >&2; exit 2; }
done

out="$(mktemp -d "${TMPDIR:-/tmp}/truant-browser.XXXXXX")"
shots="docs/screenshots"
mkdir -p "$shots"
trap 'rm -rf "$out"' EXIT

export OPENBLAS_NUM_THREADS=1
swift build --build-tests >/dev/null
TRUANT_GALLERY_DIR="$out" swift test --skip-build --filter "ReportsTests.writeGallery" >/dev/null

# One private profile per run; flags that make headless output stable on CI machines.
# Each call is bounded (headless Chromium can hang on a loaded machine) and retried once.
chrome() {
  chrome_once "$@" || chrome_once "$@"
}
chrome_once() {
  timeout -k 5 "${BROWSER_TIMEOUT:-60}" chromium --headless --disable-gpu --no-sandbox --no-first-run --no-default-browser-check \
    --user-data-dir="$out/profile" --hide-scrollbars --force-device-scale-factor=1 \
    --disable-features=Translate,MediaRouter --run-all-compositor-stages-before-draw "$@"
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Loads a page and fails on any console message of level error (Chromium logs them as
# "CONSOLE(...)" / "console.error" lines with --enable-logging=stderr --v=0), uncaught exceptions
# and resources that failed to load.
console_check() {
  local page="$1" log="$out/$(basename "$1").console.log"
  chrome --enable-logging=stderr --v=0 --virtual-time-budget=2000 --dump-dom "file://$(realpath "$page")" \
    >"$out/$(basename "$1").dom" 2>"$log" || true
  if grep -E "CONSOLE|console\.|Uncaught|Failed to load resource|ERR_FILE_NOT_FOUND" "$log" | grep -viE "INFO:CONSOLE\([0-9]+\)\] \"(\[info\]|\[log\])" >"$log.hits"; then
    if [[ -s "$log.hits" ]]; then
      fail "$page: console errors:"; cat "$log.hits" >&2; return 1
    fi
  fi
  grep -q "</svg>" "$out/$(basename "$1").dom" || { fail "$page: no SVG in the rendered DOM"; return 1; }
  return 0
}

if [[ "${1:-}" == "--self-test" ]]; then
  printf '<!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg"></svg><script>console.error("deliberate")</script></body></html>' >"$out/broken.html"
  if console_check "$out/broken.html" 2>/dev/null; then
    echo "browser_check: self-test FAILED: a page with console.error passed" >&2; exit 1
  fi
  failures=0
  grep -q "deliberate" "$out/broken.html.console.log.hits" || { echo "browser_check: self-test FAILED: flagged for another reason" >&2; cat "$out/broken.html.console.log.hits" >&2; exit 1; }
  echo "browser_check: self-test ok (a console error is caught)"
fi

for f in "$out"/chart-*.html; do
  name="$(basename "$f" .html)"
  console_check "$f" || continue
  chrome --window-size=700,560 --screenshot="$shots/$name.png" "file://$f" 2>/dev/null
done

for lang in en nl; do
  page="$out/brief-$lang.html"
  console_check "$page" || continue
  chrome --window-size=820,1400 --screenshot="$shots/brief-$lang.png" "file://$page" 2>/dev/null
  pdf="$out/brief-$lang.pdf"
  chrome --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" 2>/dev/null
  [[ -s "$pdf" ]] || { fail "brief-$lang: no PDF written"; continue; }
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  size="$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')"
  echo "brief-$lang.pdf: $pages page(s), $size"
  [[ "$pages" -le 2 ]] || fail "brief-$lang: the PDF has $pages pages (at most 2 allowed)"
  [[ "$size" == *"(A4)"* ]] || fail "brief-$lang: page size is not A4 ($size)"
  pdftoppm -png -r 50 "$pdf" "$shots/brief-$lang-print"
done

# The same path through the command line: truant brief writes the HTML and prints the PDF itself.
bin="$(swift build --show-bin-path)"
if "$bin/truant" brief --spec "$out/brief-spec.json" --data "$out/cohort.csv" --out "$out/cli-brief.html" \
     --pdf "$out/cli-brief.pdf" --date 2026-11-30; then
  if console_check "$out/cli-brief.html"; then
    pages="$(pdfinfo "$out/cli-brief.pdf" | awk '/^Pages:/ {print $2}')"
    echo "cli-brief.pdf (truant brief --pdf): $pages page(s)"
    [[ "$pages" -le 2 ]] || fail "truant brief: the PDF has $pages pages (at most 2 allowed)"
    chrome --window-size=820,1400 --screenshot="$shots/cli-brief.png" "file://$out/cli-brief.html" 2>/dev/null
  fi
else
  fail "truant brief exited with status $?"
fi

if [[ $failures -gt 0 ]]; then
  echo "browser_check: $failures check(s) failed" >&2
  exit 1
fi
echo "browser_check: all pages loaded without console errors; briefs print to at most two A4 pages; screenshots in $shots/"
