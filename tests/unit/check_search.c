/* Unit tests of search ranking and filtering. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/search.h"
#include "testutil.h"

#define ENTRY(code, title, meaning) \
	"code: " code "\nkind: reply\ncategory: mailbox\ntitle: " title \
	"\nmeaning: " meaning "\nretry: never\nfrequency: rare\n" \
	"importance: low\nsource: RFC 5321\n\n"

static struct catalog	 small;

static void
small_setup(void)
{
	struct load_error	 err;

	ck_assert_int_eq(parse_text(&small,
	    ENTRY("250", "All good", "Nothing about relaying here.")
	    ENTRY("421", "Service closing", "The relay host is busy.")
	    ENTRY("550", "Mailbox unavailable", "Relay denied or no user.")
	    ENTRY("551", "User not local", "Try the forward path.")
	    ENTRY("554", "Relay access denied", "Transaction failed.")
	    ENTRY("555", "Parameters", "Mentions 550 in passing."),
	    &err), 0);
}

static void
small_teardown(void)
{
	catalog_free(&small);
}

/* The codes of the hits, space-separated, for readable assertions. */
static char *
hits_of(struct catalog *c, const char *q, int ranked)
{
	struct search_hit	*h;
	struct buf		 b;
	size_t			 n, i;

	h = xcalloc(c->n + 1, sizeof *h);
	n = ranked ? catalog_search(c, q, h) : catalog_filter(c, q, h);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", c->entries[h[i].entry].code);
	free(h);
	return (buf_steal(&b));
}

static void
expect_hits(struct catalog *c, const char *q, const char *want)
{
	char	*got = hits_of(c, q, 1);

	ck_assert_msg(strcmp(got, want) == 0, "query '%s': got '%s', want "
	    "'%s'", q, got, want);
	free(got);
}

/* The first hit's code (or "") of a query on the shipped catalogue. */
static void
expect_first(const char *q, const char *want)
{
	char	*got = hits_of(shipped_catalog(), q, 1), *sp;

	if ((sp = strchr(got, ' ')) != NULL)
		*sp = '\0';
	ck_assert_msg(strcmp(got, want) == 0, "query '%s': first hit '%s', "
	    "want '%s'", q, got, want);
	free(got);
}

/* want appears among the first n hits. */
static void
expect_top(const char *q, const char *want, int n)
{
	char	*got = hits_of(shipped_catalog(), q, 1), *s = got, *sp;
	int	 i;

	for (i = 0; i < n && s != NULL; i++) {
		sp = strchr(s, ' ');
		if (sp != NULL)
			*sp = '\0';
		if (strcmp(s, want) == 0) {
			free(got);
			return;
		}
		s = sp != NULL ? sp + 1 : NULL;
	}
	ck_abort_msg("query '%s': %s not in the first %d hits", q, want, n);
}

START_TEST(test_rank_exact_code_first)
{
	/* Exact code, then the entry that merely mentions it. */
	expect_hits(&small, "550", "550 555");
}
END_TEST

START_TEST(test_rank_code_prefix)
{
	expect_hits(&small, "55", "550 551 554 555");
}
END_TEST

START_TEST(test_rank_title_before_body)
{
	/*
	 * 554 has "relay" in its title; 421 and 550 in the body; 250 only
	 * "relaying", a word that starts with it.
	 */
	expect_hits(&small, "relay", "554 421 550 250");
	expect_hits(&small, "RELAY denied", "554 550");
}
END_TEST

START_TEST(test_prefix_words_and_and)
{
	expect_hits(&small, "rel den", "554 550");
	expect_hits(&small, "relay nosuchword", "");
	/* "relaying" matches the prefix "relay": 250 says "relaying". */
	expect_hits(&small, "relaying", "250");
}
END_TEST

START_TEST(test_empty_query_lists_all)
{
	char	*got = hits_of(&small, "  ", 0);

	ck_assert_str_eq(got, "250 421 550 551 554 555");
	free(got);
}
END_TEST

START_TEST(test_filter_keeps_catalogue_order)
{
	char	*got = hits_of(&small, "relay", 0);

	ck_assert_str_eq(got, "250 421 550 554");
	free(got);
}
END_TEST

START_TEST(test_utf8_folding)
{
	struct catalog		 c;
	struct load_error	 err;

	ck_assert_int_eq(parse_text(&c,
	    ENTRY("550", "Boîte aux lettres PLEINE", "Ärger.")
	    ENTRY("551", "Straße", "x."), &err), 0);
	expect_hits(&c, "BOÎTE", "550");
	expect_hits(&c, "pleine", "550");
	expect_hits(&c, "ärger", "550");
	expect_hits(&c, "STRASSE", "");
	expect_hits(&c, "straße", "551");
	catalog_free(&c);
}
END_TEST

START_TEST(test_hostile_queries)
{
	char	 big[20000];

	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	expect_hits(&small, big, "");
	expect_hits(&small, "\xff\xfe\x01", "");
	expect_hits(&small, "...", "250 421 550 551 554 555");
	expect_hits(&small, "a b c d e f g h i j k l m n o p q r s t", "");
}
END_TEST

START_TEST(test_shipped_ranking)
{
	expect_first("550", "550");
	expect_first("5.7.26", "5.7.26");
	expect_first("111", "111");
	expect_top("x.7.26", "5.7.26", 2);
	expect_top("x.7.26", "4.7.26", 2);
	expect_top("X.7.26", "5.7.26", 2);
	expect_top("550 5.7.1", "5.7.1", 2);
	expect_top("550 5.7.1", "550", 2);
	expect_top("spf", "5.7.23", 3);
	expect_top("mailbox full", "5.2.2", 2);
	expect_top("relay denied", "5.7.1", 3);
	expect_top("relay denied", "550", 6);
	expect_top("relay denied", "554", 6);
	expect_top("greylisting", "450", 1);
	expect_top("blocked spamhaus", "5.7.1", 1);
	expect_top("dkim", "5.7.20", 3);
}
END_TEST

static Suite *
search_suite(void)
{
	Suite	*s = suite_create("search");
	TCase	*tc;

	tc = tcase_create("ranking");
	tcase_add_checked_fixture(tc, small_setup, small_teardown);
	tcase_add_test(tc, test_rank_exact_code_first);
	tcase_add_test(tc, test_rank_code_prefix);
	tcase_add_test(tc, test_rank_title_before_body);
	tcase_add_test(tc, test_prefix_words_and_and);
	tcase_add_test(tc, test_empty_query_lists_all);
	tcase_add_test(tc, test_filter_keeps_catalogue_order);
	tcase_add_test(tc, test_hostile_queries);
	suite_add_tcase(s, tc);
	tc = tcase_create("folding");
	tcase_add_test(tc, test_utf8_folding);
	suite_add_tcase(s, tc);
	tc = tcase_create("shipped");
	tcase_add_test(tc, test_shipped_ranking);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(search_suite()));
}
