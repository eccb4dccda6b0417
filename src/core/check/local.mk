## Live DNS checks of a verdict's cause (issue 15): c-ares, SPF, the plan.
src_core_libcore_a_SOURCES += \
	src/core/check/dns.c src/core/check/dns.h \
	src/core/check/spf.c src/core/check/spf.h \
	src/core/check/dnscheck.c src/core/check/dnscheck.h \
	src/core/check/dnsbl.c \
	src/core/check/check_job.c src/core/check/check_job.h \
	src/core/check/check_render.c
