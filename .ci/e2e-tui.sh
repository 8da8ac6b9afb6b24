#!/usr/bin/env bash
# End-to-end run of the real 1on1 TUI in tmux on a demo journal: start,
# open a person, prep, start a new meeting, type a commitment "by friday",
# save, find it in the commitments view, tick it, quit; then check the
# journal through the CLI. On failure the captured screen is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  apt-get install -y tmux >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y tmux >/dev/null; }
fi

tmp=$(mktemp -d)
session="oneonone-e2e-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/1on1" .
export ONEONONE_DB="$tmp/j.db" ONEONONE_TODAY=2026-11-23 NO_COLOR=1
"$tmp/1on1" demo --db "$ONEONONE_DB" --today 2026-11-23 >/dev/null

screen() { tmux capture-pane -p -t "$session"; }
fail() {
  echo "e2e-tui: $*" >&2
  echo "---- screen ----" >&2
  screen >&2 || true
  exit 1
}
# wait_for TEXT: poll the screen until it shows TEXT, for up to 10 s.
wait_for() {
  local i
  for i in $(seq 1 200); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  fail "timed out waiting for: $1"
}
keys() { tmux send-keys -t "$session" "$@"; }
text() { tmux send-keys -t "$session" -l -- "$1"; }

tmux new-session -d -s "$session" -x 120 -y 40 \
  "env ONEONONE_DB='$ONEONONE_DB' ONEONONE_TODAY=2026-11-23 NO_COLOR=1 TERM=xterm-256color '$tmp/1on1'; sleep 30"

wait_for "due for a 1:1"
wait_for "since 1:1"
sleep 0.3 # let the preview's first render land for the README capture
screen > tui/testdata/home-120x40.txt

keys Enter
wait_for "open:"
keys p
wait_for "Prep: 1:1 with"
keys n
wait_for "New 1:1:"
text "- [ ] me: e2e check the launch plan by friday"
keys Enter
wait_for "[modified]"
keys C-s
wait_for "saved the 1:1 with"
keys c
wait_for "showing: mine and theirs"
keys /
text "e2e check"
keys Enter
wait_for "e2e check the launch plan"
keys Space
wait_for "ticked done: me: e2e check the launch plan"
keys q
for i in $(seq 1 100); do
  tmux list-panes -t "$session" -F '#{pane_current_command}' 2>/dev/null | grep -q 1on1 || break
  sleep 0.05
done

# The commitment was ticked in its note: it is not flagged even a week on.
"$tmp/1on1" due --json --today 2026-11-30 > "$tmp/due.json" || fail "1on1 due --json failed"
if grep -q "e2e check" "$tmp/due.json"; then
  cat "$tmp/due.json" >&2
  fail "the ticked commitment is still open according to 1on1 due --json"
fi
# And it was saved: a search finds the note.
"$tmp/1on1" search "e2e check" > "$tmp/search.txt" 2>&1 || fail "1on1 search failed: $(cat "$tmp/search.txt")"
grep -q "e2e" "$tmp/search.txt" || fail "the new meeting was not saved"
echo "e2e-tui: ok"
