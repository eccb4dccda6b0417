/* Check tests of the byte searches (base/bytes.h). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/bytes.h"
#include "testutil.h"

/* The place of n in h, ASCII letters in any case, byte by byte. */
static const char *
naive_casemem(const char *h, size_t hl, const char *n, size_t nl)
{
	size_t	 i, k;
	int	 a, b;

	for (i = 0; i + nl <= hl; i++) {
		for (k = 0; k < nl; k++) {
			a = (unsigned char)h[i + k];
			b = (unsigned char)n[k];
			if ((a >= 'A' && a <= 'Z' ? a + 32 : a) !=
			    (b >= 'A' && b <= 'Z' ? b + 32 : b))
				break;
		}
		if (k == nl)
			return (h + i);
	}
	return (NULL);
}

/*
 * memcasemem() tests sixteen places at a time: against the byte by byte
 * search on random texts of bytes that fold alike or almost ('@' and
 * '`', '[' and '{' differ by the same bit as 'A' and 'a').
 */
START_TEST(test_memcasemem)
{
	static const char	 alphabet[] = "aAbBtT @`[{\x80\xc3";
	char			 h[96], n[24];
	unsigned		 seed = 12345;
	size_t			 hl, nl, i, found = 0;
	int			 round;

	for (round = 0; round < 200000; round++) {
		seed = seed * 1103515245u + 12345u;
		hl = (seed >> 8) % sizeof h;
		seed = seed * 1103515245u + 12345u;
		nl = (seed >> 8) % 6;
		for (i = 0; i < hl; i++) {
			seed = seed * 1103515245u + 12345u;
			h[i] = alphabet[(seed >> 8) % (sizeof alphabet - 1)];
		}
		/* Half the needles are cut from the text: they are found. */
		if (hl >= nl && round % 2 == 0) {
			seed = seed * 1103515245u + 12345u;
			memcpy(n, h + (seed >> 8) % (hl - nl + 1), nl);
		} else
			for (i = 0; i < nl; i++) {
				seed = seed * 1103515245u + 12345u;
				n[i] = alphabet[(seed >> 8) %
				    (sizeof alphabet - 1)];
			}
		if (memcasemem(h, hl, n, nl) != naive_casemem(h, hl, n, nl))
			ck_abort_msg("round %d: %zu bytes, needle of %zu",
			    round, hl, nl);
		found += naive_casemem(h, hl, n, nl) != NULL;
	}
	ck_assert_uint_gt(found, 50000);
	ck_assert_ptr_eq(memcasemem("xx Warning-ONLY", 15, "warning only", 12),
	    NULL);
	ck_assert_str_eq(memcasemem("This is a WARNING only.", 23,
	    "warning only", 12), "WARNING only.");
}
END_TEST

START_TEST(test_memcasemem_edges)
{
	const char	*h = "abc";

	ck_assert_ptr_eq(memcasemem(h, 3, "", 0), h);
	ck_assert_ptr_eq(memcasemem(h, 2, "abc", 3), NULL);
	ck_assert_ptr_eq(memcasemem(h, 3, "ABC", 3), h);
	/* NUL bytes are bytes like any other. */
	ck_assert_ptr_eq(memcasemem("a\0b\0c", 5, "B\0D", 3), NULL);
	ck_assert_ptr_eq(memcasemem("a\0b\0c", 5, "B C", 3), NULL);
	ck_assert_ptr_nonnull(memcasemem("a\0b\0c", 5, "B\0C", 3));
	/* A match that ends on the text's last byte, past a block of 16. */
	ck_assert_str_eq(memcasemem("0123456789abcdefghijklmnopqrsTUV",
	    32, "tuv", 3), "TUV");
}
END_TEST

static Suite *
bytes_suite(void)
{
	Suite	*s = suite_create("bytes");
	TCase	*tc = tcase_create("memcasemem");

	tcase_add_test(tc, test_memcasemem);
	tcase_add_test(tc, test_memcasemem_edges);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(bytes_suite()));
}
