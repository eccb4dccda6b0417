/* The catalogue: ordering, the code index, lookup and names. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "catalogue/search.h"

static const char *kind_names[KIND__COUNT] = {
	"reply", "enhanced", "subject", "nonstandard", "client"
};
static const char *retry_names[RETRY__COUNT] = {
	"none", "never", "after-fix", "auto"
};
static const char *retry_texts[RETRY__COUNT] = {
	N_("Nothing to retry."),
	N_("Do not retry: the same message will fail the same way."),
	N_("Retry once the cause is fixed."),
	N_("Transient: the sending server retries on its own later."),
};
static const char *frequency_names[FREQ__COUNT] = {
	N_("rare"), N_("occasional"), N_("common"), N_("frequent")
};
static const char *importance_names[IMP__COUNT] = {
	N_("low"), N_("medium"), N_("high")
};
static const char *group_titles[GROUP__COUNT] = {
	N_("2xx Success"), N_("3xx Intermediate"), N_("4xx Transient failure"),
	N_("5xx Permanent failure"), N_("Non-standard codes"),
	N_("Client-side errors (not SMTP replies)"), N_("Enhanced code structure")
};

static int
name_index(const char **names, int n, const char *s)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(names[i], s) == 0)
			return (i);
	}
	return (-1);
}

const char *kind_name(enum entry_kind k) { return (kind_names[k]); }
const char *retry_name(enum retry_advice r) { return (retry_names[r]); }
const char *retry_text(enum retry_advice r) { return (retry_texts[r]); }
const char *frequency_name(enum frequency f) { return (frequency_names[f]); }
const char *importance_name(enum importance i) { return (importance_names[i]); }
const char *group_title(enum entry_group g) { return (group_titles[g]); }

int
kind_from_name(const char *s)
{
	return (name_index(kind_names, KIND__COUNT, s));
}

int
retry_from_name(const char *s)
{
	return (name_index(retry_names, RETRY__COUNT, s));
}

int
frequency_from_name(const char *s)
{
	return (name_index(frequency_names, FREQ__COUNT, s));
}

int
importance_from_name(const char *s)
{
	return (name_index(importance_names, IMP__COUNT, s));
}

/* Skip 1 to 3 digits; NULL when there are none or more. */
static const char *
digits(const char *s)
{
	int	 n = 0;

	while (isdigit((unsigned char)*s) && n < 4) {
		s++;
		n++;
	}
	return (n >= 1 && n <= 3 ? s : NULL);
}

int
code_is_reply(const char *s)
{
	return (s[0] >= '1' && s[0] <= '5' && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && s[3] == '\0');
}

static int
enhanced_tail(const char *s)
{
	if (*s++ != '.' || (s = digits(s)) == NULL || *s++ != '.' ||
	    (s = digits(s)) == NULL)
		return (0);
	return (*s == '\0');
}

int
code_is_enhanced(const char *s)
{
	return ((s[0] == '2' || s[0] == '4' || s[0] == '5') &&
	    enhanced_tail(s + 1));
}

int
code_is_family(const char *s)
{
	return ((s[0] == 'X' || s[0] == 'x') && enhanced_tail(s + 1));
}

int
code_is_subject(const char *s)
{
	if ((s[0] == 'X' || s[0] == 'x') && s[1] == '.' &&
	    isdigit((unsigned char)s[2]) && s[3] == '.')
		return (strcasecmp(s + 4, "YYY") == 0);
	if ((s[0] == '2' || s[0] == '4' || s[0] == '5') && s[1] == '.')
		return (strcasecmp(s + 2, "XXX.YYY") == 0);
	return (0);
}

int
code_is_any(const char *s)
{
	return (code_is_reply(s) || code_is_enhanced(s) ||
	    code_is_family(s) || code_is_subject(s));
}

void
catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof *c);
	arena_init(&c->arena);
}

void
catalog_free(struct catalog *c)
{
	search_index_free(c->index);
	free(c->entries);
	free(c->code_hash);
	free(c->ranges);
	arena_free(&c->arena);
	memset(c, 0, sizeof *c);
}

static uint32_t
hash_code(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (uint32_t)tolower((unsigned char)*s)) * 16777619u;
	return (h);
}

/* Numeric-aware comparison of codes: 5.7.9 before 5.7.26. */
static int
code_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			unsigned long x = strtoul(a, (char **)&a, 10);
			unsigned long y = strtoul(b, (char **)&b, 10);
			if (x != y)
				return (x < y ? -1 : 1);
			continue;
		}
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return (tolower((unsigned char)*a) -
			    tolower((unsigned char)*b));
		a++;
		b++;
	}
	return ((unsigned char)*a - (unsigned char)*b);
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry	*a = pa, *b = pb;
	int			 sa, sb;

	if (a->group != b->group)
		return ((int)a->group - (int)b->group);
	if (a->group == GROUP_STRUCTURE) {
		/* Class rows (5.XXX.YYY) before subject rows (X.7.YYY). */
		sa = a->code[0] == 'X' || a->code[0] == 'x';
		sb = b->code[0] == 'X' || b->code[0] == 'x';
		if (sa != sb)
			return (sa - sb);
		return (code_cmp(a->code, b->code));
	}
	if (a->category != b->category)
		return (a->category - b->category);
	return (code_cmp(a->code, b->code));
}

