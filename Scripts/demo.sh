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
data=Datasets/flemish-cohort/pupils.csv

fit() {  # fit NAME FORMULA OPTIONS...: writes NAME.txt, NAME.json and NAME.md
  local name=$1 formula=$2; shift 2
  for fmt in text json markdown; do
    local ext=$fmt; [[ $fmt == text ]] && ext=txt; [[ $fmt == markdown ]] && ext=md
    "$truant" fit "$formula" --data "$data" "$@" --format "$fmt" --out "$outdir/$name.$ext" --force --quiet
  done
  echo "demo: wrote $outdir/$name.{txt,json,md}" >&2
}

# Self-reported truancy: logistic regression on pupil background, bonding (centred within school),
# school climate and their cross-level interaction.
fit truancy_logit "truant ~ male + foreign_language + mother_low + allowance + track + age_c + retained + bonding_cwc * climate_c" --family binomial
# Registered unauthorised absent half-days: Poisson regression.
fit absence_poisson "absent_halfdays ~ male + foreign_language + mother_low + allowance + track + age_c + retained" --family poisson

cat "$outdir/truancy_logit.txt"
echo
echo "demo: results are in $outdir/ (text summaries, JSON, Markdown tables)" >&2
