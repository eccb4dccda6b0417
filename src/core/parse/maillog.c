/* Mail log lines: stamps, the syslog prefix, the scan and the join table. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "parse/maillog_int.h"

#define UNKNOWN		((size_t)-1)
#define NONE		((size_t)-2)

/*
 * The words a line worth reading holds: a failure, or a line that
 * names the sender of a queue ID.  Each is looked for with memmem(3)
 * over the whole buffer; every other line is never looked at.
 */
static const struct {
	const char	*word;
	unsigned	 mtas;	/* whose logs hold it: ML_* bits */
	const char	*skip;	/* what follows it on a line of no interest */
} keys[ML_NKEYS] = {
	{ "status=", ML_POSTFIX, "sent " },
	{ "stat=", ML_SENDMAIL, "Sent" },
	{ "from=<", ML_POSTFIX | ML_SENDMAIL, NULL },
	{ "reject: ", ML_POSTFIX, NULL },	/* smtpd, milter */
	{ "reject=", ML_SENDMAIL, NULL },	/* check_* rulesets */
	{ " ** ", ML_EXIM, NULL },		/* failed */
	{ " == ", ML_EXIM, NULL },		/* deferred */
	{ " <= ", ML_EXIM, NULL },		/* arrival: the sender */
	{ "rejected RCPT", ML_EXIM, NULL },
	{ "result=", ML_OPENSMTPD, "\"Ok\"" },
	{ "delivery ", ML_QMAIL, NULL },
	{ "info msg ", ML_QMAIL, NULL },	/* the sender */
};

struct maillog *
maillog_new(void)
{
	struct maillog	*ml = xcalloc(1, sizeof *ml);

	ml->ids = xcalloc(MAILLOG_IDS, sizeof *ml->ids);
	ml->heads = xcalloc(ML_HASH, sizeof *ml->heads);
	maillog_reset(ml);
	return (ml);
}

void
maillog_free(struct maillog *ml)
{
	if (ml == NULL)
		return;
	free(ml->ids);
	free(ml->heads);
	free(ml);
}

void
maillog_reset(struct maillog *ml)
{
	size_t	 i;

	for (i = 0; i < ML_HASH; i++)
		ml->heads[i] = -1;
	for (i = 0; i < MAILLOG_IDS; i++) {
		ml->ids[i].used = 0;
		ml->ids[i].next = -1;
	}
	ml->nadded = 0;
	ml->mtas = 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long	 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + (long long)doe - 719468);
}

/* The year of epoch seconds t, without gmtime(3): it is per line. */
static long long
year_of(long long t)
{
	long long	 z = (t >= 0 ? t : t - 86399) / 86400 + 719468, era, y;
	unsigned	 doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	return (y + (mp >= 10));
}

static int
digits(const char *p, const char *end, size_t n, unsigned *out)
{
	unsigned	 v = 0;
	size_t		 i;

	if ((size_t)(end - p) < n)
		return (0);
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return (0);
		v = v * 10 + (unsigned)(p[i] - '0');
	}
	*out = v;
	return (1);
}

/* "HH:MM:SS" and any ".fraction": its length, 0 if none. */
static size_t
clock_time(const char *p, const char *end, unsigned *secs)
{
	unsigned	 h, m, s;
	const char	*q = p + 8;

	if (!digits(p, end, 2, &h) || end - p < 8 || p[2] != ':' ||
	    !digits(p + 3, end, 2, &m) || p[5] != ':' ||
	    !digits(p + 6, end, 2, &s) || h > 23 || m > 59 || s > 60)
		return (0);
	if (q < end && (*q == '.' || *q == ',')) {
		q++;
		while (q < end && q - p < 40 && *q >= '0' && *q <= '9')
			q++;
	}
	*secs = h * 3600 + m * 60 + s;
	return ((size_t)(q - p));
}

static int
month_of(const char *p)
{
	static const char	 names[] =
	    "JanFebMarAprMayJunJulAugSepOctNovDec";
	int			 i;

	for (i = 0; i < 12; i++)
		if (memcmp(p, names + 3 * i, 3) == 0)
			return (i + 1);
	return (0);
}

