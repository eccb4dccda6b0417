## End-to-end tests of the browser in tmux (issue 3), and the unit tests
## of its curses-free model.
if HAVE_CHECK
check_PROGRAMS += tests/check_browse
endif
# action.c needs only the KEY_ constants of curses.h, not the library.
tests_check_browse_SOURCES = tests/unit/check_browse.c tests/unit/testutil.h \
	src/tui/action.c
tests_check_browse_CFLAGS = $(UNIT_CFLAGS) $(NCURSES_CFLAGS)
tests_check_browse_LDADD = $(UNIT_LDADD)

## The paste box's curses-free model (issue 4): text, rows, analysis.
if HAVE_CHECK
check_PROGRAMS += tests/check_paste
endif
tests_check_paste_SOURCES = tests/unit/check_paste.c tests/unit/testutil.h
tests_check_paste_CFLAGS = $(UNIT_CFLAGS)
tests_check_paste_LDADD = $(UNIT_LDADD)

dist_check_SCRIPTS += \
	tests/e2e/browse-start.sh \
	tests/e2e/browse-filter.sh \
	tests/e2e/browse-resize.sh \
	tests/e2e/browse-signals.sh \
	tests/e2e/browse-mouse.sh \
	tests/e2e/browse-data-error.sh \
	tests/e2e/browse-terms.sh \
	tests/e2e/browse-keys.sh \
	tests/e2e/browse-file.sh \
	tests/e2e/browse-log.sh \
	tests/e2e/paste-diagnose.sh \
	tests/e2e/paste-safety.sh \
	tests/e2e/paste-big.sh \
	tests/e2e/paste-resize.sh \
	tests/e2e/paste-signals.sh \
	tests/e2e/paste-fold.sh \
	tests/e2e/paste-check.sh
EXTRA_DIST += tests/e2e/lib.sh
