/* Loading the rules files: parse, compile and check them. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "base/datadir.h"
#include "diagnose/rules.h"
#include "base/stanza.h"

#define MAX_VALUE	(16u * 1024)

enum rfield {
	R_RULE, R_MATCH, R_IN, R_STATUS, R_REPLY, R_AGENT, R_KIND, R_ACTION,
	R_NO_STATUS, R_REASON, R_PROVIDER, R_PERMANENT, R_STEP, R_COMMAND,
	R_TITLE, R_RETRY, R_RETRY_NOTE, R_RETRY_NOTE_TRANSIENT, R_PSEUDO,
	R_DIAG_TYPE, R_FORMAT, R_PSEUDO_TEMP, R_SOURCE, R_CLASS,
	R_DELAYED_TITLE, R_DELAYED_STEP, R__COUNT
};

#define IN_RULE		0x1
#define IN_REASON	0x2
#define REPEATS		0x4

/* The fields a reason stanza must give. */
#define GOT_TITLE	0x1
#define GOT_PERMANENT	0x2
#define GOT_RETRY	0x4

static const struct {
	const char	*name;
	int		 flags;
} rfields[R__COUNT] = {
	[R_RULE] =	{ "rule", IN_RULE },
	[R_MATCH] =	{ "match", IN_RULE },
	[R_IN] =	{ "in", IN_RULE },
	[R_STATUS] =	{ "status", IN_RULE },
	[R_REPLY] =	{ "reply", IN_RULE },
	[R_AGENT] =	{ "agent", IN_RULE },
	[R_KIND] =	{ "kind", IN_RULE },
	[R_ACTION] =	{ "action", IN_RULE },
	[R_NO_STATUS] =	{ "no-status", IN_RULE },
	[R_REASON] =	{ "reason", IN_RULE | IN_REASON },
	[R_PROVIDER] =	{ "provider", IN_RULE },
	[R_PERMANENT] =	{ "permanent", IN_RULE | IN_REASON },
	[R_STEP] =	{ "step", IN_RULE | IN_REASON | REPEATS },
	[R_COMMAND] =	{ "command", IN_RULE },
	[R_TITLE] =	{ "title", IN_RULE | IN_REASON },
	[R_RETRY] =	{ "retry", IN_REASON },
	[R_RETRY_NOTE] = { "retry-note", IN_REASON },
	[R_RETRY_NOTE_TRANSIENT] = { "retry-note-transient", IN_REASON },
	[R_PSEUDO] =	{ "pseudo-status", IN_REASON },
	[R_PSEUDO_TEMP] = { "pseudo-temporary", IN_REASON },
	[R_DIAG_TYPE] =	{ "diagnostic-type", IN_RULE },
	[R_FORMAT] =	{ "format", IN_RULE },
	[R_SOURCE] =	{ "source", IN_RULE | REPEATS },
	[R_CLASS] =	{ "class", IN_RULE },
	[R_DELAYED_TITLE] = { "delayed-title", IN_REASON },
	[R_DELAYED_STEP] = { "delayed-step", IN_REASON | REPEATS },
};

struct field {
	enum rfield	 id;
	unsigned	 line;
	struct buf	 value;
};

#define MAX_FIELDS	64

struct stanza {
	struct field	 f[MAX_FIELDS];
	size_t		 n;
};

struct loader {
	struct rules		*rs;
	const char		*name;	/* arena copy */
	struct stanza_reader	*rd;
	struct stanza		*s;	/* being read */
};

static const struct stanza_format format = {
	.paragraphs = 0,
	.max_value = MAX_VALUE,
	.max_fields = MAX_FIELDS,
};

#define fail(l, line, ...)	stanza_fail((l)->rd, (line), __VA_ARGS__)

