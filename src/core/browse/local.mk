## The browser's curses-free model.
src_core_libcore_a_SOURCES += \
	src/core/browse/browse.c \
	src/core/browse/browse.h
