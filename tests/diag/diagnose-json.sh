#!/bin/sh
# The real binary's --diagnose --json over every sample: valid JSON Lines,
# the fields scripts rely on, zero records and exit 1 for a non-bounce.
set -e
bin=${SMTP_DOCTOR:-src/smtp-doctor}
samples=${top_srcdir:-.}/tests/diag/samples
command -v python3 >/dev/null 2>&1 || exit 77
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" --diagnose --json "$samples"/*.eml > "$out"
python3 - "$out" <<'PY'
import json, sys
need = ("source", "recipient", "reason", "permanent", "status",
        "reply_code", "provider", "remote_mta", "diagnostic", "codes",
        "evidence", "retry", "next_steps")
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for k in need:
        assert k in r, (k, r)
    assert "not-bounce" not in r["source"], r
    n += 1
assert n >= 12, n
PY
# JSON stays in English whatever the locale: scripts parse it.
LC_ALL=C "$bin" --diagnose --json "$samples"/*.eml > "$out.c" || true
LANGUAGE=en@quot LC_ALL=C.UTF-8 "$bin" --diagnose --json "$samples"/*.eml \
    > "$out.l" || true
cmp -s "$out.c" "$out.l" || { rm -f "$out.c" "$out.l"; exit 1; }
rm -f "$out.c" "$out.l"
rc=0
"$bin" --diagnose --json "$samples/not-bounce.eml" > "$out" || rc=$?
test "$rc" = 1
test ! -s "$out"
rc=0
"$bin" --diagnose /nonexistent/file "$samples/qmail.eml" > "$out" 2>&1 || rc=$?
test "$rc" = 2
grep -q 'erin@example.net' "$out"
grep -q '/nonexistent/file' "$out"
# Escapes in the input never reach the terminal raw.
printf '550 5.1.1 <x@example.com> \033]0;pwned\007 unknown\n' |
    "$bin" --diagnose > "$out"
if grep -q "$(printf '\033')" "$out"; then exit 1; fi
# An auto-reply or a feedback report is no failure, temporary or not.
LC_ALL=C "$bin" --diagnose "$samples/vacation.eml" "$samples/arf.eml" > "$out"
test "$(grep -c '^  Not a bounce$' "$out")" = 2
if grep -q 'Soft bounce' "$out"; then exit 1; fi
# Words nobody recognises, no code: "permanent" is null, not a guess.
printf 'From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n<q@example.com>:\nthe frobnicator said no\n' |
    "$bin" --diagnose --json > "$out"
grep -q '"reason":"onhold","permanent":null,' "$out"
LC_ALL=C "$bin" --diagnose "$samples/postfix.eml" > "$out"
grep -q '^  Hard bounce: a permanent failure$' "$out"
# Many files on several threads print exactly what one thread prints, in
# the order given, an unreadable file's error at its place in between.
set -- "$samples"/*.eml /nonexistent/a "$samples"/*.eml "$samples"/*.eml
for j in 1 2 7 16; do
	rc=0
	"$bin" --diagnose --jobs "$j" "$@" > "$out.$j" 2>&1 || rc=$?
	test "$rc" = 2
done
cmp "$out.1" "$out.2"
cmp "$out.1" "$out.7"
cmp "$out.1" "$out.16"
"$bin" --diagnose --json --jobs 1 "$@" > "$out.1" 2>/dev/null || true
"$bin" --diagnose --json "$@" > "$out.2" 2>/dev/null || true
cmp "$out.1" "$out.2"
rm -f "$out.1" "$out.2" "$out.7" "$out.16"
# Big inputs go one at a time: three of 17 MB on three threads take
# about the memory of one, not three times it.
python3 - "$bin" "$out" <<'PY'
import os, resource, subprocess, sys
bin, base = sys.argv[1], sys.argv[2]
line = ("<u@example.com>: host mx.example.net[192.0.2.1] said: 550 5.1.1 "
        "<u@example.com>: Recipient address rejected: User unknown\n")
files = []
for k in range(3):
    name = "%s.big%d" % (base, k)
    with open(name, "w") as f:
        f.write(line * (17 * 1024 * 1024 // len(line) + 1))
    files.append(name)
# Under ASan, freed memory waits in a quarantine and would count.
env = dict(os.environ)
env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"),
    "quarantine_size_mb=0", "thread_local_quarantine_size_kb=0"]))
def peak(args):
    # A fresh interpreter per run: RUSAGE_CHILDREN keeps a maximum.
    code = ("import resource, subprocess, sys; "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", code] + args,
        capture_output=True, text=True, check=True, env=env).stdout)
one = peak([bin, "--diagnose", "--json", files[0]])
three = peak([bin, "--diagnose", "--json", "--jobs", "3"] + files)
for name in files:
    os.unlink(name)
assert three < one * 1.5, (one, three)
PY
# Standard input named twice: read once, then empty; never split.
rc=0
"$bin" --diagnose --json - "$samples/postfix.eml" - \
    < "$samples/qmail.eml" > "$out" || rc=$?
test "$rc" = 0
test "$(grep -c '"source":"(stdin)"' "$out")" = 1
grep -q 'erin@example.net' "$out"
for bad in 0 17 x ''; do
	rc=0
	"$bin" --diagnose --jobs "$bad" "$samples/postfix.eml" \
	    > "$out" 2>&1 || rc=$?
	test "$rc" = 2
	grep -q -- '--jobs takes a number' "$out"
done
rc=0
"$bin" --jobs 2 550 > "$out" 2>&1 || rc=$?
test "$rc" = 2
grep -q -- '--jobs goes with --diagnose' "$out"
exit 0
