# Shared helpers for Benchmarks/*/run.sh (sourced, not executed).
# Each benchmark's run.sh prints result rows on stdout, tab-separated:
#   benchmark <TAB> tool <TAB> median wall seconds <TAB> individual runs (comma-separated) <TAB> note
#   <TAB> median CPU seconds (user + system; empty when unknown)
# and anything else on stderr. CPU time is reported because a shared machine's load inflates wall time.

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

# time_process NAME TOOL NOTE CMD...: REPS runs of a whole process (wall clock, and CPU through
# /usr/bin/time when present); prints a result row.
time_process() {
  local name=$1 tool=$2 note=$3; shift 3
  local runs=() cpus=() k out
  for ((k = 1; k <= REPS; k++)); do
    if [ -x /usr/bin/time ]; then
      local tf; tf=$(mktemp)
      /usr/bin/time -o "$tf" -f '%e %U %S' "$@" > /dev/null 2>&1 || true
      out=$(tail -1 "$tf"); rm -f "$tf"
      runs+=("$(echo "$out" | awk '{printf "%.3f", $1}')")
      cpus+=("$(echo "$out" | awk '{printf "%.3f", $2 + $3}')")
    else
      runs+=("$(wall_seconds "$@")")
    fi
  done
  local cpu=""; [ ${#cpus[@]} -gt 0 ] && cpu=$(median "${cpus[@]}")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$(median "${runs[@]}")" "$(IFS=,; echo "${runs[*]}")" "$note" "$cpu"
}

# result_row NAME TOOL NOTE CPU TIMES...: a result row for wall times measured elsewhere (e.g. inside
# R), with CPU the median CPU seconds (or empty).
result_row() {
  local name=$1 tool=$2 note=$3 cpu=$4; shift 4
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$(median "$@")" "$(IFS=,; echo "$*")" "$note" "$cpu"
}
