/* Unit tests of the browser's model and of its screen layout. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <stdio.h>

#include "browse/browse.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "testutil.h"
#include "tui/action.h"
#include "tui/tui.h"

#define ENTRY(code, kind, klass, cat, title, extra) \
	"code: " code "\nkind: " kind "\n" klass "category: " cat "\n" \
	"title: " title "\nmeaning: Something.\nretry: never\n" \
	"frequency: common\nimportance: high\nsource: RFC 5321\n" extra "\n"

static const char fixture[] =
    ENTRY("250", "reply", "", "success", "Requested mail action okay", "")
    ENTRY("421", "reply", "", "network", "Service not available", "")
    ENTRY("550", "reply", "", "mailbox", "Mailbox unavailable",
	"related: X.7.26\n")
    ENTRY("X.7.23", "enhanced", "classes: 4 5\n", "auth",
	"SPF validation failed", "related: X.7.26\n")
    ENTRY("X.7.26", "enhanced", "classes: 4 5\n", "auth",
	"Multiple authentication checks failed",
	"related: 550 X.7.23\n")
    ENTRY("X.7.1", "enhanced", "classes: 4 5\n", "policy",
	"Delivery not authorized", "")
    ENTRY("5.7.708", "nonstandard", "", "policy",
	"Access denied, traffic not accepted from this IP", "")
    ENTRY("X.7.YYY", "subject", "", "auth", "Security or policy status",
	"")
    ENTRY("5.XXX.YYY", "subject", "", "system", "Permanent failure", "");

static struct catalog	 cat;
static struct browse	 b;

static void
setup(void)
{
	struct load_error	 err;

	if (parse_text(&cat, fixture, &err) != 0)
		ck_abort_msg("%s:%u: %s", err.file, err.line, err.message);
	browse_init(&b, &cat);
}

static void
teardown(void)
{
	browse_free(&b);
	catalog_free(&cat);
}

static const char *
sel_code(void)
{
	const struct entry	*e = browse_entry(&b);

	return (e != NULL ? e->code : "(header)");
}

/* The row of an entry, or -1 when it has none. */
static long
row_of(const char *code)
{
	size_t	 i;

	for (i = 0; i < b.nrows; i++) {
		if (b.rows[i].kind == BROW_ENTRY &&
		    strcmp(cat.entries[b.rows[i].entry].code, code) == 0)
			return ((long)i);
	}
	return (-1);
}

static size_t
count_kind(int kind)
{
	size_t	 i, n = 0;

	for (i = 0; i < b.nrows; i++)
		n += b.rows[i].kind == kind;
	return (n);
}

START_TEST(test_groups_and_counts)
{
	size_t	 i, entries = 0;

	ck_assert_uint_eq(cat.n, 12);	/* X.n.n expand to 4.n.n, 5.n.n */
	ck_assert_uint_eq(b.nshown, 12);
	ck_assert_uint_eq(count_kind(BROW_ENTRY), 12);
	ck_assert_int_eq(b.rows[0].kind, BROW_GROUP);
	ck_assert_int_eq(b.rows[0].group, GROUP_2XX);
	ck_assert_uint_eq(b.rows[0].count, 1);
	ck_assert_int_eq(b.rows[1].kind, BROW_CATEGORY);
	ck_assert_int_eq(b.rows[1].category, category_find("success"));
	/* Every group header counts the entries below it. */
	for (i = 0; i < b.nrows; i++) {
		if (b.rows[i].kind == BROW_GROUP)
			entries += b.rows[i].count;
	}
	ck_assert_uint_eq(entries, 12);
	/* The structure group lists its rows without category headers. */
	for (i = 0; i < b.nrows; i++) {
		if (b.rows[i].group == GROUP_STRUCTURE)
			ck_assert_int_ne(b.rows[i].kind, BROW_CATEGORY);
	}
	ck_assert_int_ge(row_of("X.7.YYY"), 0);
	/* Headers come in the order of enum entry_group. */
	for (i = 1; i < b.nrows; i++)
		ck_assert_int_ge(b.rows[i].group, b.rows[i - 1].group);
}
END_TEST

