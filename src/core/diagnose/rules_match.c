/* The diagnosis rules' hot path: prefilter, JIT and match. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "diagnose/rules.h"

void
rule_state_init(struct rule_state *st)
{
	memset(st, 0, sizeof *st);
	/* Only the whole match is read: one pair of offsets would do. */
	if ((st->md = pcre2_match_data_create(4, NULL)) == NULL)
		out_of_memory();
}

void
rule_state_free(struct rule_state *st)
{
	if (st->md != NULL)
		pcre2_match_data_free(st->md);
	free(st->cand);
	free(st->grams);
	memset(st, 0, sizeof *st);
}

/* The literal being read, and the longest required one seen so far. */
struct litscan {
	unsigned char	 cur[64], best[64];
	size_t		 ncur, nbest;
};

/* The run of literal bytes ends: keep it if it is the longest yet. */
static void
lit_end(struct litscan *ls)
{
	if (ls->ncur > ls->nbest) {
		memcpy(ls->best, ls->cur, ls->ncur);
		ls->nbest = ls->ncur;
	}
	ls->ncur = 0;
}

/* A required literal, lower case. */
struct reqlit {
	unsigned char	 text[64];
	size_t		 len;
};

/* Literals of which any match holds one at least: an OR. */
struct reqset {
	struct reqlit	*v;
	size_t		 n, cap;
};

static void
reqset_add(struct reqset *s, const unsigned char *text, size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 8 : s->cap * 2;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	memcpy(s->v[s->n].text, text, len);
	s->v[s->n].len = len;
	s->n++;
}

/* The shortest literal of s: how weak a filter the set is. */
static size_t
reqset_weakest(const struct reqset *s)
{
	size_t	 i, w = SIZE_MAX;

	for (i = 0; i < s->n; i++)
		if (s->v[i].len < w)
			w = s->v[i].len;
	return (w);
}

/*
 * Nested deeper than this, a pattern gets no prefilter: the scan
 * recurses once per group.
 */
#define PREFILTER_MAX_DEPTH	16

/*
 * Whether the pattern uses only the syntax rule_prefilter() models.  Escapes
 * that take the bytes after them (\x{41}, \cA, \p{Lu}, \Q...\E, \k<n>),
 * back references, extended mode (?x) where spaces mean nothing,
 * comments, and (*UTF) and other verbs that change what a byte matches:
 * a rule using any of them just gets no prefilter.
 */
static int
pattern_simple(const char *pattern)
{
	const char	*p;

	for (p = pattern; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			if ((*p >= '0' && *p <= '9') ||
			    strchr("cxopPNgkQEu", *p) != NULL)
				return (0);
		} else if (*p == '(' && p[1] == '*')
			return (0);
		else if (*p == '(' && p[1] == '?') {
			const char *q = p + 2;

			if (*q == '#')
				return (0);
			/* Option letters, as in (?i) or (?i-x:...). */
			while ((*q >= 'a' && *q <= 'z') || *q == '-' ||
			    *q == '^') {
				if (*q == 'x')
					return (0);
				q++;
			}
		}
	}
	return (1);
}

/*
 * In a class, "[:alpha:]" at p: its last ']', which does not end the
 * class.  Else ("[:]", "[:x]") p itself: a plain '['.
 */
static const unsigned char *
posix_class_end(const unsigned char *p)
{
	const unsigned char	*q = p + 2;

	if (*q == '^')
		q++;
	while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
		q++;
	return (q > p + 2 && q[0] == ':' && q[1] == ']' ? q + 1 : p);
}

/* The '}' of a {n}, {n,} or {n,m} quantifier at p, else p itself. */
static const unsigned char *
quantifier_end(const unsigned char *p)
{
	const unsigned char	*q = p + 1;

	while (*q >= '0' && *q <= '9')
		q++;
	if (q == p + 1)
		return (p);
	if (*q == ',')
		for (q++; *q >= '0' && *q <= '9'; q++)
			;
	return (*q == '}' ? q : p);
}

/*
 * The class "[...]" at p: its closing ']', or the byte before the end of
 * the pattern when it has none.
 */
