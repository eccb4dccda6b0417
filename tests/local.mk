## Tests: Check unit tests per core module, shell and tmux end-to-end tests.
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(top_srcdir)'; export top_srcdir; \
	top_builddir='$(top_builddir)'; export top_builddir; \
	SMTP_DOCTOR='$(abs_top_builddir)/src/smtp-doctor'; export SMTP_DOCTOR; \
	SHARED_DIR='$(abs_top_srcdir)/../shared'; export SHARED_DIR; \
	TMUX_BIN='$(TMUX)'; export TMUX_BIN; \
	SD_SANITIZED='$(SAN_CFLAGS)'; export SD_SANITIZED; \
	unset SMTP_DOCTOR_DATA;
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)

if HAVE_CHECK
check_PROGRAMS += tests/check_catalog tests/check_search tests/check_utf8 \
	tests/check_json tests/check_render tests/check_pool \
	tests/check_stanza tests/check_maillog tests/check_buf tests/check_bytes \
	tests/check_summary tests/check_sumlive
endif
TESTS += $(check_PROGRAMS)

UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) \
	-DTEST_DATADIR=\"$(abs_top_srcdir)/data\" \
	-DTEST_SRCDIR=\"$(abs_top_srcdir)/tests\"
UNIT_LDADD = src/core/libcore.a $(CHECK_LIBS) $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)


tests_check_catalog_SOURCES = tests/unit/check_catalog.c tests/unit/testutil.h
tests_check_catalog_CFLAGS = $(UNIT_CFLAGS)
tests_check_catalog_LDADD = $(UNIT_LDADD)
tests_check_search_SOURCES = tests/unit/check_search.c tests/unit/testutil.h
tests_check_search_CFLAGS = $(UNIT_CFLAGS)
tests_check_search_LDADD = $(UNIT_LDADD)
tests_check_utf8_SOURCES = tests/unit/check_utf8.c
tests_check_utf8_CFLAGS = $(UNIT_CFLAGS)
tests_check_utf8_LDADD = $(UNIT_LDADD)
tests_check_json_SOURCES = tests/unit/check_json.c tests/unit/testutil.h \
	tests/unit/jsoncheck.h
tests_check_json_CFLAGS = $(UNIT_CFLAGS)
tests_check_json_LDADD = $(UNIT_LDADD)
tests_check_pool_SOURCES = tests/unit/check_pool.c tests/unit/testutil.h
tests_check_pool_CFLAGS = $(UNIT_CFLAGS)
tests_check_pool_LDADD = $(UNIT_LDADD)
tests_check_buf_SOURCES = tests/unit/check_buf.c
tests_check_buf_CFLAGS = $(UNIT_CFLAGS)
tests_check_buf_LDADD = $(UNIT_LDADD)
tests_check_bytes_SOURCES = tests/unit/check_bytes.c tests/unit/testutil.h
tests_check_bytes_CFLAGS = $(UNIT_CFLAGS)
tests_check_bytes_LDADD = $(UNIT_LDADD)
tests_check_stanza_SOURCES = tests/unit/check_stanza.c
tests_check_stanza_CFLAGS = $(UNIT_CFLAGS)
tests_check_stanza_LDADD = $(UNIT_LDADD)
tests_check_maillog_SOURCES = tests/unit/check_maillog.c tests/unit/testutil.h
tests_check_maillog_CFLAGS = $(UNIT_CFLAGS)
tests_check_maillog_LDADD = $(UNIT_LDADD)
tests_check_summary_SOURCES = tests/unit/check_summary.c \
	tests/unit/testutil.h tests/unit/jsoncheck.h
tests_check_summary_CFLAGS = $(UNIT_CFLAGS)
tests_check_summary_LDADD = $(UNIT_LDADD)
tests_check_sumlive_SOURCES = tests/unit/check_sumlive.c \
	tests/unit/testutil.h
tests_check_sumlive_CFLAGS = $(UNIT_CFLAGS)
tests_check_sumlive_LDADD = $(UNIT_LDADD)
tests_check_render_SOURCES = tests/unit/check_render.c tests/unit/testutil.h
tests_check_render_CFLAGS = $(UNIT_CFLAGS)
tests_check_render_LDADD = $(UNIT_LDADD)

dist_check_SCRIPTS += \
	tests/core-purity.sh \
	tests/cli.sh \
	tests/hostile.sh \
	tests/reference-coverage.sh \
	tests/man.sh \
	tests/log/diagnose-log.sh
TESTS += $(dist_check_SCRIPTS)
EXTRA_DIST += tests/lib.sh \
	tests/log/samples/exim-mainlog \
	tests/log/samples/journal-iso.log \
	tests/log/samples/journal.log \
	tests/log/samples/opensmtpd.log \
	tests/log/samples/postfix-deferred.log \
	tests/log/samples/postfix-expired.log \
	tests/log/samples/postfix-four.log \
	tests/log/samples/postfix-noqueue.log \
	tests/log/samples/qmail-multilog \
	tests/log/samples/qmail-syslog.log \
	tests/log/samples/rfc3339.log \
	tests/log/samples/sendmail.log

# Memory checks: every unit test (not forked) and the CLI tests under
# valgrind memcheck; any error or definite leak fails the run.
VALGRIND_CMD = valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--track-origins=yes --suppressions=$(abs_top_srcdir)/tests/diag/valgrind.supp
check-valgrind: $(check_PROGRAMS) src/smtp-doctor$(EXEEXT)
	$(MAKE) $(AM_MAKEFLAGS) check \
	  LOG_COMPILER='$(VALGRIND_CMD)' \
	  TESTS_ENVIRONMENT='CK_FORK=no; export CK_FORK; SD_WRAPPER="$(VALGRIND_CMD)"; export SD_WRAPPER;'
.PHONY: check-valgrind

# --summary (issue 13).
dist_check_SCRIPTS += tests/summary/summary.sh tests/summary/summary-signal.sh \
	tests/summary/summary-log.sh

# Translations: the CLI in French and German, the German browser's layout.
dist_check_SCRIPTS += tests/i18n.sh tests/e2e/browse-german.sh
