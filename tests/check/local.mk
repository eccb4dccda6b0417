## --check against a real DNS server (issue 15).
dist_check_SCRIPTS += tests/check/dns-check.sh
if HAVE_CHECK
check_PROGRAMS += tests/check_dnscheck
endif
tests_check_dnscheck_SOURCES = tests/unit/check_dnscheck.c
tests_check_dnscheck_CFLAGS = $(UNIT_CFLAGS)
tests_check_dnscheck_LDADD = $(UNIT_LDADD)

# The fuzz target of the record parsers, replayed on every build.
FUZZ_NAMES += dnscheck
check_PROGRAMS += tests/fuzz/replay_dnscheck
tests_fuzz_replay_dnscheck_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_dnscheck.c tests/fuzz/fuzz.h
tests_fuzz_replay_dnscheck_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"dnscheck\"
tests_fuzz_replay_dnscheck_LDADD = $(FUZZ_LDADD)
if ENABLE_FUZZING
EXTRA_PROGRAMS += tests/fuzz/fuzz_dnscheck
tests_fuzz_fuzz_dnscheck_SOURCES = tests/fuzz/fuzz_dnscheck.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_dnscheck_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_dnscheck_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_dnscheck_LDADD = $(FUZZ_LDADD)
fuzz: tests/fuzz/fuzz_dnscheck$(EXEEXT)
endif
