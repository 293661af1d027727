#!/usr/bin/env bash
# Times Truant against R on the same data in one run and appends the results to Benchmarks/RESULTS.md.
#
#   Benchmarks/run.sh                 # every benchmark (each folder Benchmarks/<name>/ with a run.sh)
#   Benchmarks/run.sh csv_read        # only the named ones
#
# A benchmark is one folder: run.sh (prints tab-separated result rows, see lib.sh), plus whatever
# generates its data deterministically (make_data.R, or truant itself). Timings are medians of
# BENCH_REPS (default 3) wall-clock runs. R is skipped cleanly when it is not installed.
# Environment: BENCH_REPS, BENCH_DATA_DIR (default /tmp/truant-bench), OPENBLAS_NUM_THREADS (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
results=Benchmarks/RESULTS.md
history=Benchmarks/results.tsv

if [ $# -gt 0 ]; then names=("$@"); else
  names=(); for f in Benchmarks/*/run.sh; do names+=("$(basename "$(dirname "$f")")"); done
fi
for n in "${names[@]}"; do
  [ -x "Benchmarks/$n/run.sh" ] || { echo "no benchmark '$n' (expected Benchmarks/$n/run.sh)" >&2; exit 2; }
done

echo "building truant (release)..." >&2
swift build -c release --product truant >&2

# Machine details.
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
cores=$(nproc 2>/dev/null || echo "?")
mem=$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo 2>/dev/null || echo "?")
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
swiftv=$(swift --version 2>&1 | head -1)
if command -v Rscript >/dev/null 2>&1; then rv=$(Rscript -e 'cat(R.version.string)' 2>/dev/null); else rv="not installed (R timings skipped)"; fi
blascore=$(python3 - 2>/dev/null <<'PY' || echo unknown
import ctypes
for name in ("libopenblas.so.0", "libopenblas.so"):
    try:
        lib = ctypes.CDLL(name)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        print(lib.openblas_get_corename().decode()); break
    except OSError:
        pass
PY
)
when=$(date -u '+%Y-%m-%d %H:%M UTC')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

rows=$(mktemp)
for n in "${names[@]}"; do
  echo "running $n..." >&2
  "Benchmarks/$n/run.sh" | tee -a "$rows"
done

# Append this run's section.
[ -f "$results" ] || printf '# Benchmark results\n\n<!-- summary:start -->\n<!-- summary:end -->\n\n## Runs\n' > "$results"
{
  printf '\n### %s (commit %s)\n\n' "$when" "$commit"
  printf -- '- CPU: %s, %s cores, %s RAM; load average at start: %s\n' "$cpu" "$cores" "$mem" "$load"
  printf -- '- OpenBLAS core: %s; OPENBLAS_NUM_THREADS=%s\n' "$blascore" "$OPENBLAS_NUM_THREADS"
  printf -- '- %s; %s\n\n' "$swiftv" "$rv"
  printf '| benchmark | tool | median wall (s) | runs (s) | median CPU (s) | note |\n|---|---|---:|---|---:|---|\n'
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $6, $5}' "$rows"
} >> "$results"
awk -F'\t' -v w="$when" -v c="$commit" '{print w "\t" c "\t" $0}' "$rows" >> "$history"

# Regenerate the summary table (latest median per benchmark and tool, with the ratio to Truant).
summary=$(mktemp)
{
  printf '## Summary (latest run of each benchmark)\n\n| benchmark | tool | median wall (s) | wall vs truant | median CPU (s) | CPU vs truant | when |\n|---|---|---:|---:|---:|---:|---|\n'
  awk -F'\t' '{key=$3 "\t" $4; last[key]=$0; if (!(key in seen)) {order[++n]=key; seen[key]=1}}
    END {for (i=1;i<=n;i++) {split(last[order[i]], f, "\t"); if (f[4] ~ /^truant/) {t[f[3]]=f[5]; tc[f[3]]=f[8]}}
         for (i=1;i<=n;i++) {split(last[order[i]], f, "\t");
           r = (f[5] != "" && f[3] in t && t[f[3]]>0) ? sprintf("%.1fx", f[5]/t[f[3]]) : "";
           rc = (f[8] != "" && tc[f[3]] != "" && tc[f[3]]>0) ? sprintf("%.1fx", f[8]/tc[f[3]]) : "";
           printf "| %s | %s | %s | %s | %s | %s | %s |\n", f[3], f[4], f[5], r, f[8], rc, f[1]}}' "$history"
} > "$summary"
awk -v sf="$summary" '
  /<!-- summary:start -->/ {print; while ((getline line < sf) > 0) print line; skip=1; next}
  /<!-- summary:end -->/ {skip=0}
  !skip {print}' "$results" > "$results.tmp" && mv "$results.tmp" "$results"
rm -f "$rows" "$summary"
echo "results appended to $results" >&2