/* The first screen: success folded, the first failure group selected. */
START_TEST(test_open_on_failures)
{
	const struct brow	*r;
	char			*line;

	browse_open_on_failures(&b);
	ck_assert_int_eq(b.rows[0].group, GROUP_2XX);
	ck_assert(b.rows[0].folded);
	ck_assert_int_lt(row_of("250"), 0);
	r = browse_row(&b);
	ck_assert_int_eq(r->kind, BROW_GROUP);
	ck_assert_int_eq(r->group, GROUP_4XX);
	ck_assert_int_ge(row_of("421"), 0);
	line = browse_folds_save(&b);
	ck_assert_str_eq(line, "2xx 3xx");
	free(line);
	/* Read back, unknown names skipped: the user's own folds. */
	browse_folds_load(&b, "5xx  bogus\t2xx");
	ck_assert(b.fold_group[GROUP_5XX] && b.fold_group[GROUP_2XX]);
	ck_assert(!b.fold_group[GROUP_3XX] && !b.fold_group[GROUP_4XX]);
	ck_assert_int_lt(row_of("550"), 0);
	ck_assert_int_eq(browse_row(&b)->group, GROUP_4XX);
	line = browse_folds_save(&b);
	ck_assert_str_eq(line, "2xx 5xx");
	free(line);
	browse_folds_load(&b, "");
	line = browse_folds_save(&b);
	ck_assert_str_eq(line, "");
	free(line);
}
END_TEST

START_TEST(test_filter_as_you_type)
{
	ck_assert_int_eq(browse_set_query(&b, "spf"), 1);
	ck_assert_int_eq(browse_set_query(&b, "spf"), 0);
	/* Title hits and the "Authentication (SPF, ...)" category. */
	ck_assert_uint_eq(b.nshown, 5);
	ck_assert_uint_eq(count_kind(BROW_ENTRY), 5);
	/* The best match takes the selection from a vanished row. */
	ck_assert_str_eq(sel_code(), "4.7.23");
	ck_assert(browse_filtered(&b));
	/* Prefixes match as the user types. */
	browse_set_query(&b, "auth");
	ck_assert_uint_ge(b.nshown, 3);
	browse_set_query(&b, "nothing-like-this");
	ck_assert_uint_eq(b.nshown, 0);
	ck_assert_uint_eq(b.nrows, 0);
	ck_assert_ptr_null(browse_row(&b));
	ck_assert_ptr_null(browse_entry(&b));
	browse_move(&b, 1);
	browse_toggle(&b);
	browse_fold(&b);
	ck_assert_int_eq(browse_next_match(&b, 1), -1);
	browse_set_query(&b, "");
	ck_assert_uint_eq(b.nshown, 12);
	ck_assert(!browse_filtered(&b));
}
END_TEST

START_TEST(test_code_selects)
{
	browse_set_query(&b, "5.7.26");
	ck_assert_str_eq(sel_code(), "5.7.26");
	browse_set_query(&b, "x.7.26");
	ck_assert_str_eq(sel_code(), "4.7.26");
	browse_set_query(&b, " 550 ");
	ck_assert_str_eq(sel_code(), "550");
	ck_assert_int_eq(browse_select_code(&b, "421"), 0);
	ck_assert_str_eq(sel_code(), "421");
	ck_assert_int_eq(browse_select_code(&b, "599"), -1);
}
END_TEST

START_TEST(test_selection_kept)
{
	long	 r;

	ck_assert_int_eq(browse_select_code(&b, "5.7.26"), 0);
	/* Still shown: the selection stays on the same entry. */
	browse_set_query(&b, "authentication");
	ck_assert_str_eq(sel_code(), "5.7.26");
	browse_set_class(&b, 5);
	ck_assert_str_eq(sel_code(), "5.7.26");
	browse_set_category(&b, category_find("auth"));
	ck_assert_str_eq(sel_code(), "5.7.26");
	ck_assert_uint_eq(browse_count_category(&b, -1), 2);
	ck_assert_uint_eq(browse_count_category(&b, category_find("auth")),
	    2);
	browse_clear_filters(&b);
	ck_assert_str_eq(sel_code(), "5.7.26");
	/* Filtered out: the position is kept, clamped. */
	r = row_of("5.7.26");
	browse_set_class(&b, 4);
	ck_assert_uint_lt(b.sel, b.nrows);
	ck_assert_uint_le(b.sel, (size_t)r);
	ck_assert_int_eq(browse_set_class(&b, 4), 0);
	ck_assert_int_eq(browse_clear_filters(&b), 1);
	ck_assert_int_eq(browse_clear_filters(&b), 0);
}
END_TEST

