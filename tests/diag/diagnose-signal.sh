#!/bin/sh
# --diagnose interrupted: SIGINT, SIGTERM and SIGHUP end the run between
# two inputs, so a script reading standard output gets whole records
# only, a prefix of what the full run prints, and the status says which
# signal; a reader that goes away ends the run quietly.
#
# The output goes through a FIFO to a reader slower than the program:
# the program cannot finish before the signal comes, and the signal
# finds it blocked in a write, where a cut record would be made.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR
samples=$top_srcdir/tests/diag/samples
command -v python3 >/dev/null 2>&1 || exit 77
command -v mkfifo >/dev/null 2>&1 || exit 77

# 3,400 small bounces (the samples 200 times): about 3 MB of JSON.
python3 - "$samples" "$tmp/in" 200 <<'PY'
import os, shutil, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.mkdir(dst)
names = sorted(n for n in os.listdir(src) if n.endswith(".eml"))
for k in range(copies):
    for n in names:
        shutil.copyfile(os.path.join(src, n),
            os.path.join(dst, "%03d-%s" % (k, n)))
PY
# At most 4 kB every 5 ms: over three seconds for the whole output.
cat >"$tmp/slow.py" <<'PY'
import os, time
while True:
    b = os.read(0, 4096)
    if not b:
        break
    os.write(1, b)
    time.sleep(0.005)
PY
# check.py PART FULL INDIR: the records are whole.  PART is a prefix of
# FULL, the full run's output, shorter, ending in a newline where FULL
# starts a record (the report or the JSON object of a file in INDIR);
# every JSON line parses.
cat >"$tmp/check.py" <<'PY'
import json, sys
part = open(sys.argv[1], "rb").read()
full = open(sys.argv[2], "rb").read()
json_lines = sys.argv[2].endswith(".json")
start = ('{"source":"' if json_lines else "") + sys.argv[3]
start = start.encode()
assert part, "no output"
assert len(part) < len(full), "not interrupted"
assert full.startswith(part), "not a prefix of the full output"
assert part.endswith(b"\n"), "ends in %r" % part[-40:]
assert full[len(part):].startswith(start), "cut at %r|%r" % (
    part[-40:], full[len(part):len(part) + 40])
if json_lines:
    for line in part.decode("utf-8").splitlines():
        json.loads(line)
PY

# with.py SIG=dfl|ign... CMD...: exec CMD with those signal dispositions
# (a script, not a function, so that $! is the program's pid).  A
# script's background job starts with SIGINT ignored, and the program
# rightly keeps a signal ignored; a terminal's job would have it default.
cat >"$tmp/with.py" <<'PY'
import os, signal, sys
args = sys.argv[1:]
while "=" in args[0]:
    name, how = args.pop(0).split("=")
    signal.signal(getattr(signal, "SIG" + name),
        signal.SIG_IGN if how == "ign" else signal.SIG_DFL)
os.execvp(args[0], args)
PY

"$sd" --diagnose --json --jobs 2 "$tmp"/in/*.eml >"$tmp/full.json"
"$sd" --diagnose --jobs 2 --width 80 "$tmp"/in/*.eml >"$tmp/full.txt"

# interrupt SIGNAL HOW STATUS FULL [OPTION]...: run the inputs into the
# slow reader, SIGNAL's disposition HOW (dfl or ign) at the start, send
# SIGNAL once the output flows; want STATUS and whole records of FULL.
interrupt() {
	sig=$1 how=$2 want=$3 full=$4
	shift 4
	checks=$((checks + 1))
	rm -f "$tmp/fifo" "$tmp/part"
	mkfifo "$tmp/fifo"
	python3 "$tmp/slow.py" <"$tmp/fifo" >"$tmp/part" &
	reader=$!
	python3 "$tmp/with.py" "$sig=$how" "$sd" "$@" "$tmp"/in/*.eml \
	    >"$tmp/fifo" 2>"$tmp/err" &
	pid=$!
	# Poll for the first bytes, ten seconds at most.
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
	elif [ "$how" = ign ]; then
		cmp -s "$tmp/part" "$full" ||
		    fail "SIG$sig ignored, yet the output is not all there"
	elif ! python3 "$tmp/check.py" "$tmp/part" "$full" "$tmp/in/" \
	    2>"$tmp/why"; then
		fail "SIG$sig: a cut record: $*"
		tail -1 "$tmp/why"
	elif [ -s "$tmp/err" ]; then
		fail "SIG$sig: said $(head -3 "$tmp/err")"
	fi
}

interrupt INT dfl 130 "$tmp/full.json" --diagnose --json --jobs 2
interrupt TERM dfl 143 "$tmp/full.json" --diagnose --json --jobs 2
interrupt HUP dfl 129 "$tmp/full.json" --diagnose --json --jobs 2
interrupt INT dfl 130 "$tmp/full.txt" --diagnose --jobs 2 --width 80
interrupt TERM dfl 143 "$tmp/full.json" --diagnose --json --jobs 1

# A reader that stops reading (head) ends the run quietly, whether
# SIGPIPE kills the program or, ignored, the write fails with EPIPE.
for how in dfl ign; do
	checks=$((checks + 3))
	rm -f "$tmp/fifo"
	mkfifo "$tmp/fifo"
	head -n 1 <"$tmp/fifo" >"$tmp/first" &
	reader=$!
	python3 "$tmp/with.py" "PIPE=$how" "$sd" --diagnose --json --jobs 2 \
	    "$tmp"/in/*.eml >"$tmp/fifo" 2>"$tmp/err"
	got=$?
	wait "$reader"
	[ "$got" = 141 ] || fail "SIGPIPE $how: exit $got, want 141"
	[ -s "$tmp/err" ] && fail "SIGPIPE $how: said $(head -3 "$tmp/err")"
	head -n 1 "$tmp/full.json" | cmp -s - "$tmp/first" ||
	    fail "SIGPIPE $how: the first line is not the first record"
done

# Any other write error is said, once: status 2.
if [ -w /dev/full ]; then
	checks=$((checks + 2))
	LC_ALL=C "$sd" --diagnose --json --jobs 2 "$tmp"/in/*.eml >/dev/full \
	    2>"$tmp/err"
	got=$?
	[ "$got" = 2 ] || fail "/dev/full: exit $got, want 2"
	[ "$(grep -c 'write error' "$tmp/err")" = 1 ] ||
	    fail "/dev/full: $(head -3 "$tmp/err")"
fi

# A signal ignored at the start stays ignored (nohup): the run goes on
# to the end.  A tenth of the inputs, not to wait for the slow reader.
rm -f "$tmp"/in/0[2-9]?-*.eml "$tmp"/in/1??-*.eml
"$sd" --diagnose --json --jobs 2 "$tmp"/in/*.eml >"$tmp/full.json"
interrupt HUP ign 0 "$tmp/full.json" --diagnose --json --jobs 2
finish
