#!/bin/sh
# --summary of a Postfix log: one failure per failing delivery line,
# grouped by reason and domain, bounced apart from deferred, with the
# time of the log line and its line number in the example.  Skipped
# (77) while log lines are not records yet (issue 13, part 1).
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR
command -v python3 >/dev/null 2>&1 || exit 77
export LC_ALL=C.UTF-8 TZ=UTC

cat >"$tmp/mail.log" <<'LOG'
2026-12-02T10:00:00.000000+00:00 mx postfix/qmgr[100]: 4AB12C3D4E: from=<sender@example.org>, size=1234, nrcpt=1 (queue active)
2026-12-02T10:00:01.000000+00:00 mx postfix/smtp[101]: 4AB12C3D4E: to=<alice@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's 550-5.7.26 DMARC policy. Please contact the administrator of example.org domain 550-5.7.26 if this was a legitimate mail. To learn about the DMARC initiative, go 550 5.7.26  https://support.google.com/mail/answer/2451690 a1si123.1 - gsmtp (in reply to end of DATA command))
2026-12-02T10:05:00+00:00 mx postfix/smtp[102]: 5BC23D4E5F: to=<bob@outlook.com>, relay=outlook-com.olc.protection.outlook.com[52.101.1.1]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=5.7.1, status=bounced (host outlook-com.olc.protection.outlook.com[52.101.1.1] said: 550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM1PEPF000ABCDE.eurprd04.prod.outlook.com] (in reply to MAIL FROM command))
2026-12-02T11:00:00+00:00 mx postfix/smtp[103]: 6CD34E5F6A: to=<carol@yahoo.com>, relay=mta5.am0.yahoodns.net[67.195.204.72]:25, delay=3600, delays=3599/0/0.5/0, dsn=4.7.0, status=deferred (host mta5.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 192.0.2.10 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command))
2026-12-02T12:00:00+00:00 mx postfix/local[104]: 7DE45F6A7B: to=<nobody@mx.example.org>, relay=local, delay=0.1, delays=0.05/0/0/0.05, dsn=5.1.1, status=bounced (unknown user: "nobody")
2026-12-02T12:00:01+00:00 mx postfix/smtp[105]: 8EF56A7B8C: to=<dave@example.net>, relay=mx.example.net[192.0.2.20]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 12345)
LOG

# Log lines are records once --diagnose gives one per failing line.
n=$("$sd" --diagnose --json "$tmp/mail.log" | grep -c '"recipient"')
if [ "$n" != 4 ]; then
	echo "SKIP: log lines are not records yet ($n record(s) of 4)"
	exit 77
fi

run 0 "$sd" --summary --json "$tmp/mail.log"
expect "$tmp/out" '"domain":null,"failures":4,"bounced":3,"deferred":1,'
expect "$tmp/out" '"first":"2026-12-02T10:00:01Z","last":"2026-12-02T12:00:00Z"'
expect "$tmp/out" '"domain":"gmail.com"'
expect "$tmp/out" '"domain":"outlook.com"'
expect "$tmp/out" '"domain":"yahoo.com"'
expect "$tmp/out" '"domain":"mx.example.org"'
refuse "$tmp/out" '"domain":"example.net"'
expect "$tmp/out" '"line":2,"message":null}'
expect "$tmp/out" '"bounced":0,"deferred":1,'
cat >"$tmp/lines.py" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lines = {g["domain"]: g["example"]["line"] for g in recs[:-1]}
assert lines == {"gmail.com": 2, "outlook.com": 3, "yahoo.com": 4,
                 "mx.example.org": 5}, lines
PY
checks=$((checks + 1))
python3 "$tmp/lines.py" "$tmp/out" || fail "the examples' log lines"

run 0 "$sd" --summary --width 400 "$tmp/mail.log"
expect "$tmp/out" "Failures: 4 (bounced 3, deferred 1)"
expect "$tmp/out" "From 2026-12-02 10:00 to 2026-12-02 12:00"
expect "$tmp/out" "mail.log:3: "
expect "$tmp/out" "S3140"

run 0 "$sd" --summary --json --since 2026-12-02T11:00:00Z "$tmp/mail.log"
expect "$tmp/out" '"failures":2,'
expect "$tmp/out" '"outside_time":2,'
run 0 "$sd" --summary --json --domain example.org <"$tmp/mail.log"
expect "$tmp/out" '"failures":1,'
expect "$tmp/out" '"source":"(stdin)","line":5,"message":null}'

# A log bigger than a block (4 MiB): read as one log, its lines counted
# on, and a deferral joined to the expiry in the next block.
python3 - "$tmp/big.log" <<'PY'
import sys
noise = "2026-12-02T09:00:00+00:00 mx postfix/smtpd[1]: connect from c.example[192.0.2.1]\n"
with open(sys.argv[1], "w") as f:
    f.write("2026-12-02T09:00:00+00:00 mx postfix/smtp[2]: 9AB12C3D4E: to=<eve@slow.example>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.slow.example[192.0.2.50]:25: Connection timed out)\n")
    f.write(noise * ((5 << 20) // len(noise) + 1))
    f.write("2026-12-02T13:00:00+00:00 mx postfix/qmgr[3]: 9AB12C3D4E: from=<news@example.org>, status=expired, returned to sender\n")
PY
nlines=$(wc -l <"$tmp/big.log")
run 0 "$sd" --summary --json "$tmp/big.log"
expect "$tmp/out" '"failures":2,"bounced":1,"deferred":1,'
refuse "$tmp/out" '"domain":""'
expect "$tmp/out" '"domain":"slow.example"'
run 0 "$sd" --summary --json --since 2026-12-02T12:00:00Z "$tmp/big.log"
expect "$tmp/out" "\"line\":$((nlines)),\"message\":null}"
expect "$tmp/out" '"recipient":"eve@slow.example"'
finish
