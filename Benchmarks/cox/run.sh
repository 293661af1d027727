#!/usr/bin/env bash
# Cox models on pupils-in-schools dropout data (make_data.R): 600 schools, 10 covariates, school years 1..6 as
# heavily tied times, Efron ties.
#   cox_efron_N     Surv(time, event) ~ x1 + ... + x10                      (default N = 1,000,000)
#   cox_cluster_N   ... + cluster(school): robust variance by school      (default N = 10k, 100k, 1M)
#   cox_frailty_N   ... + frailty(school): gamma frailty by school        (default N = 100,000)
#   truant:     `truant fit 'Surv(time, event) ~ ...' --data FILE --ties efron --format json --timings` as a whole
#               process (release build: reading the CSV, fit, output; row "truant fit (process)"); peak RSS from
#               /usr/bin/time. From the same runs, row "truant fit (call)": the model frame and fit phases that
#               --timings reports (Benchmarks/cox/fit_timed.sh collects them), i.e. without reading the CSV and
#               writing the output — the part R's coxph(...) call and lifelines' fit(...) do on data already in
#               memory. The peers' speed ratios are against this call time (their notes say so); the process
#               row keeps the whole-process time.
#   R:          coxph, the fit call only (system.time inside one R process per data file).
#   lifelines:  CoxPHFitter.fit (efron, cluster_col = "school"), the call only; skipped cleanly when lifelines
#               is not importable; it has no frailty model.
# Each peer row's note records its log partial likelihood, the difference to Truant's and whether Truant is the
# same (1e-6 relative), better or worse, the largest relative differences of estimates and standard errors, and
# the speed ratio with the target (R 4x, frailty 5x, lifelines 20x). The cluster rows also state the scaling of
# the time between successive sizes (time ~ n^k). When `truant fit` fails its row says "not available" with the
# error's first line instead of a time.
# Environment:
#   BENCH_COX_ROWS            records for the Efron fit (default 1000000)
#   BENCH_COX_CLUSTER_SIZES   records for the cluster(school) fits (default "10000 100000 1000000")
#   BENCH_COX_FRAILTY_ROWS    records for the frailty fit (default 100000)
#   BENCH_COX_MAX_PEER_N      largest size at which R and lifelines fit cluster(school) (default 100000: both
#                             grow quadratically there, ~30 min (R) and > 10 min (lifelines) per fit at 1M)
#   BENCH_COX_MAX_LIFELINES_N the same for lifelines alone (default: BENCH_COX_MAX_PEER_N)
#   BENCH_COX_SCHOOLS         number of schools (default 600)
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/lib.sh
efron_n=${BENCH_COX_ROWS:-1000000}
cluster_sizes=${BENCH_COX_CLUSTER_SIZES:-10000 100000 1000000}
frailty_n=${BENCH_COX_FRAILTY_ROWS:-100000}
max_peer=${BENCH_COX_MAX_PEER_N:-100000}
max_ll=${BENCH_COX_MAX_LIFELINES_N:-$max_peer}
schools=${BENCH_COX_SCHOOLS:-600}
rhs="x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10"
declare -A term=([efron]="" [cluster]=" + cluster(school)" [frailty]=" + frailty(school)")
labels=(--label "coxph=R coxph (call)" --label "lifelines=Python lifelines CoxPHFitter (call)")
declare -A targets=([efron]="--target coxph=4 --target lifelines=20" [cluster]="--target lifelines=20"
  [frailty]="--target coxph=5")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
rows="$work/rows.tsv"; : > "$rows"

have_lifelines=1
ll_probe=$(python3 -c 'import lifelines; print(lifelines.__version__)' 2>&1) || {
  have_lifelines=0; echo "cox: lifelines not importable (pip install lifelines): skipping it: ${ll_probe##*$'\n'}" >&2; }