static const unsigned char *
class_end(const unsigned char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p != '\0' && *p != ']') {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '[' && p[1] == ':')
			p = posix_class_end(p);
		p++;
	}
	return (*p == '\0' ? p - 1 : p);
}

/* What a group's text means for the match around it. */
enum group_kind {
	GROUP_REQUIRED,		/* (...), (?:...), (?i:...), (?<n>...) */
	GROUP_ASSERTION,	/* (?=...), (?<!...): no text of the match */
	GROUP_OPTIONS,		/* (?i): no text at all */
	GROUP_OTHER		/* conditions and the like: not modelled */
};

/* The kind of the group opened at p, and where its content starts. */
static enum group_kind
group_open(const unsigned char *p, const unsigned char **content)
{
	const unsigned char	*q = p + 1;

	*content = q;
	if (*q != '?')
		return (GROUP_REQUIRED);
	q++;
	*content = q + 1;
	if (*q == ':' || *q == '>' || *q == '|')
		return (GROUP_REQUIRED);
	if (*q == '=' || *q == '!')
		return (GROUP_ASSERTION);
	if (*q == '<' && (q[1] == '=' || q[1] == '!')) {
		*content = q + 2;
		return (GROUP_ASSERTION);
	}
	if (*q == 'P' && q[1] == '<')
		q++;
	if (*q == '<' || *q == '\'') {
		/* A named group: the name is no text to find. */
		for (q++; (*q >= 'a' && *q <= 'z') || (*q >= 'A' &&
		    *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_'; q++)
			;
		*content = *q == '>' || *q == '\'' ? q + 1 : q;
		return (*q == '>' || *q == '\'' ? GROUP_REQUIRED :
		    GROUP_OTHER);
	}
	while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	    *q == '-' || *q == '^')
		q++;
	*content = *q == ':' ? q + 1 : q;
	if (*q == ':')
		return (GROUP_REQUIRED);
	return (*q == ')' ? GROUP_OPTIONS : GROUP_OTHER);
}

/* The group that closes at p may be absent: "?", "*", "{0,n}" follow. */
static int
group_optional(const unsigned char *p)
{
	const unsigned char	*q = p + 1;

	if (*q == '?' || *q == '*')
		return (1);
	/* {,3} too: a quantifier {0,3} from PCRE2 10.43 on. */
	return (*q == '{' && (q[1] == '0' || q[1] == ','));
}

static int	alternation_scan(const unsigned char **, int,
		    struct reqset *);

/*
 * The group at *pp: scanned to its ')', where *pp is left.  Its inner
 * alternatives' literals go to g when every match of the sequence
 * around it must hold one: 1 then, 0 when not, -1 for a pattern the
 * scan does not follow.
 */
static int
group_scan(const unsigned char **pp, int depth, struct reqset *g)
{
	const unsigned char	*p = *pp;
	enum group_kind		 kind;
	int			 rc;

	if (depth >= PREFILTER_MAX_DEPTH)
		return (-1);
	kind = group_open(p, &p);
	g->n = 0;
	if ((rc = alternation_scan(&p, depth + 1, g)) < 0 || *p != ')')
		return (-1);
	*pp = p;
	if (rc == 0 || kind != GROUP_REQUIRED || group_optional(p)) {
		g->n = 0;
		return (0);
	}
	return (1);
}

/*
 * One alternative, from *pp to the '|' or ')' or end that closes it,
 * where *pp is left.  Its longest run of literal bytes that no
 * quantifier makes optional goes to out; with none of three bytes, the
 * literals of its strongest required group.  What is in a class or an
 * escape like \s only ends a run, so the prefilter can miss a chance to
 * skip a rule but never skips one that would match.  1 when out got
 * some, 0 when the alternative has none, -1 as group_scan().
 */
static int
sequence_scan(const unsigned char **pp, int depth, struct reqset *out)
{
	const unsigned char	*p = *pp;
	struct litscan		 ls;
	struct reqset		 best = { NULL, 0, 0 }, g = { NULL, 0, 0 };
	struct reqset		 tmp;
	size_t			 i;
	int			 rc = 0;

	ls.ncur = ls.nbest = 0;
	for (; *p != '\0' && *p != '|' && *p != ')'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			/* \s \d \b \x41 \Q...: not a plain byte. */
			if ((*p >= 'a' && *p <= 'z') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9')) {
				lit_end(&ls);
				continue;
			}
			/* \. \- \(: the byte itself. */
		} else if (*p == '[') {
			/* A class is one byte of a set: skip it whole. */
			lit_end(&ls);
			p = class_end(p);
			continue;
		} else if (*p == '(') {
			lit_end(&ls);
			if ((rc = group_scan(&p, depth, &g)) < 0)
				break;
			if (rc == 1 && (best.n == 0 ||
			    reqset_weakest(&g) > reqset_weakest(&best))) {
				tmp = best;
				best = g;
				g = tmp;
			}
			rc = 0;
			continue;
		} else if (*p == '?' || *p == '*' || *p == '{' || *p == '}') {
			/* The byte before may be absent: the run ends. */
			if (ls.ncur > 0)
				ls.ncur--;
			lit_end(&ls);
			/*
			 * {0,80}: its digits are no text to find.  A brace
			 * that starts no quantifier ("{D}", "{2D|") is a
			 * plain byte; what follows it is read as usual.
			 */
			if (*p == '{')
				p = quantifier_end(p);
			continue;
		} else if (*p == '+') {
			lit_end(&ls);	/* once or more: kept */
			continue;
		} else if (*p == '.' || *p == '^' || *p == '$') {
			lit_end(&ls);
			continue;
		}
		if (ls.ncur == sizeof ls.cur)
			lit_end(&ls);
		ls.cur[ls.ncur++] = (unsigned char)((*p >= 'A' && *p <= 'Z') ?
		    *p + 32 : *p);
	}
	*pp = p;
	if (rc >= 0) {
		lit_end(&ls);
		/* A run of its own first: the prefilter of old rules. */
		if (ls.nbest >= 3) {
			reqset_add(out, ls.best, ls.nbest);
			rc = 1;
		} else if (best.n > 0) {
			for (i = 0; i < best.n; i++)
				reqset_add(out, best.v[i].text,
				    best.v[i].len);
			rc = 1;
		}
	}
	free(best.v);
	free(g.v);
	return (rc);
}

