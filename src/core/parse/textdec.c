/* Decoding of mail text to UTF-8: transfer encodings, charsets, RFC 2047. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse/textdec.h"
#include "base/utf8.h"

#define REPLACEMENT	"\xef\xbf\xbd"

static const signed char b64val[256] = {
	['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6,
	['G'] = 7, ['H'] = 8, ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12,
	['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16, ['Q'] = 17, ['R'] = 18,
	['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
	['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30,
	['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
	['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42,
	['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48,
	['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54,
	['2'] = 55, ['3'] = 56, ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60,
	['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64, ['-'] = 63, ['_'] = 64,
};

void
textdec_init(struct textdec *t)
{
	memset(t, 0, sizeof *t);
}

void
textdec_free(struct textdec *t)
{
	size_t	 i;

	for (i = 0; i < TEXTDEC_CACHE; i++) {
		if (t->cache[i].name[0] != '\0' &&
		    t->cache[i].cd != (void *)-1)
			iconv_close((iconv_t)t->cache[i].cd);
	}
	memset(t, 0, sizeof *t);
}

void
textdec_base64(const char *in, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)in;
	uint32_t		 acc = 0;
	size_t			 i;
	int			 n = 0, v;
	char			*p;

	buf_reserve(out, len / 4 * 3 + 4);
	p = out->data + out->len;
	for (i = 0; i < len; i++) {
		if ((v = b64val[u[i]]) == 0) {
			if (u[i] == '=')
				break;
			continue;	/* line ends and garbage */
		}
		acc = (acc << 6) | (uint32_t)(v - 1);
		if (++n == 4) {
			*p++ = (char)(acc >> 16);
			*p++ = (char)(acc >> 8);
			*p++ = (char)acc;
			acc = 0;
			n = 0;
		}
	}
	if (n == 2)
		*p++ = (char)(acc >> 4);
	else if (n == 3) {
		*p++ = (char)(acc >> 10);
		*p++ = (char)(acc >> 2);
	}
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

void
textdec_qp(const char *in, size_t len, struct buf *out, int header)
{
	size_t	 i, j;
	char	*p;
	int	 h, l;

	buf_reserve(out, len + 1);
	p = out->data + out->len;
	for (i = 0; i < len; i++) {
		/* A body's plain stretch goes whole, up to the next '='. */
		if (!header && in[i] != '=') {
			const char *eq = memchr(in + i, '=', len - i);

			j = eq != NULL ? (size_t)(eq - in) : len;
			memcpy(p, in + i, j - i);
			p += j - i;
			i = j - 1;
			continue;
		}
		if (in[i] == '_' && header) {
			*p++ = ' ';
			continue;
		}
		if (in[i] != '=') {
			*p++ = in[i];
			continue;
		}
		if (i + 2 < len + 0 && (h = hexval((unsigned char)in[i + 1])) >= 0 &&
		    (l = hexval((unsigned char)in[i + 2])) >= 0) {
			*p++ = (char)(h << 4 | l);
			i += 2;
			continue;
		}
		/* A soft line break: '=' then optional blanks then newline. */
		for (j = i + 1; j < len && (in[j] == ' ' || in[j] == '\t'); j++)
			;
		if (j < len && in[j] == '\n') {
			i = j;
			continue;
		}
		if (j == len)
			break;
		*p++ = '=';
	}
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
}

/* True when the 8 bytes hold only printable ASCII, tabs and newlines. */
static inline int
word_plain(const unsigned char *u)
{
	uint64_t	 w;

	memcpy(&w, u, 8);
	/* No high bit and no byte below 0x20 except what we test below. */
	if ((w & 0x8080808080808080ull) != 0)
		return (0);
	return (((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull)
	    == 0);
}

void
textdec_utf8(const char *in, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)in;
	size_t			 i = 0, start = 0, n;
	uint32_t		 cp;

	buf_reserve(out, len + 1);
	if (len == 0)
		return;		/* in may be NULL: no arithmetic on it */
	while (i < len) {
		if (i + 8 <= len && word_plain(u + i)) {
			i += 8;
			continue;
		}
		if (u[i] >= 0x80) {
			n = utf8_decode(in + i, len - i, &cp);
			if (!(cp == UTF8_REPLACEMENT && n == 1)) {
				i += n;
				continue;
			}
		} else if (u[i] != 0) {
			i++;
			continue;
		}
		buf_add(out, in + start, i - start);
		buf_add(out, REPLACEMENT, 3);
		start = ++i;
	}
	buf_add(out, in + start, i - start);
}

