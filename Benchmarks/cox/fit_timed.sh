#!/usr/bin/env bash
# Runs a `truant fit ... --timings` command (its stdout passes through) and appends the phase times it prints on
# standard error to LOG, so that run.sh can report the time of the fit call without reading the CSV: the
# "model frame" and "fit" phases, the part that R's coxph(...) call and lifelines' CoxPHFitter.fit also do.
#   Benchmarks/cox/fit_timed.sh LOG CMD...
log=$1; shift
err=$(mktemp)
"$@" 2> "$err"
rc=$?
grep '^truant fit: ' "$err" >> "$log"
grep -v '^truant fit: ' "$err" >&2
rm -f "$err"
exit $rc