/*
 * The alternatives from *pp to the ')' or end that closes them, where
 * *pp is left: 1 when each has required literals, all in out then, 0
 * when some has none, -1 as group_scan().
 */
static int
alternation_scan(const unsigned char **pp, int depth, struct reqset *out)
{
	size_t	 mark = out->n;
	int	 rc, all = 1;

	for (;;) {
		if ((rc = sequence_scan(pp, depth, out)) < 0)
			return (-1);
		all &= rc;
		if (**pp != '|')
			break;
		(*pp)++;
	}
	if (!all)
		out->n = mark;
	return (all);
}

/*
 * The literals of which every match holds one, per top-level
 * alternative (or, for an alternative whose only literals are inside a
 * group, per alternative of that group).  No prefilter (nlits = 0) when
 * some alternative has none of three bytes or more, or there are more
 * than RULE_MAX_LITS.
 */
void
rule_prefilter(struct rule *r)
{
	const unsigned char	*p = (const unsigned char *)r->pattern;
	struct reqset		 set = { NULL, 0, 0 };
	struct reqlit		*l;
	size_t			 i, k;

	r->nlits = 0;
	free(r->lit);
	r->lit = NULL;
	if (!pattern_simple(r->pattern) ||
	    alternation_scan(&p, 0, &set) != 1 || *p != '\0' ||
	    set.n > RULE_MAX_LITS) {
		free(set.v);
		return;
	}
	r->lit = xmalloc(set.n * sizeof *r->lit);
	for (i = 0; i < set.n; i++) {
		l = &set.v[i];
		for (k = 0; k < RULE_LIT_GRAMS; k++)
			r->lits[i][k] = rule_trigram(l->text +
			    (l->len - 3) * k / (RULE_LIT_GRAMS - 1));
		r->lit[i].len = (unsigned char)(l->len < RULE_LIT_TEXT ?
		    l->len : RULE_LIT_TEXT);
		memcpy(r->lit[i].text, l->text, r->lit[i].len);
	}
	r->nlits = set.n;
	free(set.v);
}

