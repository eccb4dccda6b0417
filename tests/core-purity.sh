#!/bin/sh
# The core library must stay free of curses and readline: it is shared by
# the command line, the tests and the benchmarks, and must never draw.
# The parser's internal headers are private to src/core/parse, and every
# include of a core header names its folder ("parse/bounce.h").
: "${top_srcdir:=.}"
core=$top_srcdir/src/core
status=0
found=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|curses|term\.h|readline/|panel\.h|menu\.h|form\.h)' \
	"$core" 2>/dev/null)
if [ -n "$found" ]; then
	echo "core-purity: curses or readline included in src/core:"
	echo "$found"
	status=1
fi
private=$(grep -rnE '#[[:space:]]*include[[:space:]]*"([a-z]+/)?[a-z_]+_int\.h"' \
	"$top_srcdir/src" "$top_srcdir/tests" "$top_srcdir/bench" "$top_srcdir/tools" 2>/dev/null |
	grep -v "^$core/parse/")
if [ -n "$private" ]; then
	echo "core-purity: a parser-internal header included outside src/core/parse:"
	echo "$private"
	status=1
fi
# A core header included by its bare name: the folder is the module.
bare=
for h in "$core"/*/*.h; do
	name=${h##*/}
	hits=$(grep -rnE "#[[:space:]]*include[[:space:]]*\"$name\"" \
	    "$top_srcdir/src" "$top_srcdir/tests" "$top_srcdir/bench" "$top_srcdir/tools" 2>/dev/null)
	[ -n "$hits" ] && bare="$bare$hits
"
done
if [ -n "$bare" ]; then
	echo "core-purity: core headers included without their folder:"
	printf '%s' "$bare"
	status=1
fi
# The folders depend downwards only, so no include cycle can form:
# base <- catalogue, parse <- diagnose, browse <- paste (HACKING).
allowed="catalogue:base parse:base diagnose:base diagnose:catalogue
diagnose:parse browse:base browse:catalogue paste:base paste:catalogue
paste:parse paste:diagnose paste:browse check:base check:catalogue
check:parse check:diagnose"
for f in "$core"/*/*.[ch]; do
	from=${f%/*}
	from=${from##*/}
	for to in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([a-z]*\)\/.*/\1/p' "$f" |
	    sort -u); do
		[ "$to" = "$from" ] && continue
		case " $(echo $allowed) " in
		*" $from:$to "*) ;;
		*)	echo "core-purity: $f: $from/ may not include $to/"
			status=1 ;;
		esac
	done
done
[ "$status" = 0 ] || exit 1
n=$(ls "$core"/*/*.c | wc -l)
f=$(ls -d "$core"/*/ | wc -l)
echo "core-purity: $n core files in $f folders, no curses or readline include, parser internals private"
