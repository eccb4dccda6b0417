/* Parser of the catalogue files: "field: value" stanzas into entries. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/datadir.h"
#include "base/stanza.h"

/* Refuse absurd files before reading them: the catalogue is text. */
#define MAX_VALUE	(64u * 1024)
#define MAX_FIELDS	512

enum field_id {
	F_CODE, F_KIND, F_CLASSES, F_CATEGORY, F_TITLE, F_MEANING, F_CAUSE,
	F_FIX, F_RETRY, F_RETRY_NOTE, F_FREQUENCY, F_IMPORTANCE, F_SOURCE,
	F_RELATED, F_EXAMPLE, F_PROVIDER, F_NOTE, F_GUIDE_TYPE, F_RANGE, F__COUNT
};

#define FL_REQUIRED	0x1
#define FL_REPEAT	0x2
#define FL_LABEL	0x4	/* takes [Provider] */
#define FL_NEEDLABEL	0x8

static const struct {
	const char	*name;
	int		 flags;
} fields[F__COUNT] = {
	[F_CODE] =	 { "code",	 FL_REQUIRED },
	[F_KIND] =	 { "kind",	 FL_REQUIRED },
	[F_CLASSES] =	 { "classes",	 0 },
	[F_CATEGORY] =	 { "category",	 FL_REQUIRED },
	[F_TITLE] =	 { "title",	 FL_REQUIRED },
	[F_MEANING] =	 { "meaning",	 FL_REQUIRED },
	[F_CAUSE] =	 { "cause",	 FL_REPEAT },
	[F_FIX] =	 { "fix",	 FL_REPEAT },
	[F_RETRY] =	 { "retry",	 FL_REQUIRED },
	[F_RETRY_NOTE] = { "retry-note", 0 },
	[F_FREQUENCY] =	 { "frequency",	 FL_REQUIRED },
	[F_IMPORTANCE] = { "importance", FL_REQUIRED },
	[F_SOURCE] =	 { "source",	 FL_REQUIRED },
	[F_RELATED] =	 { "related",	 0 },
	[F_EXAMPLE] =	 { "example",	 FL_REPEAT | FL_LABEL },
	[F_PROVIDER] =	 { "provider",	 FL_REPEAT | FL_LABEL | FL_NEEDLABEL },
	[F_NOTE] =	 { "note",	 0 },
	[F_GUIDE_TYPE] = { "guide-type", 0 },
	[F_RANGE] =	 { "range",	 0 },
};

struct raw_field {
	enum field_id	 id;
	int		 klass;		/* [N] qualifier, or 0 */
	char		*label;		/* [Provider] qualifier, or NULL */
	struct buf	 value;
	unsigned	 line;
};

struct stanza {
	struct raw_field	 f[MAX_FIELDS];
	size_t			 n;
	unsigned		 line;	/* of the code field */
};

struct parser {
	struct catalog		*cat;
	const char		*name;	/* arena copy */
	struct stanza_reader	*rd;
	struct stanza		*s;	/* being read */
};

static const struct stanza_format format = {
	.paragraphs = 1,
	.max_value = MAX_VALUE,
	.max_fields = MAX_FIELDS,
};

#define fail(p, line, ...)	stanza_fail((p)->rd, (line), __VA_ARGS__)

static void
stanza_clear(struct stanza *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		buf_free(&s->f[i].value);
		free(s->f[i].label);
	}
	s->n = 0;
}

static int
field_lookup(const char *name, size_t len)
{
	int	 i;

	for (i = 0; i < F__COUNT; i++) {
		if (strlen(fields[i].name) == len &&
		    memcmp(fields[i].name, name, len) == 0)
			return (i);
	}
	return (-1);
}

