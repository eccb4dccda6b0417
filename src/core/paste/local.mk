## The paste box's curses-free model: its text, rows, analysis and
## worker.
src_core_libcore_a_SOURCES += \
	src/core/paste/paste.c \
	src/core/paste/paste.h \
	src/core/paste/paste_fold.c \
	src/core/paste/paste_fold.h \
	src/core/paste/paste_job.c \
	src/core/paste/paste_job.h \
	src/core/paste/paste_result.c \
	src/core/paste/paste_result.h \
	src/core/paste/paste_wrap.c \
	src/core/paste/paste_wrap.h
