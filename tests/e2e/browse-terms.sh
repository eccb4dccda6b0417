#!/bin/sh
# Terminals the browser cannot use: TERM=dumb (no cursor addressing: a
# first frame and then nothing would change), an unknown TERM, and a
# closed or redirected standard input.  Each gets a message and status
# 2, and the terminal is left exactly as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# run_term TERM ARGS...: like run_app, under another TERM.
run_term()
{
	_term=$1
	shift
	rm -f "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"
	keys "clear; stty -g >'$e2e_tmp/stty.before'; TERM=$_term \
'$SMTP_DOCTOR' $*; echo rc=\$?; stty -g >'$e2e_tmp/stty.after'" Enter
}

start_shell 80 24
run_term dumb
wait_for "the terminal 'dumb' cannot place the cursor" "the dumb terminal"
expect_exit 2
run_term no-such-terminal --browse
wait_for "cannot use the terminal 'no-such-terminal'" "the unknown TERM"
expect_exit 2
run_term screen "--browse <&-"
wait_for 'the browser needs a terminal' "the closed stdin"
expect_exit 2
run_term screen "--browse </dev/null"
wait_for 'the browser needs a terminal' "stdin not a terminal"
expect_exit 2
echo "PASS: $e2e_name"
