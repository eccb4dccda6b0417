#!/bin/sh
# Every published reply of tests/diag/replies that has a reply code, given
# by a scripted server to a real Postfix on loopback: the bounce Postfix
# writes and the line it logs must both be diagnosed to the row's reason
# and provider, as the reply pasted alone is (tests/diag/check_replies.c).
# Postfix wraps, folds and re-codes the reply its own way (a bare 451
# gets "Status: 4.0.0", a non-ASCII byte becomes '?'), which no
# hand-written report reproduces.  One message per row; a 4xx is
# returned at once (maximal_queue_lifetime = 0).  With ROWS_AT=data
# (postfix-replies-data.sh) the server accepts the recipient and gives
# the row at the end of DATA: the reason must not change with the stage,
# but where the one rule that reads the stage decides (40-wording.txt,
# userunknown-words-data: after DATA, user-unknown words that no status
# code or provider rule explains are a filter's refusal).  Root and Postfix 3.4 or later are
# needed (tests/log/postfix-lib.sh), else the test skips.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/log/postfix-lib.sh"
sd=$SMTP_DOCTOR

DEADLINE=240
pf_init
mkdir -p "$pf/sink"
python3 - "${top_srcdir:-.}/tests/diag/replies" "$pf/rows" "$pf/want" <<'EOF' ||
import glob, os, re, sys
rows = open(sys.argv[2], "w", encoding="utf-8")
want = open(sys.argv[3], "w", encoding="utf-8")
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.tsv"))):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        f = line.rstrip("\n").split("\t")
        if line.startswith("#") or len(f) < 3:
            continue
        if re.match(r"^[45][0-9][0-9]( |$)", f[0]):
            rows.write(f[0] + "\n")
            want.write("%s\t%s\t%s:%d\n" % (f[2], f[1], os.path.basename(path), n))
EOF
	die "reading the reply lists"
nrows=$(wc -l <"$pf/rows")
[ "$nrows" -gt 500 ] || die "only $nrows rows with a reply code"

SMTP_ROWS_AT=${ROWS_AT:-rcpt} SMTP_ROWS=$pf/rows SMTP_SINK=$pf/sink \
    pf_server 20725 rows
port=$(pf_port rows)
cat >"$conf/transport" <<EOF
r.test		smtp:[127.0.0.1]:$port
sender.test	smtp:[127.0.0.1]:$port
EOF
{
	pf_main_cf
	cat <<EOF
alias_maps =
alias_database =
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
default_destination_concurrency_limit = 10
EOF
} >"$conf/main.cf"
pf_start || die "postfix start: $(cat "$pf/start.out")"

pf_send_rows "$nrows"
all_bounced() {
	[ "$(ls "$pf/sink" | grep -c '\.eml$')" -ge "$nrows" ]
}
wait_for "a bounce of each of the $nrows rows" all_bounced

# The bounces, then the log: each record of rN against row N.
"$sd" --diagnose --json "$pf/sink"/*.eml >"$pf/bounces.json" 2>"$pf/err" ||
	fail "--diagnose of the bounces: $(head -3 "$pf/err")"
"$sd" --diagnose --json "$log" >"$pf/log.json" 2>"$pf/err" ||
	fail "--diagnose of the log: $(head -3 "$pf/err")"
for what in bounces log; do
	checks=$((checks + 1))
	python3 - "$pf/want" "$pf/$what.json" "$what" "${ROWS_AT:-rcpt}" \
	    <<'EOF' ||
import json, re, sys
want = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
at_data = sys.argv[4] == "data"


def convention(r, reason):
    """After DATA, the one rule that reads the stage made it filtered."""
    return (at_data and reason == "userunknown" and r["reason"] == "filtered"
            and r["command"] == "DATA" and any(
                e.startswith("rule userunknown-words-data ")
                for e in r["evidence"]))
got = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    m = re.match(r"^r([0-9]+)@r\.test$", r.get("recipient") or "")
    if m:
        got.setdefault(int(m.group(1)), []).append(r)
misses = []
for i, (reason, provider, where) in enumerate(want):
    recs = got.get(i, [])
    bad = [r for r in recs if (r["reason"] != reason and
                               not convention(r, reason)) or
           (provider != "-" and not (r["provider"] or "").startswith(provider))]
    if not recs or bad:
        misses.append("  %s: want %s (%s), got %s" % (where, reason, provider,
            [(r["reason"], r["provider"], (r["diagnostic"] or "")[:100])
             for r in recs]))
by_convention = sum(1 for i, (reason, _, _) in enumerate(want)
                   for r in got.get(i, []) if convention(r, reason))
print("published replies relayed by Postfix, refused at %s, %s: %d of %d "
      "right%s" % (sys.argv[4].upper(), sys.argv[3], len(want) - len(misses),
                   len(want), " (%d filtered by the after-DATA convention)" %
                   by_convention if at_data else ""))
print("\n".join(misses[:40]))
sys.exit(1 if misses else 0)
EOF
		fail "$what"
done
finish
