#!/bin/sh
# Speed and memory of --summary on a generated Postfix log, against
# pflogsumm (Debian's package) and grep -c 'status=' on the same file,
# in the same run.  Goals (issue 13): at least 20x pflogsumm, within 2x
# of grep, under 64 MB of peak memory whatever the size.
# usage: summary.sh SMTP_DOCTOR GEN_MAILLOG REPLIES.tsv [MB]
set -e
bin=$1
gen=$2
replies=$3
mb=${4:-64}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sd-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
log=$tmp/mail.log

[ -x /usr/bin/time ] || { echo "bench-summary: needs GNU time (apt-get install time)"; exit 1; }
python3 "$gen" "$mb" "$replies" >"$log"
bytes=$(wc -c <"$log")
cat "$log" >/dev/null		# warm the page cache

# measure NAME LABEL CMD...: elapsed seconds and peak RSS (kB) of one run.
measure() {
	name=$1
	label=$2
	shift 2
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out.$name" \
	    2>"$tmp/err.$name" || true
	read -r secs kb <"$tmp/time"
	eval "t_$name=\$secs; m_$name=\$kb"
	printf '%-22s %8.2f s %9.1f MB/s %8.1f MB peak\n' "$label" "$secs" \
	    "$(echo "$bytes / 1048576 / ($secs + 0.001)" | bc -l)" \
	    "$(echo "$kb / 1024" | bc -l)"
}

printf '%s MB Postfix log (%d bytes), %d failing deliveries, %s CPUs\n' \
    "$mb" "$bytes" "$(grep -c 'status=\(bounced\|deferred\)' "$log")" \
    "$(nproc)"
measure grep "grep -c 'status='" grep -c 'status=' "$log"
measure sd "smtp-doctor --summary" "$bin" --summary "$log"
if command -v pflogsumm >/dev/null 2>&1; then
	measure pfl pflogsumm pflogsumm "$log"
else
	echo "pflogsumm: not installed (apt-get install pflogsumm)"
	t_pfl=
fi
echo
printf 'smtp-doctor / grep time:      %6.2fx (goal <= 2x)\n' \
    "$(echo "$t_sd / ($t_grep + 0.001)" | bc -l)"
[ -n "$t_pfl" ] && printf 'pflogsumm / smtp-doctor time: %6.1fx (goal >= 20x)\n' \
    "$(echo "$t_pfl / ($t_sd + 0.001)" | bc -l)"
printf 'smtp-doctor peak memory:      %6.1f MB (goal < 64 MB)\n' \
    "$(echo "$m_sd / 1024" | bc -l)"
echo
echo "smtp-doctor's summary, its first lines and its notes:"
head -12 "$tmp/out.sd"
tail -4 "$tmp/out.sd"
head -3 "$tmp/err.sd"
