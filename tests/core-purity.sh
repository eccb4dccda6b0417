#!/bin/sh
# The core library must stay free of curses and readline: it is shared by
# the command line, the tests and the benchmarks, and must never draw.
: "${top_srcdir:=.}"
found=$(grep -rnE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|curses|term\.h|readline/|panel\.h|menu\.h|form\.h)' \
	"$top_srcdir/src/core" 2>/dev/null)
if [ -n "$found" ]; then
	echo "core-purity: curses or readline included in src/core:"
	echo "$found"
	exit 1
fi
n=$(ls "$top_srcdir"/src/core/*.c | wc -l)
echo "core-purity: $n core files, no curses or readline include"