void
rules_init(struct rules *rs)
{
	const char	*p;

	memset(rs, 0, sizeof *rs);
	arena_init(&rs->arena);
	rs->own = xcalloc(1, sizeof *rs->own);
	rule_state_init(rs->own);
	/*
	 * Valgrind cannot see through JIT code and reports its reads as
	 * uninitialised; the interpreter gives the same answers, slower.
	 */
	p = getenv("LD_PRELOAD");
	rs->no_jit = p != NULL && strstr(p, "vgpreload") != NULL;
}

void
rules_free(struct rules *rs)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].lit);
		if (rs->v[i].re != NULL)
			pcre2_code_free(rs->v[i].re);
		if (atomic_load(&rs->v[i].jit_re) != NULL)
			pcre2_code_free(atomic_load(&rs->v[i].jit_re));
	}
	rules_index_free(rs);
	if (rs->own != NULL)
		rule_state_free(rs->own);
	free(rs->own);
	free(rs->v);
	free(rs->reasons);
	arena_free(&rs->arena);
	memset(rs, 0, sizeof *rs);
}

static void
stanza_clear(struct stanza *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		buf_free(&s->f[i].value);
	s->n = 0;
}

/* Split a value into words, each an arena string. */
static size_t
words(struct loader *l, const char *s, const char **out, size_t max,
    unsigned line, const char *what, int *err)
{
	const char	*e;
	size_t		 n = 0;

	*err = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' ' && *e != ',' && *e != '\t';
		    e++)
			;
		if (n == max) {
			*err = fail(l, line, "too many values in '%s' (at most "
			    "%zu)", what, max);
			return (n);
		}
		out[n++] = arena_strndup(&l->rs->arena, s, (size_t)(e - s));
		s = e;
	}
	return (n);
}

/* A code pattern: digits, dots and '*' only, like 5.1.* or 55*. */
static int
code_pattern_ok(const char *s, int enhanced)
{
	int	 dots = 0;

	for (; *s != '\0'; s++) {
		if (*s == '.')
			dots++;
		else if (!(*s == '*' || (*s >= '0' && *s <= '9') ||
		    *s == 'x' || *s == 'X'))
			return (0);
	}
	return (enhanced ? dots == 2 : dots == 0);
}

static int
yes_no(const char *v)
{
	if (strcmp(v, "yes") == 0)
		return (1);
	if (strcmp(v, "no") == 0)
		return (0);
	return (-1);
}

static int
compile(struct loader *l, struct rule *r, unsigned line)
{
	int		 errcode;
	PCRE2_SIZE	 erroff;
	PCRE2_UCHAR	 msg[160];

	r->re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS | (r->in == RF_HEADERS || r->in == RF_DSN ||
	    r->in == RF_MESSAGE ? PCRE2_MULTILINE : 0),
	    &errcode, &erroff, NULL);
	if (r->re == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof msg);
		return (fail(l, line, "bad pattern at offset %zu: %s",
		    (size_t)erroff, (char *)msg));
	}
	if (pcre2_pattern_info(r->re, PCRE2_INFO_MINLENGTH, &r->minlen) != 0)
		r->minlen = 0;
	rule_prefilter(r);
	return (0);
}

static int
kind_bit(const char *v)
{
	static const char *const names[] = {
		"not-bounce", "bounce", "autoreply", "feedback", "delivered",
	};
	size_t	 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(v, names[i]) == 0)
			return ((int)i);
	return (-1);
}

/*
 * Field i of the stanza belongs in this kind of stanza (IN_RULE or
 * IN_REASON) and, unless it repeats, is given once.
 */
static int
check_field(struct loader *l, const struct stanza *s, size_t i, int kind)
{
	const struct field	*f = &s->f[i];
	size_t			 j;

	if (!(rfields[f->id].flags & kind))
		return (fail(l, f->line, kind == IN_RULE ?
		    "field '%s' belongs in a 'reason' stanza, not a rule" :
		    "field '%s' belongs in a rule, not a 'reason' stanza",
		    rfields[f->id].name));
	if (!(rfields[f->id].flags & REPEATS)) {
		for (j = 0; j < i; j++)
			if (s->f[j].id == f->id)
				return (fail(l, f->line, "field '%s' given "
				    "twice", rfields[f->id].name));
	}
	return (0);
}