void
textdec_latin1(const char *in, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)in;
	size_t			 i;
	char			*p;

	buf_reserve(out, len * 3 + 1);
	p = out->data + out->len;
	for (i = 0; i < len; i++) {
		if (u[i] == 0) {
			memcpy(p, REPLACEMENT, 3);
			p += 3;
		} else if (u[i] < 0x80)
			*p++ = (char)u[i];
		else {
			*p++ = (char)(0xc0 | (u[i] >> 6));
			*p++ = (char)(0x80 | (u[i] & 0x3f));
		}
	}
	out->len = (size_t)(p - out->data);
	out->data[out->len] = '\0';
}

/* Undeclared 8-bit text: UTF-8 when it is valid, else Latin-1. */
static void
textdec_guess(const char *in, size_t len, struct buf *out)
{
	const unsigned char	*u = (const unsigned char *)in;
	size_t			 i = 0;
	uint64_t		 w;

	/* Plain ASCII, the usual case, needs no validation pass. */
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, u + i, 8);
		if (w & 0x8080808080808080ull)
			break;
	}
	while (i < len && u[i] < 0x80)
		i++;
	if (i == len || utf8_valid(in + i, len - i, NULL))
		textdec_utf8(in, len, out);
	else
		textdec_latin1(in, len, out);
}

static void *
textdec_open(struct textdec *t, const char *name)
{
	size_t	 i;
	void	*cd;

	for (i = 0; i < TEXTDEC_CACHE; i++) {
		if (strcmp(t->cache[i].name, name) == 0)
			return (t->cache[i].cd);
	}
	cd = (void *)iconv_open("UTF-8", name);
	i = t->next++ % TEXTDEC_CACHE;
	if (t->cache[i].name[0] != '\0' && t->cache[i].cd != (void *)-1)
		iconv_close((iconv_t)t->cache[i].cd);
	snprintf(t->cache[i].name, sizeof t->cache[i].name, "%s", name);
	t->cache[i].cd = cd;
	return (cd);
}

/*
 * iconv() gets the input a chunk at a time.  Every invalid byte costs a
 * call, and the sanitizers' iconv interceptor checks the whole input
 * range of each call: handing over the rest of the text every time made
 * an error storm quadratic.  A chunk starts small after an error and
 * doubles while the text converts, so a storm costs a few bytes of
 * checking per error and clean text still goes over in big calls.
 */
#define ICONV_CHUNK_MIN	32
#define ICONV_CHUNK_MAX	4096

static void
textdec_iconv(void *cd, const char *in, size_t len, struct buf *out,
    size_t max)
{
	char	*ip = (char *)(uintptr_t)in, *from, *op;
	size_t	 left = len, chunk = ICONV_CHUNK_MIN, il, ol, r;
	size_t	 start = out->len;
	char	 tmp[4096];
	int	 e;

	if (max == 0)
		max = SIZE_MAX;
	iconv((iconv_t)cd, NULL, NULL, NULL, NULL);
	while (left > 0 && out->len - start < max) {
		from = ip;
		il = left < chunk ? left : chunk;
		op = tmp;
		ol = sizeof tmp;
		r = iconv((iconv_t)cd, &ip, &il, &op, &ol);
		e = errno;	/* before the scrub below can change it */
		left -= (size_t)(ip - from);
		/* iconv's output may hold NULs from the input: scrub it. */
		textdec_utf8(tmp, (size_t)(op - tmp), out);
		if (r != (size_t)-1 || e == E2BIG) {
			if (chunk < ICONV_CHUNK_MAX)
				chunk *= 2;
			continue;
		}
		/*
		 * A sequence cut by the chunk's end, not the text's: the next
		 * chunk starts with it.  No reset in between, since the shift
		 * state (ISO-2022-JP's ESC $ B) governs the bytes after it.
		 */
		if (e == EINVAL && il < left) {
			if (chunk < ICONV_CHUNK_MAX) {
				chunk *= 2;
				continue;
			}
			if (ip != from)
				continue;
			/* No sequence is that long: an invalid byte. */
			e = EILSEQ;
		}
		buf_add(out, REPLACEMENT, 3);
		if (e == EINVAL)
			break;		/* truncated at the end */
		/*
		 * Skip the byte and start again from the initial state: in
		 * ISO-2022-JP that is ASCII, which is how the text finds its
		 * feet again when the error came from a wrong shift state (a
		 * line that never shifted back, say).
		 */
		ip++;
		left--;
		chunk = ICONV_CHUNK_MIN;
		iconv((iconv_t)cd, NULL, NULL, NULL, NULL);
	}
	op = tmp;
	ol = sizeof tmp;
	iconv((iconv_t)cd, NULL, NULL, &op, &ol);
	textdec_utf8(tmp, (size_t)(op - tmp), out);
}

