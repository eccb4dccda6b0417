/* Finding SMTP tokens in text: addresses, reply codes, status codes. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"

static int
is_digit(int c)
{
	return (c >= '0' && c <= '9');
}

/* RFC 5321 4.5.3.1.1: a local part has at most 64 octets. */
#define ADDR_LOCAL_MAX		64
/* "[IPv6:" and a full IPv6 address in text form, with room to spare. */
#define ADDR_LITERAL_MAX	64

static int
is_alnum(int c)
{
	return (is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* Characters of a local part or domain we accept (dot-atom and more). */
static int
is_addr_char(int c)
{
	return (is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '+' ||
	    c == '=' || c == '\'' || c == '/' || c == '!' || c == '%' ||
	    c == '#' || c == '$' || c == '&' || c == '*' || c == '?' ||
	    c == '^' || c == '`' || c == '{' || c == '|' || c == '}' ||
	    c == '~' || (c & 0x80));
}

int
same_addr(const char *a, size_t al, const char *b, size_t bl)
{
	return (al == bl && strncasecmp(a, b, al) == 0);
}

unsigned
addr_hash(const char *a, size_t al)
{
	unsigned	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < al; i++)
		h = (h ^ (unsigned char)(a[i] | 0x20)) * 16777619u;
	return (h);
}

/*
 * The start of a Quoted-string local part ending just before at
 * (RFC 5321 4.1.2: "john doe"@example.com), or NULL.  Scanned back at
 * most the 64 octets a local part may have (4.5.3.1.1), so that a text
 * full of quotes stays linear.
 */
static const char *
quoted_local(const char *s, const char *at)
{
	const char	*b, *stop;

	if (at - s < 2 || at[-1] != '"')
		return (NULL);
	stop = at - s > ADDR_LOCAL_MAX + 2 ? at - ADDR_LOCAL_MAX - 2 : s;
	for (b = at - 2; b >= stop; b--) {
		if (*b == '\n' || *b == '\r')
			return (NULL);
		if (*b == '"' && (b == s || b[-1] != '\\'))
			return (b + 1 < at - 1 ? b : NULL);
	}
	return (NULL);
}

/*
 * The end of an address literal starting at d (RFC 5321 4.1.3:
 * [192.0.2.1], [IPv6:2001:db8::1]), or NULL.
 */
static const char *
address_literal(const char *d, const char *end)
{
	const char	*e;

	if (d >= end || *d != '[')
		return (NULL);
	for (e = d + 1; e < end && e - d < ADDR_LITERAL_MAX; e++) {
		if (*e == ']')
			return (e > d + 1 ? e + 1 : NULL);
		if (!is_alnum((unsigned char)*e) && *e != '.' && *e != ':')
			return (NULL);
	}
	return (NULL);
}

/*
 * The first mail address in s: local@domain with a dot or a bracket in
 * the domain.  Returns its start and length, or NULL.
 */
const char *
addr_find(const char *s, size_t len, size_t *alen)
{
	const char	*at = s, *end = s + len, *b, *e, *q;

	while ((at = memchr(at, '@', (size_t)(end - at))) != NULL) {
		if ((b = quoted_local(s, at)) == NULL) {
			for (b = at; b > s &&
			    is_addr_char((unsigned char)b[-1]); b--)
				;
			while (b < at && (*b == '.' || *b == '\''))
				b++;
		}
		if ((q = address_literal(at + 1, end)) != NULL)
			e = q;
		else {
			for (e = at + 1; e < end && (is_alnum((unsigned char)*e) ||
			    *e == '-' || *e == '.' || *e == '_' ||
			    ((unsigned char)*e & 0x80)); e++)
				;
			while (e > at + 1 && e[-1] == '.')
				e--;
		}
		/* "user@localhost" is fine in a transcript. */
		if (b < at && e > at + 1) {
			*alen = (size_t)(e - b);
			return (b);
		}
		at++;
	}
	return (NULL);
}

/*
 * The next byte at or after i that is lo or hi (two digits at most
 * apart by one: "45" or "23"): memchr, vector code, for each.
 */
static size_t
next_class_digit(const char *s, size_t len, size_t i, int lo, int hi,
    const char **nlo, const char **nhi)
{
	const char	*p;

	/*
	 * NULL: not looked for yet; s + len: none left.  Each memchr runs
	 * again only once its last hit is passed: linear.
	 */
	if (*nlo == NULL || *nlo < s + i)
		*nlo = (p = memchr(s + i, lo, len - i)) != NULL ? p : s + len;
	if (hi != lo && (*nhi == NULL || *nhi < s + i))
		*nhi = (p = memchr(s + i, hi, len - i)) != NULL ? p : s + len;
	p = *nlo;
	if (hi != lo && *nhi < p)
		p = *nhi;
	return ((size_t)(p - s));
}

/* The first reply code of class lo..hi as a word of s, or 0. */
static int
reply_scan(const char *s, size_t len, size_t *at, int lo, int hi)
{
	const char	*nlo = NULL, *nhi = NULL;
	size_t		 i;
	int		 c;

	for (i = 0; i + 3 <= len; i++) {
		if ((i = next_class_digit(s, len, i, lo, hi, &nlo, &nhi)) + 3 >
		    len)
			break;
		c = (unsigned char)s[i];
		if (c < lo || c > hi || !is_digit((unsigned char)s[i + 1]) ||
		    !is_digit((unsigned char)s[i + 2]) || s[i + 1] > '5')
			continue;
		if (i > 0 && (is_alnum((unsigned char)s[i - 1]) ||
		    s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/' ||
		    s[i - 1] == '+' || s[i - 1] == '#' || s[i - 1] == '=' ||
		    (s[i - 1] == ':' && (i < 2 || s[i - 2] != ' '))))
			continue;
		if (i + 3 < len) {
			c = (unsigned char)s[i + 3];
			if (is_alnum(c) || c == '.' || c == '/' || c == '@' ||
			    c == '_' || (c == ',' && (i + 4 >= len ||
			    is_digit((unsigned char)s[i + 4]))) ||
			    (c == ':' && i + 4 < len &&
			    s[i + 4] != ' ' && s[i + 4] != ':'))
				continue;
		}
		if (at != NULL)
			*at = i;
		return ((s[i] - '0') * 100 + (s[i + 1] - '0') * 10 +
		    (s[i + 2] - '0'));
	}
	return (0);
}

/*
 * A three-digit reply code as a word of s: a failure (4xx, 5xx) when
 * there is one, since a report may quote the greeting (220) first.
 */
int
reply_find(const char *s, size_t len, size_t *at)
{
	int	 r;

	if ((r = reply_scan(s, len, at, '4', '5')) != 0)
		return (r);
	return (reply_scan(s, len, at, '2', '3'));
}

/* The first reply code of class k ('4' or '5') in s, or 0. */
int
reply_find_class(const char *s, size_t len, int k)
{
	return (reply_scan(s, len, NULL, k, k));
}

/* An enhanced status code 2.x.y/4.x.y/5.x.y as a word of s. */
/*
 * s[i] follows "550-", a line of a multi-line reply (RFC 5321, section
 * 4.2.1: the code, a hyphen, the text): its enhanced code counts, so
 * that one such line pasted alone keeps it.  Any other hyphen before
 * digits is part of a word (an ID, a date).
 */
static int
after_reply_hyphen(const char *s, size_t i)
{
	return (i >= 4 && is_digit((unsigned char)s[i - 4]) &&
	    is_digit((unsigned char)s[i - 3]) &&
	    is_digit((unsigned char)s[i - 2]) &&
	    (i == 4 || !(is_alnum((unsigned char)s[i - 5]) ||
	    s[i - 5] == '.' || s[i - 5] == '-')));
}

int
status_find(const char *s, size_t len, char out[STATUS_MAX],
    size_t *at)
{
	const char	*dot;
	size_t		 i, j, k;
	int		 n1, n2;

	for (i = 0; i + 5 <= len; i++) {
		/* A code's second byte is a dot: jump from dot to dot. */
		if (s[i + 1] != '.') {
			if ((dot = memchr(s + i + 1, '.', len - i - 1)) == NULL)
				break;
			i = (size_t)(dot - s) - 1;
			if (i + 5 > len)
				break;
		}
		if (s[i] != '2' && s[i] != '4' && s[i] != '5')
			continue;
		if (i > 0 && (is_alnum((unsigned char)s[i - 1]) ||
		    s[i - 1] == '.' || s[i - 1] == '/' ||
		    (s[i - 1] == '-' && !after_reply_hyphen(s, i))))
			continue;
		for (j = i + 2, n1 = 0; j < len && is_digit((unsigned char)s[j]);
		    j++)
			n1++;
		if (n1 == 0 || n1 > 3 || j >= len || s[j] != '.')
			continue;
		for (k = j + 1, n2 = 0; k < len && is_digit((unsigned char)s[k]);
		    k++)
			n2++;
		if (n2 == 0 || n2 > 3)
			continue;
		if (k < len && (is_alnum((unsigned char)s[k]) || s[k] == '-' ||
		    s[k] == '@' || (s[k] == '.' && k + 1 < len &&
		    is_digit((unsigned char)s[k + 1]))))
			continue;
		if (k - i >= STATUS_MAX)
			continue;
		memcpy(out, s + i, k - i);
		out[k - i] = '\0';
		if (at != NULL)
			*at = i;
		return (1);
	}
	return (0);
}
