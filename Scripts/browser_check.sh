#!/usr/bin/env bash
# Renders the charts and the policy briefs in headless Chromium and checks them:
#   - each page loads with no console errors (Chromium's console log on stderr),
#   - each brief prints to a PDF of at most two A4 pages (pdfinfo): the test-cohort briefs in English
#     and Dutch, `truant brief --pdf` on the test cohort, and the README demo brief of the bundled cohort
#     (Scripts/demo-brief.json, 13-term multilevel model + dropout curves) in English and Dutch
#     (Scripts/demo-brief-nl.json),
#   - PNG screenshots of each chart, each brief and each printed PDF page are written to
#     docs/screenshots/ for review (commit them when they change).
# Runs as root without a display (chromium --headless --no-sandbox).
#   Scripts/browser_check.sh              build, render, check, write screenshots
#   Scripts/browser_check.sh --ci         the same, first installing chromium, poppler-utils and fonts when
#                                         missing (Scripts/setup.sh --with-browser: apt-get update + install,
#                                         idempotent), and proving that the console check catches an error
#   Scripts/browser_check.sh --self-test  also prove that the console check catches an error
#   Scripts/browser_check.sh --no-demo    skip the bundled-cohort demo briefs (they fit the multilevel model
#                                         with the debug build: ~25 s CPU each, run in parallel)
# Exit status: 0 all checks passed, 1 a check failed, 2 a tool is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=0 self_test=0 demo=1
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1; self_test=1 ;;
    --self-test) self_test=1 ;;
    --no-demo) demo=0 ;;
    *) echo "browser_check: unknown option '$arg' (use --ci, --self-test or --no-demo)" >&2; exit 2 ;;
  esac
done

if [[ $ci -eq 1 ]]; then
  Scripts/setup.sh --with-browser
fi
for tool in chromium pdfinfo pdftoppm timeout; do
  command -v "$tool" >/dev/null || { echo "browser_check: '$tool' not found; run Scripts/setup.sh --with-browser (or use --ci)" >&2; exit 2; }
done

started=$(date +%s)
out="$(mktemp -d "${TMPDIR:-/tmp}/truant-browser.XXXXXX")"
shots="docs/screenshots"
mkdir -p "$shots"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$out"
}
trap cleanup EXIT

export OPENBLAS_NUM_THREADS=1
swift build --build-tests >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; echo "browser_check: the build failed" >&2; exit 1; }
bin="$(swift build --show-bin-path)"

# The demo briefs take longest (a multilevel fit each in the debug build): start them first, in the background.
if [[ $demo -eq 1 ]]; then
  for lang in en nl; do
    spec=Scripts/demo-brief.json
    [[ $lang == nl ]] && spec=Scripts/demo-brief-nl.json
    "$bin/truant" brief --spec "$spec" --data Datasets/flemish-cohort/pupils.csv --out "$out/demo-brief-$lang.html" \
      --pdf "$out/demo-brief-$lang.pdf" --date 2026-11-30 --force >"$out/demo-$lang.log" 2>&1 &
    pids+=($!)
  done
fi

TRUANT_GALLERY_DIR="$out" swift test --skip-build --filter "ReportsTests.writeGallery" >"$out/gallery.log" 2>&1 \
  || { cat "$out/gallery.log" >&2; echo "browser_check: writing the gallery failed" >&2; exit 1; }

