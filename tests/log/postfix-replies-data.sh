#!/bin/sh
# postfix-replies.sh with every row given at the end of DATA, not at RCPT:
# the same reasons from Postfix's "(in reply to end of DATA command)".
ROWS_AT=data
export ROWS_AT
exec "${top_srcdir:-.}/tests/log/postfix-replies.sh"
