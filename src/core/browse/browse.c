/* The browser's model: grouped rows, filters, selection and layout. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse/browse.h"
#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "catalogue/render.h"
#include "catalogue/search.h"

/* Followed links remembered for Backspace; older ones are dropped. */
#define HISTORY_MAX	256

struct row_key {
	uint8_t		 kind;
	uint8_t		 group;
	int16_t		 category;
	uint32_t	 entry;
};

static void	refilter(struct browse *);
static void	rank_best(struct browse *);
static void	rebuild(struct browse *);

/* Groups whose entries are listed without category headers. */
static int
flat_group(int group)
{
	return (group == GROUP_STRUCTURE);
}

static int
entry_category(const struct entry *e)
{
	return (flat_group(e->group) ? -1 : e->category);
}

static uint8_t *
cat_fold(struct browse *b, int group, int category)
{
	return (&b->fold_cat[(size_t)group * ncategories + (size_t)category]);
}

const char *
browse_group_title(int group)
{
	if (group == BROW_BEST)
		return (N_("Best matches"));
	return (group_title((enum entry_group)group));
}

void
browse_init(struct browse *b, struct catalog *c)
{
	memset(b, 0, sizeof *b);
	b->cat = c;
	b->query = xstrdup("");
	b->category = -1;
	b->hits = xcalloc(c->n + 1, sizeof *b->hits);
	b->matched = xcalloc(c->n + 1, 1);
	b->shown = xcalloc(c->n + 1, 1);
	b->fold_cat = xcalloc(GROUP__COUNT * ncategories, 1);
	/* At most one header per group and per category, plus entries. */
	b->rows = xcalloc(c->n + GROUP__COUNT * (ncategories + 1) + 1 +
	    BROWSE_BEST_MAX + 1, sizeof *b->rows);
	rdoc_init(&b->doc);
	b->doc_entry = BROW_NONE;
	b->dlink = -1;
	refilter(b);
	rebuild(b);
}

void
browse_free(struct browse *b)
{
	search_terms_free(&b->words);
	free(b->query);
	free(b->hits);
	free(b->matched);
	free(b->shown);
	free(b->fold_cat);
	free(b->rows);
	free(b->history);
	rdoc_free(&b->doc);
	memset(b, 0, sizeof *b);
}

/* Recompute which entries pass the query, the class and the category. */
/* The query is one code and nothing else: 1, with it copied to code. */
static int
query_code(const char *q, char *code, size_t size)
{
	size_t	 len;

	while (*q == ' ')
		q++;
	len = strcspn(q, " ");
	if (len == 0 || len >= size || q[len + strspn(q + len, " ")] != '\0')
		return (0);
	memcpy(code, q, len);
	code[len] = '\0';
	return (code_is_any(code));
}

/*
 * A code with no entry of its own inside a range a provider documents
 * (4.7.555 in Microsoft's 4.7.500-4.7.699) matches the range's entry,
 * which the words alone would not find.
 */
static void
match_range(struct browse *b)
{
	const struct entry	*found[1];
	char			 code[32];

	if (query_code(b->query, code, sizeof code) &&
	    catalog_lookup(b->cat, code, found, 1) == 1 &&
	    found[0]->range != NULL)
		b->matched[found[0] - b->cat->entries] = 1;
}

static void
refilter(struct browse *b)
{
	size_t	 i, n;

	b->nhits = 0;
	if (b->words.n == 0)
		memset(b->matched, 1, b->cat->n);
	else {
		/* Only a real query builds the index: the first frame is
		 * drawn without it. */
		memset(b->matched, 0, b->cat->n);
		n = b->nhits = catalog_filter(b->cat, b->query, b->hits);
		for (i = 0; i < n; i++)
			b->matched[b->hits[i].entry] = 1;
		match_range(b);
	}
	b->nshown = 0;
	for (i = 0; i < b->cat->n; i++) {
		const struct entry *e = &b->cat->entries[i];

		b->shown[i] = b->matched[i] &&
		    (b->klass == 0 || e->klass == b->klass) &&
		    (b->category < 0 || e->category == b->category);
		b->nshown += b->shown[i];
	}
	rank_best(b);
}

