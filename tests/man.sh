#!/bin/sh
# The manual page: every option of --help is documented, every key of the
# browser is listed, and groff renders it without a warning.
. "${top_srcdir:-.}/tests/lib.sh"
man=${top_builddir:-.}/doc/smtp-doctor.1
[ -f "$man" ] || { echo "FAIL: $man was not built"; exit 1; }
# Undo the roff escapes that matter for matching.
sed -e 's/\\-/-/g' -e 's/\\(dq/"/g' -e 's/\\f[BIRP]//g' "$man" >"$tmp/man.txt"

run 0 "$SMTP_DOCTOR" --help
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$tmp/out" | sort -u); do
	expect "$tmp/man.txt" "$opt"
done
run 0 "$SMTP_DOCTOR" --help-keys
# Every key description of the browser is in the KEYS section.
sed -n 's/^  [^ ].*  \{2,\}\(.*\)$/\1/p' "$tmp/out" | sort -u >"$tmp/keys"
while IFS= read -r line; do
	expect "$tmp/man.txt" "$line"
done <"$tmp/keys"
refuse "$tmp/man.txt" "%KEYS%"
refuse "$tmp/man.txt" "%VERSION%"
if command -v groff >/dev/null 2>&1; then
	checks=$((checks + 1))
	warn=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$man" 2>&1)
	[ -z "$warn" ] || fail "groff warnings: $warn"
fi
finish