/* "Dec  2 15:06:04", "Dec 02 15:06:04.123456": the year from now. */
static size_t
stamp_classic(const char *p, const char *end, long long now, long long *t)
{
	const char	*q;
	unsigned	 day, secs;
	size_t		 n;
	long long	 y, v;
	int		 mon;

	if (end - p < 15 || (mon = month_of(p)) == 0 || p[3] != ' ')
		return (0);
	q = p + 4;
	if (*q == ' ')
		q++;
	if (digits(q, end, 2, &day))
		q += 2;
	else if (digits(q, end, 1, &day))
		q += 1;
	else
		return (0);
	if (day < 1 || day > 31 || q >= end || *q++ != ' ')
		return (0);
	if ((n = clock_time(q, end, &secs)) == 0)
		return (0);
	q += n;
	y = year_of(now);
	v = days_from_civil(y, (unsigned)mon, day) * 86400 + secs;
	/* No year in the stamp: a date a day past now was last year's. */
	if (v > now + 86400)
		v = days_from_civil(y - 1, (unsigned)mon, day) * 86400 + secs;
	*t = v;
	return ((size_t)(q - p));
}

/* "Z", "+00:00", "+0000", " +0100" (Exim's log_timezone): seconds east. */
static size_t
zone(const char *p, const char *end, long long *off)
{
	const char	*q = p;
	unsigned	 h, m;
	int		 sign;

	*off = 0;
	if (q < end && *q == 'Z')
		return (1);
	if (q < end && *q == ' ' && end - q > 1 && (q[1] == '+' ||
	    q[1] == '-'))
		q++;
	if (q >= end || (*q != '+' && *q != '-'))
		return (0);
	sign = *q++ == '-' ? -1 : 1;
	if (!digits(q, end, 2, &h))
		return (0);
	q += 2;
	if (q < end && *q == ':')
		q++;
	if (!digits(q, end, 2, &m))
		return (0);
	q += 2;
	*off = sign * (long long)(h * 3600 + m * 60);
	return ((size_t)(q - p));
}

/* "2026-12-02T15:06:04.123+01:00" or Exim's "2026-12-02 15:06:04". */
static size_t
stamp_iso(const char *p, const char *end, long long *t)
{
	unsigned	 y, mo, d, secs;
	const char	*q;
	size_t		 n;
	long long	 off;

	if (!digits(p, end, 4, &y) || end - p < 19 || p[4] != '-' ||
	    !digits(p + 5, end, 2, &mo) || p[7] != '-' ||
	    !digits(p + 8, end, 2, &d) || (p[10] != 'T' && p[10] != ' ') ||
	    mo < 1 || mo > 12 || d < 1 || d > 31)
		return (0);
	q = p + 11;
	if ((n = clock_time(q, end, &secs)) == 0)
		return (0);
	q += n;
	q += zone(q, end, &off);
	*t = days_from_civil(y, mo, d) * 86400 + secs - off;
	return ((size_t)(q - p));
}

/* qmail's multilog "@4000000065a1b2c3..." (TAI64N, 24 hex digits). */
static size_t
stamp_tai64n(const char *p, const char *end, long long *t)
{
	unsigned long long	 v = 0;
	int			 i, c;

	if (end - p < 25 || p[0] != '@')
		return (0);
	for (i = 1; i <= 24; i++) {
		c = (unsigned char)p[i];
		if (!ml_is_ipchar(c) || c == '.' || c == ':')
			return (0);
		if (i <= 16)
			v = v * 16 + (unsigned)(c <= '9' ? c - '0' :
			    (c | 0x20) - 'a' + 10);
	}
	/* TAI64 labels 1970 as 2^62, and TAI runs 10 s ahead of UTC. */
	*t = v >= 0x4000000000000000ULL ?
	    (long long)(v - 0x4000000000000000ULL) - 10 : -1;
	return (25);
}

