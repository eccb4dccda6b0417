/*
 * Points in time as people and mail write them: the --since and --until
 * values, a message's Date: header, and the two ways the summary shows
 * them.  Times are epoch seconds in a long long; no function here keeps
 * state, and all of them take "now" as a parameter, so that a test is
 * the same on any day.
 */
#ifndef SD_WHEN_H
#define SD_WHEN_H

#include <stddef.h>

/*
 * A time given on the command line, as journalctl takes it: RFC 3339
 * ("2026-12-02T15:06:04Z", "...+01:00", fractions ignored), or
 * "YYYY-MM-DD[ HH:MM[:SS]]" in local time (a 'T' for the space too), or
 * "now", "today", "yesterday" (local midnight), or a time ago: a number
 * and a unit s, m, h, d or w ("30m", "2d", "-1h" alike).  Returns 0
 * with *out set, or -1 when s is none of these or out of range.
 */
int	when_parse_arg(const char *s, long long now, long long *out);
/*
 * An RFC 5322 date-time ("Tue, 1 Dec 2026 10:00:00 +0100"), with the
 * obsolete zone names of its section 4.3; an unknown zone counts as
 * UTC (RFC 5322's -0000).  len bytes of s; returns 0 or -1.
 */
int	when_parse_mail_date(const char *s, size_t len, long long *out);
/*
 * The Date: field of a message header block (lines as received, CRLF
 * or LF), parsed as above; -1 when there is none or it does not parse.
 */
long long when_header_date(const char *headers);
/* Epoch seconds from a UTC calendar date; no range check. */
long long when_from_utc(int year, int mon, int mday, int hour, int min,
	    int sec);
/* "2026-12-02 15:06" in local time, into buf of at least 17 bytes. */
void	when_format_local(long long t, char *buf, size_t len);
/* "2026-12-02T15:06:04Z", into buf of at least 21 bytes. */
void	when_format_utc(long long t, char *buf, size_t len);

#endif
