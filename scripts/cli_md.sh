#!/bin/sh
# cli_md.sh [-i] IZHISCOPE [DOC] - DOC (default docs/cli.md) printed with
# its option list and key table written again from the program's own --help
# (one option table, one key table: src/cli.c, src/keys.c), as man.sh writes
# the manual page's. Only what lies between <!-- options --> and
# <!-- /options -->, and between <!-- keys --> and <!-- /keys -->, is
# replaced; the rest of DOC is written by hand and kept as it is. The suite
# compares the result with the committed file (tests/e2e_headless.sh, and
# `make check-docs`), so the page cannot drift from the tables. -i writes
# DOC in place instead (after a change to an option or a key:
# sh scripts/cli_md.sh -i ./izhiscope).
set -eu
inplace=0
[ "${1:-}" = -i ] && { inplace=1; shift; }
[ $# -ge 1 ] || { echo "usage: cli_md.sh [-i] IZHISCOPE [DOC]" >&2; exit 2; }
bin=$1
doc=${2:-$(dirname "$0")/../docs/cli.md}
[ -r "$doc" ] || { echo "cli_md.sh: cannot read $doc" >&2; exit 1; }
help=$("$bin" --help)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the usage line, then every line of the option list, verbatim
{
    echo '```'
    printf '%s\n' "$help" | sed -n '1s/^Usage: //p'
    printf '%s\n' "$help" | sed -n '/^Options:$/,/^Keys in the window:$/p' | sed '1d;$d' | grep -v '^$'
    echo '```'
} >"$tmp/options"
# "  KEYS<two or more blanks>WHAT" lines as markdown rows, split at the first
# two blanks (a key's name has single ones; a '|' escaped)
{
    echo '| key | action |'
    echo '|---|---|'
    printf '%s\n' "$help" | sed -n '/^Keys in the window:$/,/^Exit status:/p' | sed '1d;$d' | grep -v '^$' |
        awk '{ gsub(/\|/, "\\|"); sub(/^  /, ""); match($0, /   */)
               print "| " substr($0, 1, RSTART - 1) " | " substr($0, RSTART + RLENGTH) " |" }'
} >"$tmp/keys"
grep -q '^  --' "$tmp/options" || { echo "cli_md.sh: no option list in $bin --help" >&2; exit 1; }
[ "$(wc -l <"$tmp/keys")" -gt 2 ] || { echo "cli_md.sh: no key list in $bin --help" >&2; exit 1; }

awk -v o="$tmp/options" -v k="$tmp/keys" '
$0 == "<!-- /options -->" || $0 == "<!-- /keys -->" { skip = 0 }
skip { next }
{ print }
$0 == "<!-- options -->" { while ((getline l < o) > 0) print l; skip = 1; no++ }
$0 == "<!-- keys -->"    { while ((getline l < k) > 0) print l; skip = 1; nk++ }
END { if (no != 1 || nk != 1 || skip) exit 1 }
' "$doc" >"$tmp/doc" || { echo "cli_md.sh: $doc needs one <!-- options --> ... <!-- /options --> and one <!-- keys --> ... <!-- /keys -->" >&2; exit 1; }
if [ $inplace = 1 ]; then
    cp "$tmp/doc" "$doc.tmp" && mv "$doc.tmp" "$doc"
else
    cat "$tmp/doc"
fi