# One private profile per call; flags that make headless output stable on CI machines.
# Each call is bounded (headless Chromium can hang on a loaded machine) and retried once.
chrome() {
  chrome_once "$@" || chrome_once "$@"
}
chrome_once() {
  local profile
  profile="$(mktemp -d "$out/profile.XXXXXX")"
  timeout -k 5 "${BROWSER_TIMEOUT:-60}" chromium --headless --disable-gpu --no-sandbox --no-first-run --no-default-browser-check \
    --user-data-dir="$profile" --hide-scrollbars --force-device-scale-factor=1 --disable-dev-shm-usage \
    --disable-features=Translate,MediaRouter --run-all-compositor-stages-before-draw "$@"
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Loads a page in a window of `size` and screenshots it to `png`, failing on any console message of level
# error (Chromium logs them as "CONSOLE(...)" / "console.error" lines with --enable-logging=stderr --v=0),
# uncaught exceptions and resources that failed to load; the page must hold an SVG and the PNG must be written.
render_check() {
  local page="$1" png="$2" size="$3" log="$out/$(basename "$1").console.log"
  rm -f "$png"
  chrome --enable-logging=stderr --v=0 --virtual-time-budget=2000 --window-size="$size" --screenshot="$png" \
    "file://$(realpath "$page")" >/dev/null 2>"$log" || true
  if grep -E "CONSOLE|console\.|Uncaught|Failed to load resource|ERR_FILE_NOT_FOUND" "$log" | grep -viE "INFO:CONSOLE\([0-9]+\)\] \"(\[info\]|\[log\])" >"$log.hits"; then
    if [[ -s "$log.hits" ]]; then
      fail "$page: console errors:"; cat "$log.hits" >&2; return 1
    fi
  fi
  grep -q "</svg>" "$page" || { fail "$page: no SVG in the page"; return 1; }
  [[ -s "$png" ]] || { fail "$page: no screenshot written"; return 1; }
  return 0
}

# Checks a printed brief: at most two A4 pages; writes a PNG of each page.
pdf_check() {
  local name="$1" pdf="$2" pages size
  [[ -s "$pdf" ]] || { fail "$name: no PDF written"; return 1; }
  pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
  size="$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')"
  echo "$name.pdf: $pages page(s), $size"
  [[ "$pages" -le 2 ]] || fail "$name: the PDF has $pages pages (at most 2 allowed)"
  [[ "$size" == *"(A4)"* ]] || fail "$name: page size is not A4 ($size)"
  rm -f "$shots/$name-print-"*.png
  pdftoppm -png -r 50 "$pdf" "$shots/$name-print"
}

echo "browser_check: built and wrote the gallery after $(($(date +%s) - started)) s"
if [[ $self_test -eq 1 ]]; then
  printf '<!DOCTYPE html><html><body><svg xmlns="http://www.w3.org/2000/svg"></svg><script>console.error("deliberate")</script></body></html>' >"$out/broken.html"
  if render_check "$out/broken.html" "$out/broken.png" 400,300 2>/dev/null; then
    echo "browser_check: self-test FAILED: a page with console.error passed" >&2; exit 1
  fi
  failures=0
  grep -q "deliberate" "$out/broken.html.console.log.hits" || { echo "browser_check: self-test FAILED: flagged for another reason" >&2; cat "$out/broken.html.console.log.hits" >&2; exit 1; }
  echo "browser_check: self-test ok (a console error is caught)"
fi

for f in "$out"/chart-*.html; do
  render_check "$f" "$shots/$(basename "$f" .html).png" 700,560 || true
done

for lang in en nl; do
  page="$out/brief-$lang.html"
  render_check "$page" "$shots/brief-$lang.png" 820,1400 || continue
  chrome --no-pdf-header-footer --print-to-pdf="$out/brief-$lang.pdf" "file://$page" 2>/dev/null
  pdf_check "brief-$lang" "$out/brief-$lang.pdf" || true
done

# The same path through the command line: truant brief writes the HTML and prints the PDF itself.
if "$bin/truant" brief --spec "$out/brief-spec.json" --data "$out/cohort.csv" --out "$out/cli-brief.html" \
     --pdf "$out/cli-brief.pdf" --date 2026-11-30; then
  if render_check "$out/cli-brief.html" "$shots/cli-brief.png" 820,1400; then
    pdf_check "cli-brief" "$out/cli-brief.pdf" || true
  fi
else
  fail "truant brief exited with status $?"
fi

echo "browser_check: charts and test briefs checked after $(($(date +%s) - started)) s"
# The README demo brief (bundled cohort), English and Dutch, printed by truant brief --pdf.
if [[ $demo -eq 1 ]]; then
  for k in 0 1; do
    lang=en; [[ $k -eq 1 ]] && lang=nl
    if wait "${pids[$k]}"; then
      if render_check "$out/demo-brief-$lang.html" "$shots/demo-brief-$lang.png" 820,1400; then
        pdf_check "demo-brief-$lang" "$out/demo-brief-$lang.pdf" || true
      fi
    else
      fail "truant brief (demo, $lang) failed:"; cat "$out/demo-$lang.log" >&2
    fi
  done
  pids=()
fi

echo "browser_check: $(($(date +%s) - started)) s"
if [[ $failures -gt 0 ]]; then
  echo "browser_check: $failures check(s) failed" >&2
  exit 1
fi
echo "browser_check: all pages loaded without console errors; briefs print to at most two A4 pages; screenshots in $shots/"
