#!/bin/sh
# Hostile input (issue 10): crashes, raw controls on any output, limits
# said, binary refused.  Each check failed before its fix.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR

# clean FILE WHAT: no C0 control but newline, no DEL, no C1, no bidi
# control, no line or paragraph separator in FILE (the terminal's view).
clean() {
	checks=$((checks + 1))
	python3 - "$1" <<'PY' || fail "raw control characters in $2"
import re, sys
b = open(sys.argv[1], 'rb').read()
t = b.decode('utf-8', 'replace')
bad = re.compile('[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f'
    '\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]')
m = bad.search(t)
if m:
    print('  first at %d: %r' % (m.start(), t[max(0, m.start() - 20):m.start() + 20]))
    sys.exit(1)
PY
}

# json_lines FILE: every line parses, and the file ends on a newline.
json_lines() {
	checks=$((checks + 1))
	python3 -c '
import json, sys
b = open(sys.argv[1], "rb").read()
assert b == b"" or b.endswith(b"\n"), "no final newline"
for l in b.decode("utf-8").splitlines():
    json.loads(l)
' "$1" || fail "$1 is not whole JSON lines"
}

# 1. Invalid bytes triple in size when decoded: 100 MB of them once
# pushed the text past its limit and the next subtraction wrapped.
python3 -c "import sys;sys.stdout.buffer.write(b'From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n'+b'\xff'*(100<<20)+b'\n--b\nContent-Type: text/plain\n\nx\n--b--\n')" >"$tmp/big.eml"
run 1 "$sd" --diagnose "$tmp/big.eml"
expect "$tmp/out" "Truncated: "
expect "$tmp/out" "input past 64 MiB"
run 1 "$sd" --diagnose --json "$tmp/big.eml"
rm -f "$tmp/big.eml"
run 0 "$sd" --diagnose "$top_srcdir/tests/fuzz/regress/bounce/repro-mime-overflow.eml"
# What one input may cost holds on the decoded size: /dev/zero is read
# to the input limit and its text stays within the text limit.
checks=$((checks + 1))
rss=$(python3 -c '
import resource, subprocess, sys
subprocess.run([sys.argv[1], "--diagnose", "/dev/zero"],
    stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$sd")
# The man page's bound is 256 MiB; sanitizer builds add shadow memory.
limit=300
case ${SD_SANITIZED:-} in ?*) limit=900 ;; esac
[ "$rss" -le "$limit" ] || fail "--diagnose /dev/zero took $rss MB (limit $limit)"

# 2. Controls, C1 and bidi in a recipient: escaped in the text report.
dsn() {
	printf 'From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; %s\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; %s\n--B--\n' "$1" "$2"
}
dsn "$(printf 'x\302\2332J\302\233H\342\200\256gro.elpmaxe@evil.example')" \
    "$(printf '550 5.1.1 \342\201\246x \302\205 \342\200\250')" >"$tmp/c1.eml"
dsn "$(printf 'a\033[2J@evil.example')" \
    "$(printf '550 5.1.1 \033]0;t\007 \177 x')" >"$tmp/esc.eml"
run 0 "$sd" --diagnose "$tmp/c1.eml"
expect "$tmp/out" "x<U+009B>2J<U+009B>H<U+202E>gro.elpmaxe@evil.example"
clean "$tmp/out" "--diagnose text"
run 0 "$sd" --diagnose --json "$tmp/c1.eml"
clean "$tmp/out" "--diagnose --json"
json_lines "$tmp/out"
expect "$tmp/out" '\u009b2J'
run 0 "$sd" --diagnose "$tmp/esc.eml" "$tmp/c1.eml"
clean "$tmp/out" "--diagnose text"
run 0 "$sd" --diagnose --json "$tmp/esc.eml"
clean "$tmp/out" "--diagnose --json"
json_lines "$tmp/out"

# 3. Controls on standard error: a search word, a file name, a data
# file's line quoted in its error.
run 1 "$sd" --search "$(printf 'x\033]0;pwned\007')"
clean "$tmp/err" "--search error"
expect "$tmp/err" "^[]0;pwned^G"
run 2 "$sd" --diagnose "$(printf '/x\033]0;t\007')"
clean "$tmp/err" "--diagnose error"
mkdir -p "$tmp/data/catalogue"
printf 'code: 550\nti\033]0;pwned\007tle: x\n' >"$tmp/data/catalogue/a.txt"
run 2 "$sd" --data "$tmp/data" 550
clean "$tmp/err" "data file error"
expect "$tmp/err" "a.txt:2: "

# 6. Limits said, not silent.  A transcript of 300 recipients gives 300
# records (it once stopped at 256).
python3 -c '
for i in range(300):
    print("<u%d@example.com>: host mx.example.net[192.0.2.1] said: 550 5.1.1 "
        "<u%d@example.com>: Recipient address rejected: User unknown "
        "(in reply to RCPT TO command)" % (i, i))
' >"$tmp/t300.txt"
run 0 "$sd" --diagnose --json "$tmp/t300.txt"
checks=$((checks + 1))
[ "$(wc -l <"$tmp/out")" = 300 ] || fail "300 recipients gave $(wc -l <"$tmp/out") records"
expect "$tmp/out" '"truncated":false'
# An mbox is read a message at a time: 20,000 bounces give 20,000
# records (they once stopped at 10,000, said nowhere), from a file and
# from a pipe, where the records go out as they are made.
python3 -c '
import sys
w = sys.stdout.write
for i in range(20000):
    w("From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n"
      "From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; "
      "boundary=\"B\"\n\n--B\nContent-Type: message/delivery-status\n\n"
      "Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; u%d@example.com\n"
      "Action: failed\nStatus: 5.2.2\n--B--\n\n" % i)
' >"$tmp/20k.mbox"
run 0 "$sd" --diagnose --json "$tmp/20k.mbox"
checks=$((checks + 1))
[ "$(wc -l <"$tmp/out")" = 20000 ] || fail "an mbox of 20,000 gave $(wc -l <"$tmp/out") records"
expect "$tmp/out" '"recipient":"u19999@example.com"'
checks=$((checks + 1))
n=$(python3 -c '
import resource, subprocess, sys
with open(sys.argv[2], "rb") as f:
    p = subprocess.run([sys.argv[1], "--diagnose", "--json"], stdin=f,
        stdout=subprocess.PIPE)
print(p.stdout.count(b"\n"), p.returncode,
    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
' "$sd" "$tmp/20k.mbox")
set -- $n
[ "$1" = 20000 ] && [ "$2" = 0 ] || fail "the mbox on a pipe gave $1 records, exit $2"
case ${SD_SANITIZED:-} in
'') [ "$3" -le 64 ] || fail "the mbox on a pipe took $3 MB" ;;
esac
rm -f "$tmp/20k.mbox"
# A report whose DSN comes after the 1,000th MIME part: truncation said.
python3 -c '
print("From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; "
    "boundary=\"B\"\n")
for i in range(1005):
    print("--B\nContent-Type: text/plain\n\npart %d\n" % i)
print("--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\n"
    "Final-Recipient: rfc822; bob@example.com\nAction: failed\n"
    "Status: 5.1.1\n--B--")
' >"$tmp/parts.eml"
run 1 "$sd" --diagnose "$tmp/parts.eml"
expect "$tmp/out" "Not a bounce"
expect "$tmp/out" "MIME parts past 1000"

# 7. Bytes that are no text give no record, whatever they spell.
python3 -c '
import random, sys
random.seed(10)
sys.stdout.buffer.write(bytes(random.getrandbits(8) for _ in range(1 << 20)))
' >"$tmp/random.bin"
run 1 "$sd" --diagnose "$tmp/random.bin"
expect "$tmp/out" "Not a bounce"
tr -d '\000' <"$tmp/random.bin" >"$tmp/random-nonul.bin"
run 1 "$sd" --diagnose --json "$tmp/random-nonul.bin"
checks=$((checks + 1))
[ -s "$tmp/out" ] && fail "random bytes gave records"
# ...but a pasted reply is still a reply.
printf '550 5.1.1 <bob@example.com>: Recipient address rejected\n' >"$tmp/reply.txt"
run 0 "$sd" --diagnose "$tmp/reply.txt"
expect "$tmp/out" "bob@example.com"

# A catalogue entry whose code carries a class qualifier ("code[5]:"),
# which the fuzz stage found: an error with file:line, not a crash.
printf 'code[5]: 550\nkind: reply\n' >"$tmp/qualified.txt"
run 2 "$sd" --data "$tmp/qualified.txt" 550
expect "$tmp/err" "qualified.txt:1: 'code' takes no [qualifier]"

# 8. The rules refuse a NUL byte as the catalogue does, with file:line.
cp -r "$top_srcdir/data" "$tmp/nuldata"
chmod -R u+w "$tmp/nuldata"
printf 'id: x\n\000pattern: y\n' >>"$tmp/nuldata/rules/90-zz.txt"
run 2 "$sd" --data "$tmp/nuldata" --diagnose "$tmp/reply.txt"
expect "$tmp/err" "90-zz.txt:2: NUL byte in a text file"
rm "$tmp/nuldata/rules/90-zz.txt"
printf 'code: 550\n\000kind: reply\n' >"$tmp/nuldata/catalogue/zz.txt"
run 2 "$sd" --data "$tmp/nuldata" 550
expect "$tmp/err" "zz.txt:2: NUL byte in a text file"

finish