/* A field read by the stanza reader, "name[qual]", into the stanza. */
static int
field_add(void *arg, const struct stanza_item *it)
{
	struct parser		*p = arg;
	struct stanza		*s = p->s;
	struct raw_field	*f;
	const char		*line = it->name, *name_end, *q = NULL;
	size_t			 qlen = 0, lab_len = 0;
	unsigned		 lineno = it->line;
	int			 id, klass = 0;

	name_end = line + it->namelen;
	if (name_end > line && name_end[-1] == ']') {
		q = memchr(line, '[', (size_t)(name_end - line));
		if (q == NULL)
			return (fail(p, lineno, "unbalanced ']' in field name"));
		qlen = (size_t)(name_end - 1 - (q + 1));
		name_end = q;
		q++;
	}
	id = field_lookup(line, (size_t)(name_end - line));
	if (id < 0)
		return (stanza_unknown(p->rd, it));
	if (q != NULL) {
		/* [5], [Gmail] or [Gmail,5]: a lone digit is a class. */
		const char *comma = memchr(q, ',', qlen);
		const char *cls = NULL;

		if (qlen == 1)
			cls = q;
		else if (comma != NULL && q + qlen - comma == 2)
			cls = comma + 1;
		if (cls != NULL) {
			if (*cls < '2' || *cls > '5')
				return (fail(p, lineno, "bad class '%c' in "
				    "qualifier (2, 3, 4 or 5)", *cls));
			klass = *cls - '0';
			lab_len = cls == q ? 0 : (size_t)(comma - q);
		} else
			lab_len = qlen;
		if (lab_len != 0 && !(fields[id].flags & FL_LABEL))
			return (fail(p, lineno, "field '%s' takes only a class "
			    "qualifier such as [5]", fields[id].name));
		if (lab_len == 0 && cls == NULL)
			return (fail(p, lineno, "empty [qualifier] on '%s'",
			    fields[id].name));
	}
	if (lab_len == 0 && (fields[id].flags & FL_NEEDLABEL))
		return (fail(p, lineno, "field '%s' needs a provider, as in "
		    "%s[Gmail]", fields[id].name, fields[id].name));
	if (id == F_CODE && s->n != 0)
		return (fail(p, lineno, "'code' must start a new entry "
		    "(missing blank line?)"));
	if (id != F_CODE && s->n == 0)
		return (fail(p, lineno, "an entry must start with 'code'"));

	f = &s->f[s->n++];
	f->id = id;
	f->klass = klass;
	f->label = lab_len != 0 ? xstrndup(q, lab_len) : NULL;
	f->line = lineno;
	buf_init(&f->value);
	buf_add(&f->value, it->value, it->len);
	if (id == F_CODE)
		s->line = lineno;
	return (0);
}

/* Decode the \n escape of example values into real line breaks. */
static char *
example_text(struct arena *a, const struct buf *v)
{
	char	*out, *o;
	size_t	 i;

	out = o = arena_alloc(a, v->len + 1);
	for (i = 0; i < v->len; i++) {
		if (v->data[i] == '\\' && i + 1 < v->len &&
		    v->data[i + 1] == 'n') {
			*o++ = '\n';
			i++;
		} else
			*o++ = v->data[i];
	}
	*o = '\0';
	return (out);
}

static struct entry *
new_entry(struct parser *p)
{
	struct catalog	*c = p->cat;

	c->entries = xgrow(c->entries, &c->cap, c->n + 1, sizeof *c->entries);
	memset(&c->entries[c->n], 0, sizeof c->entries[0]);
	return (&c->entries[c->n++]);
}

/*
 * The class an example belongs to: the class digit of the first enhanced
 * code in it whose subject and detail are those of the family, else 0.
 */
static int
example_class(const char *text, const char *family)
{
	const char	*rest = family + 1;	/* ".7.26" */
	size_t		 rlen = strlen(rest);
	const char	*s;

	for (s = text; *s != '\0'; s++) {
		if ((*s == '2' || *s == '4' || *s == '5') &&
		    (s == text || !isalnum((unsigned char)s[-1]) ) &&
		    strncmp(s + 1, rest, rlen) == 0 &&
		    !isdigit((unsigned char)s[1 + rlen]))
			return (*s - '0');
	}
	return (0);
}

static enum entry_group
group_of(enum entry_kind kind, int klass)
{
	switch (kind) {
	case KIND_NONSTANDARD:
		return (GROUP_NONSTANDARD);
	case KIND_CLIENT:
		return (GROUP_CLIENT);
	case KIND_SUBJECT:
		return (GROUP_STRUCTURE);
	default:
		break;
	}
	switch (klass) {
	case 2:
		return (GROUP_2XX);
	case 3:
		return (GROUP_3XX);
	case 4:
		return (GROUP_4XX);
	default:
		return (GROUP_5XX);
	}
}