/*
 * The 8-bit bytes of Japanese text are EUC-JP's when each is a pair of
 * 0xA1..0xFE (or a 0x8E/0x8F single shift), else Shift_JIS's.
 */
static int
looks_eucjp(const unsigned char *u, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++) {
		if (u[i] < 0x80)
			continue;
		if (u[i] == 0x8e || u[i] == 0x8f || (u[i] >= 0xa1 &&
		    u[i] != 0xff)) {
			if (i + 1 == len || u[i + 1] < 0xa1 || u[i + 1] == 0xff)
				return (0);
			i++;
			if (u[i - 1] == 0x8f && (i + 1 == len ||
			    u[++i] < 0xa1))
				return (0);
		} else
			return (0);
	}
	return (1);
}

/*
 * "charset=ISO-2022-JP" on 8-bit bytes and no escape sequence, which
 * that 7-bit code always shifts with (RFC 1468): the label is wrong, as
 * Japanese carriers' notices show; the bytes are UTF-8, EUC-JP or
 * Shift_JIS, told apart by their form.
 */
static const char *
jis_label_wrong(const char *name, const char *in, size_t len)
{
	size_t	 i;

	/* Real ISO-2022-JP shifts with ESC, which EUC-JP and SJIS lack. */
	if (len == 0 || strncmp(name, "iso-2022-jp", 11) != 0 ||
	    memchr(in, 0x1b, len) != NULL)
		return (NULL);
	for (i = 0; i < len && (unsigned char)in[i] < 0x80; i++)
		;
	if (i == len)
		return (NULL);
	if (utf8_valid(in, len, NULL))
		return ("utf-8");
	return (looks_eucjp((const unsigned char *)in, len) ? "euc-jp" :
	    "cp932");
}

