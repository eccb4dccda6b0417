#!/bin/sh
# --diagnose --json over a generated Postfix log of SIZE MB (2% failures)
# against grep -c 'status=' on the same file; time and peak memory.
# Usage: maillog.sh SMTP_DOCTOR SRCDIR [SIZE_MB]
bin=$1
src=$2
mb=${3:-1024}
log=${TMPDIR:-/tmp}/sd-bench-maillog-$mb.log
[ -s "$log" ] || python3 "$src/bench/gen-maillog.py" "$mb" > "$log"
ls -l "$log"
t() { /usr/bin/time -f "%e s, %M KiB peak: $*" "$@" > /dev/null; }
t grep -c 'status=' "$log"
t "$bin" --diagnose --json "$log"
t "$bin" --diagnose --json -j 1 "$log"
"$bin" --diagnose --json "$log" | wc -l