static int
check_related(struct parser *p, const struct raw_field *f)
{
	const char	*s = f->value.data, *e;
	char		 tok[64];

	while (*s != '\0') {
		while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' ' && *e != ',' &&
		    *e != '\t' && *e != '\n'; e++)
			;
		if ((size_t)(e - s) >= sizeof tok || (memcpy(tok, s,
		    (size_t)(e - s)), tok[e - s] = '\0', !code_is_any(tok)))
			return (fail(p, f->line, "bad code '%.*s' in related",
			    (int)(e - s > 40 ? 40 : e - s), s));
		s = e;
	}
	return (0);
}

static void
split_related(struct arena *a, const char *s, struct strlist *out)
{
	const char	*e, *t;
	size_t		 n = 0;

	for (t = s; *t != '\0'; t++)
		n += *t == ' ' || *t == ',';
	out->v = arena_alloc(a, (n + 1) * sizeof *out->v);
	out->n = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' ' && *e != ',' &&
		    *e != '\t' && *e != '\n'; e++)
			;
		out->v[out->n++] = arena_strndup(a, s, (size_t)(e - s));
		s = e;
	}
}

/*
 * The fields that apply to class klass (0: no expansion): the single
 * ones, a class-qualified value beating the plain one, and how many of
 * each repeating one.
 */
static void
fields_for_class(const struct stanza *s, int klass,
    const struct raw_field *single[F__COUNT], size_t count[F__COUNT])
{
	size_t	 i;

	memset(single, 0, F__COUNT * sizeof *single);
	memset(count, 0, F__COUNT * sizeof *count);
	for (i = 0; i < s->n; i++) {
		const struct raw_field *f = &s->f[i];

		if (f->klass != 0 && f->klass != klass)
			continue;
		if (fields[f->id].flags & FL_REPEAT)
			count[f->id]++;
		else if (single[f->id] == NULL || f->klass != 0)
			single[f->id] = f;
	}
}

static void
entry_singles(struct arena *a, struct entry *e,
    const struct raw_field *const single[F__COUNT])
{
	e->category = category_find(single[F_CATEGORY]->value.data);
	e->title = arena_strdup(a, single[F_TITLE]->value.data);
	e->meaning = arena_strdup(a, single[F_MEANING]->value.data);
	e->retry = retry_from_name(single[F_RETRY]->value.data);
	e->frequency = frequency_from_name(single[F_FREQUENCY]->value.data);
	e->importance = importance_from_name(single[F_IMPORTANCE]->value.data);
	e->source = arena_strdup(a, single[F_SOURCE]->value.data);
#define OPT(id) (single[id] != NULL ? arena_strdup(a, single[id]->value.data) : NULL)
	e->retry_note = OPT(F_RETRY_NOTE);
	e->note = OPT(F_NOTE);
	e->guide_type = OPT(F_GUIDE_TYPE);
#undef OPT
	if (single[F_RELATED] != NULL)
		split_related(a, single[F_RELATED]->value.data, &e->related);
}

/*
 * The repeating fields of class klass, in stanza order; an example of an
 * X.n.n family that carries another class's code is left to that class.
 */
static void
entry_lists(struct arena *a, struct entry *e, const struct stanza *s,
    const char *family, int klass, const size_t count[F__COUNT])
{
	struct labelled	*ex, *pv;
	size_t		 i;

	e->causes.v = arena_alloc(a, (count[F_CAUSE] + 1) * sizeof(char *));
	e->fixes.v = arena_alloc(a, (count[F_FIX] + 1) * sizeof(char *));
	ex = arena_alloc(a, (count[F_EXAMPLE] + 1) * sizeof *ex);
	pv = arena_alloc(a, (count[F_PROVIDER] + 1) * sizeof *pv);
	for (i = 0; i < s->n; i++) {
		const struct raw_field *f = &s->f[i];
		const char *label;
		char *text;

		if (f->klass != 0 && f->klass != klass)
			continue;
		label = f->label != NULL ? arena_strdup(a, f->label) : NULL;
		switch (f->id) {
		case F_CAUSE:
			e->causes.v[e->causes.n++] =
			    arena_strdup(a, f->value.data);
			break;
		case F_FIX:
			e->fixes.v[e->fixes.n++] =
			    arena_strdup(a, f->value.data);
			break;
		case F_EXAMPLE:
			text = example_text(a, &f->value);
			if (family != NULL && f->klass == 0) {
				int c = example_class(text, family);
				if (c != 0 && c != klass)
					break;
			}
			ex[e->nexamples].label = label;
			ex[e->nexamples++].text = text;
			break;
		case F_PROVIDER:
			pv[e->nproviders].label = label;
			pv[e->nproviders++].text =
			    arena_strdup(a, f->value.data);
			break;
		default:
			break;
		}
	}
	e->examples = ex;
	e->providers = pv;
}

