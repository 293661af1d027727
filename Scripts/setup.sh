#!/usr/bin/env bash
# Installs the Debian packages Truant builds against. Idempotent: installs only what is missing,
# and runs `apt-get update` only when something must be installed.
#   Scripts/setup.sh          C libraries needed to build and test
#   Scripts/setup.sh --with-r also R and the packages the reference scripts and benchmarks use
#   Scripts/setup.sh --with-browser  also headless Chromium, poppler-utils and fonts (brief PDFs, Scripts/browser_check.sh)
#   Scripts/setup.sh --with-tmux     also tmux (the REPL check in a real terminal, Scripts/repl_tmux_check.sh)
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libnlopt-dev r-mathlib libreadstat-dev libedit-dev libsqlite3-dev pkg-config)
if [[ "${1:-}" == "--with-r" ]]; then
  packages+=(r-base-core r-cran-lme4 r-cran-survival r-cran-mlmrev r-cran-glmmtmb r-cran-psych r-cran-multilevel r-cran-jsonlite)
fi
for arg in "$@"; do
  if [[ "$arg" == "--with-browser" ]]; then packages+=(chromium poppler-utils fonts-dejavu-core); fi
  if [[ "$arg" == "--with-tmux" ]]; then packages+=(tmux); fi
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: Swift 6 is required (swift not on PATH)" >&2; exit 2; }
