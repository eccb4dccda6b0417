/* The inverted word index behind search and filter-as-you-type. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "catalogue/search.h"
#include "base/utf8.h"

#define FIELD_CODE	0x1
#define FIELD_TITLE	0x2
#define FIELD_META	0x4
#define FIELD_BODY	0x8

struct posting {
	uint32_t	entry;
	uint32_t	fields;
};

struct word {
	char		*s;
	size_t		 len;
	struct posting	*post;	/* while building; then a slice of all */
	size_t		 npost;
	size_t		 cappost;
};

struct search_index {
	struct word	*words;		/* sorted by s */
	size_t		 nwords;
	struct posting	*postings;
	uint32_t	*hash;		/* word + 1, while building */
	size_t		 hsize;
	size_t		 wcap;
	int		*tok;		/* per-entry scratch of one token */
	uint8_t		*tokfields;	/* fields where that token matched */
	int		*acc;
	uint8_t		*cnt;
	uint8_t		*common;	/* fields where every token matched */
	size_t		 n;
};

static int
is_word_byte(unsigned char c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80);
}

void
search_words(const char *text, size_t len,
    void (*fn)(void *, const char *, size_t, size_t, size_t), void *arg)
{
	struct buf	 folded;
	size_t		 i = 0, start;

	buf_init(&folded);
	while (i < len) {
		if (!is_word_byte((unsigned char)text[i])) {
			i++;
			continue;
		}
		start = i;
		/* A dot joins words inside codes and names: 5.7.26, x.7.26. */
		while (i < len && (is_word_byte((unsigned char)text[i]) ||
		    (text[i] == '.' && i + 1 < len &&
		    is_word_byte((unsigned char)text[i + 1]) &&
		    i > start)))
			i++;
		buf_reset(&folded);
		utf8_fold(text + start, i - start, &folded);
		fn(arg, folded.data, folded.len, start, i - start);
	}
	buf_free(&folded);
}

static uint32_t
hash_word(const char *s, size_t len)
{
	uint32_t	 h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return (h);
}

static void
index_grow_hash(struct search_index *x)
{
	size_t	 i, j, mask;

	free(x->hash);
	x->hsize = x->hsize == 0 ? 4096 : x->hsize * 2;
	x->hash = xcalloc(x->hsize, sizeof *x->hash);
	mask = x->hsize - 1;
	for (i = 0; i < x->nwords; i++) {
		j = hash_word(x->words[i].s, x->words[i].len) & mask;
		while (x->hash[j] != 0)
			j = (j + 1) & mask;
		x->hash[j] = (uint32_t)i + 1;
	}
}

struct add_ctx {
	struct search_index	*x;
	uint32_t		 entry;
	uint32_t		 field;
};

static void
add_word(void *arg, const char *s, size_t len, size_t off, size_t olen)
{
	struct add_ctx		*ctx = arg;
	struct search_index	*x = ctx->x;
	struct word		*w;
	size_t			 j, mask;

	(void)off;
	(void)olen;
	if (x->nwords * 2 >= x->hsize)
		index_grow_hash(x);
	mask = x->hsize - 1;
	j = hash_word(s, len) & mask;
	while (x->hash[j] != 0) {
		w = &x->words[x->hash[j] - 1];
		if (w->len == len && memcmp(w->s, s, len) == 0)
			goto found;
		j = (j + 1) & mask;
	}
	x->words = xgrow(x->words, &x->wcap, x->nwords + 1, sizeof *x->words);
	w = &x->words[x->nwords];
	memset(w, 0, sizeof *w);
	w->s = xstrndup(s, len);
	w->len = len;
	x->hash[j] = (uint32_t)++x->nwords;
found:
	if (w->npost != 0 && w->post[w->npost - 1].entry == ctx->entry) {
		w->post[w->npost - 1].fields |= ctx->field;
		return;
	}
	w->post = xgrow(w->post, &w->cappost, w->npost + 1, sizeof *w->post);
	w->post[w->npost].entry = ctx->entry;
	w->post[w->npost++].fields = ctx->field;
}

static void
add_text(struct add_ctx *ctx, uint32_t field, const char *s)
{
	if (s == NULL)
		return;
	ctx->field = field;
	search_words(s, strlen(s), add_word, ctx);
}

static int
word_cmp(const void *pa, const void *pb)
{
	const struct word	*a = pa, *b = pb;
	size_t			 n = a->len < b->len ? a->len : b->len;
	int			 r;

	if ((r = memcmp(a->s, b->s, n)) != 0)
		return (r);
	return (a->len < b->len ? -1 : a->len > b->len);
}