/* "5.7.606": its class, subject and detail; 0, or -1 when not a code. */
static int
enhanced_parts(const char *s, size_t len, unsigned v[3])
{
	size_t	 i, k = 0, digits = 0;

	memset(v, 0, 3 * sizeof *v);
	if (len == 0 || len > 16)
		return (-1);
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (digits == 0 || ++k > 2)
				return (-1);
			digits = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && digits < 3) {
			v[k] = v[k] * 10 + (unsigned)(s[i] - '0');
			digits++;
		} else
			return (-1);
	}
	return (k == 2 && digits != 0 ? 0 : -1);
}

/*
 * "range: 4.7.500-4.7.699": the codes a provider documents as one, all
 * of them this entry's, which holds the lowest or one inside.
 */
static int
range_parse(struct parser *p, const struct raw_field *f, const char *code,
    unsigned *lo, unsigned *hi)
{
	const char	*v = f->value.data, *dash = strchr(v, '-');
	unsigned	 a[3], b[3], c[3];

	if (dash == NULL || enhanced_parts(v, (size_t)(dash - v), a) != 0 ||
	    enhanced_parts(dash + 1, strlen(dash + 1), b) != 0)
		return (fail(p, f->line, "range takes two status codes, as in "
		    "4.7.500-4.7.699, not '%s'", v));
	if (enhanced_parts(code, strlen(code), c) != 0)
		return (fail(p, f->line, "a range needs a status code entry "
		    "such as 4.7.500, not '%s'", code));
	if (a[0] != b[0] || a[1] != b[1] || a[2] > b[2])
		return (fail(p, f->line, "range %s: the two ends must share "
		    "class and subject, the lower first", v));
	if (c[0] != a[0] || c[1] != a[1] || c[2] < a[2] || c[2] > b[2])
		return (fail(p, f->line, "range %s does not hold the entry's "
		    "own code %s", v, code));
	*lo = a[2];
	*hi = b[2];
	return (0);
}

/* Build one entry of class klass (0: no expansion) from the stanza. */
static int
emit(struct parser *p, const struct stanza *s, const char *code,
    const char *family, enum entry_kind kind, int klass)
{
	struct arena		*a = &p->cat->arena;
	struct entry		*e;
	const struct raw_field	*single[F__COUNT];
	size_t			 count[F__COUNT];

	fields_for_class(s, klass, single, count);
	e = new_entry(p);
	e->code = arena_strdup(a, code);
	e->family = family != NULL ? arena_strdup(a, family) : NULL;
	e->kind = kind;
	e->klass = klass;
	e->file = p->name;
	e->line = s->line;
	e->group = group_of(kind, klass);
	entry_singles(a, e, single);
	entry_lists(a, e, s, family, klass, count);
	if (single[F_RANGE] != NULL) {
		if (family != NULL)
			return (fail(p, single[F_RANGE]->line, "an X.n.n entry "
			    "takes no range"));
		if (range_parse(p, single[F_RANGE], code, &e->range_lo,
		    &e->range_hi) != 0)
			return (-1);
		e->range = arena_strdup(a, single[F_RANGE]->value.data);
	}
	return (0);
}

static int
parse_classes(struct parser *p, const struct raw_field *f, int *mask)
{
	const char	*s;

	*mask = 0;
	for (s = f->value.data; *s != '\0'; s++) {
		if (*s == ' ' || *s == ',' || *s == '\t')
			continue;
		if ((*s != '2' && *s != '4' && *s != '5') ||
		    isalnum((unsigned char)s[1]))
			return (fail(p, f->line, "classes takes 2, 4 and 5, "
			    "not '%s'", f->value.data));
		*mask |= 1 << (*s - '0');
	}
	if (*mask == 0)
		return (fail(p, f->line, "classes is empty"));
	return (0);
}

