/* Times as --since, --until and a Date: header write them. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/when.h"

/* Far enough for any mail, near enough that nothing overflows. */
#define YEAR_MIN	1970
#define YEAR_MAX	9999
/* No time ago longer than this: 100 years of seconds, no overflow. */
#define AGO_MAX		(100LL * 366 * 86400)

static int
is_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return (m == 2 && is_leap(y) ? 29 : days[m - 1]);
}

/* Howard Hinnant's days_from_civil: linear, and no timegm(3) needed. */
long long
when_from_utc(int year, int mon, int mday, int hour, int min, int sec)
{
	long long	 y = year - (mon <= 2), era, yoe, doy, doe, days;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	days = era * 146097 + doe - 719468;
	return (days * 86400 + hour * 3600 + min * 60 + sec);
}

static int
valid_date(int y, int mo, int d, int h, int mi, int s)
{
	return (y >= YEAR_MIN && y <= YEAR_MAX && mo >= 1 && mo <= 12 &&
	    d >= 1 && d <= month_days(y, mo) && h >= 0 && h <= 23 &&
	    mi >= 0 && mi <= 59 && s >= 0 && s <= 60);
}

/* Exactly n digits at *p into *v; advances *p.  0 or -1. */
static int
digits(const char **p, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return (-1);
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return (0);
}

static long long
local_time(int y, int mo, int d, int h, int mi, int s)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return (when_from_utc(y, mo, d, h, mi, s));
	return ((long long)t);
}

static long long
local_midnight(long long now, int days_back)
{
	struct tm	 tm;
	time_t		 t = (time_t)now;

	if (localtime_r(&t, &tm) == NULL)
		return (now - now % 86400 - days_back * 86400LL);
	/* mktime() takes day 0 as the last of the month before. */
	tm.tm_mday -= days_back;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return (now - now % 86400 - days_back * 86400LL);
	return ((long long)t);
}

/* "30m", "2d", "-1h": a time ago. */
static int
parse_ago(const char *s, long long now, long long *out)
{
	long long	 n = 0, unit;
	const char	*p = s;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return (-1);
	while (isdigit((unsigned char)*p)) {
		n = n * 10 + (*p++ - '0');
		if (n > AGO_MAX)
			return (-1);
	}
	switch (*p++) {
	case 's':
		unit = 1;
		break;
	case 'm':
		unit = 60;
		break;
	case 'h':
		unit = 3600;
		break;
	case 'd':
		unit = 86400;
		break;
	case 'w':
		unit = 7 * 86400;
		break;
	default:
		return (-1);
	}
	if (*p != '\0' || n * unit > AGO_MAX)
		return (-1);
	*out = now - n * unit;
	return (0);
}

/* "+01:00", "-0500", "Z" after an RFC 3339 time: its offset east. */
static int
parse_offset(const char *p, int *off)
{
	int	 h, m, sign;

	if (*p == 'Z' || *p == 'z')
		return (p[1] == '\0' ? (*off = 0, 0) : -1);
	if (*p != '+' && *p != '-')
		return (-1);
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) != 0)
		return (-1);
	if (*p == ':')
		p++;
	if (digits(&p, 2, &m) != 0 || *p != '\0' || h > 23 || m > 59)
		return (-1);
	*off = sign * (h * 3600 + m * 60);
	return (0);
}

static int
parse_calendar(const char *s, long long *out)
{
	const char	*p = s;
	int		 y, mo, d, h = 0, mi = 0, sec = 0, off = 0, zone = 0;

	if (digits(&p, 4, &y) != 0 || *p++ != '-' ||
	    digits(&p, 2, &mo) != 0 || *p++ != '-' || digits(&p, 2, &d) != 0)
		return (-1);
	if (*p == ' ' || *p == 'T' || *p == 't') {
		p++;
		if (digits(&p, 2, &h) != 0 || *p++ != ':' ||
		    digits(&p, 2, &mi) != 0)
			return (-1);
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec) != 0)
				return (-1);
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					return (-1);
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (*p != '\0') {
			if (parse_offset(p, &off) != 0)
				return (-1);
			zone = 1;
		}
	} else if (*p != '\0')
		return (-1);
	if (!valid_date(y, mo, d, h, mi, sec))
		return (-1);
	if (zone)
		*out = when_from_utc(y, mo, d, h, mi, sec) - off;
	else
		*out = local_time(y, mo, d, h, mi, sec);
	return (0);
}

int
when_parse_arg(const char *s, long long now, long long *out)
{
	if (strcmp(s, "now") == 0) {
		*out = now;
		return (0);
	}
	if (strcmp(s, "today") == 0 || strcmp(s, "yesterday") == 0) {
		*out = local_midnight(now, s[0] == 'y');
		return (0);
	}
	if (isdigit((unsigned char)s[0]) && strlen(s) >= 10 && s[4] == '-')
		return (parse_calendar(s, out));
	return (parse_ago(s, now, out));
}

