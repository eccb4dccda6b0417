/* Byte searches over text that is not NUL-terminated. */
#include "config.h"

#include <stddef.h>

#include "base/bytes.h"

static unsigned char
ascii_lower(unsigned char c)
{
	return ((unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
}

/* The n bytes at a and b are alike, ASCII letters in any case. */
static int
caseless_eq(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return (0);
	return (1);
}

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * The candidates in the 16 bytes at p, a bit each: those whose first and
 * last byte are the needle's, letters folded by setting bit 0x20 (which
 * folds a few other bytes too: the caller checks each candidate).
 */
static unsigned
candidates16(const unsigned char *p, size_t last, __m128i first,
    __m128i first_fold, __m128i final, __m128i final_fold)
{
	__m128i	 a, b;

	a = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)p),
	    first_fold);
	b = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)
	    (p + last)), final_fold);
	return ((unsigned)_mm_movemask_epi8(_mm_and_si128(
	    _mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, final))));
}
#endif

/*
 * The first place of n (nl bytes) in h (hl bytes), ASCII letters in any
 * case.  With SSE2, sixteen places at a time are tested on the needle's
 * first and last byte before any is compared whole: the phrases looked
 * for in whole reports ("this is a warning only") begin with common
 * letters, and a memchr() per hit of 't' was 5% of --diagnose.
 */
const char *
memcasemem(const char *h, size_t hl, const char *n, size_t nl)
{
	const unsigned char	*p = (const unsigned char *)h;
	const unsigned char	*nd = (const unsigned char *)n;
	const unsigned char	*end;
	unsigned char		 f, l;

	if (nl == 0)
		return (h);
	if (hl < nl)
		return (NULL);
	end = p + (hl - nl) + 1;	/* candidate starts lie before */
	f = ascii_lower(nd[0]);
	l = ascii_lower(nd[nl - 1]);
#ifdef __SSE2__
	{
		const int fl = f >= 'a' && f <= 'z', ll = l >= 'a' && l <= 'z';
		const __m128i first = _mm_set1_epi8((char)f);
		const __m128i final = _mm_set1_epi8((char)l);
		const __m128i first_fold = _mm_set1_epi8(fl ? 0x20 : 0);
		const __m128i final_fold = _mm_set1_epi8(ll ? 0x20 : 0);
		unsigned	 m;
		int		 i;

		for (; end - p >= 16; p += 16) {
			m = candidates16(p, nl - 1, first, first_fold, final,
			    final_fold);
			while (m != 0) {
				i = __builtin_ctz(m);
				if (caseless_eq(p + i, nd, nl))
					return ((const char *)(p + i));
				m &= m - 1;
			}
		}
	}
#endif
	for (; p < end; p++)
		if (ascii_lower(*p) == f && ascii_lower(p[nl - 1]) == l &&
		    caseless_eq(p, nd, nl))
			return ((const char *)p);
	return (NULL);
}