/* Does hit x rank above hit y: score, then prominence, then order. */
static int
ranks_above(const struct search_hit *x, const struct search_hit *y)
{
	if (x->score != y->score)
		return (x->score > y->score);
	if (x->prominence != y->prominence)
		return (x->prominence > y->prominence);
	return (x->entry < y->entry);
}

/*
 * The BROWSE_BEST_MAX best shown hits, by insertion into a short sorted
 * list: linear in the hits.  None when every shown entry would be in
 * it: the group would only repeat the list.
 */
static void
rank_best(struct browse *b)
{
	const struct search_hit	*top[BROWSE_BEST_MAX];
	size_t			 i, j, n = 0;

	b->nbest = 0;
	if (b->words.n == 0 || b->nshown <= BROWSE_BEST_MAX)
		return;
	for (i = 0; i < b->nhits; i++) {
		const struct search_hit *h = &b->hits[i];

		if (!b->shown[h->entry])
			continue;
		if (n == BROWSE_BEST_MAX && !ranks_above(h, top[n - 1]))
			continue;
		if (n < BROWSE_BEST_MAX)
			n++;
		for (j = n - 1; j > 0 && ranks_above(h, top[j - 1]); j--)
			top[j] = top[j - 1];
		top[j] = h;
	}
	for (i = 0; i < n; i++)
		b->best[i] = top[i]->entry;
	b->nbest = n;
}

static struct row_key
key_of(const struct browse *b)
{
	struct row_key	 k;

	memset(&k, 0, sizeof k);
	k.entry = BROW_NONE;
	k.category = -1;
	if (b->nrows != 0) {
		const struct brow *r = &b->rows[b->sel];
		k.kind = r->kind;
		k.group = r->group;
		k.category = r->category;
		k.entry = r->entry;
	}
	return (k);
}

static int
find_header(const struct browse *b, int kind, int group, int category,
    size_t *row)
{
	size_t	 i;

	for (i = 0; i < b->nrows; i++) {
		const struct brow *r = &b->rows[i];
		if (r->kind == kind && r->group == group &&
		    (kind == BROW_GROUP || r->category == category)) {
			*row = i;
			return (0);
		}
	}
	return (-1);
}

static int
find_entry(const struct browse *b, uint32_t entry, size_t *row)
{
	size_t	 i;

	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].entry == entry) {
			*row = i;
			return (0);
		}
	}
	return (-1);
}

/*
 * Put the selection back where it was after the rows changed: on the
 * same entry, else on the header now holding it, else at the same
 * position, clamped (as tmux's mode-tree re-selects by tag).
 */
static void
reselect(struct browse *b, const struct row_key *k, size_t old_sel)
{
	size_t	 row;

	if (b->nrows == 0) {
		b->sel = b->top = 0;
		return;
	}
	if (k->kind == BROW_ENTRY && k->entry != BROW_NONE) {
		const struct entry *e = &b->cat->entries[k->entry];

		if (find_entry(b, k->entry, &row) == 0 ||
		    (b->shown[k->entry] && entry_category(e) >= 0 &&
		    find_header(b, BROW_CATEGORY, e->group, e->category,
		    &row) == 0) ||
		    (b->shown[k->entry] &&
		    find_header(b, BROW_GROUP, e->group, -1, &row) == 0)) {
			b->sel = row;
			return;
		}
	} else if (k->kind != BROW_ENTRY &&
	    (find_header(b, k->kind, k->group, k->category, &row) == 0 ||
	    (k->kind == BROW_CATEGORY &&
	    find_header(b, BROW_GROUP, k->group, -1, &row) == 0))) {
		b->sel = row;
		return;
	}
	b->sel = old_sel < b->nrows ? old_sel : b->nrows - 1;
}

