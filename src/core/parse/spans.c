/* Typed spans over decoded text: codes, addresses, hosts, tags. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"

static const char *const blocklists[] = {
	"spamhaus", "spamcop", "barracuda", "sorbs", "uceprotect",
	"spamrats", "psbl", "mailspike", "abuseat", "surriel", "invaluement",
	"abusix", "dnsbl", "blocklist.de", "truncate.gbudb", "backscatterer",
	"senderscore", "nordspam", "spameatingmonkey", "0spam", "manitu",
	"junkemailfilter", "hostkarma", "zen.", "rbl",
};

static int
is_delim(int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '<' || c == '>' ||
	    c == '[' || c == ']' || c == '(' || c == ')' || c == '"' ||
	    c == ',' || c == ';' || c == '\'' || c == '{' || c == '}');
}

static int
is_digit(int c)
{
	return (c >= '0' && c <= '9');
}

static int
is_alpha(int c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* "(S3150)", "[TSS04]", "[BN8NAM11FT066.eop-nam11.prod...]" */
static size_t
tag_at(const char *s, const char *end)
{
	const char	*p = s + 1;
	char		 close = *s == '(' ? ')' : ']';
	int		 up = 0, dig = 0, other = 0, dots = 0;

	for (; p < end && p - s < 100 && *p != close; p++) {
		if (*p >= 'A' && *p <= 'Z')
			up++;
		else if (is_digit((unsigned char)*p))
			dig++;
		else if (*p == '.')
			dots++;
		else if (is_alpha((unsigned char)*p) || *p == '-')
			other++;
		else
			return (0);
	}
	if (p >= end || *p != close)
		return (0);
	if (close == ')' && up >= 1 && up <= 3 && dig >= 2 && other == 0 &&
	    dots == 0)
		return ((size_t)(p + 1 - s));
	if (close == ']' && up >= 2 && dig >= 1 && dots == 0 && other == 0 &&
	    p - s >= 5)
		return ((size_t)(p + 1 - s));
	if (close == ']' && dots >= 2 && up >= 4 && dig >= 2 &&
	    memcasemem(s, (size_t)(p - s), "outlook.com", 11) != NULL)
		return ((size_t)(p + 1 - s));
	return (0);
}

static int
is_ipv4(const char *s, size_t n)
{
	size_t	 i, parts = 0, digits = 0;
	int	 v = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (digits == 0 || v > 255)
				return (0);
			parts++;
			digits = 0;
			v = 0;
		} else if (is_digit((unsigned char)s[i])) {
			v = v * 10 + (s[i] - '0');
			if (++digits > 3)
				return (0);
		} else
			return (0);
	}
	return (parts == 4);
}

/*
 * An IPv6 address in one of RFC 4291 section 2.2's text forms, bare or
 * as RFC 5321's "IPv6:" literal.  inet_pton() is that grammar; a time
 * such as 08:11:50 is not an address.
 */
static int
is_ipv6(const char *s, size_t n)
{
	char		 a[INET6_ADDRSTRLEN];
	struct in6_addr	 in6;

	if (n > 5 && strncasecmp(s, "ipv6:", 5) == 0) {
		s += 5;
		n -= 5;
	}
	if (n < 2 || n >= sizeof a || memchr(s, ':', n) == NULL)
		return (0);
	memcpy(a, s, n);
	a[n] = '\0';
	return (inet_pton(AF_INET6, a, &in6) == 1);
}

static int
is_host(const char *s, size_t n)
{
	size_t	 i, dots = 0, last = 0;

	if (n < 4 || n > 253)
		return (0);
	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '.') {
			if (i == 0 || s[i - 1] == '.')
				return (0);
			dots++;
			last = i + 1;
		} else if (!(is_alpha(c) || is_digit(c) || c == '-' ||
		    c == '_'))
			return (0);
	}
	if (dots == 0 || last >= n || n - last < 2 || n - last > 24)
		return (0);
	for (i = last; i < n; i++)
		if (!is_alpha((unsigned char)s[i]))
			return (0);
	return (1);
}

static int
is_status(const char *s, size_t n)
{
	char	 code[STATUS_MAX];
	size_t	 at;

	return (n >= 5 && n < 12 && status_find(s, n, code, &at) &&
	    at == 0 && strlen(code) == n);
}

static void
rset_put(struct parser *P, size_t rec)
{
	const char	*r = P->doc->rcpts[rec].recipient;
	size_t		 h = addr_hash(r, strlen(r)) & (P->rset_cap - 1);

	while (P->rset[h] != 0)
		h = (h + 1) & (P->rset_cap - 1);
	P->rset[h] = rec + 1;
}

/*
 * Whether a is one of the records' addresses.  A table, not a loop over
 * the records: a paste of ten thousand recipients, each named in many
 * lines, would otherwise be quadratic.
 */