void
catalog_index(struct catalog *c)
{
	struct search_index	*x;
	struct add_ctx		 ctx;
	size_t			 i, j, total = 0;

	if (c->index != NULL)
		return;
	x = xcalloc(1, sizeof *x);
	ctx.x = x;
	for (i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i];

		ctx.entry = (uint32_t)i;
		add_text(&ctx, FIELD_CODE, e->code);
		add_text(&ctx, FIELD_CODE, e->family);
		add_text(&ctx, FIELD_TITLE, e->title);
		add_text(&ctx, FIELD_META, categories[e->category].title);
		for (j = 0; j < e->related.n; j++)
			add_text(&ctx, FIELD_META, e->related.v[j]);
		for (j = 0; j < e->nproviders; j++)
			add_text(&ctx, FIELD_META, e->providers[j].label);
		/* Example replies are what users paste: worth more than prose. */
		for (j = 0; j < e->nexamples; j++) {
			add_text(&ctx, FIELD_META, e->examples[j].label);
			add_text(&ctx, FIELD_META, e->examples[j].text);
		}
		add_text(&ctx, FIELD_BODY, e->meaning);
		for (j = 0; j < e->causes.n; j++)
			add_text(&ctx, FIELD_BODY, e->causes.v[j]);
		for (j = 0; j < e->fixes.n; j++)
			add_text(&ctx, FIELD_BODY, e->fixes.v[j]);
		for (j = 0; j < e->nproviders; j++)
			add_text(&ctx, FIELD_BODY, e->providers[j].text);
		add_text(&ctx, FIELD_BODY, e->retry_note);
		add_text(&ctx, FIELD_BODY, e->note);
		add_text(&ctx, FIELD_BODY, e->source);
		add_text(&ctx, FIELD_BODY, e->guide_type);
	}
	free(x->hash);
	x->hash = NULL;
	if (x->nwords > 1)
		qsort(x->words, x->nwords, sizeof *x->words, word_cmp);
	for (i = 0; i < x->nwords; i++)
		total += x->words[i].npost;
	/* One contiguous posting array: better locality for prefix scans. */
	x->postings = xcalloc(total, sizeof *x->postings);
	for (i = 0, total = 0; i < x->nwords; i++) {
		struct word *w = &x->words[i];
		memcpy(x->postings + total, w->post, w->npost * sizeof *w->post);
		free(w->post);
		w->post = x->postings + total;
		total += w->npost;
	}
	x->n = c->n;
	x->tok = xcalloc(c->n + 1, sizeof *x->tok);
	x->tokfields = xcalloc(c->n + 1, sizeof *x->tokfields);
	x->common = xcalloc(c->n + 1, sizeof *x->common);
	x->acc = xcalloc(c->n + 1, sizeof *x->acc);
	x->cnt = xcalloc(c->n + 1, sizeof *x->cnt);
	c->index = x;
}

void
search_index_free(struct search_index *x)
{
	size_t	 i;

	if (x == NULL)
		return;
	for (i = 0; i < x->nwords; i++)
		free(x->words[i].s);
	free(x->words);
	free(x->postings);
	free(x->hash);
	free(x->tok);
	free(x->tokfields);
	free(x->common);
	free(x->acc);
	free(x->cnt);
	free(x);
}

static int
field_score(uint32_t fields, int exact)
{
	if (fields & FIELD_CODE)
		return (exact ? SCORE_CODE_EXACT : SCORE_CODE_PREFIX);
	if (fields & FIELD_TITLE)
		return (exact ? SCORE_TITLE_EXACT : SCORE_TITLE_PREFIX);
	if (fields & FIELD_META)
		return (exact ? SCORE_META_EXACT : SCORE_META_PREFIX);
	return (exact ? SCORE_BODY_EXACT : SCORE_BODY_PREFIX);
}

