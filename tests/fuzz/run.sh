#!/bin/sh
# "make fuzz-run": each libFuzzer target for a bounded time from a fresh
# corpus, so that a crash, a sanitizer report, a leak, a hang or a
# runaway allocation fails the run, in CI as at a desk.
#   run.sh NAME...        from the build directory, after "make fuzz"
# top_srcdir must be set; FUZZ_SECONDS (per target; 0 runs the seeds
# only), FUZZ_MAX_LEN, FUZZ_RSS_MB and FUZZ_TIMEOUT (per input, in
# seconds) may be.
#
# Everything is written under fuzz-run/ in the build directory, never in
# the source tree, which may be read-only: fuzz-run/NAME/log is the
# fuzzer's whole output and a reproducer goes in fuzz-run/NAME/.
# fuzz-run/summary ends in automake's "# PASS:" and "# FAIL:" lines,
# one count per target, for tools/quickstart.sh to add up.
set -u

: "${top_srcdir:?top_srcdir must name the source tree}"
: "${FUZZ_SECONDS:=60}"
: "${FUZZ_MAX_LEN:=65536}"
: "${FUZZ_RSS_MB:=2048}"
# libFuzzer waits 20 minutes for one input by default, longer than the
# whole run: a hang would stall CI instead of failing it.  Inputs take
# milliseconds, and the code must stay linear on hostile text.
: "${FUZZ_TIMEOUT:=10}"
# UBSan prints no stack by default, and a report without one is
# hard to act on from a CI log.
: "${UBSAN_OPTIONS:=print_stacktrace=1}"
export UBSAN_OPTIONS

out=$PWD/fuzz-run
rm -rf "$out"
mkdir -p "$out" || exit 1
passed=0
failed=0

# final_stat NAME LOG: a figure from libFuzzer's -print_final_stats.
final_stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -1
}

# fuzz NAME: one run, its verdict and figures printed on one line.
fuzz() {
	t=$1
	dir=$out/$t
	log=$dir/log
	mkdir -p "$dir/corpus"
	dict=$top_srcdir/tests/fuzz/dict/$t.dict
	set -- -max_len="$FUZZ_MAX_LEN" -rss_limit_mb="$FUZZ_RSS_MB" \
	    -timeout="$FUZZ_TIMEOUT" -print_final_stats=1 \
	    -artifact_prefix="$dir/"
	# To libFuzzer a total time of 0 is no limit: here it means the
	# seeds only, run once.
	if [ "$FUZZ_SECONDS" = 0 ]; then
		set -- "$@" -runs=0
	else
		set -- "$@" -max_total_time="$FUZZ_SECONDS"
	fi
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	# New inputs go in the first directory only; the seeds are read.
	set -- "$@" "$dir/corpus" "$top_srcdir/tests/fuzz/regress/$t"
	case $t in
	bounce|output)	set -- "$@" "$top_srcdir/tests/diag/samples" ;;
	maillog) set -- "$@" "$top_srcdir/tests/log/samples" ;;
	catalog) set -- "$@" "$top_srcdir/data/catalogue" ;;
	rules)	set -- "$@" "$top_srcdir/data/rules" ;;
	esac
	start=$(date +%s)
	tests/fuzz/fuzz_$t "$@" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	rm -rf "$dir/corpus"

	# The last status line ("#N DONE cov: ... ft: ...") has the final
	# coverage; a crash ends the run without a DONE line.
	cov=$(grep '^#[0-9].* cov: ' "$log" | tail -1 |
	    sed 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/')
	execs=$(final_stat number_of_executed_units "$log")
	rate=$(final_stat average_exec_per_sec "$log")
	figures="$secs s, ${execs:-?} execs, ${rate:-?} exec/s, ${cov:-no cov}"
	if [ "$rc" = 0 ]; then
		echo "PASS: fuzz_$t: $figures" | tee -a "$out/summary"
		passed=$((passed + 1))
		return
	fi
	echo "FAIL: fuzz_$t (exit $rc): $figures" | tee -a "$out/summary"
	failed=$((failed + 1))
	grep 'Test unit written to ' "$log" |
	    sed 's/.*Test unit written to /  reproducer: /'
	echo "  log: $log"
	# The report starts at the sanitizer's or libFuzzer's first error
	# line; when there is none (the target did not start), the end of
	# the output says why.
	if grep -q 'ERROR: \|runtime error: \|^ALARM: ' "$log"; then
		sed -n '/ERROR: \|runtime error: \|^ALARM: /,$p' "$log" |
		    head -100
	else
		tail -20 "$log"
	fi | sed 's/^/  | /'
}

for name in "$@"; do
	fuzz "$name"
done
{
	echo "# TOTAL: $((passed + failed))"
	echo "# PASS: $passed"
	echo "# FAIL: $failed"
} >>"$out/summary"
echo "fuzz-run: $passed passed, $failed failed"
[ "$failed" = 0 ]
