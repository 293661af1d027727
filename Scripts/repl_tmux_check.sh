#!/usr/bin/env bash
# Drives `truant repl` in a real terminal (tmux) and checks line editing as a user sees it:
#   1. history recall: Up arrow brings back the previous line, Enter runs it again;
#   2. continuation: a line with an open bracket gives the "+ " prompt and the next line completes it;
#   3. tab completion of a variable name;
#   4. tab completion of a column name after `$`;
#   5. tab completion of a function name;
#   6. persistent history: a new session recalls the previous session's lines.
# Asserts on the captured pane; prints it; exits 1 on any failure, 2 when tmux or truant is missing.
#   Scripts/repl_tmux_check.sh          (uses .build/debug/truant, or $TRUANT)
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
truant="${TRUANT:-$root/.build/debug/truant}"
command -v tmux > /dev/null || { echo "repl_tmux_check: tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }
[ -x "$truant" ] || { echo "repl_tmux_check: no truant binary at $truant" >&2; exit 2; }

work="$(mktemp -d)"
session="truant-repl-check-$$"
socket="$work/tmux.sock"
tm() { tmux -S "$socket" "$@"; }
cleanup() {
    for s in "$work/tmux.sock" "$work/tmux-2.sock"; do tmux -S "$s" kill-server > /dev/null 2>&1; done
    rm -rf "$work"
}
trap cleanup EXIT

# A fixed-size terminal, a private history file, no user configuration.
tm -f /dev/null new-session -d -s "$session" -x 100 -y 50 \
    "cd '$work' && OPENBLAS_NUM_THREADS=1 TERM=xterm '$truant' repl --history '$work/history'"

pane() { tm capture-pane -p -J -S -500 -t "$session"; }
# wait_for PATTERN [SECONDS]: until a line of the pane matches the extended regex PATTERN.
wait_for() {
    local pattern="$1" limit="${2:-20}" i=0
    while [ $i -lt $((limit * 10)) ]; do
        pane | grep -Eq -- "$pattern" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
count() { pane | grep -Ec -- "$1"; }
failures=0
check() {  # check NAME CONDITION-EXIT-STATUS
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}

wait_for '^> ' 30 || { echo "FAIL the REPL did not show its prompt"; pane; exit 1; }

# 1. History recall.
tm send-keys -t "$session" 'cat("history", 6 * 7, "\n")' Enter
wait_for '^history 42' 10
tm send-keys -t "$session" Up
sleep 0.5
tm send-keys -t "$session" Enter
sleep 1
[ "$(count '^history 42')" -eq 2 ]; check "history: Up recalls the previous line and Enter reruns it (two 'history 42' lines)" $?

# 2. Continuation while a bracket is open.
tm send-keys -t "$session" 'mean(c(1, 2,' Enter
wait_for '^\+ ' 10; r1=$?
tm send-keys -t "$session" '3, 10))' Enter
wait_for '^\[1\] 4$' 10; r2=$?
pane | grep -Eq '^> mean\(c\(1, 2,$' && pane | grep -Eq '^\+ 3, 10\)\)$'; r3=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ $r3 -eq 0 ]; check "continuation: '+ ' prompt after an open bracket, result [1] 4" $?

# 3. Completion of a variable name.
tm send-keys -t "$session" 'pupil_count <- 1234' Enter
sleep 0.5
tm send-keys -t "$session" 'pupil_co' Tab
sleep 0.5
tm send-keys -t "$session" Enter
wait_for '^\[1\] 1234$' 10; r1=$?
pane | grep -Eq '^> pupil_count$'; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ]; check "completion: 'pupil_co<Tab>' completes to pupil_count" $?

# 4. Completion of a column name after $.
tm send-keys -t "$session" 'd <- data_frame(truancy_rate = c(0.5, 0.25), school = c(1, 2))' Enter
sleep 0.5
tm send-keys -t "$session" 'mean(d$trua' Tab
sleep 0.5
tm send-keys -t "$session" ')' Enter
wait_for '^\[1\] 0.375$' 10; r1=$?
pane | grep -Eq '^> mean\(d\$truancy_rate\)$'; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ]; check "completion: 'mean(d\$trua<Tab>)' completes the column truancy_rate" $?

# 5. Completion of a function name.
tm send-keys -t "$session" 'group_summ' Tab
sleep 0.5
tm send-keys -t "$session" '(d, by = "school", n = length(school))' Enter
wait_for '^2 +2 +1$' 10; r1=$?
pane | grep -Eq '^> group_summary\(d, by = "school", n = length\(school\)\)$'; r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ]; check "completion: 'group_summ<Tab>' completes the function group_summary" $?

echo "---- captured pane ----"
pane | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
echo "-----------------------"
tm send-keys -t "$session" 'q()' Enter
for _ in $(seq 50); do [ -s "$work/history" ] && break; sleep 0.1; done
grep -q 'pupil_count' "$work/history" 2> /dev/null; check "history file written on exit (q())" $?

# 6. Persistent history: a new session recalls the last line of the previous one with Up. The first tmux
# server exits with its last session after q(); a new session on the same socket could reach that server while
# it shuts down and fail ("no server running", seen once in CI), so the second session gets its own socket.
# It also waits (up to 5 s) for the first session to be gone, so that its history file is complete.
for _ in $(seq 50); do tm has-session -t "$session" 2> /dev/null || break; sleep 0.1; done
session2="$session-2"
socket="$work/tmux-2.sock"
tm -f /dev/null new-session -d -s "$session2" -x 100 -y 20 \
    "cd '$work' && OPENBLAS_NUM_THREADS=1 TERM=xterm '$truant' repl --history '$work/history'"
session="$session2"
wait_for '^> ' 30
tm send-keys -t "$session" Up      # q(), the last line of the first session
sleep 0.3
tm send-keys -t "$session" Up      # the line before it
wait_for '^> group_summary\(d, by = "school", n = length\(school\)\)$' 10; check "persistent history: Up, Up in a new session recalls the previous session's lines (q(), then group_summary(...))" $?
echo "---- second session ----"
pane | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
echo "------------------------"
tm send-keys -t "$session" C-u 'q()' Enter
[ $failures -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all REPL terminal checks passed"
