## End-to-end tests of log input (issue 13): a real Postfix on loopback
## relays to a scripted SMTP server; smtp-doctor reads the log it wrote.
dist_check_SCRIPTS += tests/log/postfix-log.sh tests/log/postfix-replies.sh \
	tests/log/postfix-replies-data.sh tests/log/postfix-delay.sh
EXTRA_DIST += tests/log/smtp-replies.py tests/log/check-records.py \
	tests/log/postfix-lib.sh
