#!/bin/sh
# The shipped diagnosis rules name their sources: every rule stanza that
# decides something (reason, provider, format, permanent or class) has a
# 'source:' line, or is listed in rules-lint.todo.
#
# usage: rules-lint.sh [--data DIR] [--todo FILE]
# DIR is a data directory (its rules/*.txt are read; default: the
# source tree's data); FILE lists the rule ids still without a source
# (default: tests/diag/rules-lint.todo).
. "${top_srcdir:-.}/tests/lib.sh"

data=$top_srcdir/data
todo=$top_srcdir/tests/diag/rules-lint.todo
while [ $# -gt 0 ]; do
	case $1 in
	--data) data=$2; shift 2 ;;
	--todo) todo=$2; shift 2 ;;
	*) echo "usage: rules-lint.sh [--data DIR] [--todo FILE]" >&2; exit 2 ;;
	esac
done
command -v awk >/dev/null || exit 77
set -- "$data"/rules/*.txt
[ -f "$1" ] || { echo "rules-lint.sh: no rules in $data/rules" >&2; exit 2; }
if [ ! -f "$todo" ]; then
	: >"$tmp/empty"
	todo=$tmp/empty
fi

# One line per rule stanza that decides something:
#   FILE:LINE ID yes|no (has a source)
awk '
function flush() {
	if (id != "" && decides)
		print file ":" line " " id " " (sourced ? "yes" : "no")
	id = ""; decides = 0; sourced = 0; first = 1
}
FNR == 1 { flush() }
/^[ \t]*$/ { flush(); next }
/^#/ { next }
/^[ \t]/ { next }
{
	f = $0; sub(/:.*/, "", f); sub(/\[.*/, "", f)
	if (first && f == "rule") {
		v = $0; sub(/^rule:[ \t]*/, "", v); sub(/[ \t]+$/, "", v)
		id = v; line = FNR; file = FILENAME
	}
	first = 0
	if (f == "reason" || f == "provider" || f == "format" ||
	    f == "permanent" || f == "class")
		decides = 1
	if (f == "source")
		sourced = 1
}
END { flush() }
' "$@" >"$tmp/rules"

# The allowlist: one rule id a line, '#' comments.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$todo" | sort -u >"$tmp/todo"

while read -r where id sourced; do
	checks=$((checks + 1))
	if [ "$sourced" = yes ]; then
		if grep -qxF -- "$id" "$tmp/todo"; then
			echo "note: $where: rule '$id' has a source now:" \
			    "remove it from $(basename "$todo")"
		fi
	elif ! grep -qxF -- "$id" "$tmp/todo"; then
		fail "$where: rule '$id' decides something but has no 'source:' line"
	fi
done <"$tmp/rules"

# A listed id that no rule has any more is stale too.
cut -d' ' -f2 "$tmp/rules" | sort -u >"$tmp/ids"
comm -23 "$tmp/todo" "$tmp/ids" | while read -r id; do
	echo "note: '$id' in $(basename "$todo") names no rule: remove it"
done
finish
