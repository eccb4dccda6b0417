#!/bin/sh
# --diagnose --json over a generated Postfix log of SIZE MB (2% failures)
# against grep -c 'status=' on the same file, in the same run; time and
# peak memory.  Usage: maillog.sh SMTP_DOCTOR SRCDIR [SIZE_MB]
bin=$1
src=$2
mb=${3:-1024}
log=${TMPDIR:-/tmp}/sd-bench-maillog-$mb.log
out=${TMPDIR:-/tmp}/sd-bench-maillog.out
[ -s "$log" ] || python3 "$src/bench/gen_maillog.py" "$mb" \
    "$src/../shared/reference/provider-messages.tsv" > "$log"
echo "$(wc -c < "$log") bytes, $(wc -l < "$log") lines: $log"
# GNU grep stops at the first match when its output is /dev/null.
t() { /usr/bin/time -f "%e s, %M KiB peak: $*" "$@" > "$out"; }
t grep -c 'status=' "$log"
t "$bin" --diagnose --json "$log"
echo "$(wc -l < "$out") records"
gzip -1 -c "$log" > "$log.gz"
t "$bin" --diagnose --json "$log.gz"
echo "$(wc -l < "$out") records from $(wc -c < "$log.gz") bytes of gzip"
rm -f "$out" "$log.gz"
