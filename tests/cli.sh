#!/bin/sh
# The command line: lookup, search, list, JSON, exit statuses, errors.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR

run 0 "$sd" --help
expect "$tmp/out" "Usage: smtp-doctor [OPTION]... [CODE]..."
expect "$tmp/out" "--search"
run 0 "$sd" --version
expect "$tmp/out" "smtp-doctor 0."
expect "$tmp/out" "GPLv3+"

run 0 "$sd" 5.7.26
expect "$tmp/out" "5.7.26  Multiple authentication checks failed"
expect "$tmp/out" "What to do"
expect "$tmp/out" "dig"
run 0 "$sd" 111
expect "$tmp/out" "ECONNREFUSED"
expect "$tmp/out" "client-side"
run 0 "$sd" 432
expect "$tmp/out" "4954"
run 0 "$sd" x.7.26
expect "$tmp/out" "4.7.26  "
expect "$tmp/out" "5.7.26  "
run 0 "$sd" "550 5.7.1"
expect "$tmp/out" "550  Requested action not taken"
expect "$tmp/out" "5.7.1  Delivery not authorized"
run 0 "$sd" 5.7.99
expect "$tmp/err" "5.7.99 is not in the catalogue"
expect "$tmp/out" "X.7.YYY"
run 1 "$sd" 599
expect "$tmp/err" "599: no such code"
# A code in a range a provider documents as one finds its entry.
run 0 "$sd" 4.7.555
expect "$tmp/err" "4.7.555 has no entry of its own; 4.7.500 stands for the codes 4.7.500-4.7.699"
expect "$tmp/out" "4.7.500  Server busy"
expect "$tmp/out" "Stands for the codes 4.7.500-4.7.699"
run 0 "$sd" --json 5.7.620
expect "$tmp/out" '"code":"5.7.606"'
expect "$tmp/out" '"range":"5.7.606-5.7.649"'
run 0 "$sd" 5.7.27
expect "$tmp/out" "Gmail"

run 0 "$sd" --search spf
expect "$tmp/out" "5.7.23"
run 0 "$sd" -s mailbox full
head -1 "$tmp/out" >"$tmp/first"
expect "$tmp/first" "Mailbox full"
run 1 "$sd" --search zzqqxxnothing
expect "$tmp/err" "nothing matches"
# Words that are not codes are searched for.
run 0 "$sd" greylisting
expect "$tmp/out" "450"

run 0 "$sd" --list --class 4
expect "$tmp/out" "4xx Transient failure"
refuse "$tmp/out" "5xx Permanent"
run 0 "$sd" --list --category auth
expect "$tmp/out" "5.7.23"
refuse "$tmp/out" "Mailbox full"
run 0 "$sd" --list-categories
expect "$tmp/out" "ratelimit"

# JSON Lines: every line parses and carries every field.
run 0 "$sd" --json 5.1.1 x.7.26
if command -v python3 >/dev/null; then
	checks=$((checks + 1))
	python3 - "$tmp/out" <<'PY' || fail "JSON lines invalid"
import json, sys
want = {"code", "kind", "class", "category", "title", "meaning", "causes",
        "fixes", "retry", "retry_note", "frequency", "importance", "source",
        "related", "examples", "providers", "note"}
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 3, lines
for l in lines:
    o = json.loads(l)
    assert want <= set(o), want - set(o)
PY
	run 0 "$sd" --list --json
	checks=$((checks + 1))
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' \
		"$tmp/out" || fail "--list --json invalid"
fi

# Wrapping honours --width, and COLUMNS.
run 0 "$sd" --width 40 550
checks=$((checks + 1))
awk 'length($0) > 40 { bad = 1 } END { exit bad }' "$tmp/out" ||
	fail "--width 40 overflowed"
COLUMNS=50 run 0 "$sd" 5.7.1

# Usage errors exit 2 with a hint.
run 2 "$sd" --bogus
expect "$tmp/err" "Try 'smtp-doctor --help'"
run 2 "$sd" --class 9 --list
run 2 "$sd" --width 5 550
run 2 "$sd" --category nope --list
expect "$tmp/err" "unknown category"
run 2 "$sd" --search
run 2 "$sd" --list --search x
run 2 "$sd" </dev/null
expect "$tmp/err" "Usage:"

# Data errors: file:line: message and exit 2, from --data and from the env.
printf 'code: 550\nkind: reply\nmeening: x\n' >"$tmp/bad.txt"
run 2 "$sd" --data "$tmp/bad.txt" 550
expect "$tmp/err" "$tmp/bad.txt:3: unknown field 'meening'"
SMTP_DOCTOR_DATA=$tmp/bad.txt run 2 "$sd" 550
expect "$tmp/err" "bad.txt:3:"
run 2 "$sd" --data "$tmp/none.txt" 550
expect "$tmp/err" "No such file"
printf 'code: 550\nkind: reply\ntitle: caf\351\n' >"$tmp/latin1.txt"
run 2 "$sd" --data "$tmp/latin1.txt" 550
expect "$tmp/err" "latin1.txt:3: invalid UTF-8"

# An mbox of 10,000 bounces: one record each, none lost to a limit.
awk 'BEGIN { for (i = 0; i < 10000; i++) {
	printf "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
	printf "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b%d\"\n\n", i
	printf "--b%d\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n", i
	printf "Final-Recipient: rfc822; u%d@example.org\nAction: failed\nStatus: 5.1.1\n", i
	printf "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--b%d--\n\n", i } }' >"$tmp/mbox"
run 0 "$sd" --diagnose --json "$tmp/mbox"
checks=$((checks + 1))
[ "$(grep -c '"reason":"userunknown"' "$tmp/out")" = 10000 ] ||
	fail "the 10,000-bounce mbox gave $(wc -l <"$tmp/out") records"
rm -f "$tmp/mbox"

# Huge, truncated and binary data files: a clear error, never a crash.
truncate -s 70M "$tmp/huge.txt"
run 2 "$sd" --data "$tmp/huge.txt" 550
expect "$tmp/err" "file too large"
head -c 3000 "$top_srcdir/data/catalogue/reply.txt" >"$tmp/cut.txt"
run 2 "$sd" --data "$tmp/cut.txt" 550
expect "$tmp/err" "cut.txt:"
head -c 65536 /dev/urandom >"$tmp/random.txt"
run 2 "$sd" --data "$tmp/random.txt" 550
expect "$tmp/err" "random.txt:"
mkdir "$tmp/emptydir"
run 2 "$sd" --data "$tmp/emptydir" 550
expect "$tmp/err" "not a data directory"
mkdir "$tmp/emptydir/catalogue"
run 2 "$sd" --data "$tmp/emptydir" 550
expect "$tmp/err" "no catalogue files"

# A hostile data file: escapes are shown, never sent to the terminal.
printf 'code: 550\nkind: reply\ncategory: mailbox\ntitle: evil \033]0;pwned\007 \033[2J\nmeaning: m \302\233 \342\200\256x\nretry: never\nfrequency: rare\nimportance: low\nsource: s\n' >"$tmp/evil.txt"
run 0 "$sd" --data "$tmp/evil.txt" 550
expect "$tmp/out" "evil ^[]0;pwned^G ^[[2J"
expect "$tmp/out" "<U+009B>"
expect "$tmp/out" "<U+202E>"
checks=$((checks + 1))
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then fail "raw ESC in output"; fi

finish
