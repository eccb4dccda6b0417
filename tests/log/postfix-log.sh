#!/bin/sh
# A real Postfix on loopback, relaying to scripted servers: its log diagnosed.
#
# A private Postfix instance (its own config, queue and data directories
# and its own log file, written by postlogd: no syslog) relays mail to
# tests/log/smtp-replies.py, which answers as Gmail, Yahoo and a plain
# Postfix server do; its smtpd refuses one recipient (NOQUEUE: reject)
# and its local(8) bounces an alias to a user that does not exist.  The
# test checks that Postfix logged what was meant (so a broken harness
# fails as such), then that smtp-doctor --diagnose makes of that log one
# record per failing delivery, and --json each with the fields the log
# gives (tests/log/check-records.py).  Root is needed to start Postfix
# (CI runs as root); without it, Postfix 3.4 or later (maillog_file) or
# python3, the test is skipped.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/log/postfix-lib.sh"
sd=$SMTP_DOCTOR

# The whole run stays well under this, the slowest step being the
# scripted server's silence for smtp_data_done_timeout.
DEADLINE=30
pf_init
pf_server 20525 mx yahoo mx
mx_port=$(sed -n 1p "$pf/ports" | cut -d' ' -f2)
yahoo_port=$(sed -n 2p "$pf/ports" | cut -d' ' -f2)
slow_port=$(sed -n 3p "$pf/ports" | cut -d' ' -f2)
smtpd_port=$(free_port $((slow_port + 1)))

# Where each test domain goes; sender.test takes the bounce notices.
cat >"$conf/transport" <<EOF
mx.test		smtp:[127.0.0.1]:$mx_port
sender.test	smtp:[127.0.0.1]:$mx_port
yahoo.test	smtp:[127.0.0.1]:$yahoo_port
slow.test	smtp:[127.0.0.1]:$slow_port
EOF
cat >"$conf/access" <<EOF
blocked@reject.test	REJECT
EOF
# A local alias to a user no machine has: local(8)'s own bounce, with
# the alias as orig_to=.
cat >"$conf/aliases" <<EOF
sd-alias	sd-nobody-e2e
EOF
{
	pf_main_cf
	cat <<EOF
alias_maps = texthash:$conf/aliases
alias_database =
local_transport = local
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_recipient_access texthash:$conf/access
smtpd_tls_security_level = none
maximal_queue_lifetime = 1d
bounce_queue_lifetime = 1d
EOF
} >"$conf/main.cf"

tries=0
until pf_start "127.0.0.1:$smtpd_port inet n - n - - smtpd"; do
	# Another test may take the port between the probe and Postfix's bind.
	grep -q "bind 127.0.0.1 port $smtpd_port: Address already in use" \
	    "$log" 2>/dev/null && [ $tries -lt 3 ] ||
		die "postfix start: $(cat "$pf/start.out")"
	tries=$((tries + 1))
	smtpd_port=$(free_port $((smtpd_port + 1)))
done
smtpd_up() {
	python3 -c '
import socket, sys
socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' \
	    "$smtpd_port" 2>/dev/null
}
wait_for "the private smtpd" smtpd_up

# One message per recipient, so that each has a transaction of its own.
for rcpt in ok@mx.test unknown@mx.test dmarc@mx.test toobig@mx.test \
    user@yahoo.test slow@slow.test sd-alias@pfx.test; do
	printf 'From: alice@sender.test\nTo: %s\nSubject: test\n\nhello\n' \
	    "$rcpt" | sendmail -C "$conf" -f alice@sender.test -- "$rcpt" ||
		die "sendmail to $rcpt"
done
# A refusal of incoming mail, at the private smtpd.
python3 -c '
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), "client.test", 5)
s.ehlo()
s.mail("alice@sender.test")
code, _ = s.rcpt("blocked@reject.test")
s.quit()
sys.exit(0 if code == 554 else 1)' "$smtpd_port" ||
	die "the private smtpd did not refuse blocked@reject.test"

# The harness: Postfix logged each outcome meant, and only once.
logged() {
	grep -q "$1" "$log" 2>/dev/null
}
all_logged() {
	logged 'to=<ok@mx.test>.* status=sent' &&
	logged 'to=<unknown@mx.test>.* dsn=5\.1\.1, status=bounced .*said: 550 5\.1\.1 .*(in reply to RCPT TO command)' &&
	logged 'to=<dmarc@mx.test>.* dsn=5\.7\.26, status=bounced .*said: 550-5\.7\.26 Unauthenticated email .*gsmtp (in reply to end of DATA command)' &&
	logged 'to=<toobig@mx.test>.* dsn=5\.3\.4, status=bounced .*said: 552 5\.3\.4 .*(in reply to end of DATA command)' &&
	logged 'to=<user@yahoo.test>.* dsn=4\.7\.0, status=deferred .*said: 421 4\.7\.0 \[TSS04\] .*(in reply to MAIL FROM command)' &&
	logged 'to=<slow@slow.test>.* dsn=4\.4\.2, status=deferred (conversation with .* timed out while sending end of data' &&
	logged 'to=<sd-nobody-e2e@pfx.test>, orig_to=<sd-alias@pfx.test>, relay=local, .* dsn=5\.1\.1, status=bounced (unknown user: "sd-nobody-e2e")' &&
	logged 'NOQUEUE: reject: RCPT from .*: 554 5\.7\.1 <blocked@reject\.test>: Recipient address rejected: Access denied; from=<alice@sender\.test> to=<blocked@reject\.test> proto=ESMTP helo=<client\.test>'
}
wait_for "Postfix to log every delivery" all_logged
for r in ok@mx.test unknown@mx.test dmarc@mx.test toobig@mx.test \
    user@yahoo.test slow@slow.test sd-nobody-e2e@pfx.test; do
	checks=$((checks + 1))
	n=$(grep -c "to=<$r>.* status=" "$log")
	[ "$n" = 1 ] || fail "Postfix logged $n deliveries to $r, want 1"
