/* Unit tests of the entry layout shared by the CLI and the browser. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalog.h"
#include "catalogue/render.h"
#include "testutil.h"
#include "base/utf8.h"

START_TEST(test_every_entry_fits)
{
	struct catalog	*c = shipped_catalog();
	struct rdoc	 d;
	size_t		 i, k, w;

	for (w = 20; w <= 140; w += 7) {
		for (i = 0; i < c->n; i++) {
			rdoc_init(&d);
			render_entry(c, &c->entries[i], w, &d);
			ck_assert_uint_gt(d.n, 5);
			for (k = 0; k < d.n; k++) {
				const char *t = d.v[k].text;
				ck_assert_msg(utf8_display_width(t, strlen(t))
				    <= w, "%s at width %zu: '%s'",
				    c->entries[i].code, w, t);
				ck_assert_ptr_null(strchr(t, '\x1b'));
				ck_assert_ptr_null(strchr(t, '\n'));
			}
			rdoc_free(&d);
		}
	}
}
END_TEST

START_TEST(test_wrap_words_and_escapes)
{
	struct rdoc	 d;

	rdoc_init(&d);
	render_wrap(&d, RS_TEXT, "  - ", "one two three four five six seven "
	    "\x1b[2J eight", 24);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.v[0].text, "  - one two three four");
	ck_assert_str_eq(d.v[1].text, "    five six seven ^[[2J");
	ck_assert_str_eq(d.v[2].text, "    eight");
	rdoc_free(&d);
	/* A word longer than the line is cut, never overflows. */
	rdoc_init(&d);
	render_wrap(&d, RS_TEXT, "", "abcdefghijklmnopqrstuvwxyz", 10);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.v[0].text, "abcdefghij");
	rdoc_free(&d);
	/* Double-width characters are counted as two columns. */
	rdoc_init(&d);
	render_wrap(&d, RS_TEXT, "", "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5"
	    "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5", 10);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_uint_eq(utf8_display_width(d.v[0].text,
	    strlen(d.v[0].text)), 10);
	rdoc_free(&d);
}
END_TEST

START_TEST(test_related_links)
{
	struct catalog		*c = shipped_catalog();
	const struct entry	*e[1];
	struct rdoc		 d;
	size_t			 k;
	int			 links = 0;

	ck_assert_uint_eq(catalog_lookup(c, "5.7.26", e, 1), 1);
	rdoc_init(&d);
	render_entry(c, e[0], 80, &d);
	ck_assert_ptr_nonnull(strstr(d.v[0].text, "5.7.26"));
	for (k = 0; k < d.n; k++) {
		if (d.v[k].style == RS_RELATED) {
			ck_assert_int_ge(d.v[k].link, 0);
			ck_assert_int_lt(d.v[k].link, (int)e[0]->related.n);
			links++;
		}
	}
	ck_assert_int_ge(links, (int)e[0]->related.n);
	rdoc_free(&d);
}
END_TEST

static Suite *
render_suite(void)
{
	Suite	*s = suite_create("render");
	TCase	*tc = tcase_create("layout");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_entry_fits);
	tcase_add_test(tc, test_wrap_words_and_escapes);
	tcase_add_test(tc, test_related_links);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(render_suite()));
}
