#!/usr/bin/env bash
# End-to-end run of SPEC 4.5, the app and the CLI at once: the app open in
# tmux on a demo journal, showing Alice's meetings; from this shell
# `1on1 note`, `1on1 done`, `1on1 due --json` and `1on1 backup` succeed
# while it runs, and within 2 s the app's screen shows the new meeting and
# the ticked item; the app still saves afterwards (the CLI finds the text);
# then the lock, kill and crash tests run. On failure the screen is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y tmux >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y tmux >/dev/null; }
fi

tmp=$(mktemp -d)
sock="oneonone-live-$$" # a tmux server of our own: cleanup touches nothing else
s="live"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/1on1" .
bin="$tmp/1on1"
db="$tmp/journal.db"
# The demo's last 1:1s are on 2026-11-23; the app and the verbs live a week
# later, so the note added below is the newest meeting.
"$bin" demo --db "$db" --today 2026-11-23 >/dev/null
export ONEONONE_TODAY=2026-11-30 NO_COLOR=1
cli() { "$bin" --db "$db" "$@"; }

screen() { tmux -L "$sock" capture-pane -p -t "$s"; }
keys() { tmux -L "$sock" send-keys -t "$s" "$@"; }
text() { tmux -L "$sock" send-keys -t "$s" -l -- "$1"; }
fail() {
  echo "e2e-live: $*" >&2
  echo "---- screen ----" >&2
  screen >&2 || true
  exit 1
}
# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT.
wait_for() {
  local limit=${2:-10} start=$SECONDS
  while ((SECONDS - start <= limit)); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for: $1"
}
# shown_within TEXT MS: the screen shows TEXT within MS milliseconds of now.
shown_within() {
  local start end
  start=$(date +%s%N)
  while :; do
    if screen | grep -qF -- "$1"; then
      end=$(date +%s%N)
      echo "  shown after $(((end - start) / 1000000)) ms: $1"
      return 0
    fi
    (($(date +%s%N) - start > $2 * 1000000)) && fail "not on screen within $2 ms: $1"
    sleep 0.05
  done
}

tmux -L "$sock" new-session -d -s "$s" -x 120 -y 40 \
  "env ONEONONE_DB='$db' ONEONONE_TODAY=2026-11-30 NO_COLOR=1 TERM=xterm-256color '$bin'; sleep 60"
wait_for "since 1:1"
keys /
text "alice"
keys Enter
wait_for "Alice Tanaka"
keys Enter
wait_for "1:1 with Alice Tanaka — 2026-11-23"

# The item to tick: one of Alice's open commitments in the note on screen,
# her latest.
latest=$(cli meetings alice --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])') ||
  fail "1on1 meetings --json failed while the app runs"
cli due --json --person alice > "$tmp/due.json" || fail "1on1 due --json failed while the app runs"
read -r item text < <(python3 - "$tmp/due.json" "$latest" <<'EOF'
import json, sys
items = [i for i in json.load(open(sys.argv[1])) if i["meeting"] == sys.argv[2] and i["kind"] == "commitment"]
it = items[0]
print(it["id"], {"me": "mine", "them": "theirs"}[it["owner"]] + " · " + it["text"][:30])
EOF
) || fail "no open commitment of Alice in the note on screen"
screen | grep -qF -- "$text" || fail "the item to tick is not on screen: $text"
screen | grep -qF -- "✓ done  $text" && fail "the item is ticked before 1on1 done ran"

echo "verbs while the app is open:"
printf '# zqlive recap\n\n- [ ] me: zqlive send the recap by tomorrow\n' | cli note alice - ||
  fail "1on1 note failed while the app runs"
shown_within "2026-11-30  zqlive recap" 2000
cli done "$item" >/dev/null || fail "1on1 done failed while the app runs"
shown_within "✓ done  $text" 2000
cli due --json > "$tmp/due2.json" || fail "1on1 due --json failed while the app runs"
grep -q 'zqlive send the recap' "$tmp/due2.json" ||
  fail "1on1 due --json does not list the new promise"
grep -q "\"$item\"" "$tmp/due2.json" && fail "1on1 due --json still lists the ticked item"
cli backup "$tmp/copy.db" >/dev/null || fail "1on1 backup failed while the app runs"
"$bin" --db "$tmp/copy.db" search zqlive | grep -q 2026-11-30 || fail "the backup does not hold the new note"

# The app still writes: edit the note on screen (ticked from outside, so
# the app must have its new revision), save, and the CLI reads the text.
keys e
wait_for "Editing:"
keys C-End
text " zqappsaved"
wait_for "[modified]"
keys C-s
wait_for "saved the 1:1 with"
cli search zqappsaved | grep -q "2026-11-23" || fail "the app's save is not in the journal"
cli show "$latest" | grep -qF "done:2026-11-30" || fail "the app's save lost the tick made by 1on1 done"
keys q

echo "lock, kill and crash tests:"
go test -count=1 ./journal ./internal/cli -run 'Lock|Kill|Crash'

echo "e2e-live: ok"
