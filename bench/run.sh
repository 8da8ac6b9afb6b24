#!/usr/bin/env bash
# bench/run.sh — the performance figures of issue 7, written to
# bench/RESULTS.md.
#
# Builds the binary and the demo journals (the decade, 40 people × 10
# years, and smaller ones to show how costs grow), times the CLI queries as
# whole processes with hyperfine, measures their peak memory, the journal
# file against the markdown it holds, and — side by side, on the same
# corpus — ripgrep over the exported markdown and Taskwarrior loaded with
# one task per commitment. Then runs the Go benchmarks for what a process
# cannot show (TUI first frame and keystrokes, saving a note) on the
# decade, and writes the report (bench/report.py).
#
# Usage: bench/run.sh [--quick] [--no-director] [--wait-load MINUTES] [--out DIR]
#   --quick      fewer runs, decade only (a smoke test of the script)
#   --no-director  leave out the 200 people × 10 years journal
#   --wait-load  wait up to MINUTES for the 1-minute load average to drop
#                below 2 before measuring (the machine may be shared)
#   --out DIR    where journals, exports and raw figures go
#                (default: $TMPDIR/1on1-bench-run; never committed)
# BENCHDIR=DIR overrides where the Go benchmarks cache their journals.
#
# Needs: go, python3, hyperfine, ripgrep, taskwarrior, GNU time
# (Debian: apt-get install -y hyperfine ripgrep taskwarrior time).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

out="${TMPDIR:-/tmp}/1on1-bench-run"
quick=0
director=1
wait_load=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-director) director=0 ;;
    --wait-load) wait_load="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--no-director] [--wait-load MINUTES] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

today=2026-11-23
seed=1
handle=alice      # the demo's first person
common=budget     # in about half of the decade's notes
rare=stampede     # in about one note in seven
few=beatriz       # in about one note in fifty (the demo has no word in 1 %)
# Scales: PEOPLE:YEARS. The first is the decade; 40:1 has the decade's
# people (so about its open commitments) and a tenth of its notes; 4:10 is
# a tenth of everything; 200:10, the "director", five times the decade
# (about 100,000 meetings: issue 16), for the growth 4p10y → 40p10y →
# 200p10y. --no-director leaves it out (its build and export take minutes).
scales=("40:10" "40:1" "4:10" "200:10")
runs=(--warmup 3 --min-runs 20)
gocount=5
if [ "$quick" = 1 ]; then
  scales=("40:10")
  runs=(--warmup 1 --min-runs 5 --max-runs 10)
  gocount=1
fi
if [ "$director" = 0 ]; then
  scales=("${scales[@]/200:10}")
  read -r -a scales <<< "${scales[*]}"
fi