/* Returns the slot of code, empty or holding it. */
static size_t
hash_slot(const struct catalog *c, const char *code)
{
	size_t	 mask = c->code_hash_size - 1, i;

	i = hash_code(code) & mask;
	while (c->code_hash[i] != 0 &&
	    strcasecmp(c->entries[c->code_hash[i] - 1].code, code) != 0)
		i = (i + 1) & mask;
	return (i);
}

static void
build_hash(struct catalog *c)
{
	size_t	 i;

	free(c->code_hash);
	c->code_hash_size = 16;
	while (c->code_hash_size < c->n * 2)
		c->code_hash_size *= 2;
	c->code_hash = xcalloc(c->code_hash_size, sizeof *c->code_hash);
	for (i = 0; i < c->n; i++) {
		size_t slot = hash_slot(c, c->entries[i].code);
		if (c->code_hash[slot] == 0)
			c->code_hash[slot] = (uint32_t)i + 1;
	}
}

/* Class and subject of a status code ("5.7"), for comparing ranges. */
static int
same_subject(const char *a, const char *b)
{
	const char	*da = strchr(a + 2, '.'), *db = strchr(b + 2, '.');

	return (da != NULL && db != NULL && da - a == db - b &&
	    strncmp(a, b, (size_t)(da - a)) == 0);
}

/* The entries with a range, which must not overlap: a code has one. */
static int
build_ranges(struct catalog *c, struct load_error *err)
{
	size_t	 i, k;

	free(c->ranges);
	c->ranges = NULL;
	c->nranges = 0;
	for (i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i];

		if (e->range == NULL)
			continue;
		for (k = 0; k < c->nranges; k++) {
			const struct entry *o = &c->entries[c->ranges[k]];

			if (!same_subject(e->code, o->code) ||
			    e->range_lo > o->range_hi ||
			    o->range_lo > e->range_hi)
				continue;
			snprintf(err->file, sizeof err->file, "%s", e->file);
			err->line = e->line;
			snprintf(err->message, sizeof err->message,
			    "range %s of %s overlaps range %s of %s (%s:%u)",
			    e->range, e->code, o->range, o->code, o->file,
			    o->line);
			return (-1);
		}
		c->ranges = xrealloc(c->ranges, (c->nranges + 1) *
		    sizeof *c->ranges);
		c->ranges[c->nranges++] = (uint32_t)i;
	}
	return (0);
}

/* The entry whose range holds status code code, or NULL. */
static const struct entry *
range_lookup(const struct catalog *c, const char *code)
{
	const char	*dot;
	char		*end;
	unsigned long	 detail;
	size_t		 k;

	if (!code_is_enhanced(code) || (dot = strrchr(code, '.')) == NULL)
		return (NULL);
	detail = strtoul(dot + 1, &end, 10);
	if (*end != '\0')
		return (NULL);
	for (k = 0; k < c->nranges; k++) {
		const struct entry *e = &c->entries[c->ranges[k]];

		if (same_subject(e->code, code) && detail >= e->range_lo &&
		    detail <= e->range_hi)
			return (e);
	}
	return (NULL);
}

int
catalog_finish(struct catalog *c, struct load_error *err)
{
	size_t	 i;

	/* Entries are still in file order: report the later duplicate. */
	build_hash(c);
	for (i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i], *first;

		first = &c->entries[c->code_hash[hash_slot(c, e->code)] - 1];
		if (first != e) {
			snprintf(err->file, sizeof err->file, "%s", e->file);
			err->line = e->line;
			snprintf(err->message, sizeof err->message,
			    "duplicate code %s (first defined at %s:%u)",
			    e->code, first->file, first->line);
			return (-1);
		}
	}
	if (c->n > 1)	/* qsort must not see the NULL of an empty catalogue */
		qsort(c->entries, c->n, sizeof *c->entries, entry_cmp);
	build_hash(c);
	if (build_ranges(c, err) != 0)
		return (-1);
	search_index_free(c->index);
	c->index = NULL;
	return (0);
}

size_t
catalog_lookup(const struct catalog *c, const char *code,
    const struct entry **out, size_t cap)
{
	size_t	 i, n = 0, slot;

	if (c->n == 0)
		return (0);
	if (code_is_family(code)) {
		for (i = 0; i < c->n && n < cap; i++) {
			if (c->entries[i].family != NULL &&
			    strcasecmp(c->entries[i].family, code) == 0)
				out[n++] = &c->entries[i];
		}
		if (n != 0)
			return (n);
	}
	slot = hash_slot(c, code);
	if (c->code_hash[slot] != 0 && cap > 0)
		out[n++] = &c->entries[c->code_hash[slot] - 1];
	else if (cap > 0 && (out[n] = range_lookup(c, code)) != NULL)
		n++;
	return (n);
}

size_t
catalog_fallback(const struct catalog *c, const char *code,
    const struct entry **out, size_t cap)
{
	char	 key[32];
	size_t	 n = 0;
	const char *dot;

	if (!code_is_enhanced(code) && !code_is_family(code))
		return (0);
	dot = strchr(code + 2, '.');
	if (dot == NULL || dot - code > 6)
		return (0);
	snprintf(key, sizeof key, "X.%.*s.YYY", (int)(dot - code - 2),
	    code + 2);
	if (n < cap)
		n += catalog_lookup(c, key, out + n, cap - n);
	if (code[0] != 'X' && code[0] != 'x') {
		snprintf(key, sizeof key, "%c.XXX.YYY", code[0]);
		if (n < cap)
			n += catalog_lookup(c, key, out + n, cap - n);
	}
	return (n);
}
