# Shared helpers for Benchmarks/*/run.sh (sourced, not executed).
# Each benchmark's run.sh prints result rows on stdout, tab-separated:
#   benchmark <TAB> tool <TAB> median seconds <TAB> individual runs (comma-separated) <TAB> note
# and anything else on stderr.

REPS=${BENCH_REPS:-3}
TRUANT=${TRUANT:-.build/release/truant}
DATA_DIR=${BENCH_DATA_DIR:-${TMPDIR:-/tmp}/truant-bench}
mkdir -p "$DATA_DIR"

# have_r: true when Rscript is on the PATH.
have_r() { command -v Rscript >/dev/null 2>&1; }

# median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# wall_seconds CMD...: runs CMD (stdout discarded) and prints its wall-clock seconds.
wall_seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
}

# time_process NAME TOOL NOTE CMD...: REPS wall-clock runs of a whole process; prints a result row.
time_process() {
  local name=$1 tool=$2 note=$3; shift 3
  local runs=() k
  for ((k = 1; k <= REPS; k++)); do runs+=("$(wall_seconds "$@")"); done
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$(median "${runs[@]}")" "$(IFS=,; echo "${runs[*]}")" "$note"
}

# result_row NAME TOOL NOTE TIMES...: prints a result row for times measured elsewhere (e.g. inside R).
result_row() {
  local name=$1 tool=$2 note=$3; shift 3
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$(median "$@")" "$(IFS=,; echo "$*")" "$note"
}
