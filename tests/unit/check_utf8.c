/* Unit tests of the UTF-8 helpers: decoding, folding, width, escaping. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

static char *
sanitized(const char *s, size_t len, int tab, int nl)
{
	struct buf	 b;

	buf_init(&b);
	utf8_sanitize(s, len, &b, tab, nl);
	return (buf_steal(&b));
}

/* String literals may hold NUL: take their length from sizeof. */
#define expect_sanitized(lit, want) expect_sanitized_n(lit, sizeof lit - 1, want)

static void
expect_sanitized_n(const char *in, size_t len, const char *want)
{
	char	*got = sanitized(in, len, 0, 0);

	ck_assert_msg(strcmp(got, want) == 0, "got '%s', want '%s'", got,
	    want);
	free(got);
}

START_TEST(test_decode)
{
	uint32_t	 cp;

	ck_assert_uint_eq(utf8_decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(utf8_decode("\xe2\x80\xae", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x202e);
	ck_assert_uint_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
	/* Overlong, surrogate, truncated, stray continuation: one byte. */
	ck_assert_uint_eq(utf8_decode("\xc0\xaf", 2, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_REPLACEMENT);
	ck_assert_uint_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	ck_assert_uint_eq(utf8_decode("\xe2\x80", 2, &cp), 1);
	ck_assert_uint_eq(utf8_decode("\x80", 1, &cp), 1);
	ck_assert_uint_eq(utf8_decode("\xf5\x80\x80\x80", 4, &cp), 1);
}
END_TEST

START_TEST(test_valid)
{
	size_t	 bad = 99;

	ck_assert(utf8_valid("caf\xc3\xa9 \xef\xbf\xbd", 9, &bad));
	ck_assert(!utf8_valid("ab\xff", 3, &bad));
	ck_assert_uint_eq(bad, 2);
	ck_assert(!utf8_valid("\xc3", 1, &bad));
	ck_assert_uint_eq(bad, 0);
}
END_TEST

START_TEST(test_fold)
{
	struct buf	 b;

	buf_init(&b);
	utf8_fold("MAILBOX Full \xc3\x89T\xc3\x89 \xc3\x84RGER \xd0\x9f",
	    strlen("MAILBOX Full \xc3\x89T\xc3\x89 \xc3\x84RGER \xd0\x9f"), &b);
	ck_assert_str_eq(b.data, "mailbox full \xc3\xa9t\xc3\xa9 \xc3\xa4rger "
	    "\xd0\xbf");
	buf_free(&b);
	ck_assert_uint_eq(utf8_fold_cp(0xd7), 0xd7);	/* multiplication */
	ck_assert_uint_eq(utf8_fold_cp(0x100), 0x101);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(utf8_display_width("abc", 3), 3);
	ck_assert_uint_eq(utf8_display_width("\xe6\x97\xa5\xe6\x9c\xac", 6), 4);
	ck_assert_uint_eq(utf8_display_width("e\xcc\x81", 3), 1);
	ck_assert_uint_eq(utf8_display_width("\x1b", 1), 2);	/* ^[ */
	ck_assert_uint_eq(utf8_display_width("\xff", 1), 4);	/* \xff */
}
END_TEST

START_TEST(test_sanitize_terminal_attacks)
{
	/* Title change, clear screen, alternate screen, clipboard write. */
	expect_sanitized("\x1b]0;pwned\x07", "^[]0;pwned^G");
	expect_sanitized("\x1b[2J\x1b[?1049l", "^[[2J^[[?1049l");
	expect_sanitized("\x1b]52;c;aGk=\x1b\\", "^[]52;c;aGk=^[\\");
	/* C1 controls as UTF-8 (CSI U+009B) and as raw Latin-1 bytes. */
	expect_sanitized("\xc2\x9b" "2J", "<U+009B>2J");
	expect_sanitized("\x9b" "2J", "\\x9b2J");
	/* Bidi override and isolates. */
	expect_sanitized("a\xe2\x80\xae" "b", "a<U+202E>b");
	expect_sanitized("\xe2\x81\xa6x", "<U+2066>x");
	expect_sanitized("del\x7f", "del^?");
	expect_sanitized("tab\there", "tab^Ihere");
	expect_sanitized("nul\0x", "nul^@x");
	expect_sanitized("caf\xc3\xa9", "caf\xc3\xa9");
}
END_TEST

START_TEST(test_sanitize_keeps)
{
	char	*s = sanitized("a\tb\nc\r", 6, 1, 1);

	ck_assert_str_eq(s, "a\tb\nc^M");
	free(s);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite	*s = suite_create("utf8");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_fold);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_sanitize_terminal_attacks);
	tcase_add_test(tc, test_sanitize_keeps);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(utf8_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