/* The best matches' header and rows, at the top; returns the count. */
static size_t
best_rows(struct browse *b)
{
	struct brow	*r;
	size_t		 i, n = 0;

	if (b->nbest == 0)
		return (0);
	r = &b->rows[n++];
	r->kind = BROW_GROUP;
	r->group = BROW_BEST;
	r->category = -1;
	r->entry = BROW_NONE;
	r->count = (uint32_t)b->nbest;
	r->folded = b->fold_group[BROW_BEST];
	if (r->folded)
		return (n);
	for (i = 0; i < b->nbest; i++) {
		r = &b->rows[n++];
		r->kind = BROW_ENTRY;
		r->group = BROW_BEST;
		r->category = -1;
		r->entry = b->best[i];
		r->count = 0;
		r->folded = 0;
	}
	return (n);
}

/* Lay the shown entries out as rows under their headers. */
static void
build_rows(struct browse *b)
{
	size_t		 gcount[GROUP__COUNT];
	size_t		*ccount;
	size_t		 i, n = 0;
	int		 lg = -1, lc = -2;

	memset(gcount, 0, sizeof gcount);
	ccount = xcalloc(GROUP__COUNT * ncategories, sizeof *ccount);
	n = best_rows(b);
	for (i = 0; i < b->cat->n; i++) {
		const struct entry *e = &b->cat->entries[i];

		if (!b->shown[i])
			continue;
		gcount[e->group]++;
		if (entry_category(e) >= 0)
			ccount[e->group * ncategories + (size_t)e->category]++;
	}
	for (i = 0; i < b->cat->n; i++) {
		const struct entry *e = &b->cat->entries[i];
		int g = (int)e->group, c = entry_category(e);
		struct brow *r;

		if (!b->shown[i])
			continue;
		if (g != lg) {
			r = &b->rows[n++];
			r->kind = BROW_GROUP;
			r->group = (uint8_t)g;
			r->category = -1;
			r->entry = BROW_NONE;
			r->count = (uint32_t)gcount[g];
			r->folded = b->fold_group[g];
			lg = g;
			lc = -2;
		}
		if (b->fold_group[g])
			continue;
		if (c != lc && c >= 0) {
			r = &b->rows[n++];
			r->kind = BROW_CATEGORY;
			r->group = (uint8_t)g;
			r->category = (int16_t)c;
			r->entry = BROW_NONE;
			r->count = (uint32_t)ccount[(size_t)g * ncategories +
			    (size_t)c];
			r->folded = *cat_fold(b, g, c);
		}
		lc = c;
		if (c >= 0 && *cat_fold(b, g, c))
			continue;
		r = &b->rows[n++];
		r->kind = BROW_ENTRY;
		r->group = (uint8_t)g;
		r->category = (int16_t)c;
		r->entry = (uint32_t)i;
		r->count = 0;
		r->folded = 0;
	}
	b->nrows = n;
	free(ccount);
}

static void
rebuild(struct browse *b)
{
	struct row_key	 k = key_of(b);
	size_t		 old = b->sel;

	build_rows(b);
	reselect(b, &k, old);
}

int
browse_filtered(const struct browse *b)
{
	return (b->words.n != 0 || b->klass != 0 || b->category >= 0);
}

/* Unfold the headers above an entry so that it gets a row. */
static void
reveal(struct browse *b, uint32_t entry)
{
	const struct entry	*e = &b->cat->entries[entry];
	size_t			 row;
	int			 folded;

	folded = b->fold_group[e->group] || (entry_category(e) >= 0 &&
	    *cat_fold(b, e->group, e->category));
	if (folded) {
		b->fold_group[e->group] = 0;
		if (entry_category(e) >= 0)
			*cat_fold(b, e->group, e->category) = 0;
		rebuild(b);
	}
	if (find_entry(b, entry, &row) == 0)
		b->sel = row;
}

/* Select the shown entry with the best score of the last filter. */
static void
select_best(struct browse *b)
{
	size_t		 i;
	uint32_t	 best = BROW_NONE;
	int		 score = -1;

	for (i = 0; i < b->nhits; i++) {
		const struct search_hit *h = &b->hits[i];

		if (b->shown[h->entry] && h->score > score) {
			score = h->score;
			best = h->entry;
		}
	}
	if (best != BROW_NONE)
		reveal(b, best);
}

