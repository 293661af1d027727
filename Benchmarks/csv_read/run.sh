#!/usr/bin/env bash
# CSV reading: a 1,000,000 x 25 CSV (10 integer, 12 double, 3 string columns; see make_data.R).
#   truant: `truant describe --data FILE` as a whole process (read + per-column summary), release build.
#   R:      `read.csv(FILE)` inside R, the call only (system.time), R started once.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Benchmarks/lib.sh
rows=${CSV_READ_ROWS:-1000000}
data="$DATA_DIR/csv_read_${rows}x25.csv"
if [ ! -s "$data" ]; then
  if have_r; then
    echo "generating $data with make_data.R..." >&2
    Rscript Benchmarks/csv_read/make_data.R "$data" "$rows" >&2
  else
    echo "R is not installed: generating $data with awk (same layout, different values)..." >&2
    awk -v n="$rows" 'BEGIN {srand(20261130); printf "\"id\""; for (k=1;k<=9;k++) printf ",\"i%d\"", k;
      for (k=1;k<=12;k++) printf ",\"x%d\"", k; print ",\"school\",\"track\",\"city\"";
      split("ASO TSO BSO KSO", tr, " "); split("Gent Antwerpen Brussel Leuven", ci, " ");
      for (i=1;i<=n;i++) { printf "%d", i; for (k=1;k<=9;k++) printf ",%d", int(rand()*1000*k)+1;
        for (k=1;k<=12;k++) printf ",%.*f", (k%6)+2, (rand()-0.5)*4*k+k;
        printf ",\"S%04d\",\"%s\",\"%s\"\n", int(rand()*2000)+1, tr[int(rand()*4)+1], ci[int(rand()*4)+1] } }' > "$data"
  fi
fi
size=$(du -mL "$data" | cut -f1)
time_process csv_read "truant describe (process)" "${rows}x25, ${size} MB" "$TRUANT" describe --data "$data"
if have_r; then
  mapfile -t rt < <(Rscript Benchmarks/csv_read/time_r.R "$data" "$REPS" 2>/dev/null | grep -v '^#')
  walls=(); cpus=()
  for line in "${rt[@]}"; do walls+=("${line%% *}"); cpus+=("${line##* }"); done
  result_row csv_read "R read.csv (call)" "${rows}x25, ${size} MB" "$(median "${cpus[@]}")" "${walls[@]}"
else
  echo "R not installed: skipping R read.csv" >&2
fi
