#!/usr/bin/env bash
# Parameter recovery of the multilevel logistic truancy model (issue 7's validation).
#
# For seeds 1..R: `truant simulate` draws a cohort with the bundled default parameters (Datasets/flemish-cohort/
# parameters.json; SCHOOLS schools, PUPILS pupils), then `truant fit` fits the generating model
#   truant ~ male + foreign_language + mother_low + allowance + track + age_c + retained + bonding_cwc * climate_c
#            + (1 + bonding_cwc | school_id)        (binomial, Laplace)
# and the fixed effects with their Wald 95% intervals are kept. recovery_summary.py then reports, per term and
# pooled, the coverage of the true value and the mean estimate against the truth in Monte Carlo standard errors,
# and writes Scripts/validation/RECOVERY.md and recovery_estimates.tsv.
#
#   Scripts/validation/parameter_recovery.sh            # 200 replicates, 120 schools, 20,000 pupils
#   RECOVERY_REPLICATES=50 Scripts/validation/parameter_recovery.sh
# Environment: RECOVERY_REPLICATES (200), RECOVERY_SCHOOLS (120), RECOVERY_PUPILS (20000),
#              RECOVERY_WORK (work folder, default /tmp/truant-recovery; finished replicates are reused),
#              TRUANT (default .build/release/truant, built when missing).
# Runs take about 4 CPU seconds per replicate (release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
reps=${RECOVERY_REPLICATES:-200}
schools=${RECOVERY_SCHOOLS:-120}
pupils=${RECOVERY_PUPILS:-20000}
work=${RECOVERY_WORK:-/tmp/truant-recovery}
truant=${TRUANT:-.build/release/truant}
[ -x "$truant" ] || swift build -c release --product truant >&2
mkdir -p "$work"
formula='truant ~ male + foreign_language + mother_low + allowance + track + age_c + retained + bonding_cwc * climate_c + (1 + bonding_cwc | school_id)'
for ((s = 1; s <= reps; s++)); do
  fit="$work/fit_$s.json"
  [ -s "$fit" ] && continue
  dir="$work/cohort_$s"
  "$truant" simulate --seed "$s" --schools "$schools" --pupils "$pupils" --out "$dir" --force --quiet
  "$truant" fit "$formula" --data "$dir/pupils.csv" --family binomial --format json > "$fit.tmp" ||
    echo "replicate $s: truant fit exited $? (kept; the summary counts it)" >&2
  cp "$dir/truth.json" "$work/truth_$s.json"
  mv "$fit.tmp" "$fit"
  rm -rf "$dir"
  [ $((s % 10)) -eq 0 ] && echo "recovery: $s of $reps replicates" >&2
done
python3 Scripts/validation/recovery_summary.py --work "$work" --replicates "$reps" --schools "$schools" \
  --pupils "$pupils" --truant "$truant" --out Scripts/validation
