#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh --with-tmux
export OPENBLAS_NUM_THREADS=1
swift build --build-tests
swift test --skip-build
# Charts and briefs in a real browser (headless Chromium): no console errors, PDFs of at most two A4 pages,
# screenshots written to docs/screenshots/ (installs chromium and poppler-utils when missing).
Scripts/browser_check.sh --ci
# The analysis scripts and the notebook: rerun and compare with the committed outputs (Scripts/expected/).
Scripts/check_scripts.sh
# The REPL in a real terminal (tmux): history recall, continuation, completion.
Scripts/repl_tmux_check.sh