int
browse_set_query(struct browse *b, const char *q)
{
	const struct entry	*found[8], *old = browse_entry(b);
	size_t			 n, i;
	char			 code[32];

	if (strcmp(q, b->query) == 0)
		return (0);
	free(b->query);
	b->query = xstrdup(q);
	search_terms_parse(&b->words, q);
	refilter(b);
	rebuild(b);
	/*
	 * Filtering as you type: an entry still shown keeps the selection;
	 * otherwise the best match takes it, as in fzf, rather than
	 * whatever row slid under the old position.
	 */
	if (b->words.n != 0 && (old == NULL || browse_entry(b) != old))
		select_best(b);

	/* A code typed on its own selects that entry. */
	if (!query_code(q, code, sizeof code))
		return (1);
	n = catalog_lookup(b->cat, code, found, 8);
	for (i = 0; i < n; i++) {
		uint32_t idx = (uint32_t)(found[i] - b->cat->entries);
		if (b->shown[idx]) {
			reveal(b, idx);
			break;
		}
	}
	return (1);
}

int
browse_set_class(struct browse *b, int klass)
{
	if (klass == b->klass)
		return (0);
	b->klass = klass;
	refilter(b);
	rebuild(b);
	return (1);
}

int
browse_set_category(struct browse *b, int category)
{
	if (category == b->category)
		return (0);
	b->category = category;
	refilter(b);
	rebuild(b);
	return (1);
}

int
browse_clear_filters(struct browse *b)
{
	if (!browse_filtered(b) && b->query[0] == '\0')
		return (0);
	free(b->query);
	b->query = xstrdup("");
	search_terms_free(&b->words);
	b->klass = 0;
	b->category = -1;
	refilter(b);
	rebuild(b);
	return (1);
}

const struct brow *
browse_row(const struct browse *b)
{
	return (b->nrows != 0 ? &b->rows[b->sel] : NULL);
}

const struct entry *
browse_entry(const struct browse *b)
{
	const struct brow	*r = browse_row(b);

	if (r == NULL || r->kind != BROW_ENTRY)
		return (NULL);
	return (&b->cat->entries[r->entry]);
}

size_t
browse_count_category(const struct browse *b, int category)
{
	size_t	 i, n = 0;

	for (i = 0; i < b->cat->n; i++) {
		const struct entry *e = &b->cat->entries[i];

		if (b->matched[i] && (b->klass == 0 || e->klass == b->klass) &&
		    (category < 0 || e->category == category))
			n++;
	}
	return (n);
}

void
browse_move(struct browse *b, long delta)
{
	long	 s;

	if (b->nrows == 0)
		return;
	s = (long)b->sel + delta;
	if (s < 0)
		s = 0;
	if (s >= (long)b->nrows)
		s = (long)b->nrows - 1;
	b->sel = (size_t)s;
}

void
browse_home(struct browse *b)
{
	b->sel = 0;
}

void
browse_end(struct browse *b)
{
	b->sel = b->nrows != 0 ? b->nrows - 1 : 0;
}

void
browse_select_row(struct browse *b, size_t row)
{
	if (row < b->nrows)
		b->sel = row;
}

size_t
browse_view(struct browse *b, size_t height)
{
	if (height == 0)
		return (b->top);
	if (b->nrows <= height) {
		b->top = 0;
		return (0);
	}
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + height)
		b->top = b->sel - height + 1;
	if (b->top > b->nrows - height)
		b->top = b->nrows - height;
	return (b->top);
}

void
browse_scroll(struct browse *b, long delta, size_t height)
{
	long	 t, max;

	if (height == 0 || b->nrows == 0)
		return;
	max = b->nrows > height ? (long)(b->nrows - height) : 0;
	t = (long)b->top + delta;
	if (t < 0)
		t = 0;
	if (t > max)
		t = max;
	b->top = (size_t)t;
	if (b->sel < b->top)
		b->sel = b->top;
	if (b->sel >= b->top + height)
		b->sel = b->top + height - 1;
}