/* First word not below (s, len) in the sorted vocabulary. */
static size_t
lower_bound(const struct search_index *x, const char *s, size_t len)
{
	size_t	 lo = 0, hi = x->nwords;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct word *w = &x->words[mid];
		size_t n = w->len < len ? w->len : len;
		int r = memcmp(w->s, s, n);

		if (r < 0 || (r == 0 && w->len < len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

static void
add_term(void *arg, const char *s, size_t len, size_t off, size_t olen)
{
	struct search_terms	*q = arg;
	size_t			 i;

	(void)off;
	(void)olen;
	for (i = 0; i < q->n; i++) {
		if (q->len[i] == len && memcmp(q->tok[i], s, len) == 0)
			return;		/* "spf spf" is "spf" */
	}
	if (q->n == SEARCH_MAX_TOKENS)
		return;
	q->tok[q->n] = xstrndup(s, len);
	q->len[q->n++] = len;
}

void
search_terms_parse(struct search_terms *q, const char *text)
{
	search_terms_free(q);
	search_words(text, strlen(text), add_term, q);
}

void
search_terms_free(struct search_terms *q)
{
	size_t	 t;

	for (t = 0; t < q->n; t++)
		free(q->tok[t]);
	q->n = 0;
}

static size_t
run_query(struct catalog *c, const char *query, struct search_hit *out)
{
	struct search_index	*x;
	struct search_terms	 q;
	size_t			 t, i, p, nhits = 0;

	catalog_index(c);
	x = c->index;
	memset(&q, 0, sizeof q);
	search_terms_parse(&q, query);
	if (q.n == 0) {
		for (i = 0; i < c->n; i++) {
			out[i].entry = (uint32_t)i;
			out[i].score = 0;
			out[i].prominence = 0;
		}
		return (c->n);
	}
	for (t = 0; t < q.n; t++) {
		memset(x->tok, 0, x->n * sizeof *x->tok);
		memset(x->tokfields, 0, x->n * sizeof *x->tokfields);
		for (i = lower_bound(x, q.tok[t], q.len[t]); i < x->nwords;
		    i++) {
			const struct word *w = &x->words[i];
			int exact = w->len == q.len[t];

			if (w->len < q.len[t] ||
			    memcmp(w->s, q.tok[t], q.len[t]) != 0)
				break;
			for (p = 0; p < w->npost; p++) {
				uint32_t e = w->post[p].entry;
				int s = field_score(w->post[p].fields, exact);

				if (s > x->tok[e])
					x->tok[e] = s;
				x->tokfields[e] |= (uint8_t)w->post[p].fields;
			}
		}
		for (i = 0; i < x->n; i++) {
			if (x->tok[i] == 0)
				continue;
			if (t == 0) {
				x->acc[i] = x->tok[i];
				x->cnt[i] = 1;
				x->common[i] = x->tokfields[i];
			} else if (x->cnt[i] == t) {
				x->acc[i] += x->tok[i];
				x->cnt[i]++;
				x->common[i] &= x->tokfields[i];
			}
		}
	}
	for (i = 0; i < x->n; i++) {
		if (x->cnt[i] == q.n) {
			const struct entry *e = &c->entries[i];

			/*
			 * Words found together in one title or one example
			 * reply say more than the same words scattered.
			 */
			if (q.n > 1 && (x->common[i] & FIELD_TITLE))
				x->acc[i] += SCORE_TOGETHER_TITLE;
			else if (q.n > 1 && (x->common[i] & FIELD_META))
				x->acc[i] += SCORE_TOGETHER_META;
			out[nhits].entry = (uint32_t)i;
			out[nhits].score = x->acc[i];
			out[nhits++].prominence = (int)e->frequency * 3 +
			    (int)e->importance;
		}
		x->cnt[i] = 0;
		x->acc[i] = 0;
	}
	search_terms_free(&q);
	return (nhits);
}

/*
 * Sort hits best first, stably (ties stay in catalogue order), with two
 * LSD radix passes over an inverted 22-bit key: linear, which matters
 * when a short query matches nearly all of a 10,000-entry catalogue.
 */
#define KEY_BITS	11
#define KEY_MAX		((1u << (2 * KEY_BITS)) - 1)

static uint32_t
hit_key(const struct search_hit *h)
{
	uint32_t	 k = ((uint32_t)h->score << 4) | (uint32_t)h->prominence;

	return (KEY_MAX - (k > KEY_MAX ? KEY_MAX : k));
}

static void
sort_hits(struct search_hit *v, size_t n)
{
	struct search_hit	*tmp, *src = v, *dst;
	size_t			 count[1u << KEY_BITS], i, sum, c;
	int			 pass;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof *tmp);
	dst = tmp;
	for (pass = 0; pass < 2; pass++) {
		unsigned shift = (unsigned)pass * KEY_BITS;

		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(hit_key(&src[i]) >> shift) &
			    ((1u << KEY_BITS) - 1)]++;
		for (i = 0, sum = 0; i < (1u << KEY_BITS); i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(hit_key(&src[i]) >> shift) &
			    ((1u << KEY_BITS) - 1)]++] = src[i];
		src = dst;
		dst = dst == tmp ? v : tmp;
	}
	/* After an even number of passes the result is back in v. */
	free(tmp);
}

size_t
catalog_search(struct catalog *c, const char *query, struct search_hit *out)
{
	size_t	 n;

	n = run_query(c, query, out);
	sort_hits(out, n);
	return (n);
}

size_t
catalog_filter(struct catalog *c, const char *query, struct search_hit *out)
{
	return (run_query(c, query, out));
}