START_TEST(test_folding)
{
	size_t	 before = b.nrows, group_row;

	browse_select_code(&b, "5.7.26");
	/* Fold on an entry closes its category and selects the header. */
	browse_fold(&b);
	ck_assert_int_eq(browse_row(&b)->kind, BROW_CATEGORY);
	ck_assert(browse_row(&b)->folded);
	ck_assert_int_eq(row_of("5.7.26"), -1);
	ck_assert_uint_eq(browse_row(&b)->count, 2);
	/* Fold on a folded category goes up to the group. */
	browse_fold(&b);
	ck_assert_int_eq(browse_row(&b)->kind, BROW_GROUP);
	group_row = b.sel;
	browse_toggle(&b);
	ck_assert(b.rows[group_row].folded);
	ck_assert_uint_lt(b.nrows, before);
	ck_assert_int_eq(browse_unfold(&b), 1);
	ck_assert_int_eq(browse_unfold(&b), 0);
	/* The category is still folded inside the open group. */
	ck_assert_int_eq(row_of("5.7.26"), -1);
	/* n steps into folded groups and opens them. */
	browse_fold_all(&b, 1);
	ck_assert(browse_all_folded(&b));
	ck_assert_uint_eq(count_kind(BROW_ENTRY), 0);
	browse_home(&b);
	ck_assert_int_eq(browse_next_match(&b, 1), 0);
	ck_assert_str_eq(sel_code(), "250");
	ck_assert_int_eq(browse_next_match(&b, 1), 0);
	ck_assert_str_eq(sel_code(), "4.7.23");	/* auth before network */
	ck_assert_int_eq(browse_next_match(&b, -1), 0);
	ck_assert_str_eq(sel_code(), "250");
	/* Backwards from the first entry wraps to the last. */
	ck_assert_int_eq(browse_next_match(&b, -1), 0);
	ck_assert_str_eq(sel_code(), "X.7.YYY");
	browse_fold_all(&b, 0);
	ck_assert(!browse_all_folded(&b));
	ck_assert_uint_eq(b.nrows, before);
	ck_assert_str_eq(sel_code(), "X.7.YYY");
}
END_TEST

START_TEST(test_scrolling)
{
	size_t	 h = 4;

	ck_assert_uint_eq(browse_view(&b, h), 0);
	browse_end(&b);
	ck_assert_uint_eq(b.sel, b.nrows - 1);
	ck_assert_uint_eq(browse_view(&b, h), b.nrows - h);
	browse_move(&b, -1000);
	ck_assert_uint_eq(b.sel, 0);
	ck_assert_uint_eq(browse_view(&b, h), 0);
	/* The wheel drags the selection along. */
	browse_scroll(&b, 5, h);
	ck_assert_uint_eq(b.top, 5);
	ck_assert_uint_eq(b.sel, 5);
	browse_scroll(&b, 1000, h);
	ck_assert_uint_eq(b.top, b.nrows - h);
	browse_scroll(&b, -1000, h);
	ck_assert_uint_eq(b.top, 0);
	ck_assert_uint_eq(b.sel, h - 1);
	/* A viewport taller than the list never scrolls. */
	browse_end(&b);
	ck_assert_uint_eq(browse_view(&b, 1000), 0);
	ck_assert_uint_eq(browse_view(&b, 0), 0);
	browse_select_row(&b, 2);
	ck_assert_uint_eq(b.sel, 2);
	browse_select_row(&b, 100000);
	ck_assert_uint_eq(b.sel, 2);
}
END_TEST

START_TEST(test_links_and_history)
{
	ck_assert_int_eq(browse_back(&b), -1);
	browse_select_code(&b, "5.7.26");
	ck_assert_int_eq(browse_follow(&b, "550"), 0);
	ck_assert_str_eq(sel_code(), "550");
	ck_assert_int_eq(browse_follow(&b, "no-such"), -1);
	/* Following into a filtered-out entry clears the filters. */
	browse_set_class(&b, 5);
	ck_assert_int_eq(browse_follow(&b, "4.7.23"), 0);
	ck_assert_str_eq(sel_code(), "4.7.23");
	ck_assert_int_eq(b.klass, 0);
	ck_assert_int_eq(browse_back(&b), 0);
	ck_assert_str_eq(sel_code(), "550");
	ck_assert_int_eq(browse_back(&b), 0);
	ck_assert_str_eq(sel_code(), "5.7.26");
	ck_assert_int_eq(browse_back(&b), -1);
}
END_TEST

