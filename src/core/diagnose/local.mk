## The rules and their matching, verdicts, their one presentation
## and JSON, the summary of many.
src_core_libcore_a_SOURCES += \
	src/core/diagnose/analysis.c \
	src/core/diagnose/analysis.h \
	src/core/diagnose/diagnose.c \
	src/core/diagnose/diagnose.h \
	src/core/diagnose/rules.h \
	src/core/diagnose/rules_load.c \
	src/core/diagnose/rules_match.c \
	src/core/diagnose/summary.c \
	src/core/diagnose/summary.h \
	src/core/diagnose/summary_out.c \
	src/core/diagnose/sumlive.c \
	src/core/diagnose/sumlive.h \
	src/core/diagnose/verdict_out.c \
	src/core/diagnose/verdict_out.h \
	src/core/diagnose/verdict_render.c \
	src/core/diagnose/verdict_render.h
