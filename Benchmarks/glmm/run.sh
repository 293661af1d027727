#!/usr/bin/env bash
# Mixed-effects logistic models: pupils in 600 schools (make_data.R), binary truancy, 12 predictors
# (15 fixed-effect columns incl. the 4-level track factor); a random intercept (ri) and a random intercept
# plus a random slope of ses (rs) by school; 10,000, 100,000 and 1,000,000 pupils.
#   truant:  `truant fit 'truancy ~ ... + (1 | school)' --data FILE --family binomial --format json` as a whole
#            process (release build: reading the CSV, model frame, fit, output); peak RSS from /usr/bin/time.
#   R:       glmer (Laplace, lme4's default control), glmer with optimizer = "bobyqa", glmmTMB (Laplace):
#            the fit call only (system.time inside one R process per size; data already in memory).
# Each peer row's note records its deviance (-2 loglik), the difference to Truant's and whether Truant is the
# same (1e-6 relative), better or worse, and the speed ratio with the target (glmer 50x, glmmTMB 10x).
# When `truant fit` fails (e.g. mixed models not wired into the CLI yet) its row says "not available" with the
# error's first line instead of a time.
# Environment:
#   BENCH_GLMM_SIZES       pupils per data set (default "10000 100000 1000000")
#   BENCH_GLMM_MODELS      ri and/or rs (default "ri rs")
#   BENCH_GLMM_TOOLS       R tools (default "glmer glmer_bobyqa glmmTMB"; also glmer_tight, see time_r.R)
#   BENCH_GLMM_MAX_PEER_N  largest size at which the R peers run (default 100000: glmer takes 4-7 minutes per
#                          fit at 1,000,000 pupils); above it their rows say "skipped"
#   BENCH_GLMM_SCHOOLS     number of schools (default 600)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/lib.sh
sizes=${BENCH_GLMM_SIZES:-10000 100000 1000000}
models=${BENCH_GLMM_MODELS:-ri rs}
tools=${BENCH_GLMM_TOOLS:-glmer glmer_bobyqa glmmTMB}
max_peer=${BENCH_GLMM_MAX_PEER_N:-100000}
schools=${BENCH_GLMM_SCHOOLS:-600}
fixed="female + age + ses + migrant + homelang + retained + gpa + prior_abs + single_parent + track + urban + school_ses"
declare -A random=([ri]="(1 | school)" [rs]="(1 + ses | school)")
declare -A label=([glmer]="R glmer Laplace default (call)" [glmer_bobyqa]="R glmer Laplace bobyqa (call)"
  [glmer_tight]="R glmer Laplace tight bobyqa (call)" [glmmTMB]="R glmmTMB Laplace (call)")
targets=(--target glmer=50 --target glmer_bobyqa=50 --target glmmTMB=10)
labels=(); for k in "${!label[@]}"; do labels+=(--label "$k=${label[$k]}"); done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
rows="$work/rows.tsv"
# flush_rows: prints the buffered rows grouped by benchmark (order of first appearance) and empties the buffer.
flush_rows() {
  awk -F'\t' '{ line[NR] = $0; name[NR] = $1; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
    END { for (j = 1; j <= k; j++) for (i = 1; i <= NR; i++) if (name[i] == order[j]) print line[i] }' "$rows"
  : > "$rows"
}
: > "$rows"

for n in $sizes; do
  data="$DATA_DIR/glmm_pupils_${n}_${schools}.csv"
  if [ ! -s "$data" ]; then
    have_r || { echo "glmm benchmark: R is needed to generate $data (Benchmarks/glmm/make_data.R)" >&2; exit 2; }
    echo "generating $data with make_data.R..." >&2
    Rscript Benchmarks/glmm/make_data.R "$data" "$n" "$schools" >&2
  fi
  size=$(du -mL "$data" | cut -f1)
  # Truant, one model after the other.
  declare -A twall=() tcpu=()
  for m in $models; do
    name="glmm_${m}_${n}"
    out="$work/truant_${m}_${n}.json"
    formula="truancy ~ $fixed + ${random[$m]}"
    echo "glmm: truant fit $m, $n pupils..." >&2
    twall[$m]=""; tcpu[$m]=""
    if measure_process "$out" "$TRUANT" fit "$formula" --data "$data" --family binomial --format json &&
       python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null; then
      tgt=(); [ "$m" = ri ] && [ "$n" -ge 1000000 ] && tgt=(--target-seconds 30 --target-mb 3072)
      python3 Benchmarks/compare_fit.py truant-row --name "$name" --tool "truant fit (process)" --json "$out" \
        --criterion deviance --walls "$(IFS=,; echo "${MEASURED_WALLS[*]}")" --cpu "$MEASURED_CPU" \
        --rss "$MEASURED_RSS_MB" --extra "$n pupils, $schools schools, ${size} MB CSV" "${tgt[@]}" >> "$rows"
      twall[$m]=$(median "${MEASURED_WALLS[@]}"); tcpu[$m]=$MEASURED_CPU
    else
      err=${MEASURED_ERROR:-"output is not JSON: $(head -c 120 "$out" | head -1)"}
      unavailable_row "$name" "truant fit (process)" "not available: ${err:0:200}" >> "$rows"
      : > "$out"
    fi
  done
  # The R peers: one R process per size (the CSV read once), every model and tool.
  if ! have_r; then
    echo "R not installed: skipping the R peers" >&2
    flush_rows
    continue
  fi
  peers="$work/r_${n}.jsonl"
  if [ "$n" -le "$max_peer" ]; then
    echo "glmm: R peers ($tools), $n pupils..." >&2
    Rscript Benchmarks/glmm/time_r.R "$data" "$REPS" "$(echo $models | tr ' ' ,)" "$(echo $tools | tr ' ' ,)" \
      > "$peers" 2> "$work/r_${n}.err" || { echo "glmm: R failed at $n pupils:" >&2; tail -5 "$work/r_${n}.err" >&2; }
    for m in $models; do
      python3 Benchmarks/compare_fit.py peer-rows --name "glmm_${m}_${n}" --criterion deviance --peers "$peers" \
        --json "$work/truant_${m}_${n}.json" --truant-wall "${twall[$m]}" --truant-cpu "${tcpu[$m]}" --select "model=$m" "${labels[@]}" "${targets[@]}" >> "$rows"
    done
  else
    for m in $models; do
      for t in $tools; do
        unavailable_row "glmm_${m}_${n}" "${label[$t]:-$t}" "skipped: $n pupils > BENCH_GLMM_MAX_PEER_N=$max_peer (set it to time the peers here)" >> "$rows"
      done
    done
  fi
  flush_rows
done