/* The header row that holds the selected entry (category if any). */
static int
parent_row(const struct browse *b, size_t *row)
{
	const struct brow	*r = browse_row(b);

	if (r == NULL)
		return (-1);
	if (r->kind == BROW_ENTRY && r->category >= 0)
		return (find_header(b, BROW_CATEGORY, r->group, r->category,
		    row));
	if (r->kind == BROW_GROUP)
		return (-1);
	return (find_header(b, BROW_GROUP, r->group, -1, row));
}

static void
set_fold(struct browse *b, const struct brow *r, int fold)
{
	if (r->kind == BROW_GROUP)
		b->fold_group[r->group] = (uint8_t)fold;
	else if (r->kind == BROW_CATEGORY)
		*cat_fold(b, r->group, r->category) = (uint8_t)fold;
}

void
browse_toggle(struct browse *b)
{
	const struct brow	*r = browse_row(b);
	size_t			 row;

	if (r == NULL)
		return;
	if (r->kind == BROW_ENTRY) {
		if (parent_row(b, &row) != 0)
			return;
		b->sel = row;
		r = browse_row(b);
	}
	set_fold(b, r, !r->folded);
	rebuild(b);
}

void
browse_fold(struct browse *b)
{
	const struct brow	*r = browse_row(b);
	size_t			 row;

	if (r == NULL)
		return;
	if (r->kind != BROW_ENTRY && !r->folded) {
		set_fold(b, r, 1);
		rebuild(b);
		return;
	}
	if (parent_row(b, &row) != 0)
		return;
	b->sel = row;
	if (r->kind == BROW_ENTRY) {
		set_fold(b, browse_row(b), 1);
		rebuild(b);
	}
}

int
browse_unfold(struct browse *b)
{
	const struct brow	*r = browse_row(b);

	if (r == NULL || r->kind == BROW_ENTRY || !r->folded)
		return (0);
	set_fold(b, r, 0);
	rebuild(b);
	return (1);
}

void
browse_fold_all(struct browse *b, int fold)
{
	memset(b->fold_group, fold != 0, sizeof b->fold_group);
	memset(b->fold_cat, fold != 0, GROUP__COUNT * ncategories);
	rebuild(b);
}

/* Short, stable names for the state file; not the translated titles. */
static const char *const group_keys[GROUP__COUNT] = {
	"2xx", "3xx", "4xx", "5xx", "nonstandard", "client", "structure"
};

/* The header row of group g, or the first row when it has none. */
static size_t
group_row(const struct browse *b, int g)
{
	size_t	 i;

	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].kind == BROW_GROUP && b->rows[i].group == g)
			return (i);
	}
	return (0);
}

static void
select_first_failure(struct browse *b)
{
	size_t	 i;

	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].group == GROUP_4XX ||
		    b->rows[i].group == GROUP_5XX) {
			b->sel = group_row(b, b->rows[i].group);
			b->top = 0;
			return;
		}
	}
}

void
browse_open_on_failures(struct browse *b)
{
	b->fold_group[GROUP_2XX] = 1;
	b->fold_group[GROUP_3XX] = 1;
	rebuild(b);
	select_first_failure(b);
}

char *
browse_folds_save(const struct browse *b)
{
	struct buf	 out;
	int		 g;

	buf_init(&out);
	for (g = 0; g < GROUP__COUNT; g++) {
		if (b->fold_group[g])
			buf_printf(&out, "%s%s", out.len != 0 ? " " : "",
			    group_keys[g]);
	}
	return (buf_steal(&out));
}

void
browse_folds_load(struct browse *b, const char *line)
{
	const char	*p = line, *w;
	size_t		 n;
	int		 g;

	memset(b->fold_group, 0, sizeof b->fold_group);
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		for (w = p; *p != '\0' && *p != ' ' && *p != '\t'; p++)
			;
		n = (size_t)(p - w);
		for (g = 0; g < GROUP__COUNT; g++) {
			if (n == strlen(group_keys[g]) &&
			    strncmp(w, group_keys[g], n) == 0)
				b->fold_group[g] = 1;
		}
	}
	rebuild(b);
	select_first_failure(b);
}

