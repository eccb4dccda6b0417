#!/bin/sh
# A real Postfix's delay notices: a scripted server defers three
# recipients with published 4xx replies (postgrey's and milter-greylist's
# greylisting, Gmail's temporary over-quota), Postfix keeps the messages
# queued and, with delay_warning_time = 1s, sends its "Delayed Mail
# (still being retried)" notice after the first attempt (qmgr_active.c:
# a warning is due once the message is older than warn_time - 1).  Each
# notice must read as a delay (Action: delayed, not permanent, the
# sending server retrying) with the reply's reason; the log's deferrals
# too.  Root and Postfix 3.4 or later are needed (tests/log/postfix-lib.sh),
# else the test skips.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/log/postfix-lib.sh"
sd=$SMTP_DOCTOR

DEADLINE=60
pf_init
mkdir -p "$pf/sink"
{
	echo '450 4.7.1 <r0@r.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/r.test.html'
	echo '452 4.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp a1si12345 - gsmtp'
	echo '451 4.7.1 Greylisting in action, please come back in 00:05:00'
} >"$pf/rows"
printf 'blocked\t-\nmailboxfull\tGmail\nblocked\t-\n' >"$pf/want"
nrows=3

SMTP_ROWS=$pf/rows SMTP_SINK=$pf/sink pf_server 20825 rows
port=$(pf_port rows)
printf 'r.test\t\tsmtp:[127.0.0.1]:%s\nsender.test\tsmtp:[127.0.0.1]:%s\n' \
    "$port" "$port" >"$conf/transport"
{
	pf_main_cf
	echo 'alias_maps ='
	echo 'alias_database ='
	echo 'maximal_queue_lifetime = 1d'
	echo 'bounce_queue_lifetime = 1d'
	echo 'delay_warning_time = 1s'
} >"$conf/main.cf"
pf_start || die "postfix start: $(cat "$pf/start.out")"

pf_send_rows "$nrows"
all_warned() {
	[ "$(grep -l 'still being retried' "$pf/sink"/*.eml 2>/dev/null |
	    wc -l)" -ge "$nrows" ]
}
wait_for "a delay notice for each of the $nrows recipients" all_warned

"$sd" --diagnose --json "$pf/sink"/*.eml >"$pf/notices.json" 2>"$pf/err" ||
	fail "--diagnose of the notices: $(head -3 "$pf/err")"
"$sd" --diagnose --json "$log" >"$pf/log.json" 2>"$pf/err" ||
	fail "--diagnose of the log: $(head -3 "$pf/err")"
cat >"$pf/check.py" <<'EOF'
import json, re, sys
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
got = {}
for line in open(sys.argv[2]):
    r = json.loads(line)
    m = re.match(r"^r([0-9]+)@r\.test$", r.get("recipient") or "")
    if m:
        got.setdefault(int(m.group(1)), []).append(r)
bad = []
for i, (reason, provider) in enumerate(want):
    recs = got.get(i, [])
    if not recs or any(r["reason"] != reason or
                       (r["action"] or "").lower() != "delayed" or
                       r["permanent"] or r["retry"] != "auto" or
                       (provider != "-" and
                        not (r["provider"] or "").startswith(provider))
                       for r in recs):
        bad.append("  r%d: want %s, delayed, got %s" % (i, reason,
            [(r["reason"], r["action"], r["retry"], r["provider"])
             for r in recs]))
print("Postfix's delay notices, %s: %d of %d right" % (
    sys.argv[3], len(want) - len(bad), len(want)))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
for what in notices log; do
	checks=$((checks + 1))
	python3 "$pf/check.py" "$pf/want" "$pf/$what.json" "$what" ||
		fail "$what"
done
# What a postmaster reads: a delay, and greylisting said as such.
run 0 "$sd" --diagnose "$pf/sink"
expect "$tmp/out" "Delayed: not a bounce yet"
expect "$tmp/out" "Greylisted: the first attempt is deferred on purpose"
refuse "$tmp/out" "Soft bounce"
finish
