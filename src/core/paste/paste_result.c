/* Analysing the paste box's text, and the verdict pane laid out. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "paste/paste_result.h"
#include "diagnose/verdict_render.h"

/* Longer strings are cut in the verdict pane; the text pane has all. */
#define VERDICT_MAX_STRING	2048

static void
index_lines(struct presult *r)
{
	const char	*t = r->an.doc.text.data, *nl;
	size_t		 len = r->an.doc.text.len, off = 0, cap = 64;

	r->lines = xreallocarray(NULL, cap, sizeof *r->lines);
	r->nlines = 0;
	for (;;) {
		if (r->nlines == cap) {
			cap *= 2;
			r->lines = xreallocarray(r->lines, cap,
			    sizeof *r->lines);
		}
		r->lines[r->nlines++] = off;
		if (t == NULL || off >= len)
			break;
		nl = memchr(t + off, '\n', len - off);
		/* No empty line after the text's final newline. */
		if (nl == NULL || (size_t)(nl - t) + 1 >= len)
			break;
		off = (size_t)(nl - t) + 1;
	}
}

struct presult *
presult_build(const struct rules *rs, const char *rules_error,
    const struct catalog *c, const char *text, size_t len,
    int (*cancel)(void *), void *arg)
{
	struct analyser	 an;
	struct presult	*r;

	memset(&an, 0, sizeof an);
	an.rules = rs;
	an.catalog = c;
	an.flags = BOUNCE_SPANS;
	an.cancel = cancel;
	an.arg = arg;
	r = xcalloc(1, sizeof *r);
	analysis_init(&r->an);
	arena_init(&r->strings);
	if (rules_error != NULL)
		r->rules_error = arena_strdup(&r->strings, rules_error);
	if (analysis_run(&r->an, &an, text, len) < 0) {
		presult_free(r);
		return (NULL);
	}
	index_lines(r);
	return (r);
}

void
presult_free(struct presult *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	if (r->extra != NULL) {
		for (i = 0; i < r->an.nv; i++) {
			if (r->extra[i].release != NULL)
				r->extra[i].release(r->extra[i].arg);
		}
		free(r->extra);
	}
	analysis_free(&r->an);
	arena_free(&r->strings);
	free(r->lines);
	free(r);
}

size_t
presult_line(const struct presult *r, size_t off)
{
	size_t	 lo = 0, hi = r->nlines, mid;

	/* The last line starting at or before off. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (r->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (lo);
}

size_t
presult_seg(const struct presult *r, size_t off)
{
	size_t	 lo = 0, hi = r->an.nsegs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->an.segs[mid].off + r->an.segs[mid].len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

static size_t
line_start(const struct presult *r, size_t off)
{
	const char	*t = r->an.doc.text.data;

	while (off > 0 && t[off - 1] != '\n')
		off--;
	return (off);
}

/* The first span of kind k, or (size_t)-1. */
static size_t
first_span(const struct bounce_doc *d, enum span_kind k)
{
	size_t	 i;

	for (i = 0; i < d->nspans; i++) {
		if (d->spans[i].kind == k)
			return (d->spans[i].off);
	}
	return ((size_t)-1);
}

int
presult_focus_at(const struct presult *r, size_t *at)
{
	const struct bounce_doc	*d = &r->an.doc;
	size_t			 off;

	*at = 0;
	if (d->text.len == 0)
		return (0);
	if ((off = first_span(d, SPAN_DIAGNOSTIC)) == (size_t)-1 &&
	    d->nmsgs > 0 && d->msgs[0].text_len > 0)
		off = d->msgs[0].text_off;
	if (off == (size_t)-1)
		off = first_span(d, SPAN_FIELD_NAME);
	if (off == (size_t)-1)
		return (0);
	*at = line_start(r, off);
	return (1);
}

size_t
presult_focus(const struct presult *r)
{
	size_t	 off;

	presult_focus_at(r, &off);
	return (off);
}

size_t
presult_next_part(const struct presult *r, size_t off, int dir)
{
	const struct buf	*t = &r->an.doc.text;
	const char		*eol;
	size_t			 here = line_start(r, off), k;

	if (dir > 0) {
		/* The first part past the end of this line. */
		eol = memchr(t->data + off, '\n', t->len - off);
		if (eol == NULL)
			return (off);
		k = presult_seg(r, (size_t)(eol - t->data) + 1);
		while (k < r->an.nsegs &&
		    r->an.segs[k].off <= (size_t)(eol - t->data))
			k++;
		return (k < r->an.nsegs ? line_start(r, r->an.segs[k].off) :
		    off);
	}
	/* The last part that ends before this line starts. */
	k = presult_seg(r, here);
	if (k == 0)
		return (off);
	return (line_start(r, r->an.segs[k - 1].off));
}

size_t
presult_blocks(const struct presult *r)
{
	return (r->an.nv > 0 ? r->an.nv : 1);
}

static void
render_none(const struct presult *r, size_t width, struct rdoc *d)
{
	/* Recipients found, but no rules to judge them by. */
	if (r->an.doc.nrcpts != 0) {
		render_wrap(d, RS_TITLE, "", _("Not diagnosed"), width);
		verdict_render_truncation(d, &r->an.doc, width);
		render_wrap(d, RS_TEXT, "", _("The text names failed "
		    "recipients, but the diagnosis rules could not be read: "
		    "fix the rules file below, then press e and Ctrl-D "
		    "again."), width);
	} else {
		verdict_render_none(d, "", &r->an.doc, width);
		if (r->an.doc.nspans != 0)
			render_wrap(d, RS_TEXT, "", _("The parts it did "
			    "recognise are highlighted in the text."), width);
	}
	if (r->rules_error != NULL)
		render_wrap(d, RS_NOTE, _("Rules: "), r->rules_error, width);
}

void
presult_set_extra(struct presult *r, size_t block,
    void (*render)(void *, size_t, struct rdoc *), void (*release)(void *),
    void *arg)
{
	struct presult_extra	*x;

	if (block >= r->an.nv) {
		release(arg);
		return;
	}
	if (r->extra == NULL)
		r->extra = xcalloc(r->an.nv, sizeof *r->extra);
	x = &r->extra[block];
	if (x->release != NULL)
		x->release(x->arg);
	x->render = render;
	x->release = release;
	x->arg = arg;
}

void
presult_render(const struct presult *r, size_t block, size_t width,
    struct rdoc *d)
{
	char	 label[64];

	if (width < VERDICT_MIN_WIDTH)
		width = VERDICT_MIN_WIDTH;
	if (block >= r->an.nv) {
		render_none(r, width, d);
		return;
	}
	snprintf(label, sizeof label, "%zu/%zu  ", block + 1, r->an.nv);
	verdict_render(d, label, &r->an.v[block], &r->an.doc, width,
	    VERDICT_MAX_STRING);
	if (r->extra != NULL && r->extra[block].render != NULL)
		r->extra[block].render(r->extra[block].arg, width, d);
	if (block + 1 < r->an.nv)
		render_wrap(d, RS_BLANK, "", "", width);
}