int
browse_all_folded(const struct browse *b)
{
	size_t	 i;

	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].kind == BROW_GROUP && !b->rows[i].folded)
			return (0);
	}
	return (b->nrows != 0);
}

int
browse_select_entry(struct browse *b, uint32_t entry)
{
	if (entry >= b->cat->n)
		return (-1);
	if (!b->shown[entry])
		browse_clear_filters(b);
	reveal(b, entry);
	return (0);
}

int
browse_select_code(struct browse *b, const char *code)
{
	const struct entry	*found[1];

	if (catalog_lookup(b->cat, code, found, 1) != 1)
		return (-1);
	return (browse_select_entry(b, (uint32_t)(found[0] -
	    b->cat->entries)));
}

/* The catalogue index of the first entry under a header. */
static size_t
first_under(const struct browse *b, const struct brow *r)
{
	size_t	 i;

	for (i = 0; i < b->cat->n; i++) {
		const struct entry *e = &b->cat->entries[i];
		if ((int)e->group == r->group &&
		    (r->kind == BROW_GROUP || e->category == r->category))
			return (i);
	}
	return (0);
}

int
browse_next_match(struct browse *b, int dir)
{
	const struct brow	*r = browse_row(b);
	size_t			 n = b->cat->n, i, k, start;

	if (b->nshown == 0 || r == NULL)
		return (-1);
	if (r->kind == BROW_ENTRY)
		start = dir > 0 ? r->entry + 1 : r->entry + n - 1;
	else
		start = dir > 0 ? first_under(b, r) : first_under(b, r) + n - 1;
	for (k = 0; k < n; k++) {
		i = dir > 0 ? (start + k) % n : (start + n - k) % n;
		if (b->shown[i]) {
			reveal(b, (uint32_t)i);
			return (0);
		}
	}
	return (-1);
}

int
browse_follow(struct browse *b, const char *code)
{
	const struct entry	*found[1];
	const struct brow	*r = browse_row(b);

	if (catalog_lookup(b->cat, code, found, 1) != 1)
		return (-1);
	if (r != NULL && r->kind == BROW_ENTRY) {
		if (b->nhistory == HISTORY_MAX) {
			memmove(b->history, b->history + 1,
			    (HISTORY_MAX - 1) * sizeof *b->history);
			b->nhistory--;
		}
		b->history = xgrow(b->history, &b->caphistory,
		    b->nhistory + 1, sizeof *b->history);
		b->history[b->nhistory++] = r->entry;
	}
	return (browse_select_entry(b, (uint32_t)(found[0] -
	    b->cat->entries)));
}

int
browse_back(struct browse *b)
{
	if (b->nhistory == 0)
		return (-1);
	return (browse_select_entry(b, b->history[--b->nhistory]));
}

struct span_ctx {
	const struct browse	*b;
	size_t			*spans;
	size_t			 max;
	size_t			 n;
};

static void
span_word(void *arg, const char *s, size_t len, size_t off, size_t olen)
{
	struct span_ctx	*x = arg;
	size_t		 i, wl;

	if (x->n == x->max)
		return;
	for (i = 0; i < x->b->words.n; i++) {
		wl = x->b->words.len[i];
		if (wl <= len && memcmp(s, x->b->words.tok[i], wl) == 0) {
			x->spans[2 * x->n] = off;
			x->spans[2 * x->n + 1] = olen;
			x->n++;
			return;
		}
	}
}

size_t
browse_match_spans(const struct browse *b, const char *text, size_t *spans,
    size_t max)
{
	struct span_ctx	 x;

	if (b->words.n == 0 || text == NULL || max == 0)
		return (0);
	x.b = b;
	x.spans = spans;
	x.max = max;
	x.n = 0;
	search_words(text, strlen(text), span_word, &x);
	return (x.n);
}

const struct rdoc *
browse_doc(struct browse *b, size_t width)
{
	const struct brow	*r = browse_row(b);

	if (r == NULL || r->kind != BROW_ENTRY)
		return (NULL);
	if (r->entry != b->doc_entry || width != b->doc_width) {
		if (r->entry != b->doc_entry) {
			b->dtop = 0;
			b->dlink = -1;
		}
		rdoc_free(&b->doc);
		render_entry(b->cat, &b->cat->entries[r->entry], width,
		    &b->doc);
		b->doc_entry = r->entry;
		b->doc_width = width;
	}
	return (&b->doc);
}

