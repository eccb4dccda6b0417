#!/bin/sh
# A bounce file on the command line (issue 14): on a terminal the
# browser opens on its diagnosis, and Esc goes back to the catalogue;
# piped, the text report is printed; "-" reads standard input; a code
# still looks up, even when a file of that name exists.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cat >"$e2e_tmp/bounce.eml" <<'MSG'
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
To: alice@example.org
Subject: Undelivered Mail Returned to Sender
Received: by mail.example.org (Postfix) id 4F2A8; Tue, 2 Dec 2026 08:11:50 +0000

<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1
    <bob@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)
MSG

start_shell 120 40
run_app "'$e2e_tmp/bounce.eml'"
wait_for 'Verdict: 1 recipient' "the verdict of the file"
wait_for '│ 1/1  bob@example\.net' "the file's recipient"
wait_for 'What happened: The mailbox does not exist' "the file's reason"
# Only real addresses are highlighted as IPs: the header's time is not.
# The header opens folded; Enter in the text unfolds it.
keys g
wait_for '^ ▸ Header, 4 lines' "the folded header"
keys Tab Enter
wait_for '^ Received: by mail\.example\.org' "the Received header"
tm capture-pane -p -e -t e2e >"$e2e_tmp/attrs"
esc=$(printf '\033')
sgr="(${esc}\\[[0-9;]*m)+"
grep -Eq "${sgr}192\\.0\\.2\\.25" "$e2e_tmp/attrs" ||
	fail "the IP address is not highlighted"
grep -Eq "${sgr}08:11:50" "$e2e_tmp/attrs" &&
	fail "the time 08:11:50 is highlighted as an address"
keys Escape
wait_for '^ smtp-doctor .* SMTP reply codes' "the catalogue after Esc"
keys q
expect_exit 0

# A file that cannot be read: the browser says so and goes on.
mkdir "$e2e_tmp/dir"
printf 'x\n' >"$e2e_tmp/unreadable"
chmod 000 "$e2e_tmp/unreadable"
if ! cat "$e2e_tmp/unreadable" >/dev/null 2>&1; then
	run_app "'$e2e_tmp/unreadable'"
	wait_for 'unreadable: Permission denied' "the read error"
	keys q
	expect_exit 0
fi

# Not a terminal: the text report, as --diagnose gives it.
out=$("$SMTP_DOCTOR" "$e2e_tmp/bounce.eml" | head -2)
printf '%s\n' "$out" | grep -q "bounce.eml: bob@example.net" ||
	fail "the piped report: $out"
out=$("$SMTP_DOCTOR" - <"$e2e_tmp/bounce.eml" | head -1)
[ "$out" = "(stdin): bob@example.net" ] || fail "standard input: $out"
# A code stays a code, even beside a file of that name.
(cd "$e2e_tmp" && printf 'x\n' >550 && "$SMTP_DOCTOR" 550) | head -1 |
	grep -q '^550  Requested action not taken' ||
	fail "550 was not looked up"
echo "PASS: $e2e_name"