/*
 * The JIT copy of r, compiled now.  A copy, not r->re itself: other
 * threads may be running r->re in the interpreter, and pcre2_match()
 * would see a JIT code attached to it half-way.
 */
static pcre2_code *
rule_jit(struct rule *r)
{
	pcre2_code	*c;

	if ((c = pcre2_code_copy(r->re)) == NULL)
		return (NULL);
	if (pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(c);
		return (NULL);
	}
	atomic_store_explicit(&r->jit_re, c, memory_order_release);
	return (c);
}

int
rule_match(const struct rules *rs, const struct rule *cr, const char *text,
    size_t len, void *md)
{
	/* The atomics are the only fields written after loading. */
	struct rule	*r = (struct rule *)(uintptr_t)cr;
	pcre2_code	*c;

	c = atomic_load_explicit(&r->jit_re, memory_order_acquire);
	if (c == NULL && !rs->no_jit && atomic_fetch_add_explicit(&r->runs,
	    1, memory_order_relaxed) + 1 == RULE_JIT_AFTER)
		c = rule_jit(r);
	if (c != NULL)
		return (pcre2_jit_match(c, (PCRE2_SPTR)text, len, 0, 0, md,
		    NULL));
	return (pcre2_match(r->re, (PCRE2_SPTR)text, len, 0, 0, md, NULL));
}

void
rule_trigrams(const char *text, size_t len,
    unsigned char bits[RULE_TRIGRAM_BYTES])
{
	const unsigned char	*p = (const unsigned char *)text;
	unsigned char		 c[3];
	uint16_t		 h;
	size_t			 i;

	memset(bits, 0, RULE_TRIGRAM_BYTES);
	for (i = 0; i + 3 <= len; i++) {
		c[0] = (unsigned char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 :
		    p[i]);
		c[1] = (unsigned char)(p[i + 1] >= 'A' && p[i + 1] <= 'Z' ?
		    p[i + 1] + 32 : p[i + 1]);
		c[2] = (unsigned char)(p[i + 2] >= 'A' && p[i + 2] <= 'Z' ?
		    p[i + 2] + 32 : p[i + 2]);
		h = rule_trigram(c);
		bits[h >> 3] |= (unsigned char)(1u << (h & 7));
	}
}

/* Lower-case lit (ASCII folded, as the trigrams) in the len bytes at t. */
static int
lit_in(const struct rule_lit *lit, const char *t, size_t len)
{
	const unsigned char	*p = (const unsigned char *)t;
	size_t			 i, k;
	unsigned char		 c;

	for (i = 0; i + lit->len <= len; i++) {
		for (k = 0; k < lit->len; k++) {
			c = p[i + k];
			if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit->text[k])
				break;
		}
		if (k == lit->len)
			return (1);
	}
	return (0);
}

static int
grams_in(const uint16_t grams[RULE_LIT_GRAMS],
    const unsigned char bits[RULE_TRIGRAM_BYTES])
{
	size_t	 k;

	for (k = 0; k < RULE_LIT_GRAMS; k++)
		if (!(bits[grams[k] >> 3] & (1u << (grams[k] & 7))))
			return (0);
	return (1);
}

int
rule_may_match_text(const struct rule *r,
    const unsigned char bits[RULE_TRIGRAM_BYTES], const char *text,
    size_t len)
{
	size_t	 i;

	if (r->nlits == 0)
		return (1);
	for (i = 0; i < r->nlits; i++)
		if (grams_in(r->lits[i], bits) && (r->lit == NULL ||
		    r->lit[i].len >= RULE_LIT_SHORT ||
		    lit_in(&r->lit[i], text, len)))
			return (1);
	return (0);
}

