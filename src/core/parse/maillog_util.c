/*
 * What every MTA's line reader uses: the bounded queue-ID table, and
 * small readers of a line's words (bounded copies, finds, the SMTP
 * stage, the reply code, host[ip]).  Apart from maillog.c, which calls
 * the readers, so that the readers never call back into their caller.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "parse/maillog_int.h"

static unsigned
id_hash(const char *s, size_t n)
{
	unsigned	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return (h % ML_HASH);
}

struct ml_id *
ml_id_find(struct maillog *ml, const char *s, size_t n)
{
	int	 i;

	if (n == 0 || n >= sizeof ml->ids[0].qid)
		return (NULL);
	for (i = ml->heads[id_hash(s, n)]; i >= 0; i = ml->ids[i].next)
		if (strncmp(ml->ids[i].qid, s, n) == 0 &&
		    ml->ids[i].qid[n] == '\0')
			return (&ml->ids[i]);
	return (NULL);
}

/* Drop slot i from its chain: it is about to hold another ID. */
static void
id_unlink(struct maillog *ml, int i)
{
	struct ml_id	*e = &ml->ids[i];
	int		*pp = &ml->heads[id_hash(e->qid, strlen(e->qid))];

	while (*pp >= 0 && *pp != i)
		pp = &ml->ids[*pp].next;
	if (*pp == i)
		*pp = e->next;
}

/* The ID's record, made if new; the oldest ID goes when the ring is full. */
struct ml_id *
ml_id_get(struct maillog *ml, const char *s, size_t n)
{
	struct ml_id	*e;
	unsigned	 h;
	int		 i;

	if ((e = ml_id_find(ml, s, n)) != NULL)
		return (e);
	if (n == 0 || n >= sizeof e->qid)
		return (NULL);
	i = (int)(ml->nadded++ % MAILLOG_IDS);
	e = &ml->ids[i];
	if (e->used)
		id_unlink(ml, i);
	/* One per message of the log: clear what is read, not 1 KiB. */
	e->sender[0] = e->rcpt[0] = e->reply[0] = e->dsn[0] = e->ref[0] = '\0';
	e->command = NULL;
	memcpy(e->qid, s, n);
	e->qid[n] = '\0';
	e->used = 1;
	h = id_hash(s, n);
	e->next = ml->heads[h];
	ml->heads[h] = i;
	return (e);
}

void
ml_copy(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	if (n > 0)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

struct ml_str
ml_s(const char *s)
{
	struct ml_str	 r;

	r.p = s;
	r.n = s != NULL ? strlen(s) : 0;
	return (r);
}

const char *
ml_find(const char *p, const char *end, const char *s)
{
	if (p >= end)
		return (NULL);
	return (memmem(p, (size_t)(end - p), s, strlen(s)));
}

/* The last s in [p, end): linear, each match skipped past. */
const char *
ml_find_last(const char *p, const char *end, const char *s)
{
	const char	*hit, *last = NULL;
	size_t		 n = strlen(s);

	while (p < end && (hit = memmem(p, (size_t)(end - p), s, n)) != NULL) {
		last = hit;
		p = hit + n;
	}
	return (last);
}

int
ml_starts(const char *p, const char *end, const char *s)
{
	size_t	 n = strlen(s);

	return ((size_t)(end - p) >= n && memcmp(p, s, n) == 0);
}

/*
 * The SMTP stage named in an MTA's words: Postfix's "(in reply to RCPT
 * TO command)", "while sending MAIL FROM", "connect to"; Exim's "after
 * RCPT TO:"; qmail's "does not like recipient".  NULL when none is.
 */
const char *
ml_stage(const char *p, size_t n)
{
	static const struct {
		const char	*words;
		const char	*stage;
	} map[] = {
		{ "end of DATA", "DATA" }, { "end of data", "DATA" },
		{ "message body", "DATA" }, { "DATA command", "DATA" },
		{ "after DATA", "DATA" }, { "failed on DATA", "DATA" },
		{ "after I sent the message", "DATA" },
		{ "RCPT TO", "RCPT" }, { "does not like recipient", "RCPT" },
		{ "MAIL FROM", "MAIL" }, { "does not like sender", "MAIL" },
		{ "EHLO", "HELO" }, { "HELO", "HELO" }, { "LHLO", "HELO" },
		{ "my name was rejected", "HELO" },
		{ "greeting", "CONN" }, { "connect to ", "CONN" },
		{ "refused to talk to me", "CONN" },
		{ "initial connection", "CONN" },
		{ "Connection refused", "CONN" },
		{ "Connection timed out", "CONN" },
		{ "establish an SMTP connection", "CONN" },
	};
	size_t	 i;

	if (p == NULL || n == 0)
		return (NULL);
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (memmem(p, n, map[i].words, strlen(map[i].words)) != NULL)
			return (map[i].stage);
	return (NULL);
}

/* "550 ", "550-" or a bare "550" at the start: the reply code. */
int
ml_reply_code(const char *p, size_t n)
{
	if (n < 3 || p[0] < '2' || p[0] > '5' || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9')
		return (0);
	if (n > 3 && p[3] != ' ' && p[3] != '-')
		return (0);
	return ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0'));
}

void
ml_entry_init(struct maillog_entry *e, const struct ml_line *L)
{
	memset(e, 0, sizeof *e);
	e->time = L->time;
	e->epoch = L->epoch;
	e->host = L->host;
}

int
ml_is_ipchar(int c)
{
	return ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F') || c == '.' || c == ':');
}

void
ml_host_ip(const char *p, const char *end, struct ml_str *host,
    struct ml_str *ip)
{
	const char	*b, *c;

	host->p = p;
	host->n = 0;
	ip->p = p;
	ip->n = 0;
	if ((b = memchr(p, '[', (size_t)(end - p))) == NULL) {
		host->n = (size_t)(end - p);
		return;
	}
	host->n = (size_t)(b - p);
	while (host->n > 0 && (p[host->n - 1] == ' ' ||
	    p[host->n - 1] == '.'))
		host->n--;
	if ((c = memchr(b, ']', (size_t)(end - b))) == NULL)
		return;
	ip->p = b + 1;
	ip->n = (size_t)(c - b - 1);
	/* "IPv6:2001:db8::1" as Sendmail writes it. */
	if (ip->n > 5 && memcmp(ip->p, "IPv6:", 5) == 0) {
		ip->p += 5;
		ip->n -= 5;
	}
	for (c = ip->p; c < ip->p + ip->n; c++)
		if (!ml_is_ipchar((unsigned char)*c)) {
			ip->n = 0;
			break;
		}
}
