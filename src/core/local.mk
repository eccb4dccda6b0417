## The curses-free core library: every front end and every test links
## it.  Each module family lists its files in its folder's local.mk.
noinst_LIBRARIES += src/core/libcore.a
src_core_libcore_a_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(ZLIB_CFLAGS) \
	$(CARES_CFLAGS)
src_core_libcore_a_SOURCES =
include $(srcdir)/src/core/base/local.mk
include $(srcdir)/src/core/catalogue/local.mk
include $(srcdir)/src/core/parse/local.mk
include $(srcdir)/src/core/diagnose/local.mk
include $(srcdir)/src/core/browse/local.mk
include $(srcdir)/src/core/paste/local.mk
include $(srcdir)/src/core/check/local.mk