/* The names of enum rule_field, as 'in' gives them. */
static const char *const in_names[RF__COUNT] = {
	[RF_DIAGNOSTIC] = "diagnostic",
	[RF_SUBJECT] = "subject",
	[RF_FROM] = "from",
	[RF_REMOTE] = "remote",
	[RF_HEADERS] = "headers",
	[RF_DSN] = "dsn",
	[RF_MESSAGE] = "message",
};

static int
rule_in(struct loader *l, struct rule *r, const struct field *f)
{
	int	 i;

	for (i = 0; i < RF__COUNT; i++)
		if (strcmp(f->value.data, in_names[i]) == 0) {
			r->in = (enum rule_field)i;
			return (0);
		}
	return (fail(l, f->line, "'in' must be diagnostic, subject, from, "
	    "remote, headers, dsn or message, not '%.40s'", f->value.data));
}

/* 'status' (enhanced) or 'reply': code patterns such as 5.7.* or 55x. */
static int
rule_codes(struct loader *l, const struct field *f, const char **out,
    size_t *n, int enhanced)
{
	const char	*what = enhanced ? "status" : "reply";
	size_t		 j;
	int		 err;

	*n = words(l, f->value.data, out, RULE_MAX_CODES, f->line, what, &err);
	if (err)
		return (-1);
	for (j = 0; j < *n; j++) {
		if (enhanced && !code_pattern_ok(out[j], 1))
			return (fail(l, f->line, "'%.40s' is not a status "
			    "pattern such as 5.1.1 or 5.7.*", out[j]));
		if (!enhanced && (!code_pattern_ok(out[j], 0) ||
		    strlen(out[j]) != 3))
			return (fail(l, f->line, "'%.40s' is not a reply "
			    "pattern such as 550 or 55*", out[j]));
	}
	return (0);
}

static int
rule_commands(struct loader *l, struct rule *r, const struct field *f)
{
	static const char *const names[] = {
		"CONN", "HELO", "MAIL", "RCPT", "DATA", "none",
	};
	size_t	 i, j;
	int	 err;

	r->ncommand = words(l, f->value.data, r->command, RULE_MAX_CODES,
	    f->line, "command", &err);
	if (err)
		return (-1);
	for (j = 0; j < r->ncommand; j++) {
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strcmp(r->command[j], names[i]) == 0)
				break;
		if (i == sizeof names / sizeof names[0])
			return (fail(l, f->line, "unknown command '%.40s' "
			    "(CONN, HELO, MAIL, RCPT, DATA or none)",
			    r->command[j]));
	}
	return (0);
}

static int
rule_kinds(struct loader *l, struct rule *r, const struct field *f)
{
	const char	*kinds[MSG__COUNT];
	size_t		 j, nk;
	int		 err, k;

	nk = words(l, f->value.data, kinds, MSG__COUNT, f->line, "kind", &err);
	if (err)
		return (-1);
	for (j = 0; j < nk; j++) {
		if ((k = kind_bit(kinds[j])) < 0)
			return (fail(l, f->line, "unknown kind '%.40s'",
			    kinds[j]));
		r->kinds |= 1u << k;
	}
	return (0);
}

/* A list field that takes any words: 'agent', 'diagnostic-type'. */
static int
rule_words(struct loader *l, const struct field *f, const char **out,
    size_t *n)
{
	int	 err;

	*n = words(l, f->value.data, out, RULE_MAX_CODES, f->line,
	    rfields[f->id].name, &err);
	return (err ? -1 : 0);
}

/* A field that repeats into a bounded array of arena strings. */
static int
field_append(struct loader *l, const struct field *f, const char **out,
    size_t *n, size_t max)
{
	if (*n == max)
		return (fail(l, f->line, "too many '%s' lines (at most %zu)",
		    rfields[f->id].name, max));
	out[(*n)++] = arena_strdup(&l->rs->arena, f->value.data);
	return (0);
}

