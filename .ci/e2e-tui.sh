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
# Every run uses its own tmux server (-L): the crash and signal runs kill
# sessions on it, and no other script's server is touched (nor theirs ours).
sock="oneonone-e2e-$$"
cleanup() {
  tmux -L "$sock" kill-session -t "$session" 2>/dev/null || true
  tmux -L "$sock" kill-server 2>/dev/null || true
  umount "$tmp/full" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/1on1" .
export ONEONONE_DB="$tmp/j.db" ONEONONE_TODAY=2026-11-23 NO_COLOR=1
"$tmp/1on1" demo --db "$ONEONONE_DB" --today 2026-11-23 >/dev/null

screen() { tmux -L "$sock" capture-pane -p -t "$session"; }
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
keys() { tmux -L "$sock" send-keys -t "$session" "$@"; }
text() { tmux -L "$sock" send-keys -t "$session" -l -- "$1"; }

tmux -L "$sock" new-session -d -s "$session" -x 120 -y 40 \
  "env ONEONONE_DB='$ONEONONE_DB' ONEONONE_TODAY=2026-11-23 NO_COLOR=1 TERM=xterm-256color '$tmp/1on1'; sleep 30"

wait_for "due for a 1:1"
wait_for "since 1:1"
sleep 0.3 # let the preview's first render land for the README capture
screen > internal/tui/testdata/home-120x40.txt

keys Enter
wait_for "open:"
keys p
wait_for "Prep: 1:1 with"
keys n
# The demo holds a 1:1 with Alice today: n asks first, on the status line.
wait_for "already has a 1:1 on"
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
wait_for "ticked 'me: e2e check the launch plan"
keys q
for i in $(seq 1 100); do
  tmux -L "$sock" list-panes -t "$session" -F '#{pane_current_command}' 2>/dev/null | grep -q 1on1 || break
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

# ---- Signals and crashes: unsaved editor text survives SIGTERM, SIGHUP
# and a panic, and the next start offers it back.
s2="keep"
# With the history: after the alternate screen is left, the last words can
# land above the visible rows.
screen() { tmux -L "$sock" capture-pane -p -S -200 -t "$s2"; }
keys() { tmux -L "$sock" send-keys -t "$s2" "$@"; }
text() { tmux -L "$sock" send-keys -t "$s2" -l -- "$1"; }
# start_app [VAR=value…]: 1on1 as the pane's own process (so pane_pid is
# its pid), and the pane kept after it exits so its last words can be read.
start_app() {
  tmux -L "$sock" kill-session -t "$s2" 2>/dev/null || true
  tmux -L "$sock" new-session -d -s "$s2" -x 120 -y 40 \
    "exec env ONEONONE_DB='$ONEONONE_DB' ONEONONE_TODAY=2026-11-23 NO_COLOR=1 TERM=xterm-256color $* '$tmp/1on1'" \; \
    set-option -t "$s2" remain-on-exit on
}
app_pid() { tmux -L "$sock" list-panes -t "$s2" -F '#{pane_pid}'; }
wait_exit() {
  local i
  for i in $(seq 1 100); do
    [ "$(tmux -L "$sock" list-panes -t "$s2" -F '#{pane_dead}' 2>/dev/null)" != 0 ] && return 0
    sleep 0.05
  done
  fail "1on1 did not exit"
}
# type_into_note WORD: open the first person's latest note and type WORD.
type_into_note() {
  wait_for "since 1:1"
  keys Enter
  wait_for "open:"
  keys e
  wait_for "Editing:"
  text "$1 "
  wait_for "$1"
  wait_for "[modified]"
}
# has_draft: the journal's drafts folder (named after it, SPEC 5) holds a draft.
has_draft() { compgen -G "$ONEONONE_DB.drafts/*.json" >/dev/null; }
# restore_offered WORD: a new start offers the draft, y brings WORD back
# into the editor, and saving it puts WORD in the journal.
restore_offered() {
  start_app
  wait_for "Restore it into the editor?"
  keys y
  wait_for "Editing:"
  wait_for "$1"
  keys C-s
  wait_for "saved the 1:1 with"
  keys q
  wait_exit
  "$tmp/1on1" search "$1" > "$tmp/search.txt" 2>&1 || fail "1on1 search failed: $(cat "$tmp/search.txt")"
  grep -q "$1" "$tmp/search.txt" || fail "the restored draft was not saved: $1"
}

# SIGTERM: the handler writes the draft, the terminal is restored, and
# the app says where the draft is.
start_app
type_into_note "TERMKEPT4711"
kill -TERM "$(app_pid)"
wait_exit
wait_for "Your unsaved note is kept in"
screen | grep -qF "TERMKEPT4711" && fail "after SIGTERM the terminal still shows note text"
has_draft || fail "no draft file in $ONEONONE_DB.drafts after SIGTERM"
restore_offered "TERMKEPT4711"

# SIGHUP: the terminal goes away (tmux kill-session hangs up the pane).
start_app
type_into_note "HUPKEPT4712"
pid=$(app_pid)
tmux -L "$sock" kill-session -t "$s2"
for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "1on1 is still running after SIGHUP"
has_draft || fail "no draft file in $ONEONONE_DB.drafts after SIGHUP"
restore_offered "HUPKEPT4712"

# A panic inside Update (F12 with the test-only switch on): the terminal
# is restored, the message is generic and names the draft, and neither the
# note's text nor the panic's value (which holds the note) is printed.
start_app ONEONONE_TEST_PANIC=1
type_into_note "PANICKEPT4713"
keys F12
wait_exit
wait_for "1on1 stopped after an internal error"
wait_for "Your unsaved note is kept in"
screen | grep -qF "PANICKEPT4713" && fail "the crash output shows note text"
screen | grep -qiF "panic" && fail "the crash output shows the panic"
screen | grep -qF "goroutine" && fail "the crash output shows a stack trace"
restore_offered "PANICKEPT4713"

# ---- A full disk: the draft cannot be written, so ctrl+c does not quit
# and lose the text; the app asks where to keep it, writes it there and
# names it on the way out. The journal lives on a small tmpfs that is
# filled once the note is open; where mounting is refused, a file standing
# where the drafts folder would be makes it just as unwritable.
full="$tmp/full"
mkdir -p "$full"
if mount -t tmpfs -o size=4m tmpfs "$full" 2>/dev/null; then
  cp "$ONEONONE_DB" "$full/j.db"
  fill() { dd if=/dev/zero of="$full/fill" bs=64k >/dev/null 2>&1 || true; }
else
  echo "e2e-tui: mounting a tmpfs was refused; the drafts folder is blocked by a file instead"
  cp "$ONEONONE_DB" "$full/j.db"
  fill() { rm -rf "$full/j.db.drafts"; echo "not a folder" > "$full/j.db.drafts"; }
fi
start_app ONEONONE_DB="$full/j.db"
type_into_note "FULLDISK4714"
fill
sleep 0.6 # the debounced draft write fails
keys C-c
wait_for "cannot be kept as a draft"
keys C-u
text "$tmp/kept-elsewhere.md"
keys Enter
wait_exit
wait_for "Your unsaved note is in $tmp/kept-elsewhere.md"
grep -qF "FULLDISK4714" "$tmp/kept-elsewhere.md" || fail "the note was not written where asked"
[ "$(stat -c %a "$tmp/kept-elsewhere.md")" = 600 ] || fail "the kept note is not 0600"

echo "e2e-tui: ok"
