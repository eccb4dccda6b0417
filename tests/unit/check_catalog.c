/* Unit tests of the catalogue loader, lookup and categories. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "testutil.h"

#define ENTRY(code, kind, extra) \
	"code: " code "\nkind: " kind "\n" extra "category: mailbox\n" \
	"title: T " code "\nmeaning: M.\nretry: never\nfrequency: rare\n" \
	"importance: low\nsource: RFC 5321\n"

/* Expect a load error at line with a message containing needle. */
static void
expect_error(const char *text, unsigned line, const char *needle)
{
	struct catalog		 c;
	struct load_error	 err;

	memset(&err, 0, sizeof err);
	ck_assert_int_eq(parse_text(&c, text, &err), -1);
	ck_assert_msg(strstr(err.message, needle) != NULL,
	    "message '%s' lacks '%s'", err.message, needle);
	ck_assert_uint_eq(err.line, line);
	ck_assert_str_eq(err.file, "t.txt");
	catalog_free(&c);
}

START_TEST(test_minimal_entry)
{
	struct catalog		 c;
	struct load_error	 err;
	const struct entry	*e[4];

	ck_assert_int_eq(parse_text(&c, ENTRY("550", "reply", ""), &err), 0);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_eq(catalog_lookup(&c, "550", e, 4), 1);
	ck_assert_str_eq(e[0]->title, "T 550");
	ck_assert_int_eq(e[0]->klass, 5);
	ck_assert_int_eq(e[0]->group, GROUP_5XX);
	ck_assert_str_eq(e[0]->file, "t.txt");
	ck_assert_uint_eq(e[0]->line, 1);
	catalog_free(&c);
}
END_TEST

START_TEST(test_unknown_field)
{
	expect_error(ENTRY("550", "reply", "meening: x\n"), 3,
	    "unknown field 'meening'");
}
END_TEST

START_TEST(test_duplicate_code)
{
	expect_error(ENTRY("550", "reply", "") "\n" ENTRY("550", "reply", ""),
	    11, "duplicate code 550 (first defined at t.txt:1)");
}
END_TEST

START_TEST(test_duplicate_code_after_expansion)
{
	expect_error(ENTRY("X.1.1", "enhanced", "classes: 4 5\n") "\n"
	    ENTRY("5.1.1", "enhanced", ""), 12, "duplicate code 5.1.1");
}
END_TEST

START_TEST(test_bad_code_syntax)
{
	expect_error(ENTRY("55O", "reply", ""), 1, "bad code syntax '55O'");
	expect_error(ENTRY("5.7", "enhanced", ""), 1, "bad code syntax");
	expect_error(ENTRY("5.7.1234", "enhanced", ""), 1, "bad code syntax");
	expect_error(ENTRY("650", "reply", ""), 1, "bad code syntax");
}
END_TEST

START_TEST(test_kind_code_mismatch)
{
	expect_error(ENTRY("5.7.1", "reply", ""), 1, "three-digit");
	expect_error(ENTRY("550", "enhanced", ""), 1, "like 5.7.1");
	expect_error(ENTRY("550", "subject", ""), 1, "X.7.YYY");
	expect_error(ENTRY("550", "weird", ""), 2, "unknown kind 'weird'");
}
END_TEST

START_TEST(test_missing_required)
{
	expect_error("code: 550\nkind: reply\ncategory: mailbox\n"
	    "meaning: M.\nretry: never\nfrequency: rare\nimportance: low\n"
	    "source: RFC 5321\n", 1, "missing required field 'title'");
	expect_error("code: 550\nkind: reply\n", 1, "missing required field");
}
END_TEST

START_TEST(test_unterminated_entry)
{
	/* A truncated file: the last line has no end. */
	expect_error("code: 550\nkind: reply\ncategory: mai", 3,
	    "unterminated entry");
}
END_TEST

START_TEST(test_invalid_utf8)
{
	expect_error(ENTRY("550", "reply", "note: caf\xe9 au lait\n"), 3,
	    "invalid UTF-8 (byte 0xe9)");
	expect_error(ENTRY("550", "reply", "note: \xed\xa0\x80\n"), 3,
	    "invalid UTF-8");
}
END_TEST

START_TEST(test_nul_byte)
{
	struct catalog		 c;
	struct load_error	 err;
	const char		 text[] = "code: 550\nkind: re\0ply\n";

	catalog_init(&c);
	ck_assert_int_eq(catalog_parse(&c, "t.txt", text, sizeof text - 1,
	    &err), -1);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.message, "NUL"));
	catalog_free(&c);
}
END_TEST