need() {
  for c in "$@"; do
    if ! command -v "$c" >/dev/null 2>&1; then
      echo "bench/run.sh: $c is missing (Debian: apt-get install -y hyperfine ripgrep taskwarrior time)" >&2
      exit 1
    fi
  done
}
need go python3 hyperfine rg task
[ -x /usr/bin/time ] || { echo "bench/run.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

step() { printf '\n==> %s\n' "$*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

if [ "$wait_load" != 0 ]; then
  step "waiting up to $wait_load min for the load average to drop below 2 (now $(load1))"
  deadline=$((SECONDS + wait_load * 60))
  while awk -v l="$(load1)" 'BEGIN { exit !(l >= 2) }' && [ $SECONDS -lt $deadline ]; do
    sleep 10
  done
fi

mkdir -p "$out"
raw="$out/raw"
rm -rf "$raw"
mkdir -p "$raw"
export ONEONONE_TODAY=$today

# The machine and the tools.
{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- journal internal main.go 2>/dev/null || echo '+uncommitted')"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel=$(uname -sr)"
  echo "go=$(go version | cut -d' ' -f3-)"
  echo "hyperfine=$(hyperfine --version | cut -d' ' -f2)"
  echo "rg=$(rg --version | head -1 | cut -d' ' -f2)"
  echo "task=$(task --version)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "quick=$quick"
} > "$raw/machine.env"

step "build the binary, and a hello-world Go program to compare start-up with"
bin="$out/1on1"
CGO_ENABLED=0 go build -o "$bin" . # static, as the README installs it
hello="$out/hello"
mkdir -p "$out/hello-src"
printf 'module hello\n\ngo 1.21\n' > "$out/hello-src/go.mod"
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n' > "$out/hello-src/main.go"
(cd "$out/hello-src" && go build -o "$hello" .)

for scale in "${scales[@]}"; do
  people=${scale%%:*}
  years=${scale##*:}
  name="${people}p${years}y"
  dir="$out/$name"
  res="$raw/$name"
  mkdir -p "$res"
  db="$dir/journal.db"

  step "$name: build the journal (1on1 demo --people $people --years $years)"
  rm -rf "$dir"
  mkdir -p "$dir"
  /usr/bin/time -v -o "$res/demo.time" "$bin" demo --people "$people" --years "$years" \
    --seed "$seed" --today "$today" --db "$db" > "$res/demo.out"
  cat "$res/demo.out" >&2
  stat -c %s "$db" > "$res/db.size"

  step "$name: export markdown and JSON"
  "$bin" export "$dir/md" --json "$dir/export.json" --db "$db" > /dev/null
  find "$dir/md" -type f -printf '%s\n' | awk '{s += $1} END {print s}' > "$res/md.size"
  find "$dir/md/meetings" -type f | wc -l > "$res/md.files"

  # The director's journal is five times the decade: fewer runs, and no
  # Taskwarrior (importing half a million tasks takes longer than the
  # rest of the run).
  srun=("${runs[@]}")
  big=0
  if [ "$people" -ge 200 ]; then
    big=1
    srun=(--warmup 1 --min-runs 5 --max-runs 10)
  fi

  tw="$dir/tw"
  if [ "$big" = 0 ]; then
  step "$name: Taskwarrior with one task per commitment"
  mkdir -p "$tw"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n' "$tw" > "$tw/taskrc"
  python3 bench/taskwarrior.py "$dir/export.json" "$dir/tasks.json" > "$res/tasks.count"
  start=$(date +%s.%N)
  TASKRC="$tw/taskrc" TASKDATA="$tw" task import "$dir/tasks.json" > /dev/null 2>&1
  echo "$(date +%s.%N) - $start" | bc > "$res/task-import.seconds"
  # One report lets Taskwarrior settle its files (gc) before the timing.
  TASKRC="$tw/taskrc" TASKDATA="$tw" task count status:pending > "$res/task-pending.count"
  TASKRC="$tw/taskrc" TASKDATA="$tw" task overdue 2>/dev/null | grep -c . > "$res/task-overdue.lines" || true
  fi

  q="--db $db"
  step "$name: the CLI queries (hyperfine)"
  hyperfine -N "${srun[@]}" --export-json "$res/cli.json" \
    -n version "$bin version" \
    -n hello "$hello" \
    -n due "$bin due $q" \
    -n "search $common" "$bin search $common $q" \
    -n "search $rare" "$bin search $rare $q" \
    -n "prep $handle" "$bin prep $handle $q" \
    -n "ledger $handle" "$bin ledger $handle $q" \
    -n "all-matches $common" "$bin search $common --limit 0 $q" \
    -n "all-matches $few" "$bin search $few --limit 0 $q" >&2

  step "$name: ripgrep over the exported markdown"
  hyperfine -N "${srun[@]}" --export-json "$res/rg.json" -i \
    -n "rg -i -l $common" "rg -i -l $common $dir/md" \
    -n "rg -i -l $rare" "rg -i -l $rare $dir/md" \
    -n "rg -i -m1 $common" "rg -i -m1 $common $dir/md" \
    -n "rg -i -m1 $few" "rg -i -m1 $few $dir/md" \
    -n "rg open tasks of $handle" "rg '^\s*- \[ \]' $dir/md/meetings/$handle" \
    -n "rg open tasks of all" "rg '^\s*- \[ \]' $dir/md/meetings" >&2

  if [ "$big" = 0 ]; then
  step "$name: Taskwarrior"
  TASKRC="$tw/taskrc" TASKDATA="$tw" hyperfine -N "${runs[@]}" --export-json "$res/task.json" -i \
    -n "task overdue" "task overdue" \
    -n "task project:$handle list" "task project:$handle list" \
    -n "task count status:pending" "task count status:pending" >&2
  fi

  # check reads every note again: seconds, so three timed runs, not
  # hyperfine's twenty. Wall clock and CPU (user + system).
  if [ "$people:$years" = "${scales[0]}" ] || [ "$big" = 1 ]; then
    step "$name: 1on1 check (3 runs)"
    : > "$res/check.txt"
    for _ in 1 2 3; do
      /usr/bin/time -f '%e %U %S' -a -o "$res/check.txt" "$bin" check --db "$db" > /dev/null
    done
  fi

  step "$name: peak memory of each query"
  : > "$res/rss.txt"
  for cmd in "due" "search $common" "search $rare" "prep $handle" "ledger $handle"; do
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$res/one.time" "$bin" $cmd --db "$db" > /dev/null
    kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$res/one.time")
    printf '%s\t%s\n' "$cmd" "$kb" >> "$res/rss.txt"
  done
  # What the queries print, for the report's sanity column.
  "$bin" due --db "$db" | wc -l > "$res/due.lines"
done

step "Go benchmarks on the decade (in process)"
# The Go benchmarks cache their journals in -benchdir (default
# $TMPDIR/1on1-bench), keyed by the generator's parameters and the code.
benchdir=()
[ -n "${BENCHDIR:-}" ] && benchdir=(-benchdir "$BENCHDIR")
echo "load_go_start=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$raw/machine.env"
go test ./journal -run xxx -bench 'Benchmark(Open|Flagged|OpenCommitments|PeopleStatus|Search|Prep|Ledger|SaveMeeting|OpenPerson)$' \
  -bench.decade "${benchdir[@]}" -count "$gocount" -benchmem > "$raw/go-journal.txt"
go test ./internal/cli -run xxx -bench Verbs -bench.decade "${benchdir[@]}" -count "$gocount" -benchmem > "$raw/go-cli.txt"
go test ./internal/tui -run xxx -bench . -bench.decade "${benchdir[@]}" -count "$gocount" -benchmem > "$raw/go-tui.txt"
if [ "$quick" = 0 ]; then
  go test ./journal -run xxx -bench 'BenchmarkBuild$' -bench.decade "${benchdir[@]}" -benchtime 1x > "$raw/go-build.txt"
fi
if [ "$director" = 1 ] && [ "$quick" = 0 ]; then
  step "Go benchmarks on the director's journal (200 people × 10 years)"
  go test ./internal/tui -run xxx -bench 'Keystroke' -bench.people 200 -bench.years 10 "${benchdir[@]}" -count 3 -benchmem > "$raw/go-tui-director.txt"
  go test ./journal -run xxx -bench 'Benchmark(OpenPerson|Flagged)$' -bench.people 200 -bench.years 10 "${benchdir[@]}" -count 3 -benchmem > "$raw/go-journal-director.txt"
fi
echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$raw/machine.env"

step "write bench/RESULTS.md"
python3 bench/report.py "$raw" "${scales[@]}" > bench/RESULTS.md
cat bench/RESULTS.md
