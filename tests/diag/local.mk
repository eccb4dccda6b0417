## Tests of the bounce parser and the diagnosis (issue 4).
if HAVE_CHECK
check_PROGRAMS += tests/check_mime tests/check_bounce tests/check_diagnose \
	tests/check_prefilter tests/check_msgstream tests/check_replies \
	tests/check_patterns
endif
tests_check_patterns_SOURCES = tests/diag/check_patterns.c \
	tests/diag/diagutil.h tests/unit/testutil.h
tests_check_patterns_CFLAGS = $(UNIT_CFLAGS) $(PCRE2_CFLAGS)
tests_check_patterns_LDADD = $(UNIT_LDADD)
tests_check_replies_SOURCES = tests/diag/check_replies.c \
	tests/unit/testutil.h
tests_check_replies_CFLAGS = $(UNIT_CFLAGS)
tests_check_replies_LDADD = $(UNIT_LDADD)
tests_check_msgstream_SOURCES = tests/diag/check_msgstream.c \
	tests/unit/testutil.h
tests_check_msgstream_CFLAGS = $(UNIT_CFLAGS)
tests_check_msgstream_LDADD = $(UNIT_LDADD)
tests_check_mime_SOURCES = tests/diag/check_mime.c tests/diag/diagutil.h \
	tests/unit/testutil.h
tests_check_mime_CFLAGS = $(UNIT_CFLAGS)
tests_check_mime_LDADD = $(UNIT_LDADD)
tests_check_bounce_SOURCES = tests/diag/check_bounce.c tests/diag/diagutil.h \
	tests/unit/testutil.h
tests_check_bounce_CFLAGS = $(UNIT_CFLAGS)
tests_check_bounce_LDADD = $(UNIT_LDADD)
tests_check_diagnose_SOURCES = tests/diag/check_diagnose.c \
	tests/diag/diagutil.h tests/unit/testutil.h
tests_check_diagnose_CFLAGS = $(UNIT_CFLAGS)
tests_check_diagnose_LDADD = $(UNIT_LDADD)
tests_check_prefilter_SOURCES = tests/diag/check_prefilter.c \
	tests/diag/diagutil.h tests/unit/testutil.h
tests_check_prefilter_CFLAGS = $(UNIT_CFLAGS) $(PCRE2_CFLAGS)
tests_check_prefilter_LDADD = $(UNIT_LDADD)

dist_check_SCRIPTS += tests/diag/diagnose-json.sh tests/diag/diagnose-signal.sh \
	tests/diag/rules-lint.sh tests/diag/rules-lint-fails.sh \
	tests/diag/real-mta.sh
EXTRA_DIST += \
	tests/diag/samples/arf.eml \
	tests/diag/samples/courier.eml \
	tests/diag/samples/exim.eml \
	tests/diag/samples/fml-notmember.eml \
	tests/diag/samples/forwarded-dsn.eml \
	tests/diag/samples/gmail-spf.eml \
	tests/diag/samples/iso2022jp-crlf.eml \
	tests/diag/samples/jmrp.eml \
	tests/diag/samples/not-bounce.eml \
	tests/diag/samples/not-bounce-list-post.eml \
	tests/diag/samples/o365.eml \
	tests/diag/samples/opensmtpd.eml \
	tests/diag/samples/postfix.eml \
	tests/diag/samples/qmail.eml \
	tests/diag/samples/sendmail-hostunknown.eml \
	tests/diag/samples/sendmail-summary.eml \
	tests/diag/samples/sendmail-transcript-hostunknown.eml \
	tests/diag/samples/sendmail.eml \
	tests/diag/samples/vacation.eml \
	tests/diag/samples/vzwpix.eml \
	tests/diag/samples/yahoo.eml \
	tests/diag/valgrind.supp \
	tests/diag/rules-lint.todo \
	tests/diag/replies \
	tests/diag/real

# Accuracy against the shared corpus (labels from Sisimai 4.25).
SCORE_CORPUS = $(abs_top_srcdir)/../shared/corpus
score: src/smtp-doctor$(EXEEXT)
	@src/smtp-doctor$(EXEEXT) --diagnose --json \
	    $(SCORE_CORPUS)/bounces/* > RESULTS.jsonl || test $$? = 1
	@$(SCORE_CORPUS)/score $(SCORE_CORPUS)/labels.tsv RESULTS.jsonl
# The same run split by sending-MTA family: the families the rules may
# be checked against (dev) and a fixed quarter kept aside (held out).
score-split: src/smtp-doctor$(EXEEXT)
	@src/smtp-doctor$(EXEEXT) --diagnose --json \
	    $(SCORE_CORPUS)/bounces/* > RESULTS.jsonl || test $$? = 1
	@python3 $(abs_top_srcdir)/tools/score-families.py \
	    $(SCORE_CORPUS)/labels.tsv RESULTS.jsonl
# Each family judged by the rules without those whose sources are that
# family's own: the figure for bounces the rules were not written from.
score-lofo: src/smtp-doctor$(EXEEXT)
	@python3 $(abs_top_srcdir)/tools/score-lofo.py src/smtp-doctor$(EXEEXT) \
	    $(abs_top_srcdir)/data $(SCORE_CORPUS)
# Each bounce forwarded inline, as a customer forwards it to support: the
# records must stay those of the bounce itself.
score-forwarded: src/smtp-doctor$(EXEEXT)
	@python3 $(abs_top_srcdir)/tools/score-forwarded.py \
	    src/smtp-doctor$(EXEEXT) $(SCORE_CORPUS)/bounces
.PHONY: score score-split score-lofo score-forwarded
CLEANFILES += RESULTS.jsonl
