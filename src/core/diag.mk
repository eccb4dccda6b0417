## Bounce parser and diagnosis engine (issue 4).
src_core_libcore_a_SOURCES += \
	src/core/textdec.c src/core/textdec.h \
	src/core/bounce.c src/core/bounce.h src/core/bounce_int.h \
	src/core/bounce_reply.c \
	src/core/mime.c \
	src/core/dsn.c \
	src/core/ses.c \
	src/core/ml.c \
	src/core/jmrp.c \
	src/core/bounce_log.c \
	src/core/maillog.c src/core/maillog.h src/core/maillog_int.h \
	src/core/maillog_postfix.c src/core/maillog_other.c \
	src/core/bounce_text.c \
	src/core/smtptok.c \
	src/core/spans.c \
	src/core/msgstream.c src/core/msgstream.h
src_core_libcore_a_SOURCES += \
	src/core/rules.h src/core/rules_load.c src/core/rules_match.c \
	src/core/diagnose.c src/core/diagnose.h \
	src/core/analysis.c src/core/analysis.h \
	src/core/verdict_render.c src/core/verdict_render.h \
	src/core/verdict_out.c src/core/verdict_out.h
## Whole logs summed up (issue 13): --summary's groups and its times.
src_core_libcore_a_SOURCES += \
	src/core/when.c src/core/when.h \
	src/core/summary.c src/core/summary.h \
	src/core/summary_out.c
