## Benchmarks: "make bench"; never part of "make check".
EXTRA_PROGRAMS += bench/bench_catalog
bench_bench_catalog_SOURCES = bench/bench_catalog.c bench/benchutil.h
bench_bench_catalog_LDADD = src/core/libcore.a $(PCRE2_LIBS) $(LIBINTL)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += bench/README

bench: bench/bench_catalog$(EXEEXT) src/smtp-doctor$(EXEEXT)
	@bench/bench_catalog$(EXEEXT) $(abs_top_srcdir)/data
.PHONY: bench
