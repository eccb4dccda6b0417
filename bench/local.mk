## Benchmarks: "make bench"; never part of "make check".
EXTRA_PROGRAMS += bench/bench_catalog
bench_bench_catalog_SOURCES = bench/bench_catalog.c bench/benchutil.h
bench_bench_catalog_LDADD = src/core/libcore.a $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/README

bench: bench/bench_catalog$(EXEEXT) src/smtp-doctor$(EXEEXT)
	@bench/bench_catalog$(EXEEXT) $(abs_top_srcdir)/data
.PHONY: bench

## The diagnosis engine (issue 4): corpus x10 vs Sisimai and cat, pastes.
EXTRA_DIST += bench/diagnose.sh
bench-diagnose: src/smtp-doctor$(EXEEXT)
	@$(SHELL) $(srcdir)/bench/diagnose.sh $(abs_top_builddir)/src/smtp-doctor$(EXEEXT) \
	    $(abs_top_srcdir)/../shared/corpus/bounces 10
.PHONY: bench-diagnose

## Mail logs (issue 13): a generated Postfix log, 1 GB by default.
EXTRA_DIST += bench/maillog.sh
BENCH_LOG_MB = 1024
bench-maillog: src/smtp-doctor$(EXEEXT)
	@$(SHELL) $(srcdir)/bench/maillog.sh $(abs_top_builddir)/src/smtp-doctor$(EXEEXT) \
	    $(abs_top_srcdir) $(BENCH_LOG_MB)
.PHONY: bench-maillog

## The browser (issue 3): first frame, and refilter + redraw per key.
EXTRA_PROGRAMS += bench/bench_tui
bench_bench_tui_SOURCES = bench/bench_tui.c bench/benchutil.h $(TUI_SOURCES)
bench_bench_tui_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
bench_bench_tui_LDADD = src/core/libcore.a \
	$(NCURSES_LIBS) $(READLINE_LIBS) $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)
bench: bench-tui
bench-tui: bench/bench_tui$(EXEEXT)
	@bench/bench_tui$(EXEEXT) $(abs_top_srcdir)/data
.PHONY: bench-tui

## --summary (issue 13): a generated Postfix log, BENCH_MB of it (64 by
## default; 1024 for the goal), against pflogsumm and grep -c.
BENCH_MB = 64
EXTRA_DIST += bench/summary.sh bench/gen_maillog.py
bench-summary: src/smtp-doctor$(EXEEXT)
	@$(SHELL) $(srcdir)/bench/summary.sh \
	    $(abs_top_builddir)/src/smtp-doctor$(EXEEXT) \
	    $(abs_top_srcdir)/bench/gen_maillog.py \
	    $(abs_top_srcdir)/../shared/reference/provider-messages.tsv $(BENCH_MB)
.PHONY: bench-summary