int
rule_may_match(const struct rule *r,
    const unsigned char bits[RULE_TRIGRAM_BYTES])
{
	size_t	 i;

	if (r->nlits == 0)
		return (1);
	for (i = 0; i < r->nlits; i++)
		if (grams_in(r->lits[i], bits))
			return (1);
	return (0);
}

/* Rule r is one the index finds: a pattern on the diagnostic, literals. */
static int
rule_indexable(const struct rule *r)
{
	return (r->re != NULL && r->in == RF_DIAGNOSTIC && r->nlits > 0 &&
	    r->lit != NULL);
}

/* The trigram of literal lit of r that fewest literals have: its key. */
static uint16_t
lit_key(const struct rule *r, size_t lit, const uint32_t *shared)
{
	uint16_t	 key = r->lits[lit][0];
	size_t		 k;

	for (k = 1; k < RULE_LIT_GRAMS; k++)
		if (shared[r->lits[lit][k]] < shared[key])
			key = r->lits[lit][k];
	return (key);
}

static void
index_free(struct rules *rs)
{
	free(rs->key_head);
	free(rs->keys);
	free(rs->indexed);
	rs->key_head = NULL;
	rs->keys = NULL;
	rs->indexed = NULL;
	rs->nwords = 0;
	memset(rs->key_bits, 0, sizeof rs->key_bits);
}

/* The trigrams some key is filed under, and each bucket's first key. */
static void
index_compact(struct rules *rs, const uint32_t *head)
{
	const size_t	 ngrams = (size_t)1 << RULE_TRIGRAM_BITS;
	size_t		 g, n = 0;

	for (g = 0; g < ngrams; g++)
		if (head[g + 1] > head[g])
			rs->key_bits[g / 64] |= (uint64_t)1 << (g % 64);
	for (g = 0; g < RULE_TRIGRAM_WORDS; g++) {
		rs->key_rank[g] = (uint32_t)n;
		n += (size_t)__builtin_popcountll(rs->key_bits[g]);
	}
	rs->key_head = xmalloc((n + 1) * sizeof *rs->key_head);
	for (g = 0, n = 0; g < ngrams; g++)
		if (head[g + 1] > head[g])
			rs->key_head[n++] = head[g];
	rs->key_head[n] = head[ngrams];
}

void
rules_index(struct rules *rs)
{
	const size_t	 ngrams = (size_t)1 << RULE_TRIGRAM_BITS;
	uint32_t	*shared, *head, *next;
	const struct rule *r;
	size_t		 i, j, k, nkeys = 0;
	uint16_t	 key;

	index_free(rs);
	rs->nwords = (rs->n + 63) / 64;
	rs->indexed = xcalloc(rs->nwords > 0 ? rs->nwords : 1,
	    sizeof *rs->indexed);
	head = xcalloc(ngrams + 1, sizeof *head);
	/* How many literals have each trigram, once per literal. */
	shared = xcalloc(ngrams, sizeof *shared);
	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		if (!rule_indexable(r))
			continue;
		for (j = 0; j < r->nlits; j++)
			for (k = 0; k < RULE_LIT_GRAMS; k++)
				if (k == 0 || r->lits[j][k] !=
				    r->lits[j][k - 1])
					shared[r->lits[j][k]]++;
	}
	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		if (!rule_indexable(r))
			continue;
		rs->indexed[i / 64] |= (uint64_t)1 << (i % 64);
		for (j = 0; j < r->nlits; j++, nkeys++)
			head[lit_key(r, j, shared) + 1]++;
	}
	for (i = 0; i < ngrams; i++)
		head[i + 1] += head[i];
	rs->keys = xmalloc((nkeys > 0 ? nkeys : 1) * sizeof *rs->keys);
	next = xmalloc(ngrams * sizeof *next);
	memcpy(next, head, ngrams * sizeof *next);
	for (i = 0; i < rs->n; i++) {
		r = &rs->v[i];
		if (!rule_indexable(r))
			continue;
		for (j = 0; j < r->nlits; j++) {
			key = lit_key(r, j, shared);
			rs->keys[next[key]].rule = (uint32_t)i;
			rs->keys[next[key]].lit = r->lit[j];
			memcpy(rs->keys[next[key]].grams, r->lits[j],
			    sizeof rs->keys[next[key]].grams);
			next[key]++;
		}
	}
	index_compact(rs, head);
	free(next);
	free(head);
	free(shared);
}

