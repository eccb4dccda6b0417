# Helpers of the browser's end-to-end tests, sourced by tests/e2e/*.sh.
#
# Method (after tmux's own regress/): each test runs a private tmux
# server (-L, -f /dev/null) with a plain sh in one pane, starts the real
# binary there, types with send-keys and reads the screen with
# capture-pane.  It waits for what it expects by polling with a deadline,
# never with a fixed sleep, so a slow machine only makes it slower.  The
# environment is pinned: TERM, LC_ALL, HOME and XDG_STATE_HOME in a
# temporary directory, INPUTRC=/dev/null, NO_COLOR=1.  Exit 77 (skip)
# when tmux is missing.

set -u

: "${SMTP_DOCTOR:?SMTP_DOCTOR must name the binary under test}"
TMUX_BIN=${TMUX_BIN:-}
[ -n "$TMUX_BIN" ] || TMUX_BIN=$(command -v tmux 2>/dev/null || true)
if [ -z "$TMUX_BIN" ] || [ ! -x "$TMUX_BIN" ]; then
	echo "tmux not found: test skipped"
	exit 77
fi

# Seconds to wait for a screen before failing.
E2E_TIMEOUT=${E2E_TIMEOUT:-15}

e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtp-doctor-e2e.XXXXXX") || exit 99
e2e_sock="sd-e2e-$$"
e2e_name=$(basename "$0" .sh)

tm()
{
	"$TMUX_BIN" -L "$e2e_sock" -f /dev/null "$@"
}

e2e_cleanup()
{
	tm kill-server >/dev/null 2>&1
	rm -rf "$e2e_tmp"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM HUP

screen()
{
	tm capture-pane -p -t e2e 2>/dev/null
}

fail()
{
	echo "FAIL: $e2e_name: $*"
	echo "---- screen ----"
	screen
	echo "----------------"
	exit 1
}

# wait_for ERE [what]: poll the screen until a line matches.
wait_for()
{
	_i=0
	_max=$((E2E_TIMEOUT * 20))
	while [ "$_i" -lt "$_max" ]; do
		if screen | grep -Eq -- "$1"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	fail "timed out waiting for ${2:-/$1/}"
}

# wait_gone ERE [what]: poll until no line matches.
wait_gone()
{
	_i=0
	_max=$((E2E_TIMEOUT * 20))
	while [ "$_i" -lt "$_max" ]; do
		if ! screen | grep -Eq -- "$1"; then
			return 0
		fi
		_i=$((_i + 1))
		sleep 0.05
	done
	fail "timed out waiting for ${2:-/$1/} to go"
}

# The screen must not show ERE right now (after a wait_for).
refute()
{
	if screen | grep -Eq -- "$1"; then
		fail "unexpected ${2:-/$1/}"
	fi
}

keys()
{
	tm send-keys -t e2e "$@"
}

# Type a string literally.
type_text()
{
	tm send-keys -t e2e -l "$1"
}

# start_shell COLS LINES: a pane of that size running sh.
start_shell()
{
	mkdir -p "$e2e_tmp/home" "$e2e_tmp/state"
	tm new-session -d -x "$1" -y "$2" -s e2e \
	    "env TERM=screen LC_ALL=C.UTF-8 LANG=C.UTF-8 HOME='$e2e_tmp/home' \
	    XDG_STATE_HOME='$e2e_tmp/state' INPUTRC=/dev/null NO_COLOR=1 \
	    PS1='$ ' ENV= sh" \; set-option -g status off ||
		fail "cannot start tmux"
	resize "$1" "$2"
	wait_for '^\$' "the shell prompt"
}

# resize COLS LINES: resize the window and wait until the pane has it.
resize()
{
	tm resize-window -t e2e -x "$1" -y "$2" || fail "cannot resize"
	_i=0
	while [ "$(tm display-message -p -t e2e '#{pane_width}x#{pane_height}')" \
	    != "$1x$2" ]; do
		_i=$((_i + 1))
		[ "$_i" -lt $((E2E_TIMEOUT * 20)) ] ||
			fail "the pane never became $1x$2"
		sleep 0.05
	done
}

# run_app ARGS...: start the browser in the pane; its status goes to
# "rc=N" on the shell's line once it exits.
run_app()
{
	rm -f "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"
	keys "clear; stty -g >'$e2e_tmp/stty.before'; '$SMTP_DOCTOR' $*; \
echo rc=\$?; stty -g >'$e2e_tmp/stty.after'" Enter
}

# A frame is on screen: the title bar (the shell's echo of the command
# starts with "$ ") and the counts at the end of the status line.
wait_frame()
{
	wait_for '^ smtp-doctor' "the title bar"
	wait_for ' [0-9]+/[0-9]+ *$' "the counts in the status line"
}

# expect_exit N: the browser has exited with status N and the pane is
# back at the shell, with none of the browser left on it.
expect_exit()
{
	wait_for "^rc=$1\$" "exit status $1"
	wait_for '^\$ *$' "the shell prompt after exit"
	refute 'SMTP reply codes' "the browser's title after exit"
	# The terminal modes are exactly what they were before.
	cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.after" ||
		fail "terminal modes changed: $(cat "$e2e_tmp/stty.before") \
-> $(cat "$e2e_tmp/stty.after" 2>/dev/null)"
}

# paste_file FILE [-r]: paste a file into the pane as a terminal does:
# tmux wraps it in ESC [ 200 ~ ... ESC [ 201 ~ (-p) only when the
# program turned bracketed-paste mode on, and sends its newlines as CR
# (with -r, the bytes as they are).
paste_file()
{
	tm load-buffer -b e2e-paste "$1" || fail "cannot load $1"
	tm paste-buffer -p -d ${2:-} -b e2e-paste -t e2e ||
		fail "cannot paste $1"
}

# Milliseconds since the epoch, or nothing where date has no %N.
now_ms()
{
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	*N|'') ;;
	*) echo $((_t / 1000000)) ;;
	esac
}

# open_box: from the list, p opens the empty paste box.
open_box()
{
	keys p
	wait_for '^ smtp-doctor .* Paste a bounce' "the paste box"
	wait_for 'Ctrl-D diagnose' "the paste box's hints"
}

# wait_width COLS: the browser has laid itself out for COLS columns: its
# title bar spans them, the version one column from the right end.
# Keys sent while a resize is still on its way may be lost by ncurses,
# so tests wait for this before typing after a resize.
wait_width()
{
	_i=0
	while [ "$_i" -lt $((E2E_TIMEOUT * 20)) ]; do
		_l=$(screen | sed -n 1p)
		case $_l in
		' smtp-doctor'*[0-9])
			_n=$(printf '%s' "$_l" | LC_ALL=C.UTF-8 wc -m)
			[ "$_n" -eq $(($1 - 1)) ] && return 0
			;;
		esac
		_i=$((_i + 1))
		sleep 0.05
	done
	fail "the title bar never spanned $1 columns"
}
