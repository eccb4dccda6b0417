#!/bin/sh
# Run a scripted browser session in tmux under valgrind memcheck and print
# its error and leak summary: issue 6's memory check of the TUI.
#   sh tools/valgrind-tui.sh _build/src/smtp-doctor
set -u
sd=${1:?usage: valgrind-tui.sh PATH/TO/smtp-doctor}
sock=vg$$
log=$(mktemp /tmp/vg-tui.XXXXXX)
bounce=$(mktemp /tmp/vg-bounce.XXXXXX)
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null; rm -f "$bounce"' EXIT
printf 'Final-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.7.26\nDiagnostic-Code: smtp; 550-5.7.26 This mail is unauthenticated \033]0;x\007\n' >"$bounce"
t new-session -d -x 120 -y 40 -s vg "env TERM=screen LC_ALL=C.UTF-8 \
HOME=/tmp INPUTRC=/dev/null valgrind --leak-check=full \
--show-leak-kinds=definite --errors-for-leak-kinds=definite \
--log-file=$log $sd; sleep 30"
wait_screen() {
	i=0
	while [ $i -lt 600 ]; do
		t capture-pane -p -t vg | grep -Eq -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "valgrind-tui: timed out waiting for $1" >&2
	return 1
}
step() { t send-keys -t vg "$@"; sleep 0.4; }
wait_screen ' [0-9]+/[0-9]+ *$'
step j j j Enter Tab PgDn Tab
step / ; t send-keys -t vg -l spf; sleep 0.5; step Enter
step Escape; t send-keys -t vg -l 5.7.26; step Enter
step '?' ; step '?'
step c ; step Escape
t resize-window -t vg -x 60 -y 15; sleep 0.5
t resize-window -t vg -x 120 -y 40; sleep 0.5
# The paste box, when this build has one.
step p
t load-buffer -b vgb "$bounce"; t paste-buffer -p -b vgb -t vg; sleep 1
step C-d; sleep 2
step j j Escape Escape
step q
i=0
while [ $i -lt 600 ] && ! grep -q "ERROR SUMMARY" "$log"; do sleep 0.1; i=$((i + 1)); done
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|All heap blocks" "$log"
rm -f "$log"
