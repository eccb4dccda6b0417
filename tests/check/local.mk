## --check against a real DNS server (issue 15).
dist_check_SCRIPTS += tests/check/dns-check.sh
if HAVE_CHECK
check_PROGRAMS += tests/check_dnscheck
endif
tests_check_dnscheck_SOURCES = tests/unit/check_dnscheck.c
tests_check_dnscheck_CFLAGS = $(UNIT_CFLAGS)
tests_check_dnscheck_LDADD = $(UNIT_LDADD)
