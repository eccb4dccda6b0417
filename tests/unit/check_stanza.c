/* Unit tests of the stanza reader the catalogue and the rules share. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "diagnose/rules.h"
#include "base/stanza.h"

static const struct stanza_format plain = { 0, 1024, 8 };
static const struct stanza_format paras = { 1, 1024, 8 };

/*
 * The items of text as one string: "name=value;" per field, "|" per end
 * of stanza, or "E<line>:<message>" at an error.
 */
static char *
items(const struct stanza_format *fmt, const char *text, size_t len)
{
	struct stanza_reader	 rd;
	struct stanza_item	 it;
	struct load_error	 err;
	struct buf		 out;
	int			 rc;

	buf_init(&out);
	buf_adds(&out, "");
	if ((rc = stanza_open(&rd, fmt, "t.txt", text, len, &err)) == 0)
		while ((rc = stanza_next(&rd, &it)) > 0) {
			if (it.name == NULL)
				buf_addc(&out, '|');
			else
				buf_printf(&out, "%.*s=%s;", (int)it.namelen,
				    it.name, it.value);
		}
	if (rc < 0)
		buf_printf(&out, "E%u:%s", err.line, err.message);
	stanza_close(&rd);
	return (buf_steal(&out));
}

static void
expect_items(const struct stanza_format *fmt, const char *text,
    const char *want)
{
	char	*got = items(fmt, text, strlen(text));

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_reader)
{
	expect_items(&plain, "a: 1\nb:  two  \n\n\nc: 3\n", "a=1;b=two;|c=3;|");
	/* Continuations join with one space; a comment inside is skipped. */
	expect_items(&plain, "a: one\n  two\n# note\n\tthree\n\n",
	    "a=one two three;|");
	/* A value may start on its continuation line. */
	expect_items(&plain, "a:\n  late\n", "a=late;|");
	/* A line of blanks ends a stanza as an empty line does. */
	expect_items(&plain, "a: 1\n \t \nb: 2\n", "a=1;|b=2;|");
	/* Only where paragraphs are on is "." a line break. */
	expect_items(&paras, "a: x\n  .\n  y\n", "a=x\ny;|");
	expect_items(&plain, "a: x\n  .\n  y\n", "a=x . y;|");
	/* The last line may lack its end outside a stanza only. */
	expect_items(&plain, "# c\n\na: 1", "a=1;|");
	expect_items(&plain, "a: 1\n  x", "E2:unterminated entry: the file "
	    "ends in the middle of a line");
	expect_items(&plain, "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n"
	    "h: 8\ni: 9\n", "a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8;"
	    "E9:too many fields in one entry (at most 8)");
}
END_TEST

/* A value may hold max_value bytes, continuations and joins counted. */
START_TEST(test_value_limit)
{
	struct buf	 t;
	char		*got;

	buf_init(&t);
	buf_adds(&t, "a: ");
	while (t.len < 3 + 1000)
		buf_addc(&t, 'x');
	buf_adds(&t, "\n  ");
	while (t.len < 3 + 1000 + 3 + 23)
		buf_addc(&t, 'y');
	buf_addc(&t, '\n');
	/* 1000 + ' ' + 23 = 1024 bytes: the limit itself is allowed. */
	got = items(&plain, t.data, t.len);
	ck_assert_uint_eq(strlen(got), 2 + 1024 + 2);
	free(got);
	/* One byte more is refused, at the line that went over. */
	t.data[t.len - 1] = 'y';
	buf_addc(&t, '\n');
	got = items(&plain, t.data, t.len);
	ck_assert_str_eq(got, "E2:value of 'a' is longer than 1024 bytes");
	free(got);
	buf_free(&t);
}
END_TEST

