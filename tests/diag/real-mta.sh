#!/bin/sh
# Bounces that real MTAs wrote (tests/diag/real, see its expect.tsv):
# each must give one record, with the recipient, reason, provider and
# status listed.  They keep the formats' details that hand-written
# reports miss: Sendmail's own Status for a server without enhanced
# codes, Exim's octal escapes and its "retry timeout exceeded".
. "${top_srcdir:-.}/tests/lib.sh"
dir=${top_srcdir:-.}/tests/diag/real
command -v python3 >/dev/null 2>&1 || exit 77

checks=$((checks + 1))
grep -v '^#' "$dir/expect.tsv" | while IFS='	' read -r f rcpt reason provider status action; do
	"$SMTP_DOCTOR" --diagnose --json "$dir/$f" | python3 -c '
import json, sys
f, rcpt, reason, provider, status, action = sys.argv[1:7]
recs = [json.loads(l) for l in sys.stdin]
got = [(r["recipient"], r["reason"], r["provider"] or "-", r["status"] or "-")
       + ((r["action"],) if action else ()) for r in recs]
want = [(rcpt, reason, provider, status) + ((action,) if action else ())]
if got != want:
    print("FAIL: %s: got %s, want %s" % (f, got, want))
    sys.exit(1)' "$f" "$rcpt" "$reason" "$provider" "$status" "$action" ||
		echo "$f" >>"$tmp/bad"
done
[ -f "$tmp/bad" ] && fail "$(wc -l <"$tmp/bad") of the real MTAs' bounces"
n=$(grep -vc '^#' "$dir/expect.tsv")
echo "real MTAs' bounces: $n checked"
[ "$n" -ge 20 ] || fail "only $n bounces listed"
finish
