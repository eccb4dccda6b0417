## Bytes to a bounce document: messages, MIME, DSN, the text
## scanners, tokens, spans, decoding, mail logs.
src_core_libcore_a_SOURCES += \
	src/core/parse/bounce.c \
	src/core/parse/bounce.h \
	src/core/parse/bounce_int.h \
	src/core/parse/bounce_log.c \
	src/core/parse/bounce_reply.c \
	src/core/parse/bounce_text.c \
	src/core/parse/doc.c \
	src/core/parse/dsn.c \
	src/core/parse/jmrp.c \
	src/core/parse/maillog.c \
	src/core/parse/maillog.h \
	src/core/parse/maillog_int.h \
	src/core/parse/maillog_other.c \
	src/core/parse/maillog_postfix.c \
	src/core/parse/maillog_util.c \
	src/core/parse/mime.c \
	src/core/parse/ml.c \
	src/core/parse/msgstream.c \
	src/core/parse/msgstream.h \
	src/core/parse/ses.c \
	src/core/parse/smtptok.c \
	src/core/parse/spans.c \
	src/core/parse/textdec.c \
	src/core/parse/textdec.h
