## Buffers, byte searches, UTF-8, the thread pool, the data directory, JSON, the
## stanza reader of the data files, times.
src_core_libcore_a_SOURCES += \
	src/core/base/buf.c \
	src/core/base/buf.h \
	src/core/base/bytes.c \
	src/core/base/bytes.h \
	src/core/base/datadir.c \
	src/core/base/datadir.h \
	src/core/base/i18n.h \
	src/core/base/json.c \
	src/core/base/json.h \
	src/core/base/pool.c \
	src/core/base/pool.h \
	src/core/base/stanza.c \
	src/core/base/stanza.h \
	src/core/base/utf8.c \
	src/core/base/utf8.h \
	src/core/base/when.c \
	src/core/base/when.h