START_TEST(test_detail)
{
	const struct rdoc	*d;
	size_t			 i, n;

	browse_home(&b);
	ck_assert_ptr_null(browse_doc(&b, 60));
	ck_assert_int_eq(browse_detail_link(&b, 1, 10), -1);
	browse_select_code(&b, "5.7.26");
	d = browse_doc(&b, 60);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_eq(browse_doc(&b, 60), d);	/* cached */
	n = d->n;
	ck_assert_uint_gt(n, 5);
	/* Links: two related codes, cycling, scrolled into view. */
	ck_assert_int_eq(browse_detail_link(&b, 1, 3), 0);
	ck_assert_int_eq(b.dlink, 0);
	for (i = 0; i < d->n; i++) {
		if (d->v[i].style == RS_RELATED && d->v[i].link == 0)
			break;
	}
	ck_assert_uint_lt(i, d->n);
	ck_assert_uint_le(b.dtop, i);
	ck_assert_uint_gt(b.dtop + 3, i);
	browse_detail_link(&b, 1, 3);
	ck_assert_int_eq(b.dlink, 1);
	browse_detail_link(&b, 1, 3);
	ck_assert_int_eq(b.dlink, 0);
	browse_detail_link(&b, -1, 3);
	ck_assert_int_eq(b.dlink, 1);
	/* Scrolling is clamped to the document. */
	browse_detail_scroll(&b, 1000, 4);
	ck_assert_uint_eq(b.dtop, n - 4);
	browse_detail_home(&b);
	ck_assert_uint_eq(b.dtop, 0);
	browse_detail_end(&b, 1000);
	ck_assert_uint_eq(b.dtop, 0);
	browse_detail_link(&b, 1, 3);	/* link 0: 550 */
	ck_assert_int_eq(browse_detail_follow(&b), 0);
	ck_assert_str_eq(sel_code(), "550");
	/* A new entry starts at its top with no link selected. */
	d = browse_doc(&b, 40);
	ck_assert_uint_eq(b.dtop, 0);
	ck_assert_int_eq(b.dlink, -1);
	ck_assert_int_eq(browse_back(&b), 0);
	ck_assert_str_eq(sel_code(), "5.7.26");
}
END_TEST

START_TEST(test_match_spans)
{
	size_t	 sp[8];

	ck_assert_uint_eq(browse_match_spans(&b, "SPF validation", sp, 4), 0);
	browse_set_query(&b, "spf VAL");
	ck_assert_uint_eq(browse_match_spans(&b, "SPF validation failed", sp,
	    4), 2);
	ck_assert_uint_eq(sp[0], 0);
	ck_assert_uint_eq(sp[1], 3);
	ck_assert_uint_eq(sp[2], 4);
	ck_assert_uint_eq(sp[3], 10);
	ck_assert_uint_eq(browse_match_spans(&b, "SPF validation failed", sp,
	    1), 1);
	ck_assert_uint_eq(browse_match_spans(&b, "nothing here", sp, 4), 0);
}
END_TEST

START_TEST(test_empty_catalogue)
{
	struct catalog	 c;
	struct browse	 e;

	catalog_init(&c);
	browse_init(&e, &c);
	ck_assert_uint_eq(e.nrows, 0);
	browse_move(&e, 3);
	browse_end(&e);
	browse_toggle(&e);
	browse_fold_all(&e, 1);
	ck_assert(!browse_all_folded(&e));
	browse_scroll(&e, 3, 10);
	ck_assert_uint_eq(browse_view(&e, 10), 0);
	browse_set_query(&e, "550");
	ck_assert_int_eq(browse_next_match(&e, 1), -1);
	ck_assert_ptr_null(browse_doc(&e, 40));
	browse_free(&e);
	catalog_free(&c);
}
END_TEST