static int
field_yes_no(struct loader *l, const struct field *f, int *out)
{
	if ((*out = yes_no(f->value.data)) < 0)
		return (fail(l, f->line, "'%s' must be yes or no",
		    rfields[f->id].name));
	return (0);
}

/* One field of a rule stanza into r. */
static int
rule_field(struct loader *l, struct rule *r, const struct field *f)
{
	struct arena	*a = &l->rs->arena;
	const char	*v = f->value.data;

	switch (f->id) {
	case R_RULE:
		r->id = arena_strdup(a, v);
		return (0);
	case R_MATCH:
		r->pattern = arena_strdup(a, v);
		return (0);
	case R_IN:
		return (rule_in(l, r, f));
	case R_STATUS:
		return (rule_codes(l, f, r->status, &r->nstatus, 1));
	case R_REPLY:
		return (rule_codes(l, f, r->reply, &r->nreply, 0));
	case R_AGENT:
		return (rule_words(l, f, r->agent, &r->nagent));
	case R_DIAG_TYPE:
		return (rule_words(l, f, r->dtype, &r->ndtype));
	case R_COMMAND:
		return (rule_commands(l, r, f));
	case R_KIND:
		return (rule_kinds(l, r, f));
	case R_ACTION:
		r->action = arena_strdup(a, v);
		return (0);
	case R_NO_STATUS:
		return (field_yes_no(l, f, &r->no_status));
	case R_REASON:
		r->reason = arena_strdup(a, v);
		return (0);
	case R_PROVIDER:
		r->provider = arena_strdup(a, v);
		return (0);
	case R_FORMAT:
		r->format = arena_strdup(a, v);
		return (0);
	case R_SOURCE:
		return (field_append(l, f, r->sources, &r->nsources,
		    RULE_MAX_SOURCES));
	case R_PERMANENT:
		return (field_yes_no(l, f, &r->permanent));
	case R_CLASS:
		if (strcmp(v, "4") != 0 && strcmp(v, "5") != 0)
			return (fail(l, f->line, "'class' must be 4 or 5, not "
			    "'%.40s'", v));
		r->klass = v[0] - '0';
		return (0);
	case R_STEP:
		return (field_append(l, f, r->steps, &r->nsteps,
		    RULE_MAX_STEPS));
	case R_TITLE:
		r->title = arena_strdup(&l->rs->arena, v);
		return (0);
	default:
		return (0);
	}
}

/*
 * What a rule decides fits what it is: a format, a class, or a reason
 * and a provider.
 */
static int
rule_decides(struct loader *l, const struct rule *r)
{
	if (r->format != NULL) {
		/* Told by the message alone: found once per message. */
		if (r->pattern == NULL || (r->in != RF_HEADERS &&
		    r->in != RF_SUBJECT && r->in != RF_FROM))
			return (fail(l, r->line, "rule '%s' names a format: it "
			    "needs a 'match' in headers, subject or from",
			    r->id));
		if (r->reason != NULL || r->provider != NULL ||
		    r->nstatus != 0 || r->nreply != 0 || r->nagent != 0 ||
		    r->kinds != 0 || r->action != NULL || r->no_status ||
		    r->ncommand != 0 || r->ndtype != 0 || r->nsteps != 0 ||
		    r->permanent >= 0 || r->klass != 0 || r->title != NULL)
			return (fail(l, r->line, "rule '%s' names a format: "
			    "'match' and 'in' are its only other fields",
			    r->id));
	} else if (r->klass != 0) {
		/* Words about the failure, weighed only when no code is. */
		if (r->pattern == NULL)
			return (fail(l, r->line, "rule '%s' gives a class: it "
			    "needs a 'match'", r->id));
		if (r->reason != NULL || r->provider != NULL ||
		    r->permanent >= 0 || r->nsteps != 0)
			return (fail(l, r->line, "rule '%s' gives a class: it "
			    "sets no reason, provider, permanent or step",
			    r->id));
	} else if (r->reason == NULL && r->provider == NULL)
		return (fail(l, r->line, "rule '%s' sets neither 'reason', "
		    "'provider', 'format' nor 'class'", r->id));
	/* A title tells what happened more precisely: a reason's words. */
	if (r->title != NULL && r->reason == NULL)
		return (fail(l, r->line, "rule '%s' gives a title: it needs "
		    "a 'reason'", r->id));
	return (0);
}