/*
 * Each field given once (but repeating ones and class-qualified ones),
 * into seen; the related codes checked.
 */
static int
fields_once(struct parser *p, const struct stanza *s,
    const struct raw_field *seen[F__COUNT])
{
	size_t	 i;

	memset(seen, 0, F__COUNT * sizeof *seen);
	for (i = 0; i < s->n; i++) {
		const struct raw_field *f = &s->f[i];

		if (!(fields[f->id].flags & FL_REPEAT) && f->klass == 0) {
			if (seen[f->id] != NULL)
				return (fail(p, f->line, "duplicate field "
				    "'%s' (first at line %u)",
				    fields[f->id].name, seen[f->id]->line));
			seen[f->id] = f;
		}
		if (f->id == F_RELATED && check_related(p, f) != 0)
			return (-1);
	}
	return (0);
}

/* The required fields are there, and the code is a code. */
static int
fields_required(struct parser *p, const struct stanza *s,
    const struct raw_field *const seen[F__COUNT])
{
	const char	*code;
	size_t		 i;

	/* "code[5]: 550" is a qualified field, not the entry's code. */
	if (seen[F_CODE] == NULL)
		return (fail(p, s->line, "'code' takes no [qualifier]"));
	code = seen[F_CODE]->value.data;
	for (i = 0; i < F__COUNT; i++) {
		if ((fields[i].flags & FL_REQUIRED) && seen[i] == NULL)
			return (fail(p, s->line, "entry %s: missing required "
			    "field '%s'", code, fields[i].name));
	}
	if (!code_is_any(code))
		return (fail(p, s->line, "bad code syntax '%s' (expected 550, "
		    "5.7.1, X.7.1 or X.7.YYY)", code));
	return (0);
}

/* Every value of a closed set is one of its names. */
static int
fields_values(struct parser *p, const struct stanza *s, const char *code)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		const struct raw_field *f = &s->f[i];
		const char *v = f->value.data;

		if (f->id == F_CATEGORY && category_find(v) < 0)
			return (fail(p, f->line, "unknown category '%s'", v));
		if (f->id == F_RETRY && retry_from_name(v) < 0)
			return (fail(p, f->line, "unknown retry '%s' (never, "
			    "after-fix, auto or none)", v));
		if (f->id == F_FREQUENCY && frequency_from_name(v) < 0)
			return (fail(p, f->line, "unknown frequency '%s' (rare, "
			    "occasional, common or frequent)", v));
		if (f->id == F_IMPORTANCE && importance_from_name(v) < 0)
			return (fail(p, f->line, "unknown importance '%s' "
			    "(low, medium or high)", v));
		if (f->klass != 0 && !code_is_family(code))
			return (fail(p, f->line, "a class qualifier needs an "
			    "X.n.n code"));
	}
	return (0);
}

/* The code has the form its kind takes. */
static int
kind_fits_code(struct parser *p, const struct stanza *s, int kind,
    const char *code)
{
	switch (kind) {
	case KIND_REPLY:
	case KIND_CLIENT:
		if (!code_is_reply(code))
			return (fail(p, s->line, "a %s entry needs a three-digit "
			    "code, not '%s'", kind_name(kind), code));
		break;
	case KIND_ENHANCED:
		if (!code_is_enhanced(code) && !code_is_family(code))
			return (fail(p, s->line, "an enhanced entry needs a code "
			    "like 5.7.1 or X.7.1, not '%s'", code));
		break;
	case KIND_SUBJECT:
		if (!code_is_subject(code))
			return (fail(p, s->line, "a subject entry needs a code "
			    "like X.7.YYY or 5.XXX.YYY, not '%s'", code));
		break;
	case KIND_NONSTANDARD:
		if (!code_is_reply(code) && !code_is_enhanced(code))
			return (fail(p, s->line, "a nonstandard entry needs a "
			    "code like 571 or 5.7.708, not '%s'", code));
		break;
	}
	return (0);
}

