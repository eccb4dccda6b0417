## Fuzz targets.  Every target also builds against replay.c into a test
## that replays its regression inputs (tests/fuzz/regress/NAME, and the
## shipped data for the loader) on every build, sanitizers or not;
## with --enable-fuzzing (clang), "make fuzz" builds the libFuzzer
## binaries and "make fuzz-run" runs each for FUZZ_SECONDS, failing on
## any finding.

FUZZ_NAMES = catalog search json bounce rules prefilter output maillog
FUZZ_CFLAGS = $(AM_CFLAGS) -DFUZZ_DATADIR=\"$(abs_top_srcdir)/data\" \
	-DFUZZ_REGRESS=\"$(abs_top_srcdir)/tests/fuzz/regress\" \
	-I$(top_srcdir)/tests/fuzz
FUZZ_LDADD = src/core/libcore.a $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)

check_PROGRAMS += tests/fuzz/replay_catalog tests/fuzz/replay_search \
	tests/fuzz/replay_json tests/fuzz/replay_bounce tests/fuzz/replay_rules \
	tests/fuzz/replay_prefilter tests/fuzz/replay_output \
	tests/fuzz/replay_maillog
tests_fuzz_replay_catalog_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_catalog.c tests/fuzz/fuzz.h
tests_fuzz_replay_catalog_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"catalog\"
tests_fuzz_replay_catalog_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_search_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_search.c tests/fuzz/fuzz.h
tests_fuzz_replay_search_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"search\"
tests_fuzz_replay_search_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_json_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_json.c tests/fuzz/fuzz.h
tests_fuzz_replay_json_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"json\"
tests_fuzz_replay_json_LDADD = $(FUZZ_LDADD)

tests_fuzz_replay_bounce_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_bounce.c tests/fuzz/fuzz.h
tests_fuzz_replay_bounce_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"bounce\"
tests_fuzz_replay_bounce_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_rules_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_rules.c tests/fuzz/fuzz.h
tests_fuzz_replay_rules_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"rules\"
tests_fuzz_replay_rules_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_prefilter_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_prefilter.c tests/fuzz/fuzz.h
tests_fuzz_replay_prefilter_CFLAGS = $(FUZZ_CFLAGS) $(PCRE2_CFLAGS) \
	-DFUZZ_NAME=\"prefilter\"
tests_fuzz_replay_prefilter_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_output_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_output.c tests/fuzz/fuzz.h
tests_fuzz_replay_output_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"output\"
tests_fuzz_replay_output_LDADD = $(FUZZ_LDADD)
tests_fuzz_replay_maillog_SOURCES = tests/fuzz/replay.c \
	tests/fuzz/fuzz_maillog.c tests/fuzz/fuzz.h
tests_fuzz_replay_maillog_CFLAGS = $(FUZZ_CFLAGS) -DFUZZ_NAME=\"maillog\"
tests_fuzz_replay_maillog_LDADD = $(FUZZ_LDADD)

EXTRA_DIST += tests/fuzz/regress tests/fuzz/dict tests/fuzz/run.sh

if ENABLE_FUZZING
EXTRA_PROGRAMS += tests/fuzz/fuzz_catalog tests/fuzz/fuzz_search \
	tests/fuzz/fuzz_json tests/fuzz/fuzz_bounce tests/fuzz/fuzz_rules \
	tests/fuzz/fuzz_prefilter tests/fuzz/fuzz_output tests/fuzz/fuzz_maillog
tests_fuzz_fuzz_catalog_SOURCES = tests/fuzz/fuzz_catalog.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_catalog_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_catalog_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_catalog_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_search_SOURCES = tests/fuzz/fuzz_search.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_search_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_search_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_search_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz_json.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_json_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_json_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_json_LDADD = $(FUZZ_LDADD)

tests_fuzz_fuzz_bounce_SOURCES = tests/fuzz/fuzz_bounce.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_bounce_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_bounce_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_bounce_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_rules_SOURCES = tests/fuzz/fuzz_rules.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_rules_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_rules_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_rules_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_prefilter_SOURCES = tests/fuzz/fuzz_prefilter.c \
	tests/fuzz/fuzz.h
tests_fuzz_fuzz_prefilter_CFLAGS = $(FUZZ_CFLAGS) $(PCRE2_CFLAGS)
tests_fuzz_fuzz_prefilter_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_prefilter_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_output_SOURCES = tests/fuzz/fuzz_output.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_output_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_output_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_output_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_maillog_SOURCES = tests/fuzz/fuzz_maillog.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_maillog_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_maillog_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_maillog_LDADD = $(FUZZ_LDADD)

fuzz: tests/fuzz/fuzz_catalog$(EXEEXT) tests/fuzz/fuzz_search$(EXEEXT) \
	tests/fuzz/fuzz_json$(EXEEXT) tests/fuzz/fuzz_bounce$(EXEEXT) \
	tests/fuzz/fuzz_rules$(EXEEXT) tests/fuzz/fuzz_prefilter$(EXEEXT) \
	tests/fuzz/fuzz_output$(EXEEXT) tests/fuzz/fuzz_maillog$(EXEEXT)

FUZZ_SECONDS = 60
FUZZ_MAX_LEN = 65536
# Each target from a fresh corpus under fuzz-run/, seeded with its
# regression inputs, the samples (bounce) or the shipped data (catalog,
# rules); fails on any finding (tests/fuzz/run.sh).
fuzz-run: fuzz
	@top_srcdir='$(abs_top_srcdir)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	  FUZZ_MAX_LEN='$(FUZZ_MAX_LEN)' \
	  $(SHELL) $(srcdir)/tests/fuzz/run.sh $(FUZZ_NAMES)
else
fuzz fuzz-run:
	@echo "$@: configure with --enable-fuzzing CC=clang" >&2; exit 1
endif
clean-local: clean-fuzz-run
clean-fuzz-run:
	rm -rf fuzz-run
.PHONY: fuzz fuzz-run clean-fuzz-run