done
end=$(date +%s)

# What smtp-doctor makes of each reply pasted alone, as one JSON line:
# the log record must get the same reason and provider from the same
# engine.
alone() {
	r=$(printf '%b' "$1" | "$sd" --diagnose --json | head -n 1)
	echo "${r:-null}"
}
python3 - "$here/smtp-replies.py" >"$pf/replies" <<'EOF'
import runpy, sys
m = runpy.run_path(sys.argv[1])
print("dmarc@mx.test " + "\\n".join(m["GMAIL_DMARC"]))
print("user@yahoo.test " + m["YAHOO_TSS04"])
print("toobig@mx.test " + m["TOO_BIG"])
print("unknown@mx.test " + m["USER_UNKNOWN"].format("unknown@mx.test"))
EOF
: >"$pf/alone"
while read -r r text; do
	echo "$r $(alone "$text")" >>"$pf/alone"
done <"$pf/replies"
# Postfix's own words, after the status the line gives.
for r in slow@slow.test sd-nobody-e2e@pfx.test; do
	own=$(sed -n "s/.*to=<$r>.* dsn=\([0-9.]*\), status=[a-z]* (\(.*\))\$/\1 \2/p" "$log")
	echo "$r $(alone "$own")" >>"$pf/alone"
done
noq=$(sed -n 's/.*NOQUEUE: reject: RCPT from [^ ]*: \(.*\); from=.*/\1/p' "$log")
echo "blocked@reject.test $(alone "$noq")" >>"$pf/alone"

checks=$((checks + 1))
rc=0
$SD_WRAPPER "$sd" --diagnose --json "$log" >"$pf/json" 2>"$pf/json.err" ||
	rc=$?
[ "$rc" = 0 ] || fail "smtp-doctor --diagnose --json on the log: exit $rc: $(head -3 "$pf/json.err")"

# The text a postmaster reads: one record headed by each failing
# recipient, none for the delivered message.
run 0 "$sd" --diagnose "$log"
for r in unknown@mx.test dmarc@mx.test toobig@mx.test user@yahoo.test \
    slow@slow.test sd-nobody-e2e@pfx.test blocked@reject.test; do
	expect "$tmp/out" "$log: $r"
done
refuse "$tmp/out" "ok@mx.test"

# Each record against the log line it comes from.
out=$(python3 "$here/check-records.py" "$pf/json" "$log" "$pf/alone" \
    "$start" "$end")
echo "$out" | sed '$d'
set -- $(echo "$out" | tail -n 1)
checks=$((checks + ${1:-1}))
failures=$((failures + ${2:-1}))
# The queue lifetime: postconf(5) has maximal_queue_lifetime = 0 try a
# delivery once, so a deferral to Yahoo's 421 is followed at once by
# qmgr's "from=<>, status=expired, returned to sender" (qmgr_active.c):
# a record that bounced, with the recipient and reply of the deferral.
postconf -c "$conf" -e maximal_queue_lifetime=0 bounce_queue_lifetime=0 ||
	die "postconf maximal_queue_lifetime=0"
postfix -c "$conf" reload >/dev/null 2>&1 || die "postfix reload"
start=$(date +%s)
printf 'From: alice@sender.test\nTo: expire@yahoo.test\nSubject: t\n\nhi\n' |
	sendmail -C "$conf" -f alice@sender.test -- expire@yahoo.test ||
	die "sendmail to expire@yahoo.test"
expired_logged() {
	qid=$(sed -n 's/.*postfix\/smtp\[[0-9]*\]: \([0-9A-F]*\): to=<expire@yahoo\.test>.* status=deferred .*/\1/p' "$log")
	[ -n "$qid" ] && logged "qmgr\[[0-9]*\]: $qid: from=<alice@sender\.test>, status=expired, returned to sender"
}
wait_for "Postfix to expire the deferred message" expired_logged
checks=$((checks + 1))
"$sd" --diagnose --json "$log" >"$pf/json2" 2>"$pf/json2.err" ||
	fail "smtp-doctor --diagnose --json after the expiry: $(head -3 "$pf/json2.err")"
checks=$((checks + 1))
python3 - "$pf/json2" "$qid" <<'EOF2' || fail "no bounced record of the expiry of $qid"
import json, sys
qid = sys.argv[2]
recs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
mine = [r for r in recs if r.get("log", {}).get("queue_id") == qid]
acts = sorted(r["action"] for r in mine)
ok = acts == ["delayed", "failed"] and all(
    r["recipient"] == "expire@yahoo.test" and r["status"] == "4.7.0" and
    "[TSS04]" in (r["diagnostic"] or "") and
    r["log"]["sender"] == "alice@sender.test" for r in mine)
if not ok:
    print(json.dumps(mine, indent=1)[:2000])
sys.exit(0 if ok else 1)
EOF2
# In the summary it is a bounce, not a deferral.
run 0 "$sd" --summary --json "$log"
checks=$((checks + 1))
python3 - "$tmp/out" <<'EOF2' || fail "the expiry is not summed up as a bounce"
import json, sys
g = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
y = [x for x in g if x.get("type") == "group" and x.get("domain") == "yahoo.test"]
sys.exit(0 if y and sum(x["bounced"] for x in y) >= 1 else 1)
EOF2

if [ "$failures" != 0 ]; then
	echo "--- smtp-doctor --diagnose --json"
	sed 's/^/  /' "$pf/json" | cut -c1-400
	echo "--- maillog"
	sed 's/^/  /' "$log"
fi
finish