void
rules_index_free(struct rules *rs)
{
	index_free(rs);
}

/* The trigrams of text into st->bits, and the distinct ones listed. */
static size_t
text_grams(struct rule_state *st, const char *text, size_t len)
{
	const unsigned char	*p = (const unsigned char *)text;
	const size_t		 most = (size_t)1 << RULE_TRIGRAM_BITS;
	unsigned char		 c[3];
	uint16_t		 h;
	size_t			 i, n = 0;

	memset(st->bits, 0, sizeof st->bits);
	if (len < 3)
		return (0);
	if (st->grams_cap < (len - 2 < most ? len - 2 : most)) {
		st->grams_cap = len - 2 < most ? len - 2 : most;
		st->grams = xreallocarray(st->grams, st->grams_cap,
		    sizeof *st->grams);
	}
	for (i = 0; i + 3 <= len; i++) {
		c[0] = (unsigned char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 :
		    p[i]);
		c[1] = (unsigned char)(p[i + 1] >= 'A' && p[i + 1] <= 'Z' ?
		    p[i + 1] + 32 : p[i + 1]);
		c[2] = (unsigned char)(p[i + 2] >= 'A' && p[i + 2] <= 'Z' ?
		    p[i + 2] + 32 : p[i + 2]);
		h = rule_trigram(c);
		if (!(st->bits[h >> 3] & (1u << (h & 7)))) {
			st->bits[h >> 3] |= (unsigned char)(1u << (h & 7));
			st->grams[n++] = h;
		}
	}
	return (n);
}

void
rule_candidates(const struct rules *rs, struct rule_state *st,
    const char *text, size_t len)
{
	const struct rule_key	*k, *end;
	uint64_t		 w, bit;
	size_t			 i, n, b;

	if (st->ncand < rs->nwords) {
		st->cand = xreallocarray(st->cand, rs->nwords,
		    sizeof *st->cand);
		st->ncand = rs->nwords;
	}
	if (rs->nwords > 0)
		memset(st->cand, 0, rs->nwords * sizeof *st->cand);
	n = text_grams(st, text, len);
	if (rs->keys == NULL)
		return;
	for (i = 0; i < n; i++) {
		w = rs->key_bits[st->grams[i] / 64];
		bit = (uint64_t)1 << (st->grams[i] % 64);
		if (!(w & bit))
			continue;
		b = rs->key_rank[st->grams[i] / 64] +
		    (size_t)__builtin_popcountll(w & (bit - 1));
		k = &rs->keys[rs->key_head[b]];
		end = &rs->keys[rs->key_head[b + 1]];
		for (; k < end; k++) {
			if ((st->cand[k->rule / 64] & ((uint64_t)1 <<
			    (k->rule % 64))) || !grams_in(k->grams, st->bits))
				continue;
			if (k->lit.len >= RULE_LIT_SHORT ||
			    lit_in(&k->lit, text, len))
				st->cand[k->rule / 64] |= (uint64_t)1 <<
				    (k->rule % 64);
		}
	}
}

int
rule_candidate(const struct rules *rs, const struct rule_state *st,
    size_t i)
{
	uint64_t	 bit = (uint64_t)1 << (i % 64);

	return (i >= rs->n || !(rs->indexed[i / 64] & bit) ||
	    (st->cand[i / 64] & bit) != 0);
}

size_t
rule_next(const struct rules *rs, const struct rule_state *st, size_t i)
{
	size_t		 w;
	uint64_t	 m;

	if (i >= rs->n)
		return (rs->n);
	w = i / 64;
	m = (~rs->indexed[w] | st->cand[w]) & (~(uint64_t)0 << (i % 64));
	while (m == 0) {
		if (++w >= rs->nwords)
			return (rs->n);
		m = ~rs->indexed[w] | st->cand[w];
	}
	i = w * 64 + (size_t)__builtin_ctzll(m);
	return (i < rs->n ? i : rs->n);
}
