#!/bin/sh
# Set up a fresh Debian or Ubuntu machine, build smtp-doctor, and either
# start it ("run") or run the whole test suite ("check").
#   sh tools/quickstart.sh run | check
set -eu

mode=${1:-run}
case $mode in
run|check) ;;
*) echo "usage: $0 run|check" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# Build and test dependencies, all Debian packages.
pkgs="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libreadline-dev check libpcre2-dev zlib1g-dev tmux python3 clang
libclang-rt-14-dev postfix libc-ares-dev dnsmasq-base"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update -qq
	# Postfix is for tests/log/postfix-log.sh, which starts a private
	# instance of its own: no system mail configuration, no prompt.
	echo "postfix postfix/main_mailer_type select No configuration" |
		$sudo debconf-set-selections
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi

autoreconf -fi
mkdir -p _build
cd _build
[ -f Makefile ] || ../configure --enable-werror
make -j"$(nproc)"

if [ "$mode" = run ]; then
	exec ./src/smtp-doctor
fi

# Add up automake's test-suite.log counts for the closing line.
passed=0 failed=0 skipped=0
tally() {
	for k in PASS FAIL ERROR XPASS SKIP; do
		n=$(sed -n "s/^# $k: *//p" "$1" | head -1)
		case $k in
		PASS) passed=$((passed + ${n:-0})) ;;
		SKIP) skipped=$((skipped + ${n:-0})) ;;
		*) failed=$((failed + ${n:-0})) ;;
		esac
	done
}

# The whole suite: unit and end-to-end tests, the tarball's own build and
# tests (distcheck), then the tests again under ASan and UBSan, and under
# TSan, then a short run of each fuzz target.
make -j"$(nproc)" check
tally test-suite.log
make -j"$(nproc)" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror
cd ..
mkdir -p _build-san
cd _build-san
[ -f Makefile ] || ../configure --enable-sanitizers --enable-werror CC=clang
make -j"$(nproc)" check
tally test-suite.log
# The whole suite once more under ThreadSanitizer: the ordered pool,
# --diagnose --jobs (streamed and stopped by signals too) and the paste
# box's worker run on several threads.
cd ..
mkdir -p _build-tsan
cd _build-tsan
[ -f Makefile ] || ../configure --enable-sanitizers=thread --enable-werror CC=clang
make -j"$(nproc)" check
tally test-suite.log
# Each libFuzzer target for FUZZ_SECONDS (30 by default) from a fresh
# corpus: new inputs reach what the regression inputs do not.  A
# finding fails the run, one count per target, but the other targets
# still run and the closing line is still printed, with the reproducer
# and the sanitizer report above it.
cd ..
mkdir -p _build-fuzz
cd _build-fuzz
[ -f Makefile ] || ../configure --enable-fuzzing CC=clang
make -j"$(nproc)" fuzz
fuzz=0
make fuzz-run FUZZ_SECONDS="${FUZZ_SECONDS:-30}" || fuzz=$?
tally fuzz-run/summary
# A run that failed before counting (no summary) is still a failure.
[ "$fuzz" = 0 ] || [ "$failed" -gt 0 ] || failed=1
[ "$fuzz" = 0 ] &&
	echo "quickstart: build, distcheck, sanitizer and fuzz runs passed"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$fuzz" = 0 ]
