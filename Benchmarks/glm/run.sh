#!/usr/bin/env bash
# Logistic GLM: 1,000,000 rows, 20 model-matrix columns (intercept, x1..x16, track with 4 levels).
#   truant: `truant fit FORMULA --data FILE --family binomial --format json` as a whole process
#           (release build; reading the CSV, model frame, IRLS, output).
#   R:      `glm(FORMULA, family = binomial, data = d)` inside R, the call only (system.time), data in memory.
# The deviances must agree to 1e-8 relative, else the benchmark fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/lib.sh
rows=${GLM_ROWS:-1000000}
data="$DATA_DIR/glm_logit_${rows}.csv"
formula="y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15 + x16 + track"
if [ ! -s "$data" ]; then
  have_r || { echo "glm benchmark: R is needed to generate $data (Benchmarks/glm/make_data.R)" >&2; exit 2; }
  echo "generating $data with make_data.R..." >&2
  Rscript Benchmarks/glm/make_data.R "$data" "$rows" >&2
fi
size=$(du -mL "$data" | cut -f1)
out="$DATA_DIR/glm_logit_${rows}.json"
"$TRUANT" fit "$formula" --data "$data" --family binomial --format json > "$out"
tdev=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["deviance"]))' "$out")
time_process glm_logit "truant fit (process)" "${rows}x20 X, ${size} MB CSV, deviance ${tdev}" \
  "$TRUANT" fit "$formula" --data "$data" --family binomial --format json
if have_r; then
  mapfile -t rt < <(Rscript Benchmarks/glm/time_r.R "$data" "$REPS" 2>/dev/null)
  rdev=$(printf '%s\n' "${rt[@]}" | awk '/^# deviance/ {print $3}')
  walls=(); cpus=()
  for line in "${rt[@]}"; do [[ $line == \#* ]] && continue; walls+=("${line%% *}"); cpus+=("${line##* }"); done
  result_row glm_logit "R glm (call)" "${rows}x20 X, deviance ${rdev}" "$(median "${cpus[@]}")" "${walls[@]}"
  python3 - "$tdev" "$rdev" <<'PY' >&2
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
rel = abs(a - b) / abs(b)
print(f"glm benchmark: deviance truant {a!r} vs R {b!r}: relative difference {rel:.2e}")
sys.exit(0 if rel < 1e-8 else 1)
PY
else
  echo "R not installed: skipping R glm" >&2
fi
