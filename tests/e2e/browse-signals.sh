#!/bin/sh
# Ctrl-C leaves cleanly with status 130; Ctrl-Z suspends, fg redraws.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_shell 100 30
run_app
wait_frame
keys C-c
expect_exit 130

run_app
wait_frame
keys C-z
wait_for '[Ss]topped' "the job stopped"
refute 'SMTP reply codes'
keys 'fg' Enter
wait_for '^ smtp-doctor .* SMTP reply codes' "the redrawn browser"
wait_frame
keys q
wait_for '^\$ *$' "the shell after fg and q"
