/* Unit tests of the buffers and the one growth rule of arrays. */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

START_TEST(test_xgrow)
{
	uint32_t	*v = NULL;
	size_t		 cap = 0, i, old;

	/* The first room holds XGROW_MIN_BYTES. */
	v = xgrow(v, &cap, 1, sizeof *v);
	ck_assert_uint_eq(cap, XGROW_MIN_BYTES / sizeof *v);
	/* Enough room: nothing moves. */
	old = cap;
	ck_assert_ptr_eq(xgrow(v, &cap, cap, sizeof *v), v);
	ck_assert_uint_eq(cap, old);
	/* Doubling, and what was there stays. */
	for (i = 0; i < 1000; i++) {
		v = xgrow(v, &cap, i + 1, sizeof *v);
		v[i] = (uint32_t)i;
	}
	ck_assert_uint_eq(cap, 1024);
	for (i = 0; i < 1000; i++)
		ck_assert_uint_eq(v[i], i);
	/* A need beyond doubling is met at once. */
	v = xgrow(v, &cap, 5000, sizeof *v);
	ck_assert_uint_ge(cap, 5000);
	free(v);
}
END_TEST

/* An array that cannot be sized without overflow aborts, never wraps. */
START_TEST(test_xgrow_overflow)
{
	char	*v = NULL;
	size_t	 cap = 0;

	v = xgrow(v, &cap, SIZE_MAX / 8, 16);
	free(v);
}
END_TEST

START_TEST(test_buf)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < 10000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_uint_gt(b.cap, b.len);
	ck_assert_int_eq(b.data[b.len], '\0');
	ck_assert_int_eq(b.data[9999], 'a' + 9999 % 26);
	ck_assert_int_eq(buf_reserve(&b, SIZE_MAX), -1);
	buf_free(&b);
}
END_TEST

static Suite *
buf_suite(void)
{
	Suite		*s = suite_create("buf");
	TCase		*tc = tcase_create("grow");
	const char	*fork = getenv("CK_FORK");

	tcase_add_test(tc, test_xgrow);
	/* The abort ends the process: only where each test is forked. */
	if (fork == NULL || strcmp(fork, "no") != 0)
		tcase_add_test_raise_signal(tc, test_xgrow_overflow, SIGABRT);
	tcase_add_test(tc, test_buf);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(buf_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
