/* Multi-line replies: completed from a transcript, then joined. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "parse/bounce_int.h"

static int
is_digit(int c)
{
	return (c >= '0' && c <= '9');
}

/*
 * The continuation of the reply whose first line is d, from the line
 * after start: "<<< 550-5.7.1 ..." or "550-5.7.1 ..." lines with d's
 * code, up to its last ("550 5.7.1 ...") included.  0 when none.
 */
static size_t
continuation(const char *start, const char *end, const char *code,
    struct buf *b)
{
	const char	*p, *q, *s;
	size_t		 lines = 0;

	for (p = start; p < end && lines < 64; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		s = p;
		if (q - s >= 4 && memcmp(s, "<<< ", 4) == 0)
			s += 4;
		while (s < q && (*s == ' ' || *s == '\t'))
			s++;
		if (q - s < 4 || memcmp(s, code, 3) != 0 ||
		    (s[3] != '-' && s[3] != ' '))
			break;
		buf_addc(b, ' ');
		buf_add(b, s, (size_t)(q - s));
		lines++;
		if (s[3] == ' ')
			break;		/* its last line */
		if (q == end)
			break;
	}
	return (lines);
}

/*
 * "550-5.7.1 This message does not have ..." is only the first line of a
 * multi-line reply: Sendmail's DSN keeps that line, its transcript
 * ("<<< 550-5.7.1 ...") every line.  Find the line in the message's text
 * from off on and take its continuation.  Each call scans that text
 * once, and a message's first MAX_COMPLETE records at most are
 * completed, so the work stays linear in the input.
 */
const char *
reply_complete(struct parser *P, size_t off, const char *d)
{
	const char	*t = P->doc->text.data, *end, *hit, *q;
	size_t		 dl = strlen(d), key, tries;
	struct buf	 b;
	char		 code[4];

	if (dl < 8 || !is_digit(d[0]) || !is_digit(d[1]) || !is_digit(d[2]) ||
	    d[3] != '-' || t == NULL || off >= P->doc->text.len)
		return (d);
	memcpy(code, d, 3);
	code[3] = '\0';
	end = t + P->doc->text.len;
	t += off;
	key = dl < 200 ? dl : 200;
	buf_init(&b);
	/* The same words may stand elsewhere first, "(reason: 550-...)". */
	for (tries = 0; tries < 8 && t < end &&
	    (hit = memmem(t, (size_t)(end - t), d, key)) != NULL; tries++) {
		if ((q = memchr(hit, '\n', (size_t)(end - hit))) == NULL)
			break;
		/* The whole line, not the start of a longer one. */
		if (key == dl && hit + dl != q) {
			t = hit + 1;
			continue;
		}
		buf_reset(&b);
		buf_add(&b, d, dl);
		if (continuation(q + 1, end, code, &b) > 0) {
			d = arena_strndup(&P->doc->arena, b.data, b.len);
			break;
		}
		t = q + 1;
	}
	buf_free(&b);
	return (d);
}

/*
 * Join a multi-line reply: "550-5.7.1 Our system ... 550-5.7.1 likely
 * unsolicited ... 550 5.7.1 https://..." loses the repeated prefixes.
 */
const char *
reply_join(struct parser *P, const char *d)
{
	struct buf	 b;
	const char	*p, *q;
	char		 pre[24], st[STATUS_MAX];
	size_t		 pl, at, sl = 0;
	int		 code = reply_find(d, strlen(d), &at), changed = 0;

	if (code == 0)
		return (d);
	p = d + at + 3;
	if (*p == '-' || *p == ' ')
		p++;
	st[0] = '\0';
	if (status_find(p, strlen(p) < 12 ? strlen(p) : 12, st, &at) && at == 0)
		sl = strlen(st);
	snprintf(pre, sizeof pre, "%d", code);
	pl = strlen(pre);
	buf_init(&b);
	buf_add(&b, d, (size_t)(p - d));
	for (q = p; *q != '\0'; q++) {
		/* " 550-5.7.1 " or " 550 5.7.1 " inside: drop it. */
		if (*q == ' ' && strncmp(q + 1, pre, pl) == 0 &&
		    (q[1 + pl] == '-' || q[1 + pl] == ' ') &&
		    (sl == 0 || (strncmp(q + 2 + pl, st, sl) == 0 &&
		    q[2 + pl + sl] == ' '))) {
			buf_add(&b, p, (size_t)(q - p));
			q += 1 + pl + 1 + (sl != 0 ? sl + 1 : 0);
			buf_addc(&b, ' ');
			p = q;
			q--;
			changed = 1;
		}
	}
	if (!changed) {
		buf_free(&b);
		return (d);
	}
	buf_adds(&b, p);
	d = arena_strndup(&P->doc->arena, b.data, b.len);
	buf_free(&b);
	return (d);
}

/* "\342" at s: the byte it writes, or -1. */
static int
octal_byte(const char *s)
{
	if (s[0] != '\\' || s[1] < '0' || s[1] > '3' || s[2] < '0' ||
	    s[2] > '7' || s[3] < '0' || s[3] > '7')
		return (-1);
	return ((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
}

/*
 * The escapes at s of 8-bit bytes, as many as spell whole UTF-8
 * characters (an escaped control or a stray byte stays as written):
 * their bytes in out, and the bytes of s they take; 0 when none.
 */
static size_t
octal_utf8_run(const char *s, char *out, size_t max, size_t *nout)
{
	size_t	 n = 0, bad;
	int	 c;

	while (n < max && (c = octal_byte(s + 4 * n)) >= 0x80)
		out[n++] = (char)c;
	if (!utf8_valid(out, n, &bad))
		n = bad;
	*nout = n;
	return (4 * n);
}

const char *
reply_unescape_utf8(struct parser *P, const char *d)
{
	struct buf	 b;
	const char	*p = d, *q;
	char		 run[256];
	size_t		 taken, n;

	if (strstr(d, "\\3") == NULL)
		return (d);
	buf_init(&b);
	while ((q = strchr(p, '\\')) != NULL) {
		buf_add(&b, p, (size_t)(q - p));
		if ((taken = octal_utf8_run(q, run, sizeof run, &n)) == 0) {
			buf_addc(&b, '\\');
			p = q + 1;
			continue;
		}
		buf_add(&b, run, n);
		p = q + taken;
	}
	buf_adds(&b, p);
	d = arena_strndup(&P->doc->arena, b.data, b.len);
	buf_free(&b);
	return (d);
}