/* A rule holds when something holds: a pattern or a condition. */
static int
rule_conditions(struct loader *l, const struct rule *r)
{
	if (r->pattern == NULL && r->nstatus == 0 && r->nreply == 0 &&
	    r->nagent == 0 && r->kinds == 0 && r->action == NULL &&
	    r->ncommand == 0 && r->ndtype == 0)
		return (fail(l, r->line, "rule '%s' has no condition (match, "
		    "status, reply, agent, kind or action)", r->id));
	return (0);
}

static int
rule_unique(struct loader *l, const struct rule *r)
{
	const struct rules	*rs = l->rs;
	size_t			 j;

	for (j = 0; j < rs->n; j++)
		if (strcmp(rs->v[j].id, r->id) == 0)
			return (fail(l, r->line, "rule '%s' is already defined "
			    "at %s:%u", r->id, rs->v[j].file, rs->v[j].line));
	return (0);
}

/* The line of the stanza's 'match', for PCRE2's errors. */
static unsigned
match_line(const struct stanza *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (s->f[i].id == R_MATCH)
			return (s->f[i].line);
	return (s->f[0].line);
}

/*
 * A rule stanza into the next slot of rs->v, counted in only once it
 * is complete and compiled.
 */
static int
rule_build(struct loader *l, struct stanza *s)
{
	struct rules	*rs = l->rs;
	struct rule	*r;
	size_t		 i;

	rs->v = xgrow(rs->v, &rs->cap, rs->n + 1, sizeof *rs->v);
	r = &rs->v[rs->n];
	memset(r, 0, sizeof *r);
	r->permanent = -1;
	r->file = l->name;
	r->line = s->f[0].line;
	for (i = 0; i < s->n; i++)
		if (check_field(l, s, i, IN_RULE) != 0 ||
		    rule_field(l, r, &s->f[i]) != 0)
			return (-1);
	if (rule_decides(l, r) != 0 || rule_conditions(l, r) != 0 ||
	    rule_unique(l, r) != 0)
		return (-1);
	if (r->pattern != NULL && compile(l, r, match_line(s)) != 0)
		return (-1);
	if (r->format != NULL)
		rs->nformats++;
	rs->n++;
	return (0);
}