/* Lines of the cached document, or 0 when it is not the selected one. */
static size_t
doc_lines(const struct browse *b)
{
	const struct brow	*r = browse_row(b);

	if (r == NULL || r->kind != BROW_ENTRY || r->entry != b->doc_entry)
		return (0);
	return (b->doc.n);
}

void
browse_detail_scroll(struct browse *b, long delta, size_t height)
{
	size_t	 n = doc_lines(b);
	long	 t, max;

	max = n > height ? (long)(n - height) : 0;
	t = (long)b->dtop + delta;
	if (t > max)
		t = max;
	if (t < 0)
		t = 0;
	b->dtop = (size_t)t;
}

void
browse_detail_home(struct browse *b)
{
	b->dtop = 0;
}

void
browse_detail_end(struct browse *b, size_t height)
{
	size_t	 n = doc_lines(b);

	b->dtop = n > height ? n - height : 0;
}

int
browse_detail_link(struct browse *b, int dir, size_t height)
{
	const struct entry	*e = browse_entry(b);
	size_t			 i, n = doc_lines(b);
	int			 nlinks;

	if (e == NULL || e->related.n == 0 || n == 0)
		return (-1);
	nlinks = (int)e->related.n;
	if (b->dlink < 0)
		b->dlink = dir > 0 ? 0 : nlinks - 1;
	else
		b->dlink = (b->dlink + (dir > 0 ? 1 : nlinks - 1)) % nlinks;
	for (i = 0; i < n; i++) {
		if (b->doc.v[i].style == RS_RELATED &&
		    b->doc.v[i].link == b->dlink)
			break;
	}
	if (i < n && height != 0) {
		if (i < b->dtop)
			b->dtop = i;
		else if (i >= b->dtop + height)
			b->dtop = i - height + 1;
	}
	return (0);
}

int
browse_detail_follow(struct browse *b)
{
	const struct entry	*e = browse_entry(b);
	int			 link;

	if (e == NULL || e->related.n == 0)
		return (-1);
	link = b->dlink >= 0 && (size_t)b->dlink < e->related.n ? b->dlink : 0;
	return (browse_follow(b, e->related.v[link]));
}

void
layout_compute(struct layout *l, int lines, int cols, int detail_open)
{
	int	 h, lw;

	memset(l, 0, sizeof *l);
	l->lines = lines;
	l->cols = cols;
	if (lines < LAYOUT_MIN_LINES || cols < LAYOUT_MIN_COLS) {
		l->too_small = 1;
		return;
	}
	h = lines - 2;
	l->title = (struct rect){ 0, 0, 1, cols };
	l->status = (struct rect){ lines - 1, 0, 1, cols };
	if (cols >= LAYOUT_WIDE_COLS) {
		l->wide = 1;
		l->show_list = l->show_detail = 1;
		lw = cols * 2 / 5;
		if (lw < 30)
			lw = 30;
		if (lw > 60)
			lw = 60;
		l->list = (struct rect){ 1, 0, h, lw };
		l->sep = (struct rect){ 1, lw, h, 1 };
		l->detail = (struct rect){ 1, lw + 1, h, cols - lw - 1 };
	} else if (detail_open) {
		l->show_detail = 1;
		l->detail = (struct rect){ 1, 0, h, cols };
	} else {
		l->show_list = 1;
		l->list = (struct rect){ 1, 0, h, cols };
	}
}

void
layout_center(const struct layout *l, int h, int w, struct rect *r)
{
	int	 maxh = l->lines - 2, maxw = l->cols - 2;

	memset(r, 0, sizeof *r);
	if (l->too_small || maxh < 1 || maxw < 1)
		return;
	r->h = h < maxh ? h : maxh;
	r->w = w < maxw ? w : maxw;
	r->y = 1 + (maxh - r->h) / 2;
	r->x = (l->cols - r->w) / 2;
}