/* Every rect lies on the screen, and none overlaps another. */
static void
check_rects(const struct layout *l)
{
	const struct rect	*r[] = { &l->title, &l->list, &l->sep,
				    &l->detail, &l->status };
	size_t			 i, j, area = 0;

	for (i = 0; i < 5; i++) {
		if (r[i]->h == 0)
			continue;
		ck_assert_int_ge(r[i]->y, 0);
		ck_assert_int_ge(r[i]->x, 0);
		ck_assert_int_gt(r[i]->w, 0);
		ck_assert_int_le(r[i]->y + r[i]->h, l->lines);
		ck_assert_int_le(r[i]->x + r[i]->w, l->cols);
		area += (size_t)r[i]->h * (size_t)r[i]->w;
		for (j = 0; j < i; j++) {
			if (r[j]->h == 0)
				continue;
			ck_assert(r[i]->y >= r[j]->y + r[j]->h ||
			    r[j]->y >= r[i]->y + r[i]->h ||
			    r[i]->x >= r[j]->x + r[j]->w ||
			    r[j]->x >= r[i]->x + r[i]->w);
		}
	}
	/* The panes cover the screen: nothing stale shows through. */
	ck_assert_uint_eq(area, (size_t)l->lines * (size_t)l->cols);
}

START_TEST(test_layout)
{
	struct layout	 l;
	struct rect	 o;
	int		 lines, cols, open;

	layout_compute(&l, 40, 120, 0);
	ck_assert(!l.too_small);
	ck_assert(l.wide && l.show_list && l.show_detail);
	ck_assert_int_eq(l.list.w, 48);
	ck_assert_int_eq(l.detail.x, 49);
	ck_assert_int_eq(l.detail.w, 71);
	ck_assert_int_eq(l.list.h, 38);
	ck_assert_int_eq(l.status.y, 39);
	layout_compute(&l, 15, 60, 0);
	ck_assert(!l.wide && l.show_list && !l.show_detail);
	ck_assert_int_eq(l.list.w, 60);
	layout_compute(&l, 15, 60, 1);
	ck_assert(!l.show_list && l.show_detail);
	ck_assert_int_eq(l.detail.w, 60);
	layout_compute(&l, 24, 80, 1);
	ck_assert(l.wide && l.show_list && l.show_detail);
	layout_compute(&l, 24, 79, 0);
	ck_assert(!l.wide);
	layout_compute(&l, 6, 20, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.list.h, 4);
	layout_compute(&l, 5, 20, 0);
	ck_assert(l.too_small);
	layout_compute(&l, 6, 19, 0);
	ck_assert(l.too_small);
	layout_compute(&l, 4, 10, 0);
	ck_assert(l.too_small);
	layout_center(&l, 10, 10, &o);
	ck_assert_int_eq(o.h, 0);
	layout_compute(&l, 0, 0, 0);
	ck_assert(l.too_small);

	for (lines = 0; lines <= 70; lines++) {
		for (cols = 0; cols <= 300; cols += 1 + (cols > 100) * 6) {
			for (open = 0; open <= 1; open++) {
				layout_compute(&l, lines, cols, open);
				if (l.too_small)
					continue;
				check_rects(&l);
				layout_center(&l, 30, 78, &o);
				ck_assert_int_ge(o.y, 1);
				ck_assert_int_ge(o.x, 0);
				ck_assert_int_le(o.y + o.h, lines - 1);
				ck_assert_int_le(o.x + o.w, cols);
				ck_assert_int_gt(o.h, 0);
			}
		}
	}
}
END_TEST

/* The shipped catalogue: every row is consistent after any filter. */
START_TEST(test_shipped_catalogue)
{
	struct catalog	*c = shipped_catalog();
	struct browse	 s;
	const char	*queries[] = { "spf", "5.7.26", "x.7", "mailbox full",
			    "dmarc", "", "zzzz" };
	size_t		 i, k, n, best;

	browse_init(&s, c);
	ck_assert_uint_eq(s.nshown, c->n);
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		browse_set_query(&s, queries[i]);
		for (k = 0, n = 0, best = 0; k < s.nrows; k++) {
			if (s.rows[k].kind == BROW_ENTRY) {
				ck_assert(s.shown[s.rows[k].entry]);
				if (s.rows[k].group == BROW_BEST)
					best++;
				else
					n++;
			}
		}
		ck_assert_uint_eq(n, s.nshown);
		/* The best matches repeat a few entries, never all. */
		ck_assert_uint_eq(best, s.nbest);
		ck_assert_uint_le(best, BROWSE_BEST_MAX);
		ck_assert(best == 0 || best < s.nshown);
		ck_assert(s.nrows == 0 || s.sel < s.nrows);
	}
	browse_free(&s);
}
END_TEST

