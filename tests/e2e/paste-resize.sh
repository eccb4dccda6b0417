#!/bin/sh
# Resizing with the paste box or its result on screen: a storm of 100
# resizes, down to 10x4 and up to 160x50, leaves a working browser that
# lays the result out for the final size (side by side when wide, one
# pane at a time when narrow), with the box's text and the scroll kept.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

{
	printf '552 5.2.2 <dave@example.org>: Mailbox full, over quota\n'
	i=0
	while [ $i -lt 60 ]; do
		printf 'Received: from relay%d.example.org (192.0.2.%d)\n' $i $i
		i=$((i + 1))
	done
} >"$e2e_tmp/quota.txt"

# storm N: N resizes as fast as tmux takes them, through every size.
storm()
{
	_i=0
	while [ $_i -lt "$1" ]; do
		case $((_i % 5)) in
		0) tm resize-window -t e2e -x 10 -y 4 ;;
		1) tm resize-window -t e2e -x 160 -y 50 ;;
		2) tm resize-window -t e2e -x 45 -y 12 ;;
		3) tm resize-window -t e2e -x 100 -y 30 ;;
		4) tm resize-window -t e2e -x 21 -y 7 ;;
		esac
		_i=$((_i + 1))
	done
}

start_shell 120 40
run_app
wait_frame
open_box
paste_file "$e2e_tmp/quota.txt"
wait_for '^ Received: from relay59\.example\.org' "the pasted text"
storm 50
resize 80 24
wait_width 80
wait_for '^ Received: from relay59\.example\.org' "the box after a storm"
keys C-d
wait_for 'Verdict: 1 recipient' "the verdict"
wait_for 'Soft bounce: a temporary failure|Hard bounce' "hard or soft"
resize 120 40
wait_width 120
# The Received lines are a returned header, folded: unfold them, then
# scroll past the fold line and two lines.
keys Tab
wait_for '^ ▸ Returned message header, 60 lines' "the folded header"
keys Enter
wait_for '^ Received: from relay0\.example\.org' "the header unfolded"
keys j j j j
wait_for '^ Text, line 4 of 61 ' "the text scrolled"
storm 100
resize 120 40
wait_width 120
wait_for '^ Text, line 4 of 61 .*│ Verdict: 1 recipient' \
    "the result side by side after the storm"
wait_for '│ 1/1  dave@example\.org' "the verdict after the storm"
wait_for ' in [0-9.]+ s *$' "the status line after the storm"
# Too small (keys do nothing), then narrow: the focused pane alone,
# Tab for the other.
resize 10 4
wait_for 'small' "the too-small message"
keys j k Tab
resize 60 20
wait_width 60
wait_for '^ Text, line 4 of 61 ' "the text alone when narrow"
refute '│'
keys Tab
wait_for '^ Verdict: 1 recipient' "the verdict alone when narrow"
keys q
expect_exit 0
echo "PASS: $e2e_name"
