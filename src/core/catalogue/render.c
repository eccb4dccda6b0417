/* Laying an entry out as wrapped, styled lines. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "catalogue/render.h"
#include "base/utf8.h"

void
rdoc_init(struct rdoc *d)
{
	memset(d, 0, sizeof *d);
}

void
rdoc_free(struct rdoc *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	rdoc_init(d);
}

static struct rline *
push(struct rdoc *d, enum rstyle style, char *text, int indent)
{
	struct rline	*l;

	if (d->n == d->cap) {
		d->cap = d->cap == 0 ? 64 : d->cap * 2;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	l = &d->v[d->n++];
	l->style = style;
	l->text = text;
	l->link = -1;
	l->indent = indent;
	return (l);
}

static void
blank(struct rdoc *d)
{
	if (d->n != 0 && d->v[d->n - 1].style != RS_BLANK)
		push(d, RS_BLANK, xstrdup(""), 0);
}

/*
 * Cut s (sanitized) at width columns: at the last space, else after the
 * last hyphen of a compound (German runs long: "Sender-Support-Formular"),
 * else after a dot or slash of a long URL, and only inside a word when
 * nothing else fits.
 */
static size_t
fit(const char *s, size_t len, size_t width, size_t *cols)
{
	size_t		 i = 0, n, w = 0, brk = 0, soft = 0, cw;
	uint32_t	 cp;
	int		 c;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		c = utf8_cp_width(cp);
		cw = c < 0 ? 1 : (size_t)c;
		if (w + cw > width)
			break;
		if (cp == ' ')
			brk = i;
		else if (cp == '-' && i > 0 && s[i - 1] != ' ' && i + 1 < len &&
		    s[i + 1] != ' ' && s[i + 1] != '-')
			brk = i + 1;
		else if ((cp == '/' || cp == '.') && i + 1 < len &&
		    s[i + 1] != ' ' && s[i + 1] != '/' && s[i + 1] != '.')
			soft = i + 1;
		w += cw;
		i += n;
	}
	*cols = w;
	if (i < len && s[i] == ' ')
		return (i);
	if (i < len && brk > 0)
		return (brk);
	if (i < len && soft > 0)
		return (soft);
	if (i == 0 && len > 0)	/* one glyph wider than the line */
		return (utf8_decode(s, len, &cp));
	return (i);
}

void
render_wrap(struct rdoc *d, enum rstyle style, const char *first_prefix,
    const char *text, size_t width)
{
	struct buf	 clean, line;
	size_t		 plen, pw, avail, off, cut, cols, para_end;
	const char	*s;

	plen = strlen(first_prefix);
	pw = utf8_display_width(first_prefix, plen);
	buf_init(&clean);
	buf_init(&line);
	if (pw > width / 2) {
		/* No room beside a wide prefix: give it a line of its own. */
		buf_add(&line, first_prefix, plen);
		while (line.len > 0 && line.data[line.len - 1] == ' ')
			line.data[--line.len] = '\0';
		fit(line.data, line.len, width, &cols);
		line.len = fit(line.data, line.len, width, &cols);
		line.data[line.len] = '\0';
		push(d, style, buf_steal(&line), 0);
		first_prefix = "    ";
		plen = pw = 4;
	}
	avail = width - pw;
	/* Paragraph breaks (\n) survive; every other control is escaped. */
	utf8_sanitize(text, strlen(text), &clean, 0, 1);
	s = clean.data != NULL ? clean.data : "";
	off = 0;
	do {
		para_end = off;
		while (s[para_end] != '\0' && s[para_end] != '\n')
			para_end++;
		do {
			while (off < para_end && s[off] == ' ')
				off++;
			cut = fit(s + off, para_end - off, avail, &cols);
			buf_reset(&line);
			if (off == 0)
				buf_add(&line, first_prefix, plen);
			else {
				size_t k;
				for (k = 0; k < pw; k++)
					buf_addc(&line, ' ');
			}
			buf_add(&line, s + off, cut);
			while (line.len > 0 && line.data[line.len - 1] == ' ')
				line.data[--line.len] = '\0';
			push(d, style, buf_steal(&line), (int)pw);
			off += cut;
		} while (off < para_end);
		if (s[para_end] == '\n')
			off = para_end + 1;
		else
			off = para_end;
	} while (s[off] != '\0');
	buf_free(&clean);
	buf_free(&line);
}

const char *
class_text(int klass)
{
	switch (klass) {
	case 1:
		return (_("client side"));
	case 2:
		return (_("2 (success)"));
	case 3:
		return (_("3 (intermediate)"));
	case 4:
		return (_("4 (transient failure)"));
	case 5:
		return (_("5 (permanent failure)"));
	default:
		return (_("any"));
	}
}

