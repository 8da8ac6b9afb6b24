#!/usr/bin/env bash
# End-to-end check of the weekly loop on a demo journal, as a shell user
# runs it: queue a topic and feedback, start the next note from the
# template, save it (the queue empties), look at the week, write the
# calendar (CRLF, lines of at most 75 octets) and the recap (nothing
# private, no block ids). Needs only the Go toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/1on1" .
export ONEONONE_DB="$tmp/j.db" ONEONONE_TODAY=2026-11-23 NO_COLOR=1
b="$tmp/1on1"
"$b" demo >/dev/null
fail() { echo "e2e-weekly: $*" >&2; exit 1; }

"$b" topic alice "the offsite agenda" >/dev/null
"$b" tell alice "thanks for covering on-call" >/dev/null
"$b" topic alice --json | grep -q '"text": "the offsite agenda"' || fail "topic --json lacks the topic"

"$b" template next alice > "$tmp/next.md"
grep -q '^## Feedback to give$' "$tmp/next.md" || fail "template has no feedback to give"
grep -q 'the offsite agenda \^q' "$tmp/next.md" || fail "template lacks the queued topic"
"$b" note alice --date 2026-11-23 --file "$tmp/next.md" >/dev/null
[ "$("$b" topic alice --json)" = "[]" ] || fail "the saved note did not take the topics off the queue"
echo "queue → template → note: ok"

"$b" week --json | grep -q '"days"' || fail "week --json"
"$b" week | grep -q '^The week from Mon 2026-11-23 (today)' || fail "week"
echo "week: ok"

"$b" ics --out "$tmp/1on1.ics" >/dev/null
head -1 "$tmp/1on1.ics" | grep -q $'^BEGIN:VCALENDAR\r$' || fail "ics does not start with BEGIN:VCALENDAR CRLF"
if LC_ALL=C awk '{ sub(/\r$/, ""); if (length($0) > 75) bad = 1 } END { exit !bad }' "$tmp/1on1.ics"; then
  fail "an ics line is longer than 75 octets"
fi
if LC_ALL=C grep -qv $'\r$' "$tmp/1on1.ics"; then fail "an ics line does not end in CRLF"; fi
n=$(grep -c '^BEGIN:VEVENT' "$tmp/1on1.ics")
[ "$n" -gt 5 ] || fail "ics has $n events"
echo "ics: $n events, CRLF, folded: ok"

"$b" share alice > "$tmp/recap.md"
grep -qi 'private' "$tmp/recap.md" && fail "the recap holds a private section"
grep -qE ' \^[a-z0-9]{4,}$' "$tmp/recap.md" && fail "the recap holds a block id"
echo "share: ok"