START_TEST(test_bad_values)
{
	expect_error(ENTRY("550", "reply", "category: dns\n"), 4,
	    "duplicate field 'category' (first at line 3)");
	expect_error("code: 550\nkind: reply\ncategory: dnsx\ntitle: T\n"
	    "meaning: M\nretry: never\nfrequency: rare\nimportance: low\n"
	    "source: S\n", 3, "unknown category 'dnsx'");
	expect_error(ENTRY("550", "reply", "retry[5]: never\n"), 3,
	    "X.n.n");
	expect_error(ENTRY("550", "reply", "classes: 4 5\n"), 3,
	    "only for X.n.n");
	expect_error(ENTRY("X.1.1", "enhanced", ""), 1, "needs 'classes'");
	expect_error(ENTRY("X.1.1", "enhanced", "classes: 4 7\n"), 3,
	    "classes takes 2, 4 and 5");
	expect_error(ENTRY("X.1.1", "enhanced", "classes: 5\n"
	    "example: 452 4.1.1 no\n"), 4, "class 4 is not in 'classes'");
	expect_error(ENTRY("550", "reply", "provider: x\n"), 3,
	    "needs a provider");
	expect_error(ENTRY("550", "reply", "related: 550 banana\n"), 3,
	    "bad code 'banana' in related");
	expect_error(ENTRY("550", "reply", "note:\n"), 3, "empty value");
	expect_error("  continued\n", 1, "continuation line outside");
	expect_error("kind: reply\n", 1, "must start with 'code'");
	expect_error("code: 550\ncode: 551\n", 2, "must start a new entry");
	expect_error("code 550\n", 1, "expected 'field: value'");
}
END_TEST

START_TEST(test_bad_enums)
{
#define ENUMS(r, f, i) "code: 550\nkind: reply\ncategory: mailbox\n" \
	"title: T\nmeaning: M\nretry: " r "\nfrequency: " f "\n" \
	"importance: " i "\nsource: S\n"
	expect_error(ENUMS("sometimes", "rare", "low"), 6,
	    "unknown retry 'sometimes'");
	expect_error(ENUMS("never", "often", "low"), 7,
	    "unknown frequency 'often'");
	expect_error(ENUMS("never", "rare", "huge"), 8,
	    "unknown importance 'huge'");
#undef ENUMS
}
END_TEST

START_TEST(test_expansion_and_qualifiers)
{
	struct catalog		 c;
	struct load_error	 err;
	const struct entry	*e[4];
	const char		*text =
	    "# comment\n"
	    "code: X.2.2\nkind: enhanced\nclasses: 4 5\ncategory: size\n"
	    "title: Mailbox full\nmeaning: Full.\nmeaning[4]: Full for now.\n"
	    "cause: Quota.\ncause[5]: Abandoned.\nretry: after-fix\n"
	    "retry[4]: auto\nfrequency: common\nimportance: medium\n"
	    "source: RFC 3463\nrelated: 552 X.3.1\n"
	    "example: 552 5.2.2 full\nexample[Gmail]: 452 4.2.2 The\n"
	    "  recipient's inbox is out of storage space.\n"
	    "example: mailbox full\n"
	    "provider[Gmail]: Over quota.\nprovider[Gmail,5]: Abandoned.\n";

	ck_assert_int_eq(parse_text(&c, text, &err), 0);
	ck_assert_uint_eq(c.n, 2);
	ck_assert_uint_eq(catalog_lookup(&c, "x.2.2", e, 4), 2);
	ck_assert_uint_eq(catalog_lookup(&c, "4.2.2", e, 4), 1);
	ck_assert_str_eq(e[0]->meaning, "Full for now.");
	ck_assert_str_eq(e[0]->family, "X.2.2");
	ck_assert_int_eq(e[0]->retry, RETRY_AUTO);
	ck_assert_uint_eq(e[0]->causes.n, 1);
	ck_assert_uint_eq(e[0]->nexamples, 2);
	ck_assert_str_eq(e[0]->examples[0].label, "Gmail");
	ck_assert_str_eq(e[0]->examples[0].text,
	    "452 4.2.2 The recipient's inbox is out of storage space.");
	ck_assert_uint_eq(e[0]->nproviders, 1);
	ck_assert_uint_eq(catalog_lookup(&c, "5.2.2", e, 4), 1);
	ck_assert_str_eq(e[0]->meaning, "Full.");
	ck_assert_int_eq(e[0]->retry, RETRY_AFTER_FIX);
	ck_assert_uint_eq(e[0]->causes.n, 2);
	ck_assert_uint_eq(e[0]->nexamples, 2);
	ck_assert_uint_eq(e[0]->nproviders, 2);
	ck_assert_uint_eq(e[0]->related.n, 2);
	ck_assert_str_eq(e[0]->related.v[1], "X.3.1");
	catalog_free(&c);
}
END_TEST