/* One field of a reason stanza into d; got marks the required ones. */
static int
reason_field(struct loader *l, struct reason_def *d, const struct field *f,
    unsigned *got)
{
	struct arena	*a = &l->rs->arena;
	const char	*v = f->value.data;
	char		*end;
	long		 n;

	switch (f->id) {
	case R_REASON:
		d->name = arena_strdup(a, v);
		return (0);
	case R_TITLE:
		d->title = arena_strdup(a, v);
		*got |= GOT_TITLE;
		return (0);
	case R_PERMANENT:
		*got |= GOT_PERMANENT;
		/* A reason that says nothing of the failure has no default. */
		if (strcmp(v, "unknown") == 0) {
			d->permanent = 0;
			d->permanent_unknown = 1;
			return (0);
		}
		return (field_yes_no(l, f, &d->permanent));
	case R_RETRY:
		if (retry_from_name(v) < 0)
			return (fail(l, f->line, "'retry' must be never, "
			    "after-fix, auto or none, not '%.40s'", v));
		d->retry = (enum retry_advice)retry_from_name(v);
		*got |= GOT_RETRY;
		return (0);
	case R_RETRY_NOTE:
		d->retry_note = arena_strdup(a, v);
		return (0);
	case R_RETRY_NOTE_TRANSIENT:
		d->retry_note_transient = arena_strdup(a, v);
		return (0);
	case R_PSEUDO:
		n = strtol(v, &end, 10);
		if (*end != '\0' || n < 900 || n > 999)
			return (fail(l, f->line, "'pseudo-status' must be a "
			    "number from 900 to 999"));
		d->pseudo = (int)n;
		return (0);
	case R_PSEUDO_TEMP:
		if (field_yes_no(l, f, &d->pseudo_perm) != 0)
			return (-1);
		d->pseudo_perm = !d->pseudo_perm;
		return (0);
	case R_STEP:
		return (field_append(l, f, d->steps, &d->nsteps,
		    RULE_MAX_STEPS));
	case R_DELAYED_TITLE:
		d->delayed_title = arena_strdup(a, v);
		return (0);
	case R_DELAYED_STEP:
		return (field_append(l, f, d->delayed_steps,
		    &d->ndelayed_steps, RULE_MAX_STEPS));
	default:
		return (0);
	}
}

/* A reason stanza into the next slot of rs->reasons. */
static int
reason_build(struct loader *l, struct stanza *s)
{
	struct rules		*rs = l->rs;
	struct reason_def	*d;
	size_t			 i;
	unsigned		 got = 0;

	rs->reasons = xgrow(rs->reasons, &rs->reasons_cap, rs->nreasons + 1,
	    sizeof *rs->reasons);
	d = &rs->reasons[rs->nreasons];
	memset(d, 0, sizeof *d);
	d->file = l->name;
	d->line = s->f[0].line;
	for (i = 0; i < s->n; i++)
		if (check_field(l, s, i, IN_REASON) != 0 ||
		    reason_field(l, d, &s->f[i], &got) != 0)
			return (-1);
	if (got != (GOT_TITLE | GOT_PERMANENT | GOT_RETRY))
		return (fail(l, d->line, "reason '%s' needs %s", d->name,
		    !(got & GOT_TITLE) ? "a 'title'" :
		    !(got & GOT_PERMANENT) ? "'permanent'" : "'retry'"));
	if (rules_reason(rs, d->name) != NULL)
		return (fail(l, d->line, "reason '%s' is already defined",
		    d->name));
	rs->nreasons++;
	return (0);
}

static int
stanza_end(struct loader *l, struct stanza *s)
{
	int	 rc = 0;

	if (s->n == 0)
		return (0);
	if (s->f[0].id == R_RULE)
		rc = rule_build(l, s);
	else if (s->f[0].id == R_REASON)
		rc = reason_build(l, s);
	else
		rc = fail(l, s->f[0].line, "a stanza must start with 'rule' or "
		    "'reason', not '%s'", rfields[s->f[0].id].name);
	stanza_clear(s);
	return (rc);
}

/* A field read by the stanza reader, into the stanza. */
static int
field_add(void *arg, const struct stanza_item *it)
{
	struct loader	*l = arg;
	struct stanza	*s = l->s;
	struct field	*f;
	int		 id;

	for (id = 0; id < R__COUNT; id++)
		if (strlen(rfields[id].name) == it->namelen &&
		    memcmp(it->name, rfields[id].name, it->namelen) == 0)
			break;
	if (id == R__COUNT)
		return (stanza_unknown(l->rd, it));
	if (s->n != 0 && id == R_RULE)
		return (fail(l, it->line, "'%s' must start a new stanza "
		    "(missing blank line?)", rfields[id].name));
	f = &s->f[s->n++];
	f->id = (enum rfield)id;
	f->line = it->line;
	buf_init(&f->value);
	buf_add(&f->value, it->value, it->len);
	return (0);
}

static int
stanza_done(void *arg)
{
	struct loader	*l = arg;

	return (stanza_end(l, l->s));
}

