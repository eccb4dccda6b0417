/* The reader of "field: value" stanzas, for the catalogue and the rules. */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "base/datadir.h"
#include "base/stanza.h"

/* A name quoted in an error is cut there: it is hostile text. */
#define NAME_QUOTE_MAX	64

/* One line of the text, its end (LF or CRLF) left out. */
struct line {
	const char	*s;
	size_t		 len;
	const char	*next;		/* where the line after starts */
	int		 ended;		/* by a line feed, not by the file */
};

static int
is_blank(char c)
{
	return (c == ' ' || c == '\t');
}

static int
line_blank(const struct line *l)
{
	size_t	 i;

	for (i = 0; i < l->len; i++)
		if (!is_blank(l->s[i]))
			return (0);
	return (1);
}

static int
line_continues(const struct line *l)
{
	return (l->len > 0 && is_blank(l->s[0]) && !line_blank(l));
}

static int
line_peek(const struct stanza_reader *rd, struct line *l)
{
	const char	*nl;

	if (rd->p >= rd->end)
		return (0);
	nl = memchr(rd->p, '\n', (size_t)(rd->end - rd->p));
	l->s = rd->p;
	l->ended = nl != NULL;
	l->next = nl != NULL ? nl + 1 : rd->end;
	l->len = (size_t)((nl != NULL ? nl : rd->end) - rd->p);
	if (l->len > 0 && l->s[l->len - 1] == '\r')
		l->len--;
	return (1);
}

/*
 * Take the line peeked.  Inside a stanza, a last line without its end
 * means the file was cut: refuse it rather than load half a value.
 */
static int
line_take(struct stanza_reader *rd, const struct line *l)
{
	if (!l->ended && rd->nfields != 0)
		return (stanza_fail(rd, rd->lineno + 1, "unterminated entry: "
		    "the file ends in the middle of a line"));
	rd->p = l->next;
	rd->lineno++;
	return (0);
}

int
stanza_fail(struct stanza_reader *rd, unsigned line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	load_error_vset(rd->err, rd->name, line, fmt, ap);
	va_end(ap);
	return (-1);
}

int
stanza_unknown(struct stanza_reader *rd, const struct stanza_item *it)
{
	return (stanza_fail(rd, it->line, "unknown field '%.*s'",
	    (int)(it->namelen > NAME_QUOTE_MAX ? NAME_QUOTE_MAX : it->namelen),
	    it->name));
}

/* Add the bytes s..e of a line to the value, blanks around them left out. */
static int
value_add(struct stanza_reader *rd, const struct stanza_item *it,
    const char *s, const char *e, int continuation)
{
	struct buf	*v = &rd->value;
	size_t		 add;
	int		 para, sep;

	while (s < e && is_blank(*s))
		s++;
	while (e > s && is_blank(e[-1]))
		e--;
	para = continuation && rd->fmt->paragraphs && e - s == 1 && *s == '.';
	sep = !para && v->len != 0 && v->data[v->len - 1] != '\n' && e > s;
	add = para ? 1 : (size_t)sep + (size_t)(e - s);
	/* Checked before it is copied: a hostile line may be megabytes. */
	if (add > rd->fmt->max_value - v->len)
		return (stanza_fail(rd, rd->lineno, "value of '%.*s' is longer "
		    "than %zu bytes", (int)(it->namelen > NAME_QUOTE_MAX ?
		    NAME_QUOTE_MAX : it->namelen), it->name,
		    rd->fmt->max_value));
	if (para)
		buf_addc(v, '\n');
	else {
		if (sep)
			buf_addc(v, ' ');
		buf_add(v, s, (size_t)(e - s));
	}
	return (0);
}

/* The field line l, taken, and the continuation lines that follow it. */
static int
field_read(struct stanza_reader *rd, const struct line *l,
    struct stanza_item *it)
{
	struct line	 c;
	const char	*colon;
	struct buf	*v = &rd->value;

	if ((colon = memchr(l->s, ':', l->len)) == NULL)
		return (stanza_fail(rd, rd->lineno, "expected 'field: value'"));
	if (rd->nfields == rd->fmt->max_fields)
		return (stanza_fail(rd, rd->lineno, "too many fields in one "
		    "entry (at most %zu)", rd->fmt->max_fields));
	rd->nfields++;
	it->name = l->s;
	it->namelen = (size_t)(colon - l->s);
	it->line = rd->lineno;
	buf_reset(v);
	if (value_add(rd, it, colon + 1, l->s + l->len, 0) != 0)
		return (-1);
	while (line_peek(rd, &c) && (line_continues(&c) ||
	    (c.len > 0 && c.s[0] == '#'))) {
		if (line_take(rd, &c) != 0)
			return (-1);
		if (c.s[0] != '#' &&
		    value_add(rd, it, c.s, c.s + c.len, 1) != 0)
			return (-1);
	}
	while (v->len > 0 && (is_blank(v->data[v->len - 1]) ||
	    v->data[v->len - 1] == '\n'))
		v->data[--v->len] = '\0';
	if (v->len == 0)
		return (stanza_fail(rd, it->line, "empty value for '%.*s'",
		    (int)(it->namelen > NAME_QUOTE_MAX ? NAME_QUOTE_MAX :
		    it->namelen), it->name));
	it->value = v->data;
	it->len = v->len;
	return (1);
}

/* The end of a stanza: an item without a name. */
static int
stanza_end(struct stanza_reader *rd, struct stanza_item *it)
{
	memset(it, 0, sizeof *it);
	it->line = rd->lineno;
	rd->nfields = 0;
	return (1);
}

int
stanza_next(struct stanza_reader *rd, struct stanza_item *it)
{
	struct line	 l;

	for (;;) {
		if (!line_peek(rd, &l))
			return (rd->nfields != 0 ? stanza_end(rd, it) : 0);
		if (line_take(rd, &l) != 0)
			return (-1);
		if (line_blank(&l)) {
			if (rd->nfields != 0)
				return (stanza_end(rd, it));
			continue;
		}
		if (l.s[0] == '#')
			continue;
		if (is_blank(l.s[0]))
			return (stanza_fail(rd, rd->lineno, "continuation line "
			    "outside an entry"));
		return (field_read(rd, &l, it));
	}
}

int
stanza_read(struct stanza_reader *rd, const struct stanza_ops *ops,
    void *arg)
{
	struct stanza_item	 it;
	int			 rc;

	while ((rc = stanza_next(rd, &it)) > 0) {
		rc = it.name != NULL ? ops->field(arg, &it) : ops->end(arg);
		if (rc != 0)
			return (-1);
	}
	return (rc);
}

int
stanza_open(struct stanza_reader *rd, const struct stanza_format *fmt,
    const char *name, const char *text, size_t len, struct load_error *err)
{
	memset(rd, 0, sizeof *rd);
	rd->fmt = fmt;
	rd->name = name;
	rd->err = err;
	rd->p = text;
	rd->end = text + len;
	buf_init(&rd->value);
	return (datafile_check(name, text, len, err));
}

void
stanza_close(struct stanza_reader *rd)
{
	buf_free(&rd->value);
}
