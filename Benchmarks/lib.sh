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

# unavailable_row NAME TOOL NOTE: a result row without a time (the tool failed, is not available, or was
# skipped); NOTE says why. The summary shows no ratio for it.
unavailable_row() { printf '%s\t%s\t\t\t%s\t\n' "$1" "$2" "$3"; }

# measure_process OUT CMD...: runs CMD (a whole process) REPS times, keeping the first run's standard output
# in OUT and its standard error in OUT.err; each run is stopped after BENCH_TIMEOUT seconds (default 3600).
# Sets MEASURED_WALLS (array of wall seconds), MEASURED_CPU (median user + system seconds), MEASURED_RSS_MB
# (largest peak resident set size over the runs, MB; CPU and RSS are empty without /usr/bin/time) and
# MEASURED_ERROR. When the first run fails (times out, or exits non-zero without output) nothing is repeated,
# MEASURED_ERROR holds the first line of its error output, and it returns 1.
measure_process() {
  local out=$1; shift
  local limit=${BENCH_TIMEOUT:-3600} k rc tf t0 t1 cpus=() rss=0
  MEASURED_WALLS=(); MEASURED_CPU=""; MEASURED_RSS_MB=""; MEASURED_ERROR=""
  for ((k = 1; k <= REPS; k++)); do
    local o=/dev/null e=/dev/null
    [ "$k" -eq 1 ] && { o=$out; e=$out.err; }
    tf=$(mktemp)
    t0=$(date +%s.%N)
    rc=0
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -o "$tf" -f '%e %U %S %M' timeout "$limit" "$@" > "$o" 2> "$e" || rc=$?
    else
      timeout "$limit" "$@" > "$o" 2> "$e" || rc=$?
    fi
    t1=$(date +%s.%N)
    if [ "$k" -eq 1 ] && { [ "$rc" -eq 124 ] || { [ "$rc" -ne 0 ] && [ ! -s "$out" ]; }; }; then
      if [ "$rc" -eq 124 ]; then MEASURED_ERROR="timed out after ${limit} s (BENCH_TIMEOUT)"
      else MEASURED_ERROR="exit $rc: $(grep -v '^[[:space:]]*$' "$out.err" | grep -v '^Command exited' | head -1)"; fi
      rm -f "$tf"; return 1
    fi
    if [ -s "$tf" ] && [ -x /usr/bin/time ]; then
      local line; line=$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$tf" | tail -1)
      MEASURED_WALLS+=("$(echo "$line" | awk '{printf "%.3f", $1}')")
      cpus+=("$(echo "$line" | awk '{printf "%.3f", $2 + $3}')")
      local kb; kb=$(echo "$line" | awk '{print $4}')
      [ "${kb:-0}" -gt "$rss" ] && rss=$kb
    else
      MEASURED_WALLS+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')")
    fi
    rm -f "$tf"
  done
  [ ${#cpus[@]} -gt 0 ] && MEASURED_CPU=$(median "${cpus[@]}")
  [ "$rss" -gt 0 ] && MEASURED_RSS_MB=$(awk -v k="$rss" 'BEGIN {printf "%.0f", k / 1024}')
  return 0
}
