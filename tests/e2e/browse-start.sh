#!/bin/sh
# The browser starts wide (120x40) and narrow (60x15), shows the groups
# with counts, and q leaves it with status 0 and the shell as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_shell 120 40
run_app
wait_frame
wait_for '^ smtp-doctor .* SMTP reply codes' "the title bar"
# A troubleshooting browser opens on the failures: success folded.
wait_for '^▸ 2xx Success \([0-9]+\)' "the folded 2xx group header"
wait_for '^▸ 3xx ' "the folded 3xx group header"
wait_for '^▾ 4xx ' "the open 4xx group header"
refute 'Terminal too small'
# Side by side: the separator, and the selected group's summary.
wait_for '│ 4xx ' "the detail pane on the first failure group"
wait_for '\? help' "the help hint"
# Down to the first entry: its detail appears.
keys j j
wait_for '│ 4\.[0-9]+\.[0-9]+  ' "the detail of the first failure entry"
# Unfold 2xx: the choice is remembered for the next run.
keys g Space
wait_for '^▾ 2xx Success' "the 2xx group unfolded"
keys q
expect_exit 0
grep -qx '3xx' "$e2e_tmp/state/smtp-doctor/folds" ||
	fail "the folds were not saved"
run_app
wait_frame
wait_for '^▾ 2xx Success \([0-9]+\)' "the 2xx group, open as it was left"
wait_for '^▸ 3xx ' "the 3xx group, folded as it was left"
keys j j
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
# Nothing folded now (the last run unfolded all): the selection is on
# the first failure group, scrolled into view.
wait_for '^▾ 4xx Transient' "the 4xx group (narrow)"
refute '│'
keys j j Enter
wait_for '^ Meaning' "the detail after Enter (narrow)"
refute '^▾ 4xx'
keys Escape
wait_for '^▾ 4xx Transient' "the list again after Esc"
keys q
expect_exit 0
