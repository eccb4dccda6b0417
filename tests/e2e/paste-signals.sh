#!/bin/sh
# Signals in the paste box and its result: Ctrl-C leaves with 130 and
# Ctrl-Z stops, each with the terminal as it was (stty modes, and no
# bracketed-paste mode left for the shell); fg brings the box back with
# its text and a paste works again; Ctrl-C during an analysis too.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

printf 'echo shell-got-it\n' >"$e2e_tmp/cmd.txt"
printf '550 5.1.1 <erin@example.com> User unknown\n' >"$e2e_tmp/reply.txt"

# shell_paste_plain: a paste at the shell arrives without ESC [ 200 ~.
shell_paste_plain()
{
	keys clear Enter
	# Only the prompt on screen: a paste typed before clear has run
	# would be echoed, then cleared, and its output look unechoed.
	_i=0
	until [ "$(screen | grep -c .)" = 1 ] &&
	    screen | head -n 1 | grep -q '^\$ *$'; do
		_i=$((_i + 1))
		[ "$_i" -lt $((E2E_TIMEOUT * 20)) ] ||
			fail "the screen was never cleared ($1)"
		sleep 0.05
	done
	paste_file "$e2e_tmp/cmd.txt"
	wait_for '^shell-got-it$' "the shell running the pasted command ($1)"
	refute '200~' "bracketed paste left on ($1)"
}

start_shell 100 30
run_app
wait_frame
open_box
type_text 'typed text'
wait_for '^ typed text' "the typed text"
keys C-c
expect_exit 130
shell_paste_plain "after Ctrl-C"

run_app
wait_frame
open_box
paste_file "$e2e_tmp/reply.txt"
wait_for '^ 550 5\.1\.1 <erin@example\.com>' "the pasted reply"
keys C-z
wait_for '[Ss]topped' "the job stopped"
keys "stty -g >'$e2e_tmp/stty.stopped'" Enter
shell_paste_plain "while stopped"
cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.stopped" ||
	fail "terminal modes changed while stopped"
keys 'fg' Enter
wait_for '^ smtp-doctor .* Paste a bounce' "the box after fg"
wait_for '^ 550 5\.1\.1 <erin@example\.com>' "the text after fg"
# The paste mode is back on: a paste goes into the box.
paste_file "$e2e_tmp/cmd.txt"
wait_for '^ echo shell-got-it' "a paste after fg"
keys C-d
wait_for 'Verdict: 1 recipient' "the verdict"
# The command line went on at the stop: after fg only the prompt comes.
keys C-c
wait_gone 'Verdict: 1 recipient' "the result after Ctrl-C"
wait_for '^\$ *$' "the shell prompt"
keys "stty -g >'$e2e_tmp/stty.end'" Enter
shell_paste_plain "after fg and Ctrl-C"
cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.end" ||
	fail "terminal modes changed after fg and Ctrl-C"

# Ctrl-C while 10 MB is being analysed.
yes '550 5.7.1 <frank@example.net> blocked for policy reasons, see' |
    head -n 170000 >"$e2e_tmp/big.txt"
run_app
wait_frame
open_box
paste_file "$e2e_tmp/big.txt"
wait_for '^ Pasted [0-9.]+ MiB' "the big paste"
keys C-d C-c
expect_exit 130
shell_paste_plain "after Ctrl-C in an analysis"

# Ctrl-C while the 10 MB are still coming in.
run_app
wait_frame
open_box
paste_file "$e2e_tmp/big.txt"
keys C-c
expect_exit 130
shell_paste_plain "after Ctrl-C in a paste"
echo "PASS: $e2e_name"
