#!/bin/sh
# The diagnosis's text with its headers folded (issue 14): the report's
# header and the returned message's are one line each ("▸ Header,
# 8 lines"); Enter in the text, or a click on one, unfolds and folds
# it; n stops once on a folded header, and the view opens on the
# server's words, at any size.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

cat >"$e2e_tmp/bounce.eml" <<'MSG'
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
To: alice@example.org
Subject: Undelivered Mail Returned to Sender
Date: Tue, 2 Dec 2026 08:11:51 +0000
Received: by mail.example.org (Postfix) id 4F2A8; Tue, 2 Dec 2026 08:11:50 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
    boundary="B1"

--B1
Content-Type: text/plain; charset=us-ascii

<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1
    <bob@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--B1
Content-Type: message/rfc822

Received: from client.example.org (client.example.org [192.0.2.7])
	by mail.example.org (Postfix) with ESMTPS id 4F2A8
	for <bob@example.net>; Tue, 2 Dec 2026 08:11:49 +0000
Received: from laptop (unknown [198.51.100.4])
	by client.example.org with ESMTPSA id 77
	for <bob@example.net>; Tue, 2 Dec 2026 08:11:48 +0000
From: alice@example.org
To: bob@example.net
Subject: hello
Message-ID: <1@client.example.org>
MIME-Version: 1.0
Content-Type: text/plain

the body
--B1--
MSG

# mouse BUTTON X Y (0-based cell), as in browse-mouse.sh; click X Y is
# a press and its release (button 3), so that the next press is new.
mouse()
{
	type_text "$(printf '\033[M%b%b%b' \
	    "\\0$(printf %o $((32 + $1)))" \
	    "\\0$(printf %o $((33 + $2)))" \
	    "\\0$(printf %o $((33 + $3)))")"
}

click()
{
	mouse 0 "$1" "$2"
	mouse 3 "$1" "$2"
}

# The 0-based screen row of the first line matching ERE.
row_of()
{
	screen | grep -En -- "$1" | head -1 | cut -d: -f1 | {
		read -r n && echo $((n - 1))
	}
}

start_shell 120 40
run_app "'$e2e_tmp/bounce.eml'"
wait_for 'Verdict: 1 recipient' "the verdict"
wait_for '^ ▸ Header, 8 lines' "the report's header folded"
wait_for '^ ▸ Returned message header, 12 lines' "the returned header folded"
wait_for '^ <bob@example\.net>: host mx\.example\.net' "the server's words"
refute '^ From: MAILER-DAEMON' "the report's header lines"
refute '^ Message-ID:' "the returned header's lines"
# Enter in the text pane unfolds the first fold on screen, then folds it.
keys Tab
keys Enter
wait_for '^ ▾ Header, 8 lines' "the report's header unfolded"
wait_for '^ From: MAILER-DAEMON@mail\.example\.org' "its first line"
wait_for '^     boundary="B1"' "its last line"
wait_for '^ ▸ Returned message header, 12 lines' "the other one still folded"
keys Enter
wait_for '^ ▸ Header, 8 lines' "the report's header folded again"
wait_gone '^ From: MAILER-DAEMON' "the report's header lines"
# A click on a fold line toggles that one.
y=$(row_of 'Returned message header, 12 lines')
[ -n "$y" ] || fail "no returned header's fold line"
click 3 "$y"
wait_for '^ ▾ Returned message header, 12 lines' "the click's unfold"
wait_for '^ Message-ID: <1@client\.example\.org>' "the returned header's lines"
wait_for '^ ▸ Header, 8 lines' "the report's header still folded"
click 3 "$y"
wait_for '^ ▸ Returned message header, 12 lines' "the click's fold"
wait_gone '^ Message-ID:' "the returned header's lines"

# Small: one pane, the text opens on the server's words; n stops on the
# returned header's fold line, Enter opens it there.
resize 60 16
wait_width 60
keys g
wait_for '^ ▸ Header, 8 lines' "the first row: the report's header"
keys n
wait_for '^ Text, line ' "the text pane"
keys n n n n n n n n
wait_for '^ ▸ Returned message header, 12 lines' "n on the fold line"
refute '^ Message-ID:' "the folded lines after n"
keys Enter
wait_for '^ ▾ Returned message header, 12 lines' "Enter after n"
wait_for '^ Received: from client\.example\.org' "its first line"
# Narrower still: rows wrap, each fold line stays one row; g, n and G
# still reach the top, the fold lines and the end.
resize 30 12
wait_width 30
keys g
wait_for '^ ▸ Header, 8 lines' "the first row at 30 columns"
i=0
while ! screen | grep -q '^ ▾ Returned message header'; do
	i=$((i + 1))
	[ "$i" -le 30 ] || fail "n never reached the returned header"
	at=$(screen | grep -o 'Text, line [0-9]* of')
	keys n
	wait_gone "$at" "a move of n from $at"
done
keys Enter
wait_for '^ ▸ Returned message header' "folded at 30 columns"
keys G
wait_for '^ the body' "the end of the text"
wait_for '^ ▸ Returned message header' "the fold line on the last page"
# g goes to the first row, an unfolded header's fold line.
keys g
wait_for '^ ▸ Header, 8 lines' "the top at 30 columns"
keys Enter
wait_for '^ ▾ Header, 8 lines' "the header unfolded at 30 columns"
keys G
wait_gone '^ ▾ Header' "the top after G"
keys g
wait_for '^ ▾ Header, 8 lines' "the fold line first after g"
keys q
expect_exit 0
echo "PASS: $e2e_name"
