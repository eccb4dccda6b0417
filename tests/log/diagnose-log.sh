#!/bin/sh
# --diagnose on mail logs: a record per failing delivery, with the log's
# fields, the same diagnosis as a bounce; from a file and from stdin.
. "${top_srcdir:-.}/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || exit 77
samples=${top_srcdir:-.}/tests/log/samples
four=$samples/postfix-four.log

# Four Postfix lines: four records, not one "(no recipient named)".
run 0 "$SMTP_DOCTOR" --diagnose --json "$four"
checks=$((checks + 1))
python3 - "$tmp/out" <<'PY' || fail "four Postfix lines"
import json, sys
want = [
    ("bob@gmail.com", "authfailure", "failed", "5.7.26", 550, "DATA"),
    ("carol@outlook.com", "blocked", "failed", "5.7.1", 550, "MAIL"),
    ("dave@yahoo.com", "blocked", "delayed", "4.7.0", 421, "MAIL"),
    ("nobody@example.org", "userunknown", "failed", "5.1.1", None, None),
]
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(got) == 4, len(got)
for r, w in zip(got, want):
    assert (r["recipient"], r["reason"], r["action"], r["status"],
            r["reply_code"], r["command"]) == w, (r, w)
    assert r["log"]["line"] >= 2 and r["log"]["host"] == "mx1", r["log"]
assert got[0]["provider"].startswith("Gmail"), got[0]["provider"]
assert got[1]["provider"].startswith("Microsoft"), got[1]["provider"]
assert got[2]["provider"].startswith("Yahoo"), got[2]["provider"]
assert not got[2]["permanent"] and got[0]["permanent"]
assert got[0]["log"]["sender"] == "alice@example.org", got[0]["log"]
assert got[0]["log"]["queue_id"] == "4F2A81234B"
assert got[0]["log"]["relay_ip"] == "142.250.102.27"
assert got[3]["original_recipient"] == "info@example.org"
PY

# The text report says where in the log, and the relay's address.
run 0 "$SMTP_DOCTOR" --diagnose "$four"
expect "$tmp/out" "Log: line 2, Dec  2 15:06:04 mx1, queue 4F2A81234B"
expect "$tmp/out" "gmail-smtp-in.l.google.com [142.250.102.27]"
refuse "$tmp/out" "(no recipient named)"

# Exim's deferrals with a system errno: the socket's failure, no reply.
run 0 "$SMTP_DOCTOR" --diagnose --json "$samples/exim-mainlog"
checks=$((checks + 1))
python3 - "$tmp/out" <<'PY' || fail "Exim deferrals"
import json, sys
got = {r["recipient"]: r for r in map(json.loads, open(sys.argv[1]))}
for who in ("dan@example.net", "eve@example.net"):
    r = got[who]
    assert (r["reason"], r["action"], r["permanent"]) == \
        ("networkerror", "delayed", False), r
assert got["eve@example.net"]["diagnostic"] == "Connection timed out"
assert got["eve@example.net"]["log"]["relay_ip"] == "192.0.2.4"
PY

# Standard input reads the same.
checks=$((checks + 1))
"$SMTP_DOCTOR" --diagnose --json < "$four" | grep -c '"recipient"' \
    > "$tmp/n" && [ "$(cat "$tmp/n")" = 4 ] || fail "stdin: $(cat "$tmp/n")"

