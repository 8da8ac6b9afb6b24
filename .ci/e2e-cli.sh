#!/usr/bin/env bash
# End-to-end checks of what the command line hands to other programs: the
# shell completion scripts parse in bash, zsh and fish (and complete a
# handle from a demo journal in bash), and the man page renders with man.
# Installs man-db, zsh, fish and bash-completion when missing (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v man >/dev/null 2>&1 || missing+=(man-db)
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
[ -f /usr/share/bash-completion/bash_completion ] || missing+=(bash-completion)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; fi
  echo "installing ${missing[*]} with apt-get"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}" >/dev/null 2>&1 ||
    { $sudo apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}" >/dev/null; }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/1on1" .
export ONEONONE_DB="$tmp/j.db" ONEONONE_TODAY=2026-11-23 NO_COLOR=1
"$tmp/1on1" demo >/dev/null

for sh in bash zsh fish; do
  "$tmp/1on1" completion "$sh" > "$tmp/1on1.$sh"
  "$sh" -n "$tmp/1on1.$sh"
  echo "completion $sh: parses"
done

# bash completes a handle through the script, as a user's Tab would.
got=$(PATH="$tmp:$PATH" bash -c '
  source /usr/share/bash-completion/bash_completion
  source "$1"
  COMP_WORDS=(1on1 note a); COMP_CWORD=2; COMP_LINE="1on1 note a"; COMP_POINT=${#COMP_LINE}
  __start_1on1 1on1 a 1on1 2>/dev/null
  printf "%s\n" "${COMPREPLY[@]}"' _ "$tmp/1on1.bash")
case "$got" in
  *alice*) echo "completion bash: 1on1 note a<Tab> offers alice" ;;
  *) echo "completion bash: 1on1 note a<Tab> offered: $got" >&2; exit 1 ;;
esac

"$tmp/1on1" man > "$tmp/1on1.1"
MANPAGER=cat PAGER=cat MANWIDTH=80 man -l "$tmp/1on1.1" > "$tmp/man.txt"
grep -q "VERBS" "$tmp/man.txt" && grep -q "1on1 due" "$tmp/man.txt"
echo "man -l 1on1.1: renders ($(wc -l < "$tmp/man.txt") lines)"