START_TEST(test_continuation_and_paragraphs)
{
	struct catalog		 c;
	struct load_error	 err;
	const struct entry	*e[1];

	ck_assert_int_eq(parse_text(&c, "code: 550\r\nkind: reply\r\n"
	    "category: mailbox\r\ntitle: T\r\nmeaning: one\r\n  two\r\n"
	    "  .\r\n  three\r\nretry: never\r\nfrequency: rare\r\n"
	    "importance: low\r\nsource: S\r\nexample: 550-a\\n550 b\r\n",
	    &err), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "550", e, 1), 1);
	ck_assert_str_eq(e[0]->meaning, "one two\nthree");
	ck_assert_str_eq(e[0]->examples[0].text, "550-a\n550 b");
	catalog_free(&c);
}
END_TEST

START_TEST(test_code_syntax)
{
	ck_assert(code_is_reply("550"));
	ck_assert(!code_is_reply("5500"));
	ck_assert(code_is_enhanced("5.7.26"));
	ck_assert(code_is_enhanced("4.4.316"));
	ck_assert(!code_is_enhanced("3.1.1"));
	ck_assert(code_is_family("x.7.26"));
	ck_assert(code_is_subject("X.7.YYY"));
	ck_assert(code_is_subject("5.XXX.YYY"));
	ck_assert(!code_is_any(""));
	ck_assert(!code_is_any("5.7."));
}
END_TEST

/* A provider's documented range: codes without an entry find it. */
START_TEST(test_range_lookup)
{
	struct catalog		 c;
	struct load_error	 err;
	const struct entry	*e[4];

	ck_assert_int_eq(parse_text(&c,
	    ENTRY("4.7.500", "nonstandard", "range: 4.7.500-4.7.699\n") "\n"
	    ENTRY("4.7.650", "nonstandard", "") "\n"
	    ENTRY("5.7.606", "nonstandard", "range: 5.7.606-5.7.649\n"),
	    &err), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "4.7.555", e, 4), 1);
	ck_assert_str_eq(e[0]->code, "4.7.500");
	ck_assert_str_eq(e[0]->range, "4.7.500-4.7.699");
	ck_assert_uint_eq(catalog_lookup(&c, "4.7.699", e, 4), 1);
	ck_assert_str_eq(e[0]->code, "4.7.500");
	/* An entry of its own wins over the range. */
	ck_assert_uint_eq(catalog_lookup(&c, "4.7.650", e, 4), 1);
	ck_assert_str_eq(e[0]->code, "4.7.650");
	ck_assert_ptr_null(e[0]->range);
	/* Outside the range, another class or subject: nothing. */
	ck_assert_uint_eq(catalog_lookup(&c, "4.7.700", e, 4), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "4.7.499", e, 4), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "5.7.555", e, 4), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "4.6.555", e, 4), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "5.7.6060", e, 4), 0);
	ck_assert_uint_eq(catalog_lookup(&c, "5.7.620", e, 4), 1);
	ck_assert_str_eq(e[0]->code, "5.7.606");
	catalog_free(&c);
}
END_TEST

START_TEST(test_range_errors)
{
	expect_error(ENTRY("4.7.500", "nonstandard", "range: 4.7.500\n"), 3,
	    "range takes two status codes");
	expect_error(ENTRY("4.7.500", "nonstandard",
	    "range: 4.7.500-4.x.699\n"), 3, "range takes two status codes");
	expect_error(ENTRY("4.7.500", "nonstandard",
	    "range: 4.7.500-4.6.699\n"), 3, "share class and subject");
	expect_error(ENTRY("4.7.500", "nonstandard",
	    "range: 4.7.699-4.7.500\n"), 3, "the lower first");
	expect_error(ENTRY("4.7.500", "nonstandard",
	    "range: 4.7.501-4.7.699\n"), 3, "does not hold the entry's own");
	expect_error(ENTRY("550", "reply", "range: 5.7.1-5.7.9\n"), 3,
	    "needs a status code entry");
	expect_error(ENTRY("X.7.9", "enhanced", "classes: 5\n"
	    "range: 5.7.9-5.7.19\n"), 4, "takes no range");
	expect_error(ENTRY("4.7.500", "nonstandard", "range: 4.7.500-4.7.699\n")
	    "\n" ENTRY("4.7.600", "nonstandard", "range: 4.7.600-4.7.799\n"),
	    12, "overlaps range 4.7.500-4.7.699 of 4.7.500 (t.txt:1)");
}
END_TEST