/* CRLF line ends read exactly as LF ones, continuations included. */
START_TEST(test_crlf)
{
	const char	*lf = "# c\na: one\n  two\n\nb: x\n  .\n  y\n";
	const char	*crlf = "# c\r\na: one\r\n  two\r\n\r\nb: x\r\n  .\r\n"
	    "  y\r\n";
	char		*a, *b;

	a = items(&paras, lf, strlen(lf));
	b = items(&paras, crlf, strlen(crlf));
	ck_assert_str_eq(a, "a=one two;|b=x\ny;|");
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

static int
rules_text(struct rules *rs, const char *text, size_t len,
    struct load_error *err)
{
	rules_init(rs);
	memset(err, 0, sizeof *err);
	return (rules_parse(rs, "t.txt", text, len, err));
}

/* A rules file in CRLF loads the same rules as its LF form. */
START_TEST(test_crlf_rules)
{
	const char		*lf = "reason: blocked\ntitle: Blocked\n"
	    "permanent: yes\nretry: never\n\n# a rule\nrule: acme\n"
	    "match: ACME-\\d+\n  refused\nreason: blocked\nstep: Ask\n"
	    "  Acme.\nsource: RFC 5321\n";
	const char		*crlf = "reason: blocked\r\ntitle: Blocked\r\n"
	    "permanent: yes\r\nretry: never\r\n\r\n# a rule\r\nrule: acme\r\n"
	    "match: ACME-\\d+\r\n  refused\r\nreason: blocked\r\nstep: Ask\r\n"
	    "  Acme.\r\nsource: RFC 5321\r\n";
	struct rules		 a, b;
	struct load_error	 err;

	ck_assert_int_eq(rules_text(&a, lf, strlen(lf), &err), 0);
	ck_assert_msg(rules_text(&b, crlf, strlen(crlf), &err) == 0,
	    "%u: %s", err.line, err.message);
	ck_assert_uint_eq(a.n, 1);
	ck_assert_uint_eq(b.n, 1);
	ck_assert_str_eq(b.v[0].pattern, "ACME-\\d+ refused");
	ck_assert_str_eq(a.v[0].pattern, b.v[0].pattern);
	ck_assert_str_eq(b.v[0].steps[0], "Ask Acme.");
	ck_assert_str_eq(b.v[0].sources[0], "RFC 5321");
	ck_assert_uint_eq(b.v[0].line, 7);
	ck_assert_str_eq(b.reasons[0].title, "Blocked");
	rules_free(&a);
	rules_free(&b);
}
END_TEST

START_TEST(test_nul_in_rules)
{
	const char		 text[] = "rule: a\nmatch: x\0y\nreason: b\n";
	struct rules		 rs;
	struct load_error	 err;

	ck_assert_int_eq(rules_text(&rs, text, sizeof text - 1, &err), -1);
	ck_assert_str_eq(err.file, "t.txt");
	ck_assert_uint_eq(err.line, 2);
	ck_assert_str_eq(err.message, "NUL byte in a text file");
	rules_free(&rs);
}
END_TEST

/* Mistakes of the format itself, whichever loader reads them. */
static const struct {
	const char	*text;
	size_t		 len;
	unsigned	 line;
	const char	*message;
} bad[] = {
#define T(s) s, sizeof s - 1
	{ T("# c\nfield value\n"), 2, "expected 'field: value'" },
	{ T("  continued\n"), 1, "continuation line outside an entry" },
	{ T("# c\nmeening: x\n"), 2, "unknown field 'meening'" },
	{ T("x:\n  \n"), 1, "empty value for 'x'" },
	{ T("x: 1\n  more"), 2, "unterminated entry: the file ends in the "
	    "middle of a line" },
	{ T("# ok\nx: caf\xe9\n"), 2, "invalid UTF-8 (byte 0xe9)" },
	{ T("# ok\nx: a\0b\n"), 2, "NUL byte in a text file" },
#undef T
};

START_TEST(test_same_errors)
{
	struct catalog		 c;
	struct rules		 rs;
	struct load_error	 ec, er;

	catalog_init(&c);
	memset(&ec, 0, sizeof ec);
	ck_assert_int_eq(catalog_parse(&c, "t.txt", bad[_i].text, bad[_i].len,
	    &ec), -1);
	ck_assert_int_eq(rules_text(&rs, bad[_i].text, bad[_i].len, &er), -1);
	ck_assert_str_eq(ec.file, "t.txt");
	ck_assert_str_eq(er.file, "t.txt");
	ck_assert_uint_eq(ec.line, bad[_i].line);
	ck_assert_uint_eq(er.line, bad[_i].line);
	ck_assert_str_eq(ec.message, bad[_i].message);
	ck_assert_str_eq(er.message, bad[_i].message);
	catalog_free(&c);
	rules_free(&rs);
}
END_TEST

static Suite *
stanza_suite(void)
{
	Suite	*s = suite_create("stanza");
	TCase	*tc = tcase_create("reader");

	tcase_add_test(tc, test_reader);
	tcase_add_test(tc, test_value_limit);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_crlf_rules);
	tcase_add_test(tc, test_nul_in_rules);
	tcase_add_loop_test(tc, test_same_errors, 0,
	    sizeof bad / sizeof bad[0]);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(stanza_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
