#!/bin/sh
# The browser's DNS checks (issue 15): c in the diagnosis says where the
# queries will go and sends nothing; c again runs the checks off the
# input path, and their findings join the verdict as a Checks section.
# Against dnsmasq on loopback with fixture records (as
# tests/check/dns-check.sh), then a server that never answers: unknown
# lines within the timeout, and the keys work while it waits.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

command -v dnsmasq >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
command -v dnsmasq >/dev/null 2>&1 || { echo "dnsmasq not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }

pids=
check_cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	e2e_cleanup
}
trap check_cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port=$(free_port)
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null \
    --listen-address=127.0.0.1 --bind-interfaces --port="$port" \
    --pid-file="$e2e_tmp/dnsmasq.pid" --log-facility="$e2e_tmp/dnsmasq.log" \
    --log-queries --local=/test/ --local=/in-addr.arpa/ \
    --txt-record=nospf.test,"v=spf1 ip4:203.0.113.5 -all" \
    --txt-record=_dmarc.nospf.test,"v=DMARC1; p=reject" \
    2>"$e2e_tmp/dnsmasq.err" &
pids="$pids $!"

# A server that never answers.
python3 - "$e2e_tmp/mute.port" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    s.recv(4096)
PY
pids="$pids $!"

i=0
until python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05nospf\x04test\x00\x00\x10\x00\x01"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.1)
s.sendto(q, ("127.0.0.1", int(sys.argv[1]))); s.recv(512)
PY
do
	i=$((i + 1))
	if [ $i -gt 20 ]; then
		cat "$e2e_tmp/dnsmasq.err"
		fail "dnsmasq did not start"
	fi
	sleep 0.1
done
i=0
while [ ! -s "$e2e_tmp/mute.port" ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "the mute server did not start"
	sleep 0.1
done
mute=$(cat "$e2e_tmp/mute.port")

# A Gmail authentication bounce of nospf.test, whose SPF lacks the IP
# and whose DKIM selector has no key.
cat >"$e2e_tmp/auth.eml" <<'MSG'
From: MAILER-DAEMON@mail.nospf.test
To: alice@nospf.test
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

<frank@gmail.com>: 550 5.7.26 This mail is unauthenticated, which poses a
    security risk to the sender and Gmail users, and has been blocked. The
    sender must authenticate with at least one of SPF or DKIM.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.nospf.test

Final-Recipient: rfc822; frank@gmail.com
Action: failed
Status: 5.7.26
Diagnostic-Code: smtp; 550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM.

--B1
Content-Type: text/rfc822-headers

DKIM-Signature: v=1; a=rsa-sha256; d=nospf.test;
 s=gone; h=from:to; bh=x; b=y
From: alice@nospf.test
To: frank@gmail.com
Subject: hello

--B1--
MSG

queries() {
	n=$(grep -c 'query\[' "$e2e_tmp/dnsmasq.log" 2>/dev/null)
	echo "${n:-0}"
}

start_shell 160 50
run_app "--resolver 127.0.0.1:$port --ip 192.0.2.10 '$e2e_tmp/auth.eml'"
wait_for 'Verdict: 1 recipient' "the verdict"
wait_for 'c check' "the check hint"
before=$(queries)
keys c
wait_for "send DNS queries to 127\\.0\\.0\\.1:$port: press c again" \
    "the notice before the first query"
sleep 0.3
[ "$before" -le 1 ] || fail "$before queries before the first c"
[ "$(queries)" = "$before" ] || fail "a query left before the second c"
refute 'Checks' "findings before the second c"
keys c
wait_for '^ *│? *Checks' "the Checks section"
wait_for 'fail spf nospf\.test: ' "the SPF finding"
wait_for 'fail dkim gone\._domainkey\.nospf\.test: ' "the DKIM finding"
wait_for 'ok dmarc _dmarc\.nospf\.test: .*p=reject' "the DMARC finding"
wait_for 'DNS checks done in' "the done message"
[ "$(queries)" -gt "$before" ] || fail "no query reached dnsmasq"
# The fail lines in the hard-failure style, not as plain text.
tm capture-pane -p -e -t e2e >"$e2e_tmp/attrs"
esc=$(printf '\033')
grep -Eq "${esc}\\[[0-9;]*m *fail spf nospf" "$e2e_tmp/attrs" ||
	fail "the failed check is not styled"
# The records read, on r, and gone again on the next.
refute 'ip4:203\.0\.113\.5' "a record before r"
keys r
wait_for 'records are shown' "the records message"
wait_for '^ .*│ +v=spf1 ip4:203\.0\.113\.5 -all' "the SPF record"
wait_for '│ +v=DMARC1; p=reject' "the DMARC record"
keys r
wait_for 'records are hidden' "the records hidden"
refute 'ip4:203\.0\.113\.5' "a record after the second r"
# Later presses run at once: no second notice.
keys c
wait_for 'DNS checks done in' "the second run"
refute 'press c again' "a second notice"
keys q
expect_exit 0

# A resolver that never answers: one timeout (1 s), unknown findings,
# and the browser keeps reading keys meanwhile.
run_app "--resolver 127.0.0.1:$mute --timeout 1 --ip 192.0.2.10 '$e2e_tmp/auth.eml'"
wait_for 'Verdict: 1 recipient' "the verdict (mute)"
keys c
wait_for 'press c again' "the notice (mute)"
start=$(date +%s)
keys c
wait_for 'Checking DNS' "the checking clock"
keys '?'
wait_for 'Show or close this help' "the help while checking"
keys '?'
wait_for 'unknown spf nospf\.test: no answer' "the SPF timeout"
wait_for 'unknown dmarc _dmarc\.nospf\.test: no answer' "the DMARC timeout"
took=$(($(date +%s) - start))
[ "$took" -le 4 ] || fail "the mute resolver took $took s"
# Esc cancels a check under way, and the view stays.
keys c
wait_for 'Checking DNS' "the second mute check"
keys Escape
wait_for 'DNS checks cancelled' "the cancel message"
refute 'Checking DNS' "the clock after Esc"
keys q
expect_exit 0

# Without --resolver, the notice names the system resolver; no second c
# here, so nothing is sent.
run_app "'$e2e_tmp/auth.eml'"
wait_for 'Verdict: 1 recipient' "the verdict (system resolver)"
keys c
wait_for 'send DNS queries to the system resolver.*press c again' \
    "the notice of the system resolver"
refute 'Checking DNS' "a check before the second c"
keys q
expect_exit 0

# --resolver is checked before the screen opens.
out=$("$SMTP_DOCTOR" --browse --resolver nowhere 2>&1 </dev/null)
[ $? = 2 ] || fail "--resolver nowhere accepted by the browser"
printf '%s\n' "$out" | grep -q "resolver takes IP" ||
	fail "--resolver nowhere: $out"
echo "PASS: $e2e_name"
