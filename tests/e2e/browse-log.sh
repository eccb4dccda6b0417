#!/bin/sh
# A mail log on the command line (issue 13): the browser opens on its
# summary, the groups by reason and domain; / filters them as you type;
# Enter on a domain shows the diagnosis of its example with the log lines
# of the group, Esc comes back; F follows the log as tail -F does, a
# rotation included.  A gzip log is summed up but not followed, and a
# group of many lines says how many are not shown.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

samples=${top_srcdir:-.}/tests/log/samples
log=$e2e_tmp/mail.log
cp "$samples/postfix-four.log" "$log" || fail "cannot copy the sample"

# mouse BUTTON X Y (0-based cell), as browse-mouse.sh types it.
mouse()
{
	type_text "$(printf '\033[M%b%b%b' \
	    "\\0$(printf %o $((32 + $1)))" \
	    "\\0$(printf %o $((33 + $2)))" \
	    "\\0$(printf %o $((33 + $3)))")"
}

# bounce USER QID: a Postfix line of a Gmail DMARC refusal.
bounce()
{
	printf '%s\n' "Dec  2 15:20:00 mx1 postfix/smtp[12399]: $2: to=<$1@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, delay=1.4, delays=0.1/0.01/0.5/0.8, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.102.27] said: 550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's 550-5.7.26 DMARC policy. 550 5.7.26 - gsmtp (in reply to end of DATA command))"
}

start_shell 120 40
run_app "'$log'"
wait_for '^ smtp-doctor .* Mail log summary' "the summary's title"
wait_for 'mail\.log: 4 failures \(3 bounced, 1 deferred\)' "the totals"
wait_for 'Reason / domain +count +bounced +deferred +first +last' \
    "the column names"
wait_for '^ ▾ SPF, DKIM or DMARC failed +1 +1 +0' "a reason and its counts"
wait_for '^    gmail\.com \(Gmail / Google Workspace\) +1 +1 +0 +Dec  2 15:06' \
    "a domain, its provider, counts and time"
wait_for '^    yahoo\.com \(Yahoo / AOL\) +1 +0 +1' "the deferred domain"
wait_for ' 4/4 *$' "the failures shown in the status line"

# Filter as you type: only what holds the words stays.
keys /
type_text yahoo
wait_gone 'gmail\.com' "the groups the filter leaves out"
wait_for '^    yahoo\.com' "the group that matches"
wait_for '^/yahoo +1/4 *$' "the prompt and its count"
keys Enter
wait_for ' 1/4 *$' "the filter kept"

# Enter on the domain: the example's diagnosis, then the group's lines.
keys Enter
wait_for "Diagnosis of the group's example and its log lines" \
    "the diagnosis pane"
wait_for '^ yahoo\.com: dave@yahoo\.com' "the example's title"
wait_for 'What happened: ' "the verdict"
wait_for 'Provider: Yahoo' "the provider"
wait_for '^ Log line of this group \(1\)' "the group's lines heading"
wait_for '^ Dec  2 15:08:20 mx1 postfix/smtp\[12347\]: 9D4E01234D' \
    "the group's log line"
keys Escape
wait_for 'Reason / domain' "the summary after Esc"
keys Escape
wait_for '^    gmail\.com' "every group once Esc cleared the filter"
wait_for ' 4/4 *$' "the counts after Esc"

# Fold a reason with Enter on it, unfold it again.
keys g Enter
wait_for '^ ▸ ' "a folded reason"
keys Enter
wait_gone '^ ▸ ' "the reason unfolded"

# A click selects a row, a second click on it opens it.
row=$(screen | grep -n '^    gmail\.com' | cut -d: -f1)
[ -n "$row" ] || fail "no gmail.com row"
# A press, its release (button 3), and the second press.
mouse 0 10 $((row - 1))
mouse 3 10 $((row - 1))
mouse 0 10 $((row - 1))
wait_for '^ gmail\.com: bob@gmail\.com' "the clicked group's example"
keys BSpace
wait_for 'Reason / domain' "the summary after Backspace"

# F: lines added to the log are summed up as they come.
keys F
wait_for ' following *$' "following in the status line"
wait_for 'mail\.log: 4 failures .*, following' "following in the totals"
bounce erin 5A1B2C3D4E >>"$log"
wait_for 'mail\.log: 5 failures \(4 bounced, 1 deferred\), following' \
    "the appended failure counted"
wait_for '^    gmail\.com \(Gmail / Google Workspace\) +2 +2 +0' \
    "the appended failure in its group"
