#!/bin/sh
# --summary interrupted: while reading, it writes nothing (a summary of
# part of the input would mislead) and ends by the signal; while
# writing, it stops after a whole line, so a script gets whole JSON
# records, a prefix of the full run's; a reader gone ends it quietly.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR
command -v python3 >/dev/null 2>&1 || exit 77
command -v mkfifo >/dev/null 2>&1 || exit 77

# 12,000 failures of 12,000 domains: over 5 MB of JSON.
{
	for m in 0 1; do
		printf 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'
		printf 'Date: Wed, 2 Dec 2026 0%d:00:00 +0000\n\n' "$m"
		awk -v m="$m" 'BEGIN { for (i = m * 6000; i < (m + 1) * 6000; i++)
		    printf "<u%d@d%d.example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n", i, i }'
		echo
	done
} >"$tmp/many.mbox"
"$sd" --summary --json "$tmp/many.mbox" >"$tmp/full.json"
"$sd" --summary --width 80 "$tmp/many.mbox" >"$tmp/full.txt"

cat >"$tmp/slow.py" <<'PY'
import os, time
while True:
    b = os.read(0, 4096)
    if not b:
        break
    os.write(1, b)
    time.sleep(0.005)
PY
# check.py PART FULL: PART is a shorter prefix of FULL ending on a line.
cat >"$tmp/check.py" <<'PY'
import json, sys
part = open(sys.argv[1], "rb").read()
full = open(sys.argv[2], "rb").read()
assert part, "no output"
assert len(part) < len(full), "not interrupted"
assert full.startswith(part), "not a prefix of the full output"
assert part.endswith(b"\n"), "ends in %r" % part[-40:]
if sys.argv[2].endswith(".json"):
    for line in part.decode("utf-8").splitlines():
        json.loads(line)
PY
cat >"$tmp/with.py" <<'PY'
import os, signal, sys
args = sys.argv[1:]
while "=" in args[0]:
    name, how = args.pop(0).split("=")
    signal.signal(getattr(signal, "SIG" + name),
        signal.SIG_IGN if how == "ign" else signal.SIG_DFL)
os.execvp(args[0], args)
PY

# caught PID SIGNAL: wait (10 s at most) until PID is smtp-doctor with
# a handler for SIGNAL, as /proc's SigCgt mask says.
caught() {
	_n=$(kill -l "$2")
	_k=0
	while [ "$_k" -lt 1000 ]; do
		_mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" \
		    2>/dev/null)
		if [ -n "$_mask" ] &&
		    [ "$(cat "/proc/$1/comm" 2>/dev/null)" = smtp-doctor ] &&
		    [ $(( (0x$_mask >> (_n - 1)) & 1 )) = 1 ]; then
			return 0
		fi
		sleep 0.01
		_k=$((_k + 1))
	done
	return 1
}

# interrupt SIGNAL STATUS FULL OPTION...: signal once the output flows.
interrupt() {
	sig=$1 want=$2 full=$3
	shift 3
	checks=$((checks + 1))
	rm -f "$tmp/fifo" "$tmp/part"
	mkfifo "$tmp/fifo"
	python3 "$tmp/slow.py" <"$tmp/fifo" >"$tmp/part" &
	reader=$!
	python3 "$tmp/with.py" "$sig=dfl" "$sd" "$@" "$tmp/many.mbox" \
	    >"$tmp/fifo" 2>"$tmp/err" &
	pid=$!
	k=0
	while [ ! -s "$tmp/part" ] && [ "$k" -lt 1000 ]; do
		sleep 0.01
		k=$((k + 1))
	done
	kill -s "$sig" "$pid"
	wait "$pid"
	got=$?
	wait "$reader"
	if [ "$got" != "$want" ]; then
		fail "SIG$sig: exit $got, want $want: $*"
		sed 's/^/  err: /' "$tmp/err" | head -5
	elif ! python3 "$tmp/check.py" "$tmp/part" "$full" 2>"$tmp/why"; then
		fail "SIG$sig: a cut line: $*"
		tail -1 "$tmp/why"
	elif [ -s "$tmp/err" ]; then
		fail "SIG$sig: said $(head -3 "$tmp/err")"
	fi
}
interrupt INT 130 "$tmp/full.json" --summary --json
interrupt TERM 143 "$tmp/full.json" --summary --json
interrupt HUP 129 "$tmp/full.txt" --summary --width 80

# While reading a pipe that stays open: nothing written, the signal's
# status, at once (the wait for input looks at the flag).
for sig in INT TERM; do
	checks=$((checks + 2))
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	{ cat "$tmp/many.mbox"; sleep 30; } >"$tmp/fifo" &
	writer=$!
	python3 "$tmp/with.py" "$sig=dfl" "$sd" --summary --json \
	    <"$tmp/fifo" >"$tmp/part" 2>"$tmp/err" &
	pid=$!
	# Signal only once smtp-doctor itself catches it: before with.py's
	# exec the signal may still be ignored, as for any background job,
	# and would be lost on a slow machine.
	caught "$pid" "$sig" || fail "reading, SIG$sig: never caught"
	sleep 0.2
	kill -s "$sig" "$pid"
	wait "$pid"
	got=$?
	kill "$writer" 2>/dev/null
	wait "$writer" 2>/dev/null
	case $sig in INT) want=130 ;; TERM) want=143 ;; esac
	[ "$got" = "$want" ] || fail "reading, SIG$sig: exit $got, want $want"
	[ -s "$tmp/part" ] && fail "reading, SIG$sig: wrote $(head -c 80 "$tmp/part")"
done

# A reader that stops reading: quiet, 141, the first line whole.
for how in dfl ign; do
	checks=$((checks + 3))
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	head -n 1 <"$tmp/fifo" >"$tmp/first" &
	reader=$!
	python3 "$tmp/with.py" "PIPE=$how" "$sd" --summary --json \
	    "$tmp/many.mbox" >"$tmp/fifo" 2>"$tmp/err"
	got=$?
	wait "$reader"
	[ "$got" = 141 ] || fail "SIGPIPE $how: exit $got, want 141"
	[ -s "$tmp/err" ] && fail "SIGPIPE $how: said $(head -3 "$tmp/err")"
	head -n 1 "$tmp/full.json" | cmp -s - "$tmp/first" ||
	    fail "SIGPIPE $how: the first line is not the first record"
done
if [ -w /dev/full ]; then
	checks=$((checks + 2))
	LC_ALL=C "$sd" --summary --json "$tmp/many.mbox" >/dev/full 2>"$tmp/err"
	got=$?
	[ "$got" = 2 ] || fail "/dev/full: exit $got, want 2"
	[ "$(grep -c 'write error' "$tmp/err")" = 1 ] ||
	    fail "/dev/full: $(head -3 "$tmp/err")"
fi
finish