START_TEST(test_shipped_lookup)
{
	struct catalog		*c = shipped_catalog();
	const struct entry	*e[8];

	ck_assert_uint_ge(c->n, 200);
	ck_assert_uint_eq(catalog_lookup(c, "550", e, 8), 1);
	ck_assert_int_eq(e[0]->kind, KIND_REPLY);
	ck_assert_uint_eq(catalog_lookup(c, "5.7.26", e, 8), 1);
	ck_assert_str_eq(e[0]->title, "Multiple authentication checks failed");
	ck_assert_uint_ge(catalog_lookup(c, "X.7.26", e, 8), 2);
	ck_assert_uint_eq(catalog_lookup(c, "111", e, 8), 1);
	ck_assert_int_eq(e[0]->kind, KIND_CLIENT);
	ck_assert_uint_eq(catalog_lookup(c, "x.7.yyy", e, 8), 1);
	ck_assert_int_eq(e[0]->kind, KIND_SUBJECT);
	ck_assert_uint_eq(catalog_lookup(c, "5.7.99", e, 8), 0);
	ck_assert_uint_eq(catalog_fallback(c, "5.7.99", e, 8), 2);
	ck_assert_str_eq(e[0]->code, "X.7.YYY");
	ck_assert_str_eq(e[1]->code, "5.XXX.YYY");
}
END_TEST

START_TEST(test_shipped_integrity)
{
	struct catalog		*c = shipped_catalog();
	const struct entry	*r[8];
	size_t			 i, j;

	for (i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i];

		ck_assert_int_ge(e->category, 0);
		ck_assert_int_lt(e->category, (int)ncategories);
		/* Every related code names something in the catalogue. */
		for (j = 0; j < e->related.n; j++)
			ck_assert_msg(catalog_lookup(c, e->related.v[j], r, 8)
			    != 0, "%s (%s:%u): related %s is not in the "
			    "catalogue", e->code, e->file, e->line,
			    e->related.v[j]);
		/* Failures tell the user what to do. */
		if (e->kind != KIND_SUBJECT && e->klass >= 4)
			ck_assert_msg(e->fixes.n > 0, "%s has no fix step",
			    e->code);
		/* Browsing order: groups never go backwards. */
		if (i > 0)
			ck_assert_int_ge(e->group, c->entries[i - 1].group);
	}
}
END_TEST

START_TEST(test_categories)
{
	ck_assert_int_eq(category_find("auth"), 2);
	ck_assert_int_eq(category_find("AUTH"), 2);
	ck_assert_int_eq(category_find("nope"), -1);
	ck_assert_uint_ge(ncategories, 8);
}
END_TEST

START_TEST(test_load_path_errors)
{
	struct catalog		 c;
	struct load_error	 err;

	catalog_init(&c);
	ck_assert_int_eq(catalog_load_path(&c, "/nonexistent/x.txt", &err),
	    -1);
	ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
	catalog_free(&c);
	catalog_init(&c);
	ck_assert_int_eq(catalog_load_path(&c, "/", &err), -1);
	catalog_free(&c);
}
END_TEST

static Suite *
catalog_suite(void)
{
	Suite	*s = suite_create("catalog");
	TCase	*tc;

	tc = tcase_create("loader");
	tcase_add_test(tc, test_minimal_entry);
	tcase_add_test(tc, test_unknown_field);
	tcase_add_test(tc, test_duplicate_code);
	tcase_add_test(tc, test_duplicate_code_after_expansion);
	tcase_add_test(tc, test_bad_code_syntax);
	tcase_add_test(tc, test_kind_code_mismatch);
	tcase_add_test(tc, test_missing_required);
	tcase_add_test(tc, test_unterminated_entry);
	tcase_add_test(tc, test_invalid_utf8);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_bad_enums);
	tcase_add_test(tc, test_expansion_and_qualifiers);
	tcase_add_test(tc, test_continuation_and_paragraphs);
	tcase_add_test(tc, test_load_path_errors);
	tcase_add_test(tc, test_range_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("lookup");
	tcase_add_test(tc, test_code_syntax);
	tcase_add_test(tc, test_range_lookup);
	tcase_add_test(tc, test_shipped_lookup);
	tcase_add_test(tc, test_shipped_integrity);
	tcase_add_test(tc, test_categories);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(catalog_suite()));
}
