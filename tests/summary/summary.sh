#!/bin/sh
# --summary: the failures of an mbox of the corpus's bounces grouped as
# --diagnose judges each one, the filters, the bound on domains, the
# table's width, escaping, usage errors and the exit statuses.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR
corpus=${SHARED_DIR:-$top_srcdir/../shared}/corpus/bounces
command -v python3 >/dev/null 2>&1 || exit 77
[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 77; }
export LC_ALL=C.UTF-8 TZ=UTC

# The corpus as one mbox, mboxrd-quoted.
for f in "$corpus"/*.eml; do
	printf 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'
	tr -d '\r' <"$f" | sed 's/^\(>*From \)/>\1/'
	echo
done >"$tmp/corpus.mbox"

# Every group is what --diagnose says of its records, no more, no less;
# the totals are their sums, the order is by reason total then count.
run 0 "$sd" --diagnose --json "$tmp/corpus.mbox"
mv "$tmp/out" "$tmp/diag.json"
run 0 "$sd" --summary --json "$tmp/corpus.mbox"
mv "$tmp/out" "$tmp/sum.json"
cat >"$tmp/same.py" <<'PY'
import collections, json, sys
diag = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
want_domain = sys.argv[3] if len(sys.argv) > 3 else None
recs = [json.loads(l) for l in lines]
groups, tot = recs[:-1], recs[-1]
assert tot["type"] == "totals", tot
assert all(g["type"] == "group" for g in groups)
def domain(a):
    d = a.rpartition("@")[2] if "@" in a else ""
    return d.rstrip(">. \t").lower()
want = collections.Counter()
deferred = collections.Counter()
left = 0
for r in diag:
    if r["kind"] in ("autoreply", "feedback", "delivered", "not-bounce") or \
       (r["action"] or "").lower() in ("delivered", "relayed", "expanded"):
        left += 1
        continue
    d = domain(r["recipient"])
    if want_domain and not (d == want_domain or d.endswith("." + want_domain)):
        continue
    want[(r["reason"], d)] += 1
    if (r["action"] or "").lower() == "delayed":
        deferred[(r["reason"], d)] += 1
got = collections.Counter()
for g in groups:
    k = (g["reason"], g["domain"])
    got[k] = g["count"]
    assert g["bounced"] + g["deferred"] == g["count"], g
    assert g["deferred"] == deferred[k], (g, deferred[k])
    assert g["example"]["source"].endswith("corpus.mbox"), g
assert got == want, set(got.items()) ^ set(want.items())
assert tot["failures"] == sum(want.values()), tot
assert tot["groups"] == len(groups)
assert tot["bounced"] + tot["deferred"] == tot["failures"]
if not want_domain:
    assert tot["not_failures"] == left, (tot, left)
total = collections.Counter()
for g in groups:
    total[g["reason"]] += g["count"]
keys = [(-total[g["reason"]], g["reason"], -g["count"]) for g in groups]
assert keys == sorted(keys), "not in order"
print(len(groups), "groups,", tot["failures"], "failures")
PY
checks=$((checks + 1))
python3 "$tmp/same.py" "$tmp/diag.json" "$tmp/sum.json" ||
	fail "--summary --json is not --diagnose's records summed up"

# --domain: that domain and its subdomains only.
run 0 "$sd" --summary --json --domain EXAMPLE.jp "$tmp/corpus.mbox"
checks=$((checks + 1))
python3 "$tmp/same.py" "$tmp/diag.json" "$tmp/out" example.jp ||
	fail "--domain example.jp"
expect "$tmp/out" '"domain":"neko.example.jp"'
refuse "$tmp/out" '"domain":"example.com"'

# The text: headings, rows, examples, what was left out, and the width.
run 0 "$sd" --summary --width 100 "$tmp/corpus.mbox"
expect "$tmp/out" "Failures: "
expect "$tmp/out" "userunknown — "
expect "$tmp/out" "  domain "
expect "$tmp/out" "corpus.mbox, message "
expect "$tmp/out" "records were no failure"
cat >"$tmp/width.py" <<'PY'
import sys, unicodedata
width = int(sys.argv[2])
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
            for c in line if not unicodedata.combining(c))
    assert w <= width, "line %d is %d columns: %s" % (n, w, line)
    assert not any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0 for c in line), n
PY
for w in 20 40 80 132; do
	run 0 "$sd" --summary --width "$w" "$tmp/corpus.mbox"
	checks=$((checks + 1))
	python3 "$tmp/width.py" "$tmp/out" "$w" || fail "--width $w"
done
COLUMNS=50 run 0 "$sd" --summary "$tmp/corpus.mbox"
checks=$((checks + 1))
python3 "$tmp/width.py" "$tmp/out" 50 || fail "COLUMNS=50"

# Times: of each message's Date:, and the filters on them (both ends in).
mkmsg() {	# mkmsg HOUR DOMAIN COUNT [REPLY]
	printf 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'
	printf 'From: MAILER-DAEMON@mx.example.org\n'
	printf 'Date: Wed, 2 Dec 2026 %02d:00:00 +0000\n' "$1"
	printf 'Subject: Undelivered Mail Returned to Sender\n\n'
	i=0
	while [ "$i" -lt "$3" ]; do
		printf '<u%d@%s>: host mx.%s[192.0.2.1] said: %s (in reply to RCPT TO command)\n' \
		    "$i" "$2" "$2" "${4:-550 5.1.1 <u$i@$2>: Recipient address rejected: User unknown in virtual mailbox table}"
		i=$((i + 1))
	done
	echo
}
{ mkmsg 0 a.example 1; mkmsg 1 b.example 2; mkmsg 2 c.example 3; } \
    >"$tmp/times.mbox"
run 0 "$sd" --summary --json "$tmp/times.mbox"
expect "$tmp/out" '"first":"2026-12-02T00:00:00Z","last":"2026-12-02T02:00:00Z"'
run 0 "$sd" --summary --json --since 2026-12-02T01:00:00Z \
    --until "2026-12-02 01:00" "$tmp/times.mbox"
expect "$tmp/out" '"domain":"b.example"'
refuse "$tmp/out" '"domain":"a.example"'
refuse "$tmp/out" '"domain":"c.example"'
expect "$tmp/out" '"failures":2,'
expect "$tmp/out" '"outside_time":4,'
expect "$tmp/out" '"since":"2026-12-02T01:00:00Z","until":"2026-12-02T01:00:00Z","domain":null,'
run 0 "$sd" --summary --since 2026-12-02T01:30:00+00:00 "$tmp/times.mbox"
expect "$tmp/out" "Failures: 3 (bounced 3, deferred 0)"
expect "$tmp/out" "From 2026-12-02 02:00 to 2026-12-02 02:00"
expect "$tmp/out" "3 failures outside --since and --until were left out."
# Nothing in the window: nothing found.
run 1 "$sd" --summary --until 2000-01-01 "$tmp/times.mbox"
expect "$tmp/out" "No failure found."
run 1 "$sd" --summary --since 1h "$tmp/times.mbox"
run 1 "$sd" --summary </dev/null
expect "$tmp/out" "No failure found."
printf 'hello\n' | run 1 "$sd" --summary --json
expect "$tmp/out" '"domain":null,"failures":0,'

# Standard input by default and as "-", and several files in one sum.
run 0 "$sd" --summary --json - "$tmp/times.mbox" <"$tmp/times.mbox"
expect "$tmp/out" '"failures":12,'
expect "$tmp/out" '"source":"(stdin)"'

# Past 10,000 domains: an "other domains" group, and the cut is said.
{
	n=0
	for m in 0 1; do
		printf 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n'
		printf 'Date: Wed, 2 Dec 2026 0%d:00:00 +0000\n\n' "$m"
		awk -v m="$m" 'BEGIN { for (i = m * 6000; i < (m + 1) * 6000; i++)
		    printf "<u%d@d%d.example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n", i, i }'
		echo
	done
} >"$tmp/many.mbox"
run 0 "$sd" --summary --json "$tmp/many.mbox"
expect "$tmp/out" '"failures":12000,'
expect "$tmp/out" '"groups":10001,'
expect "$tmp/out" '"other_domains":2000,'
expect "$tmp/out" '"domain":null,"other_domains":true,'
run 0 "$sd" --summary "$tmp/many.mbox"
expect "$tmp/out" "(other domains)"
expect "$tmp/out" "2000 failures of domains past the first 10000"

# Hostile strings reach neither the table nor the JSON raw.
esc=$(printf '\033')
{ mkmsg 3 "x.example" 1 "550 5.1.1 $(printf '\033]0;pwned\007\342\200\256') gone"; } \
    >"$tmp/hostile.mbox"
cp "$tmp/hostile.mbox" "$tmp/$(printf 'bad\033[31mname')"
run 0 "$sd" --summary --width 200 "$tmp/$(printf 'bad\033[31mname')" \
    "$tmp/hostile.mbox"
refuse "$tmp/out" "$esc"
refuse "$tmp/out" "$(printf '\342\200\256')"
expect "$tmp/out" "^[]0;pwned^G"
expect "$tmp/out" "bad^[[31mname, message 1: "
run 0 "$sd" --summary --json "$tmp/hostile.mbox"
refuse "$tmp/out" "$esc"
expect "$tmp/out" '\u001b]0;pwned\u0007'

# Usage errors: exit 2, a message, nothing on standard output.
for bad in 1y 2026-13-01 "2026-12-02 25:00" 2026-02-30 tomorrow "" \
    "2026-12-02T10:00:00+99:00" 5 h; do
	run 2 "$sd" --summary --since "$bad" "$tmp/times.mbox"
	expect "$tmp/err" "--since takes a time"
	[ -s "$tmp/out" ] && fail "--since '$bad' printed something"
done
run 2 "$sd" --summary --until nope "$tmp/times.mbox"
expect "$tmp/err" "--until takes a time"
run 2 "$sd" --summary --since 2026-12-02 --until 2026-12-01 "$tmp/times.mbox"
expect "$tmp/err" "--since is after --until"
run 2 "$sd" --diagnose --since 1h "$tmp/times.mbox"
expect "$tmp/err" "go with --summary"
run 2 "$sd" --domain example.com 550
run 2 "$sd" --summary --domain "" "$tmp/times.mbox"
run 2 "$sd" --summary --diagnose "$tmp/times.mbox"
run 2 "$sd" --summary --jobs 2 "$tmp/times.mbox"
# A rotated log compressed, whole and cut short: read as it is; a cut
# is said and what came before it summed up, exit 2.
if command -v gzip >/dev/null 2>&1; then
	gzip -c "$tmp/times.mbox" >"$tmp/times.mbox.gz"
	run 0 "$sd" --summary --json "$tmp/times.mbox.gz"
	expect "$tmp/out" '"failures":6,'
	size=$(wc -c <"$tmp/times.mbox.gz")
	head -c $((size - 12)) "$tmp/times.mbox.gz" >"$tmp/cut.gz"
	run 2 "$sd" --summary --json "$tmp/cut.gz"
	expect "$tmp/err" "ends early or is damaged"
	expect "$tmp/out" '"type":"totals"'
fi
# An unreadable input: said, the others summed, exit 2.
run 2 "$sd" --summary "$tmp/nonexistent" "$tmp/times.mbox"
expect "$tmp/err" "nonexistent"
expect "$tmp/out" "Failures: 6"
finish