/* rules_parse() but for the index, which the caller rebuilds. */
static int
parse_unindexed(struct rules *rs, const char *name, const char *text,
    size_t len, struct load_error *err)
{
	static const struct stanza_ops	 ops = { field_add, stanza_done };
	struct stanza_reader		 rd;
	struct loader			 l;
	int				 rc;

	l.rs = rs;
	l.name = arena_strdup(&rs->arena, name);
	l.rd = &rd;
	l.s = xcalloc(1, sizeof *l.s);
	if ((rc = stanza_open(&rd, &format, l.name, text, len, err)) == 0)
		rc = stanza_read(&rd, &ops, &l);
	stanza_close(&rd);
	stanza_clear(l.s);
	free(l.s);
	return (rc);
}

int
rules_parse(struct rules *rs, const char *name, const char *text, size_t len,
    struct load_error *err)
{
	int	 rc;

	rc = parse_unindexed(rs, name, text, len, err);
	rules_index(rs);
	return (rc);
}

static int
load_unindexed(struct rules *rs, const char *path, const char *name,
    struct load_error *err)
{
	char	*text;
	size_t	 n;
	int	 rc;

	if (datafile_read(path, name, &text, &n, err) != 0)
		return (-1);
	rc = parse_unindexed(rs, name, text, n, err);
	free(text);
	return (rc);
}

int
rules_load_file(struct rules *rs, const char *path, const char *name,
    struct load_error *err)
{
	int	 rc;

	rc = load_unindexed(rs, path, name, err);
	rules_index(rs);
	return (rc);
}

/*
 * A rules file by its name in the data directory, "rules/40-wording.txt":
 * what evidence and errors show, the same whichever tree it was read
 * from (the build's, the install's, --data).
 */
static const char *
data_name(const char *path)
{
	const char	*p = path + strlen(path);

	while (p > path && p[-1] != '/')
		p--;
	if (p - path >= 7 && strncmp(p - 6, "rules/", 6) == 0 &&
	    (p - path == 6 || p[-7] == '/'))
		p -= 6;
	return (p);
}

int
rules_load_dir(struct rules *rs, const char *datadir, struct load_error *err)
{
	char	**files;
	int	  n, i, rc = 0;

	if ((n = datadir_files(datadir, "rules", &files, err)) < 0)
		return (-1);
	for (i = 0; i < n && rc == 0; i++)
		rc = load_unindexed(rs, files[i], data_name(files[i]), err);
	/* Once for all the files, not once a file. */
	rules_index(rs);
	if (rc != 0 && i > 0) {
		/* An error names the file in full: which tree it is in. */
		char	 rel[sizeof err->file];

		snprintf(rel, sizeof rel, "%s", err->file);
		if (snprintf(err->file, sizeof err->file, "%s/%s", datadir,
		    rel) >= (int)sizeof err->file)
			snprintf(err->file, sizeof err->file, "%s", rel);
	}
	datadir_free_list(files, n);
	if (rc == 0)
		rc = rules_check(rs, err);
	return (rc);
}

const struct reason_def *
rules_reason(const struct rules *rs, const char *name)
{
	size_t	 i;

	for (i = 0; i < rs->nreasons; i++)
		if (strcmp(rs->reasons[i].name, name) == 0)
			return (&rs->reasons[i]);
	return (NULL);
}

int
rules_check(struct rules *rs, struct load_error *err)
{
	size_t	 i;

	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].reason != NULL &&
		    rules_reason(rs, rs->v[i].reason) == NULL) {
			snprintf(err->file, sizeof err->file, "%s",
			    rs->v[i].file);
			err->line = rs->v[i].line;
			snprintf(err->message, sizeof err->message,
			    "rule '%s' gives reason '%s', which no 'reason' "
			    "stanza defines", rs->v[i].id, rs->v[i].reason);
			return (-1);
		}
	}
	return (0);
}