static int
is_recipient(struct parser *P, const char *a, size_t n)
{
	const char	*r;
	size_t		 h, i;

	if (P->rset_n < P->doc->nrcpts) {
		if (2 * P->doc->nrcpts >= P->rset_cap) {
			free(P->rset);
			for (P->rset_cap = 64; P->rset_cap <= 2 *
			    P->doc->nrcpts; P->rset_cap *= 2)
				;
			P->rset = xcalloc(P->rset_cap, sizeof *P->rset);
			P->rset_n = 0;
		}
		for (; P->rset_n < P->doc->nrcpts; P->rset_n++)
			rset_put(P, P->rset_n);
	}
	if (P->rset_cap == 0)
		return (0);
	for (h = addr_hash(a, n) & (P->rset_cap - 1); (i = P->rset[h]) != 0;
	    h = (h + 1) & (P->rset_cap - 1)) {
		r = P->doc->rcpts[i - 1].recipient;
		if (same_addr(r, strlen(r), a, n))
			return (1);
	}
	return (0);
}

/* One word of text, trimmed of sentence punctuation. */
static void
word(struct parser *P, const char *t, const char *s, size_t n, int line_start,
    const char *next, const char *end)
{
	size_t	 i, al, bare;
	char	 low[32];

	/* "::1" and "fe80::" before colons are taken for punctuation. */
	for (bare = n; bare > 0 && (s[bare - 1] == '.' ||
	    s[bare - 1] == '!' || s[bare - 1] == '?'); bare--)
		;
	if (is_ipv6(s, bare)) {
		parser_add_span(P, SPAN_IP, (size_t)(s - t), bare);
		return;
	}
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ':' ||
	    s[n - 1] == '!' || s[n - 1] == '?'))
		n--;
	while (n > 0 && (*s == ':' || *s == '.')) {
		s++;
		n--;
	}
	if (n == 0)
		return;
	if (n > 8 && (strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0)) {
		parser_add_span(P, SPAN_URL, (size_t)(s - t), n);
		return;
	}
	if (memchr(s, '@', n) != NULL) {
		const char *a = addr_find(s, n, &al);
		if (a != NULL)
			parser_add_span(P, is_recipient(P, a, al) ?
			    SPAN_RECIPIENT : SPAN_SENDER, (size_t)(a - t), al);
		return;
	}
	if ((n == 3 || (n == 4 && s[3] == '-')) && s[0] >= '2' &&
	    s[0] <= '5' && is_digit((unsigned char)s[1]) &&
	    is_digit((unsigned char)s[2])) {
		while (next < end && (*next == ' ' || *next == '\t'))
			next++;
		if (line_start || s[3] == '-' || (next + 1 < end &&
		    is_digit((unsigned char)*next) && next[1] == '.'))
			parser_add_span(P, SPAN_REPLY, (size_t)(s - t), 3);
		return;
	}
	if (is_status(s, n)) {
		parser_add_span(P, SPAN_STATUS, (size_t)(s - t), n);
		return;
	}
	if (is_ipv4(s, n) || is_ipv6(s, n)) {
		parser_add_span(P, SPAN_IP, (size_t)(s - t), n);
		return;
	}
	if (n == 5 && strncasecmp(s, "gsmtp", 5) == 0) {
		parser_add_span(P, SPAN_TAG, (size_t)(s - t), n);
		return;
	}
	if (n >= 3 && n < sizeof low) {
		for (i = 0; i < n; i++)
			low[i] = (char)(s[i] | 0x20);
		low[n] = '\0';
		for (i = 0; i < sizeof blocklists / sizeof blocklists[0]; i++) {
			if (strstr(low, blocklists[i]) != NULL) {
				parser_add_span(P, SPAN_BLOCKLIST,
				    (size_t)(s - t), n);
				return;
			}
		}
	}
	if (is_host(s, n))
		parser_add_span(P, SPAN_HOST, (size_t)(s - t), n);
}

void
spans_scan(struct parser *P, size_t off, size_t len)
{
	const char	*t = P->doc->text.data;
	const char	*p = t + off, *end = t + off + len, *w;
	size_t		 n;
	int		 line_start = 1;

	while (p < end) {
		if (*p == '\n') {
			line_start = 1;
			p++;
			continue;
		}
		if ((*p == '(' || *p == '[') && (n = tag_at(p, end)) != 0) {
			parser_add_span(P, SPAN_TAG, (size_t)(p - t), n);
			p += n;
			line_start = 0;
			continue;
		}
		if (is_delim((unsigned char)*p)) {
			if (*p != ' ' && *p != '\t' && *p != '<' && *p != '>')
				line_start = 0;
			p++;
			continue;
		}
		for (w = p; p < end && !is_delim((unsigned char)*p); p++)
			;
		word(P, t, w, (size_t)(p - w), line_start, p, end);
		line_start = 0;
	}
}
