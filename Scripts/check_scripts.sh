#!/usr/bin/env bash
# Reproducibility check for CI: runs every Scripts/*.truant with `truant run` and compares its standard
# output byte for byte with Scripts/expected/<name>.txt, then reruns the notebook with
# `truant render --check Notebooks/truancy.md`. Exits 1 on any difference (with a diff), 0 when all match.
#
#   Scripts/check_scripts.sh            check (uses .build/debug/truant, or $TRUANT)
#   Scripts/check_scripts.sh --update   rewrite Scripts/expected/*.txt and Notebooks/truancy.html
#
# Run from anywhere; paths in the scripts are relative to the repository root. Warnings go to standard
# error and are not compared; standard output has no timings or dates.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
truant="${TRUANT:-$root/.build/debug/truant}"
export OPENBLAS_NUM_THREADS=1
if [ ! -x "$truant" ]; then
    echo "check_scripts: no truant binary at $truant (build with swift build, or set TRUANT)" >&2
    exit 2
fi
update=0
[ "${1:-}" = "--update" ] && update=1
mkdir -p Scripts/expected
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
for script in Scripts/*.truant; do
    name="$(basename "$script" .truant)"
    expected="Scripts/expected/$name.txt"
    start=$(date +%s)
    if ! "$truant" run "$script" > "$tmp/$name.txt" 2> "$tmp/$name.err"; then
        echo "FAIL $script: truant run exited non-zero" >&2
        cat "$tmp/$name.err" >&2
        status=1
        continue
    fi
    seconds=$(( $(date +%s) - start ))
    if [ "$update" = 1 ]; then
        cp "$tmp/$name.txt" "$expected"
        echo "updated $expected (${seconds}s)"
    elif [ ! -f "$expected" ]; then
        echo "FAIL $script: no expected output $expected (run Scripts/check_scripts.sh --update and commit it)" >&2
        status=1
    elif ! cmp -s "$expected" "$tmp/$name.txt"; then
        echo "FAIL $script: output differs from $expected:" >&2
        diff -u "$expected" "$tmp/$name.txt" | head -60 >&2
        status=1
    else
        echo "ok   $script (${seconds}s)"
    fi
done
# brief() in a script writes the same page as `truant brief` for the same model, data, spec and date.
cat > "$tmp/spec.json" <<'JSON'
{"title": "Truancy by track", "question": "Do pupils in vocational tracks play truant more often?",
 "population": "Synthetic cohort (demo data).", "outcome_phrase": "reported truancy", "language": "en", "definitions": [],
 "model": {"formula": "truant ~ track + male + (1 | school_id)", "family": "binomial"},
 "comparisons": [{"a": {"label": "pupils in BSO", "values": {"trackBSO": 1}}, "b": {"label": "pupils in ASO", "values": {}}}],
 "term_labels": {"trackBSO": "BSO (vs ASO)", "male": "Boy"},
 "school": "school_id", "table": {"rows": "track", "columns": "male"}}
JSON
cat > "$tmp/brief.md" <<MD
# brief() against truant brief

\`\`\`truant
pupils <- read_csv("$root/Datasets/flemish-cohort/pupils.csv")
fit <- glmer(truant ~ track + male + (1 | school_id), data = pupils, family = binomial)
brief(fit, spec = "spec.json", file = "from-script.html", date = "2026-01-01")
\`\`\`
MD
if "$truant" render "$tmp/brief.md" > /dev/null 2> "$tmp/brief.err" &&
   "$truant" brief --spec "$tmp/spec.json" --data Datasets/flemish-cohort/pupils.csv --out "$tmp/from-cli.html" --date 2026-01-01 2>> "$tmp/brief.err" &&
   cmp "$tmp/from-script.html" "$tmp/from-cli.html"; then
    echo "ok   brief() writes the same HTML as truant brief"
else
    echo "FAIL brief() and truant brief differ (or failed):" >&2
    cat "$tmp/brief.err" >&2
    status=1
fi

if [ "$update" = 1 ]; then
    "$truant" render Notebooks/truancy.md --force || status=1
else
    if "$truant" render Notebooks/truancy.md --check; then
        echo "ok   Notebooks/truancy.md"
    else
        echo "FAIL Notebooks/truancy.md: the rendered notebook differs from Notebooks/truancy.html" >&2
        status=1
    fi
fi
exit $status
