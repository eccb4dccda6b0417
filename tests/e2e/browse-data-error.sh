#!/bin/sh
# A data-file error is printed as file:line before the screen is touched,
# with status 2.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

bad="$e2e_tmp/bad.txt"
printf 'code: 550\nkind: reply\nmeening: typo\n' >"$bad"

# Off the terminal: nothing at all on standard output.
rc=0
"$SMTP_DOCTOR" --browse --data "$bad" </dev/null >"$e2e_tmp/out" \
    2>"$e2e_tmp/err" || rc=$?
[ "$rc" = 2 ] || fail "status $rc, not 2"
[ -s "$e2e_tmp/out" ] && fail "output on stdout: $(cat "$e2e_tmp/out")"
grep -q 'bad\.txt:3:' "$e2e_tmp/err" || fail "no file:line: $(cat "$e2e_tmp/err")"

# On a terminal: the message lands under what was there, and not one
# escape sequence reaches the terminal (tmux records what it is sent).
start_shell 80 24
tm pipe-pane -t e2e -o "cat >>'$e2e_tmp/pane.log'" || fail "no pipe-pane"
keys "echo MARKER; '$SMTP_DOCTOR' --browse --data '$bad'; echo rc=\$?" Enter
wait_for '^rc=2$' "status 2"
wait_for '^MARKER$' "the shell's text left in place"
wait_for 'bad\.txt:3:' "file:line on the terminal"
refute 'SMTP reply codes'
tm pipe-pane -t e2e
esc=$(tr -d -c '\033' <"$e2e_tmp/pane.log" | wc -c)
[ "$esc" -eq 0 ] || fail "$esc escape characters sent to the terminal"
grep -q 'bad\.txt:3:' "$e2e_tmp/pane.log" || fail "the pane log missed the error"
