#!/bin/sh
# The paste box: a Postfix bounce pasted in bracketed-paste mode is
# diagnosed (verdict, legend, highlighted parts); Esc closes the box and
# p brings the text back; a cited catalogue entry opens in the detail
# and Backspace comes back; a Gmail multi-line 550-5.7.26 reply too.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cat >"$e2e_tmp/postfix.eml" <<'MSG'
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
To: alice@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1
    <bob@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Final-Recipient: rfc822; bob@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--B1--
MSG
printf '%s\r\n' \
    '550-5.7.26 This mail is unauthenticated, which poses a security risk to the' \
    '550-5.7.26 sender and Gmail users, and has been blocked. The sender must' \
    '550-5.7.26 authenticate with at least one of SPF or DKIM. For more' \
    '550 5.7.26 information, go to https://support.google.com/mail/answer/81126 x1si123.45 - gsmtp' \
    >"$e2e_tmp/gmail.txt"

start_shell 120 40
run_app
wait_frame
open_box
paste_file "$e2e_tmp/postfix.eml"
wait_for '^ Pasted [0-9]+ bytes' "the paste's size"
# Pasted newlines are text: the box holds every line, nothing ran.
wait_for '^ Diagnostic-Code: smtp; 550 5\.1\.1' "the pasted DSN"
wait_for '^ --B1--' "the end of the paste"
keys C-d
wait_for 'Verdict: 1 recipient' "the verdict"
wait_for '│ 1/1  bob@example\.net' "the recipient"
wait_for 'What happened: The mailbox does not exist' "the reason"
wait_for '(userunknown)' "the reason's name"
wait_for '│ Hard bounce: a permanent failure' "hard or soft"
wait_for '│ Remote MTA: mx\.example\.net' "the remote MTA"
wait_for '│ Codes: reply 550  5\.1\.1  after RCPT' "the codes"
wait_for '│ Catalogue entries' "the catalogue entries"
wait_for '│   5\.1\.1  Bad destination mailbox address' "5.1.1 cited"
wait_for '^ Parts: reply code  status code  recipient' "the legend"
wait_for '^ Status: 5\.1\.1' "the decoded text"
# The parts are highlighted: an attribute starts right before them.
tm capture-pane -p -e -t e2e >"$e2e_tmp/attrs"
esc=$(printf '\033')
sgr="(${esc}\\[[0-9;]*m)+"
grep -Eq "${sgr}bob@example\\.net" "$e2e_tmp/attrs" ||
	fail "the recipient is not highlighted"
grep -Eq "${sgr}Status${sgr}: ${sgr}5\\.1\\.1" "$e2e_tmp/attrs" ||
	fail "the DSN field and status are not highlighted"

# The cited entries: the first is selected, ] selects the next; Enter
# opens it in the detail and Backspace comes back to the diagnosis.
keys Enter
wait_for '^ smtp-doctor .* SMTP reply codes' "the browser"
wait_for '│ 5\.1\.1  Bad destination mailbox address' "5.1.1 in the detail"
keys BSpace
wait_for 'Verdict: 1 recipient' "the diagnosis again"
keys ']'
keys Enter
wait_for '│ 550  Requested action not taken' "550 in the detail"
keys Escape
wait_for 'Verdict: 1 recipient' "the diagnosis after Esc"

# e edits the text again; Esc closes the box and p brings it back.
keys e
wait_for '^ smtp-doctor .* Paste a bounce' "the box again"
wait_for '^ --B1--' "the text kept"
keys Escape
wait_for '^ smtp-doctor .* SMTP reply codes' "the list after Esc"
wait_for 'The text stays in the box' "what Esc kept"
keys p
wait_for '^ Diagnostic-Code: smtp; 550 5\.1\.1' "the text restored by p"

# Ctrl-K empties the box; a Gmail reply, CR LF and all, is pasted.
keys C-k
wait_for '^ \(empty: paste here' "the empty box"
paste_file "$e2e_tmp/gmail.txt" -r
wait_for '^ 550 5\.7\.26 information' "the pasted reply"
# CR LF is one line end: no blank line between the lines.
screen | sed -n 4p | grep -q '^ 550-5\.7\.26 sender' ||
	fail "a blank line from the CR LF"
keys F2
wait_for 'Verdict: 1 recipient' "the Gmail verdict"
wait_for '│ Provider: Gmail' "the provider"
wait_for '(authfailure)' "SPF and DKIM"
wait_for '│ Codes: reply 550  5\.7\.26' "the codes of the reply"
wait_for '^ Text, line 1 of 4 ' "four lines"
keys G
wait_for '│   5\.7\.26  ' "5.7.26 cited"
wait_for '^ Parts: .*provider tag' "the gsmtp tag in the legend"
keys q
expect_exit 0

# Narrow: the verdict first, Tab shows the text; not a bounce says so.
printf 'Hi Bob,\nlunch at noon?\n' >"$e2e_tmp/hello.txt"
resize 60 20
run_app
wait_frame
open_box
paste_file "$e2e_tmp/hello.txt"
wait_for '^ lunch at noon' "the pasted note"
keys C-d
wait_for 'Verdict: not a bounce' "not a bounce"
wait_for 'No failed recipient was found' "why"
refute '│'
keys Tab
wait_for '^ Text, line 1 of 2' "the text pane"
wait_for '^ lunch at noon' "the text"
keys q
expect_exit 0

# Rules that do not load: the bounce is not diagnosed, and says why; once
# the file is fixed, e and Ctrl-D again give the verdict.
cp -R "${top_srcdir:-.}/data" "$e2e_tmp/data"
printf '\nrule: broken\nmatch: (unclosed\nreason: blocked\n' \
    >>"$e2e_tmp/data/rules/40-wording.txt"
run_app --data "'$e2e_tmp/data'"
wait_frame
open_box
keys -l '550 5.1.1 <carol@example.com>: user unknown'
keys C-d
wait_for 'Verdict: none, the rules did not load' "no rules, no verdict"
wait_for 'bad pattern at offset 9' "the rules error"
cp "${top_srcdir:-.}/data/rules/40-wording.txt" "$e2e_tmp/data/rules/"
keys e
wait_for '550 5.1.1 <carol@example.com>' "the box again"
keys C-d
wait_for 'Verdict: 1 recipient' "the rules, read again"
keys q
expect_exit 0
echo "PASS: $e2e_name"
