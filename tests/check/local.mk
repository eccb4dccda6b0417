## --check against a real DNS server (issue 15).
dist_check_SCRIPTS += tests/check/dns-check.sh