# The diagnosis of a group follows as well: its lines count on.
# Its reason went up (2 failures, and "authfailure" sorts first): the
# selection, gmail.com since the click above, moved up with it.
wait_for '^ ▾ SPF, DKIM or DMARC failed +2 ' "the reason of two on top"
keys Enter
wait_for '^ gmail\.com: bob@gmail\.com' "the gmail.com group's example"
wait_for '^ Log lines of this group \(2\)' "the group's two lines"
# Rotated, as logrotate does: the new file is read from its start.
mv "$log" "$log.1"
bounce fred 6B1C2D3E4F >"$log"
wait_for '^ Log lines of this group \(3\)' "the rotated log's line in the group"
keys G
wait_for '6B1C2D3E4F: to=<fred@gmail\.com>' "the new line itself"
keys Escape
wait_for 'mail\.log: 6 failures \(5 bounced' "the rotated log's failure"
wait_for ' following *$' "still following after Esc left the diagnosis"
# F again stops; what is added after is not read.
keys F
wait_gone ' following *$' "following to stop"
bounce gus 7C1D2E3F4A >>"$log"
sleep 1
refute 'mail\.log: 7 failures' "a line read while not following"
# Esc goes to the catalogue, L back to the summary.
keys Escape
wait_for '^ smtp-doctor .* SMTP reply codes' "the catalogue after Esc"
keys L
wait_for '^ smtp-doctor .* Mail log summary' "the summary after L"
keys q
expect_exit 0

# A gzip log (with --browse): summed up as it is; it cannot be followed,
# and says so.
# Many lines of one group: the first 50 are shown, the rest counted.
i=0
: >"$e2e_tmp/many.log"
while [ $i -lt 57 ]; do
	bounce "u$i" "$(printf '8D%08X' $i)" >>"$e2e_tmp/many.log"
	i=$((i + 1))
done
gzip -9 "$e2e_tmp/many.log" || fail "cannot gzip"
run_app "--browse '$e2e_tmp/many.log.gz'"
wait_for 'many\.log\.gz: 57 failures \(57 bounced, 0 deferred\)' \
    "the gzip log's totals"
keys j Enter
wait_for '^ Log lines of this group \(57\)' "the group's line count"
keys G
wait_for '^ 7 more lines not shown' "the lines not shown, said"
keys F
wait_for 'cannot be followed' "a gzip log not followed"
# Tiny: too small is said, q still quits; big again, the summary is back.
resize 16 5
wait_for 'Too small' "the too-small notice"
resize 100 30
wait_width 100
keys G
wait_for '^ 7 more lines not shown' "the diagnosis after the resize"
keys q
expect_exit 0

# A line past the parser's 64 KiB: the cut is said, the rest summed up;
# Right on a domain opens it, as on an entry of the code list.
{
	printf '%s' 'Dec  2 15:09:01 mx1 postfix/local[12348]: A5F611234E: to=<nobody@example.org>, relay=local, delay=0.02, dsn=5.1.1, status=bounced (unknown user: '
	head -c 70000 /dev/zero | tr '\0' x
	echo ')'
	cat "$samples/postfix-four.log"
} >"$e2e_tmp/long.log"
run_app "'$e2e_tmp/long.log'"
wait_for 'A limit cut part of the log' "the cut, said"
wait_for 'long\.log: 5 failures' "the failures around the long line"
keys j Right
wait_for "Diagnosis of the group's example" "Right on a domain"
keys q
expect_exit 0

# Hostile bytes of a log line reach the screen escaped: in the list, the
# diagnosis and the log lines; the pane's title stays the shell's.
title=$(tm display-message -p -t e2e '#{pane_title}')
printf 'Dec  2 15:09:01 mx1 postfix/smtp[12348]: A5F611234E: to=<bob@ev\033]2;PWNED\007il.example>, relay=mx.evil.example[192.0.2.9]:25, delay=0.02, dsn=5.1.1, status=bounced (host said: 550 5.1.1 \033[31mred\033[0m \342\200\256gnp.exe unknown)\n' \
    >"$e2e_tmp/evil.log"
cat "$samples/postfix-four.log" >>"$e2e_tmp/evil.log"
run_app "'$e2e_tmp/evil.log'"
wait_for '^    ev\^\[\]2;pwned\^Gil\.example ' "the domain, escaped"
keys /
type_text pwned
keys Enter Enter
wait_for 'Server said: 550 5\.1\.1 \^\[\[31mred\^\[\[0m <U\+202E>gnp\.exe' \
    "the reply, escaped"
wait_for 'to=<bob@ev\^\[\]2;PWNED\^Gil\.example>' "the log line, escaped"
[ "$(tm display-message -p -t e2e '#{pane_title}')" = "$title" ] ||
	fail "the pane title changed"
keys q
expect_exit 0
echo "PASS: $e2e_name"