static const char *
kind_text(enum entry_kind k)
{
	switch (k) {
	case KIND_REPLY:
		return (_("basic reply code"));
	case KIND_ENHANCED:
		return (_("enhanced status code"));
	case KIND_SUBJECT:
		return (_("enhanced code class or subject"));
	case KIND_NONSTANDARD:
		return (_("non-standard code"));
	default:
		return (_("client-side error, not an SMTP reply"));
	}
}

static void
heading(struct rdoc *d, const char *h, size_t width)
{
	blank(d);
	render_wrap(d, RS_HEADING, "", h, width);
}

void
render_entry(const struct catalog *c, const struct entry *e, size_t width,
    struct rdoc *d)
{
	struct buf	 b;
	size_t		 i;
	char		 num[32];

	if (width < 20)
		width = 20;
	buf_init(&b);
	buf_printf(&b, "%s  ", e->code);
	render_wrap(d, RS_TITLE, b.data, C_(e->title), width);
	buf_reset(&b);
	buf_printf(&b, _("Class %s \xc2\xb7 %s \xc2\xb7 %s"),
	    class_text(e->klass), C_(categories[e->category].title),
	    kind_text(e->kind));
	render_wrap(d, RS_META, "", b.data, width);
	buf_reset(&b);
	buf_printf(&b, _("Defined by: %s"), C_(e->source));
	render_wrap(d, RS_META, "", b.data, width);
	if (e->range != NULL) {
		buf_reset(&b);
		buf_printf(&b, _("Stands for the codes %s"), e->range);
		render_wrap(d, RS_META, "", b.data, width);
	}

	heading(d, _("Meaning"), width);
	render_wrap(d, RS_TEXT, "  ", C_(e->meaning), width);
	if (e->note != NULL) {
		heading(d, _("Note"), width);
		render_wrap(d, RS_NOTE, "  ", C_(e->note), width);
	}
	if (e->nproviders != 0) {
		heading(d, _("What providers mean by it"), width);
		for (i = 0; i < e->nproviders; i++) {
			buf_reset(&b);
			buf_printf(&b, "  %s: ", e->providers[i].label);
			render_wrap(d, RS_PROVIDER, b.data,
			    C_(e->providers[i].text), width);
		}
	}
	if (e->causes.n != 0) {
		heading(d, _("Likely causes"), width);
		for (i = 0; i < e->causes.n; i++)
			render_wrap(d, RS_ITEM, "  - ", C_(e->causes.v[i]),
			    width);
	}
	if (e->fixes.n != 0) {
		heading(d, _("What to do"), width);
		for (i = 0; i < e->fixes.n; i++) {
			snprintf(num, sizeof num, "  %zu. ", i + 1);
			render_wrap(d, RS_ITEM, num, C_(e->fixes.v[i]), width);
		}
	}
	heading(d, _("Retry"), width);
	render_wrap(d, RS_RETRY, "  ", _(retry_text(e->retry)), width);
	if (e->retry_note != NULL)
		render_wrap(d, RS_TEXT, "  ", C_(e->retry_note), width);
	blank(d);
	buf_reset(&b);
	buf_printf(&b, _("Frequency: %s   Importance: %s"),
	    _(frequency_name(e->frequency)), _(importance_name(e->importance)));
	render_wrap(d, RS_META, "", b.data, width);
	if (e->guide_type != NULL) {
		buf_reset(&b);
		buf_printf(&b, _("Popular guides file it under: %s"),
		    e->guide_type);
		render_wrap(d, RS_META, "", b.data, width);
	}
	if (e->nexamples != 0) {
		heading(d, _("Examples"), width);
		for (i = 0; i < e->nexamples; i++) {
			buf_reset(&b);
			if (e->examples[i].label != NULL)
				buf_printf(&b, "  [%s] ", e->examples[i].label);
			else
				buf_adds(&b, "  ");
			render_wrap(d, RS_EXAMPLE, b.data, e->examples[i].text,
			    width);
		}
	}
	if (e->related.n != 0) {
		heading(d, _("Related codes"), width);
		for (i = 0; i < e->related.n; i++) {
			const struct entry *r[1];
			size_t first = d->n, k;

			buf_reset(&b);
			buf_printf(&b, "  %-10s ", e->related.v[i]);
			if (catalog_lookup(c, e->related.v[i], r, 1) == 1)
				render_wrap(d, RS_RELATED, b.data,
				    C_(r[0]->title), width);
			else
				render_wrap(d, RS_RELATED, b.data, "", width);
			for (k = first; k < d->n; k++)
				d->v[k].link = (int)i;
		}
	}
	buf_free(&b);
}