/* A code inside a provider's range finds the range's entry. */
START_TEST(test_range_code_filter)
{
	struct catalog		*c = shipped_catalog();
	struct browse		 s;
	const struct entry	*e;

	browse_init(&s, c);
	browse_set_query(&s, "4.7.555");
	ck_assert_uint_ge(s.nshown, 1);
	ck_assert_ptr_nonnull(e = browse_entry(&s));
	ck_assert_str_eq(e->code, "4.7.500");
	browse_set_query(&s, "4.7.755");
	ck_assert_ptr_null(browse_entry(&s));
	browse_free(&s);
}
END_TEST

/*
 * "mailbox full" opens on the mailbox-full codes in a Best matches
 * group, above the class groups; the authentication codes that share a
 * word are not among them (issue 14).
 */
START_TEST(test_best_matches_first)
{
	struct catalog		*c = shipped_catalog();
	struct browse		 s;
	const struct entry	*e;
	size_t			 i;

	browse_init(&s, c);
	browse_set_query(&s, "mailbox full");
	ck_assert_uint_gt(s.nbest, 0);
	ck_assert_int_eq(s.rows[0].kind, BROW_GROUP);
	ck_assert_int_eq(s.rows[0].group, BROW_BEST);
	ck_assert_str_eq(browse_group_title(BROW_BEST), "Best matches");
	/* The selection is on the best match, in the group. */
	ck_assert_uint_eq(s.sel, 1);
	e = browse_entry(&s);
	ck_assert_msg(strcmp(e->code, "552") == 0 ||
	    strcmp(e->code, "5.2.2") == 0 || strcmp(e->code, "4.2.2") == 0,
	    "best match %s", e->code);
	for (i = 0; i < s.nbest; i++) {
		e = &c->entries[s.best[i]];
		ck_assert_msg(strcmp(e->code, "530") != 0 &&
		    strcmp(e->code, "535") != 0 &&
		    strcmp(e->code, "5.7.8") != 0, "%s among the best",
		    e->code);
	}
	/* The group folds like any other; no words, no group. */
	browse_select_row(&s, 0);
	browse_toggle(&s);
	ck_assert(s.rows[0].folded);
	ck_assert_int_ne(s.rows[1].group, BROW_BEST);
	browse_set_query(&s, "");
	ck_assert_uint_eq(s.nbest, 0);
	ck_assert_int_ne(s.rows[0].group, BROW_BEST);
	browse_free(&s);
}
END_TEST

/* The key tables (src/tui/action.c): consistent, and printable. */
START_TEST(test_key_tables)
{
	char	 label[32];

	ck_assert_int_eq(keymap_lookup(KM_LIST, 'j'), ACT_DOWN);
	ck_assert_int_eq(keymap_lookup(KM_LIST, KEY_DOWN), ACT_DOWN);
	/* List and detail fall back on the global table; menus do not. */
	ck_assert_int_eq(keymap_lookup(KM_LIST, 'q'), ACT_QUIT);
	ck_assert_int_eq(keymap_lookup(KM_DETAIL, '/'), ACT_FILTER);
	ck_assert_int_eq(keymap_lookup(KM_MENU, 'q'), ACT_BACK);
	ck_assert_int_eq(keymap_lookup(KM_HELP, '/'), ACT_NONE);
	/* g is "top" as in less; the category menu is C. */
	ck_assert_int_eq(keymap_lookup(KM_LIST, 'g'), ACT_TOP);
	ck_assert_int_eq(keymap_lookup(KM_LIST, 'C'), ACT_CATEGORY_MENU);
	ck_assert_int_eq(keymap_lookup(KM_LIST, '7'), ACT_TYPE_CODE);
	/* The prompt keeps only a few keys from readline. */
	ck_assert_int_eq(keymap_lookup(KM_PROMPT, 'q'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(KM_PROMPT, 27), ACT_CANCEL);
	ck_assert_int_eq(keymap_key_for(KM_LIST, ACT_FILTER), '/');
	ck_assert_int_eq(keymap_key_for(KM_HELP, ACT_FILTER), -1);
	ck_assert_str_eq(key_label(CTRL_KEY('f'), label, sizeof label),
	    "Ctrl-F");
	ck_assert_str_eq(key_label(KEY_NPAGE, label, sizeof label), "PgDn");
	ck_assert_str_eq(key_label(' ', label, sizeof label), "Space");
	ck_assert_str_eq(key_label(TK_DIGIT, label, sizeof label), "0-9");
	ck_assert_str_eq(action_name(ACT_NEXT_MATCH), "next-match");
	/* The paste box: Enter and q are text; Ctrl-D or F2 finish. */
	ck_assert_int_eq(keymap_lookup(KM_LIST, 'p'), ACT_PASTE);
	ck_assert_int_eq(keymap_lookup(KM_DETAIL, 'e'), ACT_EDIT);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, CTRL_KEY('d')), ACT_ANALYSE);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, KEY_F(2)), ACT_ANALYSE);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, '\r'), ACT_NEWLINE);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, 'q'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, '?'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(KM_PASTE, 27), ACT_CLOSE_BOX);
	ck_assert_int_eq(keymap_key_for(KM_PASTE, ACT_ANALYSE),
	    CTRL_KEY('d'));
	ck_assert_str_eq(key_label(KEY_F(2), label, sizeof label), "F2");
	/* The result: Enter opens a cited entry, Backspace and Esc leave. */
	ck_assert_int_eq(keymap_lookup(KM_RESULT, '\r'), ACT_OPEN_ENTRY);
	ck_assert_int_eq(keymap_lookup(KM_RESULT, ']'), ACT_NEXT_ENTRY);
	ck_assert_int_eq(keymap_lookup(KM_RESULT, 'e'), ACT_EDIT);
	ck_assert_int_eq(keymap_lookup(KM_RESULT, 'j'), ACT_DOWN);
	ck_assert_int_eq(keymap_lookup(KM_RESULT, 127), ACT_BACK);
	ck_assert_int_eq(keymap_lookup(KM_RESULT, '/'), ACT_NONE);
	ck_assert_str_eq(action_name(ACT_OPEN_ENTRY), "open-entry");
}
END_TEST

