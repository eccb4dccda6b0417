#!/bin/sh
# The browser starts wide (120x40) and narrow (60x15), shows the groups
# with counts, and q leaves it with status 0 and the shell as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_shell 120 40
run_app
wait_frame
wait_for '^ smtp-doctor .* SMTP reply codes' "the title bar"
wait_for '^▾ 2xx Success \([0-9]+\)' "the 2xx group header"
refute 'Terminal too small'
# Side by side: the separator, and the group summary on the right.
wait_for '│ 2xx Success' "the detail pane"
wait_for '\? help' "the help hint"
# Down to the first entry: its detail appears.
keys j j
wait_for '│ 2\.[0-9]+\.[0-9]+  ' "the detail of the first entry"
# Fold all, then the 5xx group is one line among the headers.
keys '*'
wait_for '^▸ 5xx Permanent failure \([0-9]+\)' "the folded 5xx group"
refute '^  ▾ '
keys '*'
wait_for '^  ▾ ' "the category headers unfolded again"
keys q
expect_exit 0

# Narrow: the list alone, the detail on Enter, Esc back to the list.
resize 60 15
run_app
wait_frame
wait_for '^▾ 2xx Success' "the 2xx group (narrow)"
refute '│'
keys j j Enter
wait_for '^ Meaning' "the detail after Enter (narrow)"
refute '^▾ 2xx'
keys Escape
wait_for '^▾ 2xx Success' "the list again after Esc"
keys q
expect_exit 0
