/* UTF-8 helpers that do not depend on the C library's locale. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "base/utf8.h"

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return (n);
bad:
	*cp = UTF8_REPLACEMENT;
	return (1);
}

int
utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		/* A real U+FFFD takes three bytes; one byte means invalid. */
		if (cp == UTF8_REPLACEMENT && n == 1) {
			if (bad != NULL)
				*bad = i;
			return (0);
		}
		i += n;
	}
	return (1);
}

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/*
 * Simple case folding for the scripts the catalogue and its translations
 * use (Latin, Greek, Cyrillic).  Search must behave the same whatever the
 * user's locale, so this does not call towlower().
 */
uint32_t
utf8_fold_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z' ? c + 32 : c);
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7))
		return (c + 32);
	if (c >= 0x100 && c <= 0x17f) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return ((c & 1) ? c + 1 : c);
		if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 ||
		    c == 0x17f)
			return (c);
		return ((c & 1) ? c : c + 1);
	}
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return (c + 32);
	if (c >= 0x410 && c <= 0x42f)
		return (c + 32);
	if (c >= 0x400 && c <= 0x40f)
		return (c + 80);
	if (c == 0x1e9e)	/* capital sharp s */
		return (0xdf);
	return (c);
}

void
utf8_fold(const char *s, size_t len, struct buf *out)
{
	size_t		 i = 0, n;
	uint32_t	 cp;
	char		 enc[4];

	buf_reserve(out, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1) {
			buf_addc(out, s[i]);
			i++;
			continue;
		}
		buf_add(out, enc, utf8_encode(utf8_fold_cp(cp), enc));
		i += n;
	}
}

int
utf8_cp_dangerous(uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return (1);
	/* Bidi embeddings, overrides and isolates reorder what follows. */
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c)
		return (1);
	/* Line and paragraph separators, and noncharacters. */
	if (c == 0x2028 || c == 0x2029 || c == 0xfeff ||
	    (c >= 0xfff9 && c <= 0xfffb))
		return (1);
	return (0);
}

struct range {
	uint32_t	lo, hi;
};

static int
in_ranges(uint32_t c, const struct range *r, size_t n)
{
	size_t	 lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return (1);
	}
	return (0);
}

/* Combining marks and zero-width characters (main blocks). */
static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0670, 0x0670 },
	{ 0x06d6, 0x06dc }, { 0x0900, 0x0902 }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200d }, { 0x20d0, 0x20ff },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xfe00, 0xfe0f },
	{ 0xfe20, 0xfe2f }, { 0xe0100, 0xe01ef },
};

/* East Asian wide and fullwidth characters. */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x2614, 0x2615 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

int
utf8_cp_width(uint32_t c)
{
	if (utf8_cp_dangerous(c))
		return (-1);
	if (c < 0x300)
		return (1);
	if (in_ranges(c, zero_width, sizeof zero_width / sizeof *zero_width))
		return (0);
	if (in_ranges(c, wide, sizeof wide / sizeof *wide))
		return (2);
	return (1);
}

static void
escape_cp(uint32_t c, struct buf *out)
{
	if (c < 0x20)
		buf_printf(out, "^%c", (char)(c + '@'));
	else if (c == 0x7f)
		buf_adds(out, "^?");
	else
		buf_printf(out, "<U+%04X>", (unsigned)c);
}

void
utf8_sanitize(const char *s, size_t len, struct buf *out, int keep_tab,
    int keep_nl)
{
	size_t		 i = 0, n, run;
	uint32_t	 cp;

	buf_reserve(out, len);
	while (i < len) {
		/* Copy plain printable ASCII in one go: it is the common case. */
		for (run = i; run < len; run++) {
			unsigned char c = (unsigned char)s[run];
			if (c < 0x20 || c >= 0x7f)
				break;
		}
		if (run > i) {
			buf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1) {
			buf_printf(out, "\\x%02x", (unsigned char)s[i]);
		} else if ((cp == '\t' && keep_tab) || (cp == '\n' && keep_nl)) {
			buf_addc(out, (char)cp);
		} else if (utf8_cp_dangerous(cp)) {
			escape_cp(cp, out);
		} else
			buf_add(out, s + i, n);
		i += n;
	}
}

void
utf8_eprintf(const char *fmt, ...)
{
	struct buf	 msg, safe;
	va_list		 ap;

	buf_init(&msg);
	buf_init(&safe);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	utf8_sanitize(msg.data != NULL ? msg.data : "", msg.len, &safe, 1, 1);
	fflush(stdout);
	if (safe.len != 0)
		fwrite(safe.data, 1, safe.len, stderr);
	buf_free(&msg);
	buf_free(&safe);
}

size_t
utf8_display_width(const char *s, size_t len)
{
	size_t		 i = 0, n, w = 0;
	uint32_t	 cp;
	int		 cw;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			w += 4;
		else if ((cw = utf8_cp_width(cp)) >= 0)
			w += (size_t)cw;
		else
			w += cp < 0x20 || cp == 0x7f ? 2 : 8;
		i += n;
	}
	return (w);
}
