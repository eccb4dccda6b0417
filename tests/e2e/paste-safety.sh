#!/bin/sh
# Terminal safety: pasted escape sequences (a window title, clear
# screen, leaving the alternate screen, an OSC 52 clipboard write, C1
# controls, a bidi override) are shown as visible escapes in the box
# and in the result, and none of them reaches the terminal: the title,
# the alternate screen, the clipboard and the frame stay as they were.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# Raw bytes: printf's octal escapes are portable where \x is not.
printf '550 5.7.1 <eve@example.com> rejected\n' >"$e2e_tmp/hostile.txt"
printf 'title:\033]0;PWNED\007 clear:\033[2J main:\033[?1049l end\n' \
    >>"$e2e_tmp/hostile.txt"
printf 'clip:\033]52;c;cHduZWQ=\007 c1:\302\233\302\235 raw:\233\235 ' \
    >>"$e2e_tmp/hostile.txt"
printf 'bidi:\342\200\256gnp.exe st:\033\\ bel:\007 nul-less\n' \
    >>"$e2e_tmp/hostile.txt"

start_shell 120 40
# Were an OSC 52 to get through, tmux would make it a paste buffer.
tm set-option -g set-clipboard on
title=$(tm display-message -p -t e2e '#{pane_title}')
buffers=$(tm list-buffers 2>/dev/null | wc -l)
run_app
wait_frame
open_box
paste_file "$e2e_tmp/hostile.txt"
wait_for '^ Pasted ' "the paste"

# check_safe WHERE STATUS: the screen shows the escapes and is intact,
# down to the status line (STATUS is the end of it).
check_safe()
{
	wait_for 'title:\^\[\]0;PWNED\^G clear:\^\[\[2J main:\^\[\[\?1049l' \
	    "the visible escapes ($1)"
	wait_for 'clip:\^\[\]52;c;cHduZWQ=\^G' "the visible OSC 52 ($1)"
	wait_for 'bidi:<U\+202E>gnp\.exe' "the visible bidi override ($1)"
	wait_for 'st:\^\[\\ bel:\^G' "the visible ST and BEL ($1)"
	[ "$(tm display-message -p -t e2e '#{pane_title}')" = "$title" ] ||
		fail "the window title changed ($1)"
	[ "$(tm display-message -p -t e2e '#{alternate_on}')" = 1 ] ||
		fail "the alternate screen was left ($1)"
	[ "$(tm list-buffers 2>/dev/null | wc -l)" = "$buffers" ] ||
		fail "the clipboard was written ($1)"
	screen | sed -n 1p | grep -q '^ smtp-doctor — ' ||
		fail "the title bar is gone ($1)"
	screen | sed -n 40p | grep -Eq "$2" ||
		fail "the status line is gone ($1)"
}

# In the box, raw C1 bytes are shown by value.
check_safe "in the box" ' [0-9]+ bytes *$'
wait_for 'c1:<U\+009B><U\+009D> raw:\\x9b\\x9d' "the C1 controls in the box"
keys C-d
wait_for 'Verdict: 1 recipient' "the verdict"
check_safe "in the result" ' in [0-9.]+ s *$'
wait_for 'c1:<U\+009B><U\+009D>' "the C1 controls in the result"
wait_for '│ 1/1  eve@example\.com' "the recipient"
# The whole frame: the separator runs from the top to the bottom.
[ "$(screen | sed -n '2,39p' | grep -c '│')" = 38 ] ||
	fail "the frame is broken"
keys q
expect_exit 0
[ "$(tm display-message -p -t e2e '#{pane_title}')" = "$title" ] ||
	fail "the window title changed after exit"
echo "PASS: $e2e_name"
