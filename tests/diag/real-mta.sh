#!/bin/sh
# Bounces that real MTAs wrote (tests/diag/real, see its expect.tsv):
# each must give the records listed for it, in order, with the
# recipient, reason, provider and status (and action, where given).
# They keep the formats' details that hand-written reports miss:
# Sendmail's own Status for a server without enhanced codes, Exim's
# octal escapes and its "retry timeout exceeded", a transcript of ten
# refused recipients, each reply to be told to its own RCPT.
. "${top_srcdir:-.}/tests/lib.sh"
dir=${top_srcdir:-.}/tests/diag/real
command -v python3 >/dev/null 2>&1 || exit 77

checks=$((checks + 1))
for f in $(grep -v '^#' "$dir/expect.tsv" | cut -f1 | uniq); do
	"$SMTP_DOCTOR" --diagnose --json "$dir/$f" | python3 -c '
import json, sys
f, expect = sys.argv[1:3]
want = []
for line in open(expect, encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if line.startswith("#") or c[0] != f:
        continue
    action = c[5] if len(c) > 5 else ""
    want.append(((c[1], c[2], c[3], c[4]), action))
got = [json.loads(l) for l in sys.stdin]
ok = len(got) == len(want)
for r, (w, action) in zip(got, want):
    g = (r["recipient"], r["reason"], r["provider"] or "-", r["status"] or "-")
    if g != w or (action and r["action"] != action):
        ok = False
if not ok:
    print("FAIL: %s: got %s, want %s" % (f, [(r["recipient"], r["reason"],
        r["provider"], r["status"], r["action"]) for r in got], want))
    sys.exit(1)' "$f" "$dir/expect.tsv" || echo "$f" >>"$tmp/bad"
done
[ -f "$tmp/bad" ] && fail "$(wc -l <"$tmp/bad") of the real MTAs' bounces"
n=$(grep -v '^#' "$dir/expect.tsv" | cut -f1 | uniq | wc -l)
echo "real MTAs' bounces: $n checked, $(grep -vc '^#' "$dir/expect.tsv") records"
[ "$n" -ge 20 ] || fail "only $n bounces listed"
finish
