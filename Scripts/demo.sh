#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds a release binary, fits models to the
# bundled dataset and writes the results under out/ (text, JSON and Markdown).
#   Scripts/demo.sh [OUTDIR]      (default: out)
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/setup.sh
outdir=${1:-out}
mkdir -p "$outdir"
echo "demo: building truant (release)..." >&2
swift build -c release --product truant >&2
truant=.build/release/truant
data=Datasets/truancy_demo.csv

fit() {  # fit NAME FORMULA OPTIONS...: writes NAME.txt, NAME.json and NAME.md
  local name=$1 formula=$2; shift 2
  for fmt in text json markdown; do
    local ext=$fmt; [[ $fmt == text ]] && ext=txt; [[ $fmt == markdown ]] && ext=md
    "$truant" fit "$formula" --data "$data" "$@" --format "$fmt" --out "$outdir/$name.$ext" --force --quiet
  done
  echo "demo: wrote $outdir/$name.{txt,json,md}" >&2
}

# Problematic truancy (ten or more unauthorised half-days): logistic regression.
fit truancy_logit "truant ~ gender + ses + track + retained + age" --family binomial
# Number of unauthorised half-days, per day enrolled: Poisson regression with a log-exposure offset.
fit absences_poisson "absences ~ gender + ses + track + retained + age" --family poisson --offset logdays

cat "$outdir/truancy_logit.txt"
echo
echo "demo: results are in $outdir/ (text summaries, JSON, Markdown tables)" >&2