# The models each size needs, smallest size first.
declare -A need=()
need[$efron_n]+=" efron"
for n in $cluster_sizes; do need[$n]+=" cluster"; done
need[$frailty_n]+=" frailty"
for n in $(printf '%s\n' "${!need[@]}" | sort -n); do
  data="$DATA_DIR/cox_pupils_${n}_${schools}.csv"
  if [ ! -s "$data" ]; then
    have_r || { echo "cox benchmark: R is needed to generate $data (Benchmarks/cox/make_data.R)" >&2; exit 2; }
    echo "generating $data with make_data.R..." >&2
    Rscript Benchmarks/cox/make_data.R "$data" "$n" "$schools" >&2
  fi
  size=$(du -mL "$data" | cut -f1)
  r_models=(); ll_models=()
  declare -A twall=() tcpu=()
  for m in ${need[$n]}; do
    name="cox_${m}_${n}"
    out="$work/truant_${m}_${n}.json"
    formula="Surv(time, event) ~ $rhs${term[$m]}"
    echo "cox: truant fit $m, $n records..." >&2
    twall[$m]=""; tcpu[$m]=""
    phases="$work/phases_${m}_${n}.log"; : > "$phases"
    if measure_process "$out" Benchmarks/cox/fit_timed.sh "$phases" "$TRUANT" fit "$formula" --data "$data" \
         --ties efron --format json --timings &&
       python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" 2>/dev/null; then
      tgt=(); [ "$m" = cluster ] && [ "$n" -ge 1000000 ] && tgt=(--target-seconds 10)
      python3 Benchmarks/compare_fit.py truant-row --name "$name" --tool "truant fit (process)" --json "$out" \
        --criterion loglik --walls "$(IFS=,; echo "${MEASURED_WALLS[*]}")" --cpu "$MEASURED_CPU" \
        --rss "$MEASURED_RSS_MB" --extra "$n records, $schools schools, ${size} MB CSV" "${tgt[@]}" >> "$rows"
      twall[$m]=$(median "${MEASURED_WALLS[@]}"); tcpu[$m]=$MEASURED_CPU
      # Per run: model frame + fit phases (wall, CPU), and the fit phase alone, from --timings.
      mapfile -t call_walls < <(awk '/^truant fit: model frame/ {mw = $(NF-4); mc = $(NF-1)}
        /^truant fit: fit \(/ {printf "%.3f %.3f %.3f %.3f\n", mw + $(NF-4), mc + $(NF-1), $(NF-4), $(NF-1)}' "$phases")
      if [ ${#call_walls[@]} -gt 0 ]; then
        cw=(); cc=(); fw=(); fc=()
        for line in "${call_walls[@]}"; do read -r a b c d <<< "$line"; cw+=("$a"); cc+=("$b"); fw+=("$c"); fc+=("$d"); done
        fit_note="model frame + fit phases of --timings (no CSV read, no output); fit phase alone: wall $(median "${fw[@]}") s, CPU $(median "${fc[@]}") s"
        tgtc=(); [ "$m" = cluster ] && [ "$n" -ge 1000000 ] && tgtc=(--target-seconds 10)
        python3 Benchmarks/compare_fit.py truant-row --name "$name" --tool "truant fit (call)" --json "$out" \
          --criterion loglik --walls "$(IFS=,; echo "${cw[*]}")" --cpu "$(median "${cc[@]}")" \
          --extra "$fit_note" "${tgtc[@]}" >> "$rows"
        twall[$m]=$(median "${cw[@]}"); tcpu[$m]=$(median "${cc[@]}")
      fi
    else
      err=${MEASURED_ERROR:-"output is not JSON: $(head -c 120 "$out" | head -1)"}
      unavailable_row "$name" "truant fit (process)" "not available: ${err:0:200}" >> "$rows"
      : > "$out"
    fi
    if [ "$m" = cluster ] && [ "$n" -gt "$max_peer" ]; then
      unavailable_row "$name" "R coxph (call)" \
        "skipped: $n records > BENCH_COX_MAX_PEER_N=$max_peer (set it to time R here)" >> "$rows"
    else
      r_models+=("$m")
    fi
    if [ "$m" = cluster ] && [ "$n" -gt "$max_ll" ]; then
      [ $have_lifelines = 1 ] && unavailable_row "$name" "Python lifelines CoxPHFitter (call)" \
        "skipped: $n records > BENCH_COX_MAX_LIFELINES_N=$max_ll (set it to time lifelines here)" >> "$rows"
    elif [ "$m" != frailty ]; then
      ll_models+=("$m")
    fi
  done
  peers="$work/peers_${n}.jsonl"; : > "$peers"
  if [ ${#r_models[@]} -gt 0 ]; then
    if have_r; then
      echo "cox: R coxph (${r_models[*]}), $n records..." >&2
      Rscript Benchmarks/cox/time_r.R "$data" "$REPS" "$(IFS=,; echo "${r_models[*]}")" >> "$peers" \
        2> "$work/r_${n}.err" || { echo "cox: R failed at $n records:" >&2; tail -5 "$work/r_${n}.err" >&2; }
    else
      echo "R not installed: skipping R coxph" >&2
    fi
  fi
  if [ ${#ll_models[@]} -gt 0 ] && [ $have_lifelines = 1 ]; then
    echo "cox: lifelines (${ll_models[*]}), $n records..." >&2
    python3 Benchmarks/cox/time_lifelines.py "$data" "$REPS" "$(IFS=,; echo "${ll_models[*]}")" >> "$peers" \
      2> "$work/ll_${n}.err" || { echo "cox: lifelines failed at $n records:" >&2; tail -5 "$work/ll_${n}.err" >&2; }
  fi
  for m in ${need[$n]}; do
    # shellcheck disable=SC2086
    python3 Benchmarks/compare_fit.py peer-rows --name "cox_${m}_${n}" --criterion loglik --peers "$peers" \
      --json "$work/truant_${m}_${n}.json" --truant-wall "${twall[$m]}" --truant-cpu "${tcpu[$m]}" --select "model=$m" "${labels[@]}" \
      ${targets[$m]} | sed "s/x truant's wall time/x truant's call wall time (model frame + fit)/; s/x its CPU time/x its call CPU time/" >> "$rows"
    if [ "$m" = frailty ] && [ $have_lifelines = 1 ]; then
      unavailable_row "cox_frailty_$n" "Python lifelines CoxPHFitter (call)" "lifelines has no frailty model" >> "$rows"
    fi
  done
done

# Scaling of the cluster(school) fits: for each tool, time ~ n^k between successive timed sizes; rows grouped
# by benchmark.
awk -F'\t' -v OFS='\t' '
  { line[NR] = $0; split($1, p, "_"); name[NR] = $1 }
  $1 ~ /^cox_cluster_/ && $3 != "" { n = p[3] + 0; if (($2) in lastn && lastn[$2] > 0 && last[$2] > 0 && $3 > 0) {
      lk = log(n / lastn[$2])
      $5 = $5 sprintf("; scaling from %d to %d records: wall ~ n^%.2f", lastn[$2], n, log($3 / last[$2]) / lk)
      if ($6 != "" && lastc[$2] != "" && lastc[$2] > 0 && $6 > 0) $5 = $5 sprintf(", CPU ~ n^%.2f", log($6 / lastc[$2]) / lk) }
    last[$2] = $3; lastc[$2] = $6; lastn[$2] = n; line[NR] = $0 }
  END { # grouped by benchmark, in order of first appearance
    for (i = 1; i <= NR; i++) if (!(name[i] in seen)) { seen[name[i]] = 1; order[++k] = name[i] }
    for (j = 1; j <= k; j++) for (i = 1; i <= NR; i++) if (name[i] == order[j]) print line[i] }' "$rows"
