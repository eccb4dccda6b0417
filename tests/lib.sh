# Helpers for the shell tests: sourced, not run.
: "${top_srcdir:=.}"
: "${SMTP_DOCTOR:=src/smtp-doctor}"
failures=0
checks=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sd-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# run EXPECTED_STATUS CMD...: output in $tmp/out and $tmp/err.
run() {
	want=$1
	shift
	checks=$((checks + 1))
	# SD_WRAPPER (valgrind, say) runs in front of the command.
	$SD_WRAPPER "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail "exit $got, want $want: $*"
		sed 's/^/  err: /' "$tmp/err" | head -5
	fi
}

# expect FILE PATTERN: a fixed string the output must hold.
expect() {
	checks=$((checks + 1))
	grep -qF -- "$2" "$1" || { fail "'$2' not in $1"; head -5 "$1" | sed 's/^/  got: /'; }
}

refuse() {
	checks=$((checks + 1))
	if grep -qF -- "$2" "$1"; then fail "'$2' unexpectedly in $1"; fi
}

finish() {
	echo "$((checks - failures)) passed, $failures failed"
	[ "$failures" = 0 ]
}