size_t
maillog_stamp(const char *p, size_t len, long long now, long long *t)
{
	const char	*end = p + len;
	size_t		 n;

	*t = -1;
	if (len == 0)
		return (0);
	if (*p == '@')
		n = stamp_tai64n(p, end, t);
	else if (*p >= '0' && *p <= '9')
		n = stamp_iso(p, end, t);
	else
		n = stamp_classic(p, end, now, t);
	if (n == 0 || (p + n < end && p[n] != ' '))
		return (0);
	return (n);
}

/* A token of a host or program name: no space, printable. */
static const char *
token_end(const char *p, const char *end, int stop)
{
	while (p < end && *p != ' ' && *p != stop &&
	    (unsigned char)*p > 32 && (unsigned char)*p != 127)
		p++;
	return (p);
}

/*
 * After a date, what only an Exim main log line holds: a message ID
 * ("1tXyZa-000123-AB"), a host (H=) or sender (F=<) field, or the
 * daemon's own words; a text that merely starts with a date is none.
 */
static int
exim_like(const char *p, const char *end)
{
	const char	*q;
	int		 dashes = 0;

	/* log_selector +pid: "[1234] ". */
	if (p < end && *p == '[' && (q = memchr(p, ']', (size_t)(end - p))) !=
	    NULL && q - p < 16 && q + 1 < end && q[1] == ' ')
		p = q + 2;
	for (q = p; q < end && *q != ' ' && q - p < 32; q++) {
		if (*q == '-')
			dashes++;
		else if (!((*q >= '0' && *q <= '9') || (*q >= 'A' &&
		    *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
			break;
	}
	if (dashes == 2 && q - p >= 16 && q < end && *q == ' ')
		return (1);
	return (ml_starts(p, end, "H=") || ml_find(p, end, " H=") != NULL ||
	    ml_find(p, end, " F=<") != NULL ||
	    ml_starts(p, end, "Start queue run") ||
	    ml_starts(p, end, "End queue run") || ml_starts(p, end, "exim "));
}

/*
 * The stamp, then "host prog[pid]: " for syslog, or nothing more for
 * Exim's own log and multilog.  Returns 0 when the line has no stamp.
 */
static int
line_split(const char *p, size_t len, long long now, struct ml_line *L)
{
	const char	*end = p + len, *q, *h, *pe;
	size_t		 n;

	memset(L, 0, sizeof *L);
	L->p = p;
	L->end = end;
	if ((n = maillog_stamp(p, len, now, &L->epoch)) == 0)
		return (0);
	L->time.p = p;
	L->time.n = n;
	q = p + n;
	if (q < end)
		q++;
	L->msg = q;
	/* Exim's own log and multilog: the message follows the stamp. */
	if (*p == '@')
		return (1);
	if (*p >= '0' && *p <= '9' && p[10] == ' ')
		return (exim_like(q, end));
	h = q;
	q = token_end(q, end, -1);
	if (q == h || q >= end || *q != ' ')
		return (0);
	L->host.p = h;
	L->host.n = (size_t)(q - h);
	pe = ++q;
	q = token_end(q, end, ':');
	if (q == pe || q >= end || *q != ':')
		return (0);
	L->prog.p = pe;
	L->prog.n = (size_t)(q - pe);
	q++;
	if (q < end && *q == ' ')
		q++;
	L->msg = q;
	L->syslog = 1;
	return (1);
}

static int
journal_header(const char *p, const char *end)
{
	return (ml_starts(p, end, "-- Logs begin") ||
	    ml_starts(p, end, "-- Journal begins") ||
	    ml_starts(p, end, "-- Boot ") ||
	    ml_starts(p, end, "-- No entries") ||
	    ml_starts(p, end, "-- Reboot --"));
}

/*
 * A line of Exim's main log that only its stamp tells ("2026-12-02
 * 21:35:52 TLS error on connection from ..."): the daemon writes many
 * without an ID or H= field.  Such a line counts beside a surer one.
 */
static int
iso_stamped(const char *p, const char *q)
{
	long long	 t;

	return (q - p > 20 && *p >= '0' && *p <= '9' && p[10] == ' ' &&
	    maillog_stamp(p, (size_t)(q - p), 0, &t) != 0);
}

int
maillog_looks_like(const char *p, size_t len)
{
	const char	*end = p + (len < 65536 ? len : 65536), *q;
	struct ml_line	 L;
	int		 lines = 0, logs = 0, sure = 0, first = 0;

	while (p < end && lines < 8) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if (q > p && q[-1] == '\r')
			q--;
		/* A journal's header; an Exim entry's indented second line. */
		if (q > p && !journal_header(p, q) &&
		    !(lines > 0 && (*p == ' ' || *p == '\t'))) {
			int is = line_split(p, (size_t)(q - p), 0, &L);
			int weak = !is && iso_stamped(p, q);

			if (lines++ == 0)
				first = is || weak;
			logs += is || weak;
			sure += is;
		}
		p = memchr(p, '\n', (size_t)(end - p));
		p = p != NULL ? p + 1 : end;
	}
	return (first && sure > 0 && logs * 2 >= lines);
}

/* Whose log a line is, as its program name or its stamp says: ML_*. */
static unsigned
line_mta(const struct ml_line *L)
{
	static const struct {
		const char	*name;
		unsigned	 mta;
	} progs[] = {
		{ "postfix", ML_POSTFIX }, { "exim", ML_EXIM },
		{ "sendmail", ML_SENDMAIL }, { "sm-mta", ML_SENDMAIL },
		{ "sm-msp", ML_SENDMAIL }, { "qmail", ML_QMAIL },
		{ "smtpd", ML_OPENSMTPD },
	};
	size_t	 i;

	if (!L->syslog)
		return (*L->p == '@' ? ML_QMAIL : ML_EXIM);
	for (i = 0; i < sizeof progs / sizeof progs[0]; i++)
		if (L->prog.n >= strlen(progs[i].name) && memmem(L->prog.p,
		    L->prog.n, progs[i].name, strlen(progs[i].name)) != NULL)
			return (progs[i].mta);
	return (0);
}

void
maillog_scan_begin(struct maillog *ml, const char *buf, size_t len)
{
	const char	*p = buf, *end = buf + (len < 65536 ? len : 65536), *q;
	struct ml_line	 L;
	unsigned	 seen = 0;
	size_t		 i;
	int		 lines;

	/*
	 * The key words of the MTAs that the block's first lines name, or
	 * that the log named before: a Postfix log is searched for three
	 * words, not twelve.  A block that names none is searched for all.
	 */
	for (lines = 0; p < end && lines < 64; lines++) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if (line_split(p, (size_t)(q - p), 0, &L))
			seen |= line_mta(&L);
		p = q + 1;
	}
	ml->mtas |= seen;
	for (i = 0; i < ML_NKEYS; i++)
		ml->keypos[i] = ml->mtas == 0 || (keys[i].mtas & ml->mtas) ?
		    UNKNOWN : NONE;
}

/*
 * The next place of key i at or after from, past those that a delivery
 * line holds ("status=sent "): most lines of a log are those.
 */
/*
 * How often a byte is met in mail log text, roughly: spaces, digits and
 * common letters often, "<", "(" and j, q, x, z seldom.  A key is looked
 * for by its rarest byte with memchr(3), which runs at the speed of the
 * C library's vector code, then compared whole: a few times faster than
 * memmem(3) over the same bytes.
 */
static int
commonness(unsigned char c)
{
	static const char	*const tiers[] = {
		"jqxzJQXZ<>()!?\"'{}|~^`",
		"kvwybgKVWYBGHLMNOPRSTUFCDEI_;",
		"uhfmcpldA",
		"etaoinsr0123456789 .:=,-/[]",
	};
	size_t			 i;

	for (i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
		if (strchr(tiers[i], c) != NULL)
			return ((int)i);
	return (1);
}

/* The offset of the rarest byte of w (the first of the rarest tier). */
static size_t
rare_offset(const char *w, size_t wl)
{
	size_t	 i, best = 0;

	for (i = 1; i < wl; i++)
		if (commonness((unsigned char)w[i]) <
		    commonness((unsigned char)w[best]))
			best = i;
	return (best);
}

/* The first w in [from, len) of buf, found by its rarest byte. */
static const char *
find_rare(const char *buf, size_t from, size_t len, const char *w, size_t wl,
    size_t rare)
{
	const char	*p = buf + from + rare, *end = buf + len, *hit;

	if (len - from < wl)
		return (NULL);
	while (p < end && (hit = memchr(p, w[rare], (size_t)(end - p))) !=
	    NULL) {
		if ((size_t)(hit - buf) >= from + rare &&
		    (size_t)(end - (hit - rare)) >= wl &&
		    memcmp(hit - rare, w, wl) == 0)
			return (hit - rare);
		p = hit + 1;
	}
	return (NULL);
}

static size_t
key_next(size_t i, const char *buf, size_t from, size_t len)
{
	const char	*hit, *w = keys[i].word, *skip = keys[i].skip;
	size_t		 wl = strlen(w), sl = skip != NULL ? strlen(skip) : 0;
	size_t		 rare = rare_offset(w, wl);

	while (from < len && (hit = find_rare(buf, from, len, w, wl,
	    rare)) != NULL) {
		from = (size_t)(hit - buf);
		if (sl == 0 || len - from - wl < sl ||
		    memcmp(hit + wl, skip, sl) != 0)
			return (from);
		from += wl + sl;
	}
	return (NONE);
}

int
maillog_scan_next(struct maillog *ml, const char *buf, size_t len,
    size_t *pos, size_t *start, size_t *end)
{
	const char	*s, *e;
	size_t		 i, best = NONE, from = *pos;

	if (from >= len)
		return (0);
	for (i = 0; i < ML_NKEYS; i++) {
		if (ml->keypos[i] == NONE)
			continue;
		if (ml->keypos[i] == UNKNOWN || ml->keypos[i] < from)
			ml->keypos[i] = key_next(i, buf, from, len);
		if (ml->keypos[i] < best)
			best = ml->keypos[i];
	}
	if (best == NONE) {
		*pos = len;
		return (0);
	}
	/* The line around the word: from after the last LF before it. */
	for (s = buf + best; s > buf + from && s[-1] != '\n'; s--)
		;
	if ((e = memchr(buf + best, '\n', len - best)) == NULL)
		e = buf + len;
	*start = (size_t)(s - buf);
	*end = (size_t)(e - buf);
	*pos = e < buf + len ? *end + 1 : len;
	return (1);
}

static int
prog_is(const struct ml_line *L, const char *name)
{
	return (L->prog.n >= strlen(name) &&
	    memmem(L->prog.p, L->prog.n, name, strlen(name)) != NULL);
}

size_t
maillog_line(struct maillog *ml, const char *line, size_t len, long long now,
    maillog_cb *cb, void *arg)
{
	struct ml_line	 L;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (now <= 0)
		now = (long long)time(NULL);
	if (!line_split(line, len, now, &L))
		return (0);
	if (!L.syslog) {
		if (*line == '@')
			return (ml_qmail(ml, &L, cb, arg));
		return (ml_exim(ml, &L, cb, arg));
	}
	if (prog_is(&L, "postfix"))
		return (ml_postfix(ml, &L, cb, arg));
	if (prog_is(&L, "exim"))
		return (ml_exim(ml, &L, cb, arg));
	if (prog_is(&L, "sendmail") || prog_is(&L, "sm-mta") ||
	    prog_is(&L, "sm-msp"))
		return (ml_sendmail(ml, &L, cb, arg));
	if (prog_is(&L, "qmail"))
		return (ml_qmail(ml, &L, cb, arg));
	if (prog_is(&L, "smtpd"))
		return (ml_opensmtpd(ml, &L, cb, arg));
	/* A renamed instance: what the line says tells whose it is. */
	if (ml_find(L.msg, L.end, " stat=") != NULL)
		return (ml_sendmail(ml, &L, cb, arg));
	return (ml_postfix(ml, &L, cb, arg));
}