# Every sample gives records, none without a log object.
for f in "$samples"/*; do
	run 0 "$SMTP_DOCTOR" --diagnose --json "$f"
	refuse "$tmp/out" '"log":null'
done

# Rotated logs: gzip told by its bytes, not its name; members in turn.
if command -v gzip >/dev/null 2>&1; then
	gzip -c "$four" > "$tmp/mail.log.2.gz"
	gzip -c "$four" > "$tmp/renamed.txt"
	gzip -c "$samples/exim-mainlog" >> "$tmp/renamed.txt"
	run 0 "$SMTP_DOCTOR" --diagnose --json "$tmp/mail.log.2.gz"
	expect "$tmp/out" '"recipient":"nobody@example.org"'
	run 0 "$SMTP_DOCTOR" --diagnose --json "$tmp/renamed.txt"
	expect "$tmp/out" '"recipient":"carl@example.net"'
	# Cut short: the records read, then a message and status 2.
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
		cat "$four"
	done | gzip -c > "$tmp/whole.gz"
	size=$(wc -c < "$tmp/whole.gz")
	head -c $((size - 12)) "$tmp/whole.gz" > "$tmp/cut.gz"
	run 2 "$SMTP_DOCTOR" --diagnose --json "$tmp/cut.gz"
	expect "$tmp/err" "cut.gz: the compressed data ends early or is damaged"
	expect "$tmp/out" '"recipient":"bob@gmail.com"'
	head -c 40 "$tmp/whole.gz" > "$tmp/cut40.gz"
	run 2 "$SMTP_DOCTOR" --diagnose "$tmp/cut40.gz"
	expect "$tmp/err" "the compressed data ends early"
	printf '\037\213garbage that is no deflate data\n' > "$tmp/bad.gz"
	run 2 "$SMTP_DOCTOR" --diagnose "$tmp/bad.gz"
	expect "$tmp/err" "bad.gz: the compressed data ends early or is damaged"
fi

# Controls and bidi characters of a logged reply never reach the terminal.
printf 'Dec  2 15:06:04 mx1 postfix/smtp[1]: ABCDE00001: to=<a@b.example>, relay=mx[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 \033[31mred\342\200\256 (in reply to RCPT TO command))\n' \
    > "$tmp/ctl.log"
run 0 "$SMTP_DOCTOR" --diagnose "$tmp/ctl.log"
checks=$((checks + 1))
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then fail "raw ESC"; fi
checks=$((checks + 1))
if grep -q "$(printf '\342\200\256')" "$tmp/out"; then fail "raw bidi"; fi

# A directory of rotated logs: its files, the oldest first, gzip or not;
# a subdirectory is not read.
mkdir -p "$tmp/rot/sub"
sed -n 1,2p "$four" | gzip -c >"$tmp/rot/mail.log.2.gz"
sed -n 3,4p "$four" >"$tmp/rot/mail.log.1"
sed -n 5p "$four" >"$tmp/rot/mail.log"
cp "$four" "$tmp/rot/sub/mail.log"
run 0 "$SMTP_DOCTOR" --diagnose --json "$tmp/rot"
checks=$((checks + 1))
python3 - "$tmp/out" <<'PY' || fail "a directory of rotated logs"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
names = [r["source"].rsplit("/", 1)[1] for r in got]
assert names == ["mail.log.2.gz", "mail.log.1", "mail.log.1", "mail.log"], \
    names
assert [r["recipient"] for r in got][0] == "bob@gmail.com"
assert got[0]["log"]["sender"] == "alice@example.org", got[0]["log"]
PY
run 0 "$SMTP_DOCTOR" --summary "$tmp/rot"
expect "$tmp/out" "Failures: 4 (bounced 3, deferred 1)"

# Between other operands, on two workers, the directory's records stay
# in their place; a damaged file inside it is named, and the files after
# it are still read.
cp "$samples/postfix-noqueue.log" "$tmp/before.log"
cp "$samples/opensmtpd.log" "$tmp/after.log"
head -c 30 "$tmp/rot/mail.log.2.gz" >"$tmp/rot/mail.log.3.gz"
run 2 "$SMTP_DOCTOR" --diagnose --json --jobs 2 "$tmp/before.log" \
    "$tmp/rot" "$tmp/after.log"
checks=$((checks + 1))
python3 - "$tmp/out" <<'PY' || fail "a directory among files"
import itertools, json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
names = [k for k, _ in itertools.groupby(
    r["source"].rsplit("/", 1)[1] for r in got)]
assert names == ["before.log", "mail.log.2.gz", "mail.log.1", "mail.log",
                 "after.log"], names
PY
expect "$tmp/err" "mail.log.3.gz: the compressed data ends early"

# A log of mass bounces: more failing lines than a block's limit of
# records, in one 4 MiB block.  Every line is a record, none cut.
awk 'BEGIN { for (i = 0; i < 25000; i++)
	printf "Dec  1 10:00:00 mx postfix/smtp[1]: %010X: to=<u%d@example.com>, relay=none, delay=1, status=bounced (Host or domain name not found)\n", i + 1048576, i }' \
    >"$tmp/mass.log"
run 0 "$SMTP_DOCTOR" --diagnose --json "$tmp/mass.log"
checks=$((checks + 1))
n=$(wc -l <"$tmp/out")
[ "$n" -eq 25000 ] || fail "a log of mass bounces: $n records of 25000"
if grep -q '"truncated":true' "$tmp/out"; then
	fail "a log of mass bounces: a record says truncated"
fi
run 0 "$SMTP_DOCTOR" --summary "$tmp/mass.log"
expect "$tmp/out" "Failures: 25000 (bounced 25000, deferred 0)"

finish
