## Maintainer tools.
EXTRA_DIST += tools/quickstart.sh tools/valgrind-tui.sh tools/score-families.py tools/score-lofo.py tools/scorelib.py \
	tools/score-forwarded.py
noinst_PROGRAMS += tools/catalogue-pot
tools_catalogue_pot_SOURCES = tools/catalogue-pot.c
tools_catalogue_pot_LDADD = src/core/libcore.a $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)

noinst_PROGRAMS += tools/man-keys
tools_man_keys_SOURCES = tools/man-keys.c src/tui/action.c
tools_man_keys_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
tools_man_keys_LDADD = $(NCURSES_LIBS) $(LIBINTL)
