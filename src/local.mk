## The program: main.c picks the front end; cli*.c and src/tui/ are fronts.
bin_PROGRAMS += src/smtp-doctor
src_smtp_doctor_SOURCES = \
	src/main.c \
	src/options.c src/options.h \
	src/cli.c src/cli.h \
	src/cli_diagnose.c \
	src/cli_io.c src/cli_io.h \
	src/cli_summary.c
src_smtp_doctor_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS) $(READLINE_CFLAGS)
src_smtp_doctor_LDADD = src/core/libcore.a \
	$(NCURSES_LIBS) $(READLINE_LIBS) $(PCRE2_LIBS) $(ZLIB_LIBS) $(CARES_LIBS) $(LIBINTL)