/* Lower-case, unquoted, bounded copy of a charset name. */
static void
charset_name(const char *cs, char *name, size_t size)
{
	size_t	 i = 0;

	while (*cs == '"' || *cs == '\'' || *cs == ' ')
		cs++;
	for (; *cs != '\0' && *cs != '"' && *cs != '\'' && *cs != ' ' &&
	    *cs != ';' && i + 1 < size; cs++) {
		char c = *cs;
		name[i++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	name[i] = '\0';
}

void
textdec_charset(struct textdec *t, const char *cs, const char *in,
    size_t len, struct buf *out)
{
	char		 name[32];
	const char	*real;
	void		*cd;

	name[0] = '\0';
	if (cs != NULL)
		charset_name(cs, name, sizeof name);
	if (name[0] == '\0' || strcmp(name, "us-ascii") == 0 ||
	    strcmp(name, "ascii") == 0 || strcmp(name, "unknown-8bit") == 0 ||
	    strcmp(name, "x-unknown") == 0) {
		/* ISO-2022-JP sent without a label is common in Japan. */
		if (len != 0 && memchr(in, 0x1b, len) != NULL &&
		    (cd = textdec_open(t, "ISO-2022-JP")) != (void *)-1)
			textdec_iconv(cd, in, len, out, t->max_out);
		else
			textdec_guess(in, len, out);
		return;
	}
	if ((real = jis_label_wrong(name, in, len)) != NULL)
		snprintf(name, sizeof name, "%s", real);
	if (strcmp(name, "utf-8") == 0 || strcmp(name, "utf8") == 0) {
		textdec_utf8(in, len, out);
		return;
	}
	if (strcmp(name, "iso-8859-1") == 0 || strcmp(name, "latin1") == 0 ||
	    strcmp(name, "iso_8859-1") == 0 || strcmp(name, "l1") == 0) {
		textdec_latin1(in, len, out);
		return;
	}
	if (strcmp(name, "x-sjis") == 0 || strcmp(name, "shift-jis") == 0)
		snprintf(name, sizeof name, "shift_jis");
	else if (strcmp(name, "ks_c_5601-1987") == 0)
		snprintf(name, sizeof name, "cp949");
	if ((cd = textdec_open(t, name)) == (void *)-1) {
		textdec_guess(in, len, out);
		return;
	}
	textdec_iconv(cd, in, len, out, t->max_out);
}

/* Parse one =?cs?e?text?= at s; returns its length or 0. */
static size_t
encoded_word(const char *s, size_t len, const char **cs, size_t *cslen,
    char *enc, const char **txt, size_t *txtlen)
{
	size_t	 i = 2, q1, q2;

	if (len < 8 || s[0] != '=' || s[1] != '?')
		return (0);
	for (q1 = i; q1 < len && s[q1] != '?'; q1++)
		if (s[q1] == ' ' || s[q1] == '\n' || q1 - i > 40)
			return (0);
	if (q1 + 3 >= len || s[q1 + 2] != '?')
		return (0);
	*enc = s[q1 + 1];
	if (*enc != 'b' && *enc != 'B' && *enc != 'q' && *enc != 'Q')
		return (0);
	for (q2 = q1 + 3; q2 + 1 < len; q2++) {
		if (s[q2] == '?' && s[q2 + 1] == '=')
			break;
		if (s[q2] == ' ' || s[q2] == '\n' || s[q2] == '\t')
			return (0);
	}
	if (q2 + 1 >= len)
		return (0);
	*cs = s + i;
	*cslen = q1 - i;
	*txt = s + q1 + 3;
	*txtlen = q2 - (q1 + 3);
	return (q2 + 2);
}

void
textdec_header(struct textdec *t, const char *in, size_t len, struct buf *out)
{
	struct buf	 raw;
	const char	*cs, *txt, *p;
	size_t		 i = 0, start = 0, n, cslen, txtlen, j;
	char		 enc, name[32], *q;
	int		 last_word = 0;

	if (len == 0 || (p = memchr(in, '=', len)) == NULL) {
		textdec_charset(t, NULL, in, len, out);
		return;
	}
	buf_init(&raw);
	while (i < len) {
		if (in[i] != '=' || (n = encoded_word(in + i, len - i, &cs,
		    &cslen, &enc, &txt, &txtlen)) == 0) {
			i++;
			continue;
		}
		/* Blanks between two encoded words vanish (RFC 2047 6.2). */
		for (j = start; j < i && (in[j] == ' ' || in[j] == '\t' ||
		    in[j] == '\n'); j++)
			;
		if (!(last_word && j == i))
			textdec_charset(t, NULL, in + start, i - start, out);
		buf_reset(&raw);
		if (enc == 'b' || enc == 'B')
			textdec_base64(txt, txtlen, &raw);
		else
			textdec_qp(txt, txtlen, &raw, 1);
		if (cslen >= sizeof name)
			cslen = sizeof name - 1;
		memcpy(name, cs, cslen);
		name[cslen] = '\0';
		/* RFC 2231 language suffix: "utf-8*en". */
		if ((q = strchr(name, '*')) != NULL)
			*q = '\0';
		if (raw.len != 0)
			textdec_charset(t, name, raw.data, raw.len, out);
		i += n;
		start = i;
		last_word = 1;
	}
	textdec_charset(t, NULL, in + start, len - start, out);
	buf_free(&raw);
}