/* RFC 5322 4.3's obsolete zones, and the military ones as -0000. */
static int
zone_name(const char *p, size_t n, int *off)
{
	static const struct {
		const char	*name;
		int		 hours;
	} zones[] = {
		{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 }
	};
	size_t	 i;

	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		if (strlen(zones[i].name) == n &&
		    strncasecmp(p, zones[i].name, n) == 0) {
			*off = zones[i].hours * 3600;
			return (0);
		}
	}
	*off = 0;
	return (0);
}

/* The next word of [*p, e): letters, digits, or one ':' '+' '-'. */
static size_t
mail_word(const char **p, const char *e, const char **w)
{
	const char	*q;

	while (*p < e && (**p == ' ' || **p == '\t' || **p == ',' ||
	    **p == '\r' || **p == '\n'))
		(*p)++;
	*w = q = *p;
	if (q < e && (*q == '+' || *q == '-'))
		q++;
	while (q < e && isalnum((unsigned char)*q))
		q++;
	*p = q;
	return ((size_t)(q - *w));
}

static int
number(const char *w, size_t n, int max_digits, int *v)
{
	size_t	 i;

	if (n == 0 || n > (size_t)max_digits)
		return (-1);
	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)w[i]))
			return (-1);
		*v = *v * 10 + (w[i] - '0');
	}
	return (0);
}

static int
month_name(const char *w, size_t n)
{
	static const char	*names[12] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec"
	};
	int			 i;

	if (n != 3)
		return (-1);
	for (i = 0; i < 12; i++)
		if (strncasecmp(w, names[i], 3) == 0)
			return (i + 1);
	return (-1);
}

int
when_parse_mail_date(const char *s, size_t len, long long *out)
{
	const char	*p = s, *e = s + len, *w;
	size_t		 n;
	int		 d, mo, y, h, mi, sec = 0, off = 0, v;

	n = mail_word(&p, e, &w);
	if (n != 0 && isalpha((unsigned char)w[0]))
		n = mail_word(&p, e, &w);	/* the day of the week */
	if (number(w, n, 2, &d) != 0)
		return (-1);
	n = mail_word(&p, e, &w);
	if ((mo = month_name(w, n)) < 0)
		return (-1);
	n = mail_word(&p, e, &w);
	if (number(w, n, 4, &y) != 0)
		return (-1);
	if (n == 2)			/* RFC 5322 4.3: two-digit years */
		y += y < 50 ? 2000 : 1900;
	n = mail_word(&p, e, &w);
	if (number(w, n, 2, &h) != 0 || p >= e || *p++ != ':')
		return (-1);
	n = mail_word(&p, e, &w);
	if (number(w, n, 2, &mi) != 0)
		return (-1);
	if (p < e && *p == ':') {
		p++;
		n = mail_word(&p, e, &w);
		if (number(w, n, 2, &sec) != 0)
			return (-1);
	}
	n = mail_word(&p, e, &w);
	if (n == 5 && (w[0] == '+' || w[0] == '-') &&
	    number(w + 1, 4, 4, &v) == 0 && v % 100 < 60)
		off = (w[0] == '-' ? -1 : 1) * (v / 100 * 3600 + v % 100 * 60);
	else if (n != 0 && isalpha((unsigned char)w[0]))
		zone_name(w, n, &off);
	if (!valid_date(y, mo, d, h, mi, sec))
		return (-1);
	*out = when_from_utc(y, mo, d, h, mi, sec) - off;
	return (0);
}

/* Bytes a Date: field's value is read from at most: a long one is junk. */
#define DATE_MAX	200

long long
when_header_date(const char *headers)
{
	const char	*p, *v, *e;
	char		 val[DATE_MAX];
	size_t		 n = 0;
	long long	 t;

	if (headers == NULL)
		return (-1);
	for (p = headers; *p != '\0'; p = e + (*e != '\0')) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (e - p > 5 && strncasecmp(p, "date:", 5) == 0)
			break;
	}
	if (*p == '\0')
		return (-1);
	/* The value and its continuation lines, folded into one. */
	for (v = p + 5; *v != '\0' && n < sizeof val - 1; v++) {
		if (*v == '\n' && v[1] != ' ' && v[1] != '\t')
			break;
		val[n++] = *v == '\r' || *v == '\n' ? ' ' : *v;
	}
	if (when_parse_mail_date(val, n, &t) != 0)
		return (-1);
	return (t);
}

void
when_format_local(long long t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, len, "?");
}

void
when_format_utc(long long t, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "?");
}
