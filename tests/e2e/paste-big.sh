#!/bin/sh
# Large pastes stay responsive: 10 MB (an mbox of 13,000 bounces) and a
# line of 100,000 characters arrive whole; a key sent right after the
# paste is acted on, keys keep working while the text is analysed and
# on the result, and q leaves with status 0.  Each key must show its
# effect within KEY_MS (tmux and the polling included); the times are
# printed.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

KEY_MS=${KEY_MS:-1500}

# timed_key WHAT ERE KEY...: send keys, wait for ERE, check the time.
timed_key()
{
	_what=$1
	_re=$2
	shift 2
	_t0=$(now_ms)
	keys "$@"
	wait_for "$_re" "$_what"
	_t1=$(now_ms)
	[ -n "$_t0" ] || return 0
	echo "$e2e_name: $_what: $((_t1 - _t0)) ms"
	[ $((_t1 - _t0)) -le "$KEY_MS" ] ||
		fail "$_what took $((_t1 - _t0)) ms (at most $KEY_MS)"
}

cat >"$e2e_tmp/one.mbox" <<'MSG'
From MAILER-DAEMON  Mon Nov 23 10:00:00 2026
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
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--B1--

MSG
yes "$e2e_tmp/one.mbox" | head -n 13000 | xargs cat >"$e2e_tmp/big.mbox"
size=$(wc -c <"$e2e_tmp/big.mbox")
[ "$size" -gt 10000000 ] || fail "the mbox has $size bytes"
# One line of 100,000 characters.
{
	printf '550 5.7.1 <carol@example.com> '
	yes 'blocked by policy' | head -n 5883 | tr '\n' ' '
	printf '\n'
} >"$e2e_tmp/line.txt"
[ "$(wc -c <"$e2e_tmp/line.txt")" -gt 100000 ] || fail "the line is short"

start_shell 120 40
run_app
wait_frame
open_box
# Ctrl-D goes right after the paste: it is acted on once the paste is in.
paste_file "$e2e_tmp/big.mbox"
keys C-d
wait_for 'Analysing [0-9]+ bytes|Verdict: [0-9]+ recipients' \
    "the analysis of 10 MB"
timed_key "help while analysing or after" 'Keys \(\? or Esc closes\)' F1
timed_key "help closed" 'Analysing [0-9]+ bytes|Verdict: [0-9]+ recip' Escape
wait_for 'Verdict: [0-9]+ recipients' "the verdicts of 10 MB"
wait_for 'Truncated: a limit was reached' "the parser's limits said"
# The 10 MB text opens on the server's words (line 11), past the
# headers; then to its end and back, a page at a time, and n and N
# from one highlighted part to the next.
timed_key "Tab to the text" '^ Text, line 11 of [0-9]+ .*│ Verdict' Tab
timed_key "n to the next part" '^ Text, line 12 of [0-9]+ .*│ Verdict' n
timed_key "N to the part before" '^ Text, line 11 of [0-9]+ .*│ Verdict' N
timed_key "G in 10 MB" '^ Text, line [0-9]+ of [0-9]+ \(99%\)' G
timed_key "PgUp in 10 MB" '^ Text, line [0-9]+ of [0-9]+ \(99%\)' PgUp
timed_key "g in 10 MB" '^ Text, line 1 of [0-9]+ \(0%\)' g
timed_key "j in 10 MB" '^ Text, line 2 of [0-9]+ \(0%\)' j
timed_key "the box again" '^ smtp-doctor .* Paste a bounce' e
wait_for ' 9\.[5-9] MiB *$' "the size of the box"
timed_key "Ctrl-K on 10 MB" '^ \(empty: paste here' C-k

# Past 16 MiB the box takes no more, and says so.
cat "$e2e_tmp/big.mbox" "$e2e_tmp/big.mbox" >"$e2e_tmp/huge.mbox"
paste_file "$e2e_tmp/huge.mbox"
wait_for '^ The box is full: [0-9.]+ MiB of the paste were not taken' \
    "the message of the full box"
wait_for '^ The box is full \(16 MiB\): [0-9]+ bytes were not taken' \
    "the box's own warning"
wait_for ' 16\.0 MiB *$' "the box at its limit"
timed_key "Ctrl-K on 16 MiB" '^ \(empty: paste here' C-k

# The long line: every row of it on demand, and the box follows its end.
paste_file "$e2e_tmp/line.txt"
wait_for '^ Pasted 10[0-9.]+ KiB' "the long line"
# The line ended with a newline: the cursor is on the row below it.
timed_key "a key after the line" '^ Z *$' Z
_t0=$(now_ms)
keys BSpace
wait_gone '^ Z *$' "the Z erased"
[ -z "$_t0" ] || echo "$e2e_name: Backspace after the line: \
$(($(now_ms) - _t0)) ms"
timed_key "the analysis of the line" 'Verdict: 1 recipient' C-d
wait_for '│ 1/1  carol@example\.com' "the recipient of the line"
timed_key "Tab to the line" '^ Text, line 1 of 1 ' Tab
timed_key "G in the line" '^ Text, line 1 of 1 \(9[0-9]%\)' G
timed_key "k in the line" '^ Text, line 1 of 1 \(9[0-9]%\)' k
timed_key "q" '^rc=0$' q
expect_exit 0
echo "PASS: $e2e_name"
