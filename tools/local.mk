## Maintainer tools.
EXTRA_DIST += tools/quickstart.sh
noinst_PROGRAMS = tools/catalogue-pot
tools_catalogue_pot_SOURCES = tools/catalogue-pot.c
tools_catalogue_pot_LDADD = src/core/libcore.a $(PCRE2_LIBS) $(LIBINTL)