/* An X.n.n stanza: one entry per class of 'classes', each checked. */
static int
family_emit(struct parser *p, const struct stanza *s,
    const struct raw_field *const seen[F__COUNT], const char *code, int kind)
{
	size_t	 i;
	int	 mask = 0, c, k;
	char	 expanded[64];

	if (seen[F_CLASSES] == NULL)
		return (fail(p, s->line, "entry %s: an X.n.n code needs "
		    "'classes'", code));
	if (parse_classes(p, seen[F_CLASSES], &mask) != 0)
		return (-1);
	for (i = 0; i < s->n; i++) {
		const struct raw_field *f = &s->f[i];

		if (f->klass != 0 && !(mask & (1 << f->klass)))
			return (fail(p, f->line, "qualifier [%d] names a "
			    "class not in 'classes'", f->klass));
		if (f->id == F_EXAMPLE && f->klass == 0 &&
		    (c = example_class(f->value.data, code)) != 0 &&
		    !(mask & (1 << c)))
			return (fail(p, f->line, "example carries %d%s "
			    "but class %d is not in 'classes'", c, code + 1, c));
	}
	for (k = 2; k <= 5; k++) {
		if (!(mask & (1 << k)))
			continue;
		snprintf(expanded, sizeof expanded, "%d%s", k, code + 1);
		if (emit(p, s, expanded, code, kind, k) != 0)
			return (-1);
	}
	return (0);
}

static int
compile_stanza(struct parser *p, struct stanza *s)
{
	const struct raw_field	*seen[F__COUNT];
	const char		*code;
	int			 kind;

	if (fields_once(p, s, seen) != 0 || fields_required(p, s, seen) != 0)
		return (-1);
	code = seen[F_CODE]->value.data;
	if ((kind = kind_from_name(seen[F_KIND]->value.data)) < 0)
		return (fail(p, seen[F_KIND]->line, "unknown kind '%s' (reply, "
		    "enhanced, subject, nonstandard or client)",
		    seen[F_KIND]->value.data));
	if (fields_values(p, s, code) != 0 ||
	    kind_fits_code(p, s, kind, code) != 0)
		return (-1);
	if (code_is_family(code))
		return (family_emit(p, s, seen, code, kind));
	if (seen[F_CLASSES] != NULL)
		return (fail(p, seen[F_CLASSES]->line, "'classes' is only for "
		    "X.n.n codes"));
	return (emit(p, s, code, NULL, kind,
	    code_is_subject(code) && code[0] == 'X' ? 0 : code[0] - '0'));
}

static int
stanza_done(void *arg)
{
	struct parser	*p = arg;
	int		 rc;

	rc = compile_stanza(p, p->s);
	stanza_clear(p->s);
	return (rc);
}

int
catalog_parse(struct catalog *c, const char *name, const char *text,
    size_t len, struct load_error *err)
{
	static const struct stanza_ops	 ops = { field_add, stanza_done };
	struct stanza_reader		 rd;
	struct parser			 p;
	int				 rc;

	p.cat = c;
	p.name = arena_strdup(&c->arena, name);
	p.rd = &rd;
	p.s = xcalloc(1, sizeof *p.s);
	if ((rc = stanza_open(&rd, &format, p.name, text, len, err)) == 0)
		rc = stanza_read(&rd, &ops, &p);
	stanza_close(&rd);
	stanza_clear(p.s);
	free(p.s);
	return (rc);
}

int
catalog_load_file(struct catalog *c, const char *path,
    const char *display_name, struct load_error *err)
{
	char	*text;
	size_t	 n;
	int	 rc;

	if (datafile_read(path, display_name, &text, &n, err) != 0)
		return (-1);
	rc = catalog_parse(c, display_name, text, n, err);
	free(text);
	return (rc);
}

int
catalog_load_path(struct catalog *c, const char *path, struct load_error *err)
{
	char	**files;
	int	  n, i, rc = 0;

	if (!datadir_is_dir(path)) {
		if (catalog_load_file(c, path, path, err) != 0)
			return (-1);
		return (catalog_finish(c, err));
	}
	if ((n = datadir_files(path, "catalogue", &files, err)) < 0)
		return (-1);
	for (i = 0; i < n && rc == 0; i++)
		rc = catalog_load_file(c, files[i], files[i], err);
	datadir_free_list(files, n);
	if (rc == 0)
		rc = catalog_finish(c, err);
	return (rc);
}
