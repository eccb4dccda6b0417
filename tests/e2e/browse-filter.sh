#!/bin/sh
# Filter as you type: /spf narrows the list and an SPF entry is shown;
# typing 5.7.26 selects it; Enter keeps a filter, Esc clears it; the
# filter history is saved 0600.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

start_shell 120 40
run_app
wait_frame
total=$(screen | sed -n 's/.* [0-9]*\/\([0-9]*\) *$/\1/p' | tail -n 1)
[ -n "$total" ] && [ "$total" -gt 0 ] || fail "no entry count"

keys /
wait_for '^/ *[0-9]+/[0-9]+ *$' "the filter prompt"
type_text spf
wait_for '^/spf ' "the typed filter"
shown=$(screen | sed -n 's/^\/spf .* \([0-9]*\)\/[0-9]* *$/\1/p')
[ -n "$shown" ] && [ "$shown" -gt 0 ] && [ "$shown" -lt "$total" ] ||
	fail "spf shows $shown of $total entries"
wait_for '│ [^ ]+  .*SPF' "an SPF entry in the detail"
# The best matches come first, in their own group above the classes.
wait_for '^▾ Best matches \([1-5]\)' "the Best matches group"
screen | sed -n 2p | grep -q '^▾ Best matches (' ||
	fail "Best matches is not the first row"
# Why it matched: the filter's word stands out in the detail too.
tm capture-pane -p -e -t e2e >"$e2e_tmp/attrs"
esc=$(printf '\033')
grep -Eq "│.*(${esc}\\[[0-9;]*m)+SPF" "$e2e_tmp/attrs" ||
	fail "the matched word is not highlighted in the detail"
keys Enter
wait_for '^ /spf .* [0-9]+/[0-9]+ *$' "the kept filter in the status line"
keys Escape
wait_for " $total/$total *\$" "every entry after Esc"

# A code typed in the list goes to its entry.
type_text 5.7.26
wait_for '│ 5\.7\.26  ' "5.7.26 in the detail"
keys Enter
wait_for '^ /5\.7\.26 ' "the code filter kept"
keys q
expect_exit 0

hist="$e2e_tmp/state/smtp-doctor/history"
[ -f "$hist" ] || fail "no history file"
grep -qx spf "$hist" || fail "spf missing from the history"
grep -qx 5.7.26 "$hist" || fail "5.7.26 missing from the history"
mode=$(stat -c %a "$hist" 2>/dev/null || stat -f %Lp "$hist")
[ "$mode" = 600 ] || fail "history mode $mode, not 600"
ls "$e2e_tmp/state/smtp-doctor" | grep -Ev '^(history|folds)$' &&
	fail "a temporary file was left behind"

# Up arrow in the prompt moves in the list; Ctrl-P recalls the history.
run_app
wait_frame
keys / C-p
wait_for '^/5\.7\.26' "the last filter recalled with Ctrl-P"
keys Escape
# Wait for the prompt to close: a key within 25 ms of Esc is Meta-key.
wait_gone '^/' "the prompt"
wait_for " $total/$total *\$" "every entry after Esc in the prompt"

# Emacs editing: M-b goes back a word; two quick Esc still cancel.
keys /
type_text 'dkim fail'
keys M-b
type_text X
wait_for '^/dkim Xfail' "the word inserted after M-b"
keys Escape Escape
wait_gone '^/' "the prompt after Esc Esc"
wait_for " $total/$total *\$" "every entry after Esc in the prompt"
keys q
expect_exit 0

# A history that cannot be written: said once, and the session goes on.
printf 'not a directory\n' >"$e2e_tmp/blocker"
keys "clear; XDG_STATE_HOME='$e2e_tmp/blocker/state' '$SMTP_DOCTOR'; echo rc=\$?" Enter
wait_frame
keys /
type_text mailbox
wait_for '^/mailbox' "the filter typed"
keys Enter
wait_for 'Filter history not saved' "the history warning"
keys /
type_text ' full'
wait_for '^/mailbox full' "the second filter typed"
keys Enter
wait_for '^ /mailbox full' "the second filter kept"
refute 'Filter history not saved'
keys q
expect_exit 0
