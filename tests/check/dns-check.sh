#!/bin/sh
# --diagnose --check against a real DNS server: dnsmasq on loopback with
# fixture records, a server that never answers, one that answers garbage.
. "${top_srcdir:-../..}/tests/lib.sh"

command -v dnsmasq >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
command -v dnsmasq >/dev/null 2>&1 || { echo "dnsmasq not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }

pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# A free UDP port of loopback, as the kernel gives one.
free_port() {
	python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port=$(free_port)
key=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC3
dnsmasq --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null \
    --listen-address=127.0.0.1 --bind-interfaces --port="$port" \
    --pid-file="$tmp/dnsmasq.pid" --log-facility="$tmp/dnsmasq.log" \
    --local=/test/ --local=/in-addr.arpa/ --local=/spamhaus.org/ \
    --local=/spamcop.net/ --local=/barracudacentral.org/ \
    --txt-record=good.test,"v=spf1 ip4:192.0.2.0/28 include:_spf.good.test -all" \
    --txt-record=_spf.good.test,"v=spf1 ip4:198.51.100.7 ~all" \
    --txt-record=s1._domainkey.good.test,"v=DKIM1; k=rsa; p=$key" \
    --txt-record=_dmarc.good.test,"v=DMARC1; p=quarantine; adkim=s; aspf=r" \
    --txt-record=nospf.test,"v=spf1 ip4:203.0.113.5 -all" \
    --txt-record=_dmarc.nospf.test,"v=DMARC1; p=reject" \
    --txt-record=twospf.test,"v=spf1 -all" \
    --txt-record=twospf.test,"v=spf1 +all" \
    --txt-record=_mta-sts.sts.test,"v=STSv1; id=20261202" \
    --mx-host=good.test,mx1.good.test,10 \
    --mx-host=good.test,mx2.good.test,20 \
    --host-record=mx1.good.test,192.0.2.25 \
    --mx-host=nullmx.test,.,0 \
    --mx-host=dangling.test,mx.dangling.test,10 \
    --host-record=aonly.test,192.0.2.80 \
    --ptr-record=10.2.0.192.in-addr.arpa,mail.good.test \
    --host-record=mail.good.test,192.0.2.10 \
    --ptr-record=11.2.0.192.in-addr.arpa,liar.good.test \
    --address=/66.2.0.192.zen.spamhaus.org/127.0.0.2 \
    --address=/66.2.0.192.bl.spamcop.net/127.0.0.2 \
    2>"$tmp/dnsmasq.err" &
pids="$pids $!"

# Wait for it to answer (a second at most).
i=0
until python3 - "$port" <<'PY' 2>/dev/null
import socket, sys
q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x04good\x04test\x00\x00\x10\x00\x01"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.1)
s.sendto(q, ("127.0.0.1", int(sys.argv[1]))); s.recv(512)
PY
do
	i=$((i + 1))
	if [ $i -gt 10 ]; then
		cat "$tmp/dnsmasq.err"
		echo "FAIL: dnsmasq did not start"
		exit 1
	fi
	sleep 0.1
done

# A DSN from Postfix: sender domain, recipient, status, the diagnostic,
# a DKIM selector or "-".
bounce() {
	out=$1 from=$2 rcpt=$3 status=$4 diag=$5 sel=$6
	{
		printf 'From: MAILER-DAEMON@mail.%s\nTo: alice@%s\n' "$from" "$from"
		printf 'Subject: Undelivered Mail Returned to Sender\n'
		printf 'MIME-Version: 1.0\n'
		printf 'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\n\n'
		printf -- '--B1\nContent-Type: text/plain\n\n<%s>: %s\n\n' "$rcpt" "$diag"
		printf -- '--B1\nContent-Type: message/delivery-status\n\n'
		printf 'Reporting-MTA: dns; mail.%s\n\n' "$from"
		printf 'Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\n' "$rcpt" "$status"
		printf 'Diagnostic-Code: smtp; %s\n\n' "$diag"
		printf -- '--B1\nContent-Type: text/rfc822-headers\n\n'
		if [ "$sel" != - ]; then
			printf 'DKIM-Signature: v=1; a=rsa-sha256; d=%s;\n s=%s; h=from:to; bh=x; b=y\n' "$from" "$sel"
		fi
		printf 'From: alice@%s\nTo: %s\nSubject: hello\n\n--B1--\n' "$from" "$rcpt"
	} >"$out"
}

auth='550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM.'
bounce "$tmp/auth-good.eml" good.test frank@gmail.com 5.7.26 "$auth" s1
bounce "$tmp/auth-nospf.eml" nospf.test frank@gmail.com 5.7.26 "$auth" gone
bounce "$tmp/auth-two.eml" twospf.test frank@gmail.com 5.7.26 "$auth" -
unknown='Host or domain name not found. Name service error for name=%s type=MX: Host not found'
for d in good.test nullmx.test dangling.test aonly.test none.test; do
	bounce "$tmp/mx-$d.eml" good.test "bob@$d" 5.1.2 \
	    "$(printf "$unknown" "$d")" -
done
blocked='554 5.7.1 Service unavailable; Client host [%s] blocked using zen.spamhaus.org'
for ip in 192.0.2.10 192.0.2.11 192.0.2.12 192.0.2.66; do
	bounce "$tmp/bl-$ip.eml" good.test bob@example.net 5.7.1 \
	    "$(printf "$blocked" "$ip")" -
done

# SD_WRAPPER (valgrind, say) runs in front, but not where time is measured.
run_check() {
	$SD_WRAPPER "$SMTP_DOCTOR" --diagnose --check --resolver "127.0.0.1:$port" \
	    --json "$@"
}

# finding FILE NAME TARGET RESULT [DETAIL-WORDS] [--ip IP]: the record's
# checks hold a finding of that name and target with that result.
finding() {
	f=$1 name=$2 target=$3 result=$4 words=${5:-}
	checks=$((checks + 1))
	shift 4
	[ $# -gt 0 ] && shift
	run_check "$@" "$f" >"$tmp/out.json" || test $? = 1 ||
	    fail "$f: smtp-doctor failed"
	python3 - "$tmp/out.json" "$name" "$target" "$result" "$words" <<'PY' ||
import json, sys
path, name, target, result, words = sys.argv[1:]
recs = [json.loads(l) for l in open(path)]
for r in recs:
    for c in r.get("checks") or []:
        if c["name"] == name and c["target"] == target:
            if c["result"] != result:
                sys.exit("%s %s: %s, not %s (%s)" % (name, target,
                    c["result"], result, c["detail"]))
            if words and words not in c["detail"]:
                sys.exit("%s %s: %r lacks %r" % (name, target,
                    c["detail"], words))
            sys.exit(0)
sys.exit("no %s finding for %s in %s" % (name, target,
    [r.get("checks") for r in recs]))
PY
	fail "$f: $name $target $result"
}

# authfailure: SPF, DKIM, DMARC of the sender domain.
finding "$tmp/auth-good.eml" spf good.test ok "matched" --ip 192.0.2.9
finding "$tmp/auth-good.eml" spf good.test ok "include:_spf.good.test" \
    --ip 198.51.100.7
finding "$tmp/auth-good.eml" spf good.test fail "not permitted" --ip 192.0.2.99
finding "$tmp/auth-good.eml" spf good.test unknown "no sending IP"
finding "$tmp/auth-good.eml" dkim s1._domainkey.good.test ok "key present"
finding "$tmp/auth-good.eml" dmarc _dmarc.good.test ok \
    "p=quarantine, adkim=s, aspf=r"
finding "$tmp/auth-nospf.eml" spf nospf.test fail "(fail)" --ip 192.0.2.10
finding "$tmp/auth-nospf.eml" dkim gone._domainkey.nospf.test fail "no DKIM key"
finding "$tmp/auth-nospf.eml" dmarc _dmarc.nospf.test ok "p=reject"
finding "$tmp/auth-two.eml" spf twospf.test fail "2 SPF records"
finding "$tmp/auth-two.eml" dkim twospf.test unknown "selector"
finding "$tmp/auth-two.eml" dmarc _dmarc.twospf.test fail "no DMARC record"

# hostunknown: the recipient domain's MX set.
finding "$tmp/mx-good.test.eml" mx good.test ok "2 MX"
finding "$tmp/mx-good.test.eml" mx mx1.good.test ok "resolves"
finding "$tmp/mx-good.test.eml" mx mx2.good.test fail "no address"
finding "$tmp/mx-nullmx.test.eml" mx nullmx.test fail "null MX"
finding "$tmp/mx-dangling.test.eml" mx mx.dangling.test fail "no address"
finding "$tmp/mx-aonly.test.eml" mx aonly.test ok "no MX"
finding "$tmp/mx-none.test.eml" mx none.test fail "cannot receive"

# blocked: PTR, forward confirmation, blocklists.
finding "$tmp/bl-192.0.2.10.eml" ptr 192.0.2.10 ok "mail.good.test"
finding "$tmp/bl-192.0.2.11.eml" ptr 192.0.2.11 fail "forward"
finding "$tmp/bl-192.0.2.12.eml" ptr 192.0.2.12 fail "no PTR"
finding "$tmp/bl-192.0.2.12.eml" dnsbl zen.spamhaus.org ok "not listed"
finding "$tmp/bl-192.0.2.66.eml" dnsbl zen.spamhaus.org fail \
    "check.spamhaus.org"
finding "$tmp/bl-192.0.2.66.eml" dnsbl bl.spamcop.net fail "SpamCop"
finding "$tmp/bl-192.0.2.66.eml" dnsbl b.barracudacentral.org ok
# --ip wins over the diagnostic's IP.
finding "$tmp/bl-192.0.2.66.eml" ptr 192.0.2.10 ok "" --ip 192.0.2.10

# The text report's block, escaped.
$SD_WRAPPER "$SMTP_DOCTOR" --diagnose --check --resolver "127.0.0.1:$port" \
    "$tmp/bl-192.0.2.66.eml" >"$tmp/out.txt" || fail "text report failed"
grep -q '^  Checks$' "$tmp/out.txt" || fail "no Checks block: $(cat "$tmp/out.txt")"
grep -q '^    fail dnsbl zen.spamhaus.org: listed on Spamhaus ZEN' \
    "$tmp/out.txt" || fail "no dnsbl line: $(cat "$tmp/out.txt")"

# Without --check: no DNS, no "checks" key.
"$SMTP_DOCTOR" --diagnose --json "$tmp/bl-192.0.2.66.eml" |
    grep -q '"checks"' && fail "checks without --check"

# A server that never answers: unknown within the timeout, whatever the
# number of checks (the first timeout stops the others).
python3 - "$tmp/mute.port" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    s.recv(4096)
PY
pids="$pids $!"
# Garbage: every query answered with random bytes.
python3 - "$tmp/junk.port" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True:
    q, a = s.recvfrom(4096)
    n = os.urandom(1)[0]
    # The query's ID kept half the time, so c-ares reads the rest.
    s.sendto((q[:2] if n & 1 else b"") + os.urandom(n), a)
PY
pids="$pids $!"
i=0
while [ ! -s "$tmp/mute.port" ] || [ ! -s "$tmp/junk.port" ]; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then
		echo "FAIL: the test servers did not start"
		exit 1
	fi
	sleep 0.1
done
mute=$(cat "$tmp/mute.port") junk=$(cat "$tmp/junk.port")

start=$(date +%s)
"$SMTP_DOCTOR" --diagnose --check --resolver "127.0.0.1:$mute" --timeout 1 \
    --ip 192.0.2.10 --json "$tmp/auth-good.eml" "$tmp/bl-192.0.2.66.eml" \
    "$tmp/mx-good.test.eml" >"$tmp/mute.json" || fail "mute: smtp-doctor failed"
took=$(($(date +%s) - start))
[ "$took" -le 3 ] || fail "mute resolver: $took s for three bounces"
python3 - "$tmp/mute.json" <<'PY' || fail "mute resolver: $(cat "$tmp/mute.json")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
checks = [c for r in recs for c in r["checks"]]
assert len(recs) == 3 and checks, recs
for c in checks:
    if c["name"] == "dkim" or c["target"] == "":
        continue
    assert c["result"] == "unknown", c
    assert c["detail"] == "no answer from the resolver in 1 s", c
PY

for n in 1 2 3; do
	$SD_WRAPPER "$SMTP_DOCTOR" --diagnose --check \
	    --resolver "127.0.0.1:$junk" \
	    --timeout 1 --ip 192.0.2.10 --json "$tmp/auth-good.eml" \
	    "$tmp/bl-192.0.2.66.eml" "$tmp/mx-good.test.eml" \
	    >"$tmp/junk.json" || fail "garbage resolver: smtp-doctor failed"
	python3 - "$tmp/junk.json" <<'PY' || fail "garbage: $(cat "$tmp/junk.json")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert len(recs) == 3
for c in (c for r in recs for c in r["checks"]):
    assert c["result"] in ("unknown", "fail", "ok"), c
    if c["name"] == "spf":
        assert c["result"] == "unknown", c
PY
done

# Usage: --check only with --diagnose, its options only with --check.
"$SMTP_DOCTOR" --check 550 2>/dev/null && fail "--check without --diagnose"
"$SMTP_DOCTOR" --diagnose --ip 192.0.2.1 /dev/null 2>/dev/null &&
    fail "--ip without --check"
"$SMTP_DOCTOR" --diagnose --check --resolver nowhere /dev/null 2>/dev/null
[ $? = 2 ] || fail "--resolver nowhere accepted"
"$SMTP_DOCTOR" --diagnose --check --ip 999.1.1.1 /dev/null 2>/dev/null
[ $? = 2 ] || fail "--ip 999.1.1.1 accepted"
finish
