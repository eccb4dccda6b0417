#!/bin/sh
# Keys from other terminals than TERM names (issue 14): Home, End, F1 as
# PuTTY, rxvt, the Linux console and xterm send them reach the browser
# as keys under TERM=xterm-256color and TERM=screen, and a sequence no
# terminal sends is dropped whole, never typed into the filter prompt.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# seq BYTES: type an escape sequence as one write, as a terminal does.
seq()
{
	type_text "$(printf "\033%s" "$1")"
}

run_term()
{
	_term=$1
	shift
	rm -f "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"
	keys "clear; stty -g >'$e2e_tmp/stty.before'; TERM=$_term \
'$SMTP_DOCTOR' $*; echo rc=\$?; stty -g >'$e2e_tmp/stty.after'" Enter
}

start_shell 120 30
for term in xterm-256color screen; do
	for home_end in '[1~ [4~' '[7~ [8~' '[H [F' 'OH OF'; do
		home=${home_end% *}
		end=${home_end#* }
		run_term "$term"
		wait_frame
		# In the filter prompt: End moves the cursor, nothing typed.
		keys /
		type_text mail
		seq "$end"
		seq '[99;9~'
		seq '[1;2Q'
		type_text X
		wait_for '^/mailX' "$term: End ($end) and unknown keys in the prompt"
		refute '4~|8~|99;9|1;2Q'
		keys Escape
		wait_gone '^/' "$term: the prompt closed"
		# In the list: End selects the last entry, Home the first row.
		seq "$end"
		wait_for '│ X\.7\.YYY  ' "$term: End ($end) on the last entry"
		seq "$home"
		wait_for '│ 2xx Success' "$term: Home ($home) on the first row"
		keys q
		expect_exit 0
	done
	# F1 as xterm, PuTTY and rxvt, and the Linux console send it.
	for f1 in OP '[11~' '[[A'; do
		run_term "$term"
		wait_frame
		seq "$f1"
		wait_for 'Keys \(\? or Esc closes\)' "$term: F1 ($f1) opens the help"
		keys Escape
		wait_gone 'Keys \(\? or Esc closes\)' "$term: the help closed"
		keys q
		expect_exit 0
	done
done
echo "PASS: $e2e_name"