static void
count_rows(void *arg, const char *keys, const char *text)
{
	size_t	*n = arg;

	ck_assert_ptr_nonnull(text);
	ck_assert_uint_gt(strlen(text), 2);
	if (keys != NULL) {
		ck_assert_uint_gt(strlen(keys), 0);
		/* Enter is '\r', '\n' and KEY_ENTER: listed once. */
		ck_assert_ptr_null(strstr(strstr(keys, "Enter") != NULL ?
		    strstr(keys, "Enter") + 5 : keys, "Enter"));
		n[1]++;
	} else
		n[0]++;
}

START_TEST(test_key_help)
{
	size_t	 n[2] = { 0, 0 };
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f;

	keymap_each(count_rows, n);
	ck_assert_uint_eq(n[0], KM__COUNT);	/* one section per keymap */
	ck_assert_uint_gt(n[1], 40);
	f = open_memstream(&text, &len);
	tui_print_keys(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "\n\nList\n"));
	ck_assert_int_ne(text[0], '\n');
	ck_assert_ptr_nonnull(strstr(text, "  q                    Quit\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nPaste box"));
	ck_assert_ptr_nonnull(strstr(text, "  Ctrl-D, F2           "));
	free(text);
	f = open_memstream(&text, &len);
	tui_print_keys_man(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, ".SS \"List\"\n"));
	ck_assert_ptr_nonnull(strstr(text, ".TP 16\n.B \"Left, \\-, h\"\n"));
	ck_assert_ptr_null(strstr(text, "\n\n"));
	free(text);
}
END_TEST

static Suite *
browse_suite(void)
{
	Suite	*s = suite_create("browse");
	TCase	*tc;

	tc = tcase_create("model");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_groups_and_counts);
	tcase_add_test(tc, test_filter_as_you_type);
	tcase_add_test(tc, test_code_selects);
	tcase_add_test(tc, test_selection_kept);
	tcase_add_test(tc, test_folding);
	tcase_add_test(tc, test_open_on_failures);
	tcase_add_test(tc, test_scrolling);
	tcase_add_test(tc, test_links_and_history);
	tcase_add_test(tc, test_detail);
	tcase_add_test(tc, test_match_spans);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_empty_catalogue);
	tcase_add_test(tc, test_shipped_catalogue);
	tcase_add_test(tc, test_range_code_filter);
	tcase_add_test(tc, test_best_matches_first);
	suite_add_tcase(s, tc);

	tc = tcase_create("layout");
	tcase_add_test(tc, test_layout);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, test_key_tables);
	tcase_add_test(tc, test_key_help);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(browse_suite()));
}
