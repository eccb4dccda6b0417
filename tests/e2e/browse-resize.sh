#!/bin/sh
# The help overlay opens and closes; resizing re-lays out at once, also
# with the prompt open; tiny terminals say so instead of crashing.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_shell 120 40
run_app
wait_frame
keys '?'
wait_for 'Keys \(\? or Esc closes\)' "the help overlay"
wait_for 'Quit' "the quit key in the help"
keys '?'
wait_gone 'Keys \(\? or Esc closes\)' "the help overlay"

resize 40 10
wait_for '^ smtp-doctor' "the title at 40x10"
wait_for ' [0-9]+/[0-9]+ *$' "the status line at 40x10"
refute '│'
resize 120 40
wait_for '│' "the side-by-side layout again"
wait_for ' [0-9]+/[0-9]+ *$' "the status line at 120x40"

# Below the minimum: a message, and it survives every key.
resize 10 4
wait_for 'small' "the too-small message"
keys j k / x Escape Enter '?' Escape
resize 20 6
wait_for ' [0-9]+/[0-9]+ *$' "the status line at 20x6"

# With the prompt open.
resize 120 40
keys /
type_text dkim
wait_for '^/dkim' "the prompt before resizing"
resize 50 12
wait_for '^/dkim' "the prompt after resizing"
keys Escape
wait_gone '^/' "the prompt"
resize 120 40
wait_frame
keys q
expect_exit 0

# Too small, q and Ctrl-L still go through the action table: Ctrl-L
# redraws the message, q quits.
run_app
wait_frame
resize 10 4
wait_for 'small' "the too-small message again"
keys C-l
wait_for 'small' "the too-small message after Ctrl-L"
keys q
expect_exit 0
