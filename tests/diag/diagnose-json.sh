#!/bin/sh
# The real binary's --diagnose --json over every sample: valid JSON Lines,
# the fields scripts rely on, zero records and exit 1 for a non-bounce.
set -e
bin=${SMTP_DOCTOR:-src/smtp-doctor}
samples=${top_srcdir:-.}/tests/diag/samples
command -v python3 >/dev/null 2>&1 || exit 77
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" --diagnose --json "$samples"/*.eml > "$out"
python3 - "$out" <<'PY'
import json, sys
need = ("source", "recipient", "reason", "permanent", "status",
        "reply_code", "provider", "remote_mta", "diagnostic", "codes",
        "evidence", "retry", "next_steps")
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for k in need:
        assert k in r, (k, r)
    assert "not-bounce" not in r["source"], r
    n += 1
assert n >= 12, n
PY
# JSON stays in English whatever the locale: scripts parse it.
LC_ALL=C "$bin" --diagnose --json "$samples"/*.eml > "$out.c" || true
LANGUAGE=en@quot LC_ALL=C.UTF-8 "$bin" --diagnose --json "$samples"/*.eml \
    > "$out.l" || true
cmp -s "$out.c" "$out.l" || { rm -f "$out.c" "$out.l"; exit 1; }
rm -f "$out.c" "$out.l"
rc=0
"$bin" --diagnose --json "$samples/not-bounce.eml" > "$out" || rc=$?
test "$rc" = 1
test ! -s "$out"
rc=0
"$bin" --diagnose /nonexistent/file "$samples/qmail.eml" > "$out" 2>&1 || rc=$?
test "$rc" = 2
grep -q 'erin@example.net' "$out"
grep -q '/nonexistent/file' "$out"
# Escapes in the input never reach the terminal raw.
printf '550 5.1.1 <x@example.com> \033]0;pwned\007 unknown\n' |
    "$bin" --diagnose > "$out"
if grep -q "$(printf '\033')" "$out"; then exit 1; fi
# An auto-reply or a feedback report is no failure, temporary or not.
LC_ALL=C "$bin" --diagnose "$samples/vacation.eml" "$samples/arf.eml" > "$out"
test "$(grep -c '(not a failure)' "$out")" = 2
if grep -q '(temporary)' "$out"; then exit 1; fi
LC_ALL=C "$bin" --diagnose "$samples/postfix.eml" > "$out"
grep -q '(permanent)' "$out"
exit 0
