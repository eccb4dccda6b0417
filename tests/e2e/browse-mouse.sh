#!/bin/sh
# The mouse: a click selects the row under it, the wheel scrolls the
# pane under the pointer.  Events are typed as the xterm sequences that
# ncurses decodes for TERM=screen (ESC [ M button column row).
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# mouse BUTTON X Y (0-based cell): button 0 is a press, 64/65 the wheel.
mouse()
{
	type_text "$(printf '\033[M%b%b%b' \
	    "\\0$(printf %o $((32 + $1)))" \
	    "\\0$(printf %o $((33 + $2)))" \
	    "\\0$(printf %o $((33 + $3)))")"
}

start_shell 120 30
run_app
wait_frame
# The sixth line is the first entry under 4xx (2xx and 3xx open
# folded): click it.
line=$(screen | sed -n 6p | cut -c1-48)
code=$(echo "$line" | awk '{ print $1 }')
mouse 0 6 5
wait_for "│ $code  " "the clicked entry $code in the detail"
# The wheel over the list scrolls it by three rows.
first=$(screen | sed -n 2p | cut -c1-48)
mouse 65 6 10
wait_gone "^$(printf '%s' "$first" | sed 's/[][\.*^$()+?{}|]/\\&/g')" \
    "the first row after a wheel turn"
keys q
expect_exit 0
