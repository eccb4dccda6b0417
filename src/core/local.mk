## The curses-free core library: every front end and every test links it.
noinst_LIBRARIES += src/core/libcore.a
src_core_libcore_a_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(ZLIB_CFLAGS)
src_core_libcore_a_SOURCES = \
	src/core/buf.c src/core/buf.h \
	src/core/utf8.c src/core/utf8.h \
	src/core/category.c src/core/category.h \
	src/core/catalog.c src/core/catalog.h \
	src/core/catalog_load.c \
	src/core/stanza.c src/core/stanza.h \
	src/core/search.c src/core/search.h \
	src/core/json.c src/core/json.h \
	src/core/datadir.c src/core/datadir.h \
	src/core/render.c src/core/render.h \
	src/core/pool.c src/core/pool.h \
	src/core/i18n.h
