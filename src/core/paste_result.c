/* Analysing the paste box's text, and the verdict pane laid out. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paste_result.h"

/* Longer strings are cut in the verdict pane; the text pane has all. */
#define VERDICT_MAX_STRING	2048

/* Containers lose to what they contain when both cover the same bytes. */
static int
container(enum span_kind k)
{
	return (k == SPAN_DIAGNOSTIC || k == SPAN_FIELD_VALUE ||
	    k == SPAN_QUOTED);
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;

	if (x->off != y->off)
		return (x->off < y->off ? -1 : 1);
	if (x->len != y->len)
		return (x->len > y->len ? -1 : 1);
	return (container(y->kind) - container(x->kind));
}

static void
emit(struct span *out, size_t *n, size_t from, size_t to, enum span_kind k)
{
	struct span	*last = *n > 0 ? &out[*n - 1] : NULL;

	if (last != NULL && last->kind == k && last->off + last->len == from) {
		last->len += to - from;
		return;
	}
	out[*n] = (struct span){ from, to - from, k };
	(*n)++;
}

size_t
spans_flatten(const struct span *in, size_t n, struct span *out)
{
	struct span	*s;
	size_t		*stack, sp = 0, i = 0, nout = 0, pos = 0, next, top_end;

	if (n == 0)
		return (0);
	s = xreallocarray(NULL, n, sizeof *s);
	memcpy(s, in, n * sizeof *s);
	qsort(s, n, sizeof *s, span_cmp);
	stack = xreallocarray(NULL, n, sizeof *stack);
	/*
	 * Sweep the starts and ends: the span on top of the stack is the
	 * one that started last and still covers pos.  Each span is
	 * pushed and popped once, so this is linear after the sort.
	 */
	for (;;) {
		while (sp > 0 && s[stack[sp - 1]].off + s[stack[sp - 1]].len <=
		    pos)
			sp--;
		if (sp == 0) {
			if (i >= n)
				break;
			if (s[i].off > pos)
				pos = s[i].off;
		}
		while (i < n && s[i].off <= pos) {
			if (s[i].off + s[i].len > pos)
				stack[sp++] = i;
			i++;
		}
		if (sp == 0)
			continue;
		top_end = s[stack[sp - 1]].off + s[stack[sp - 1]].len;
		next = i < n && s[i].off < top_end ? s[i].off : top_end;
		emit(out, &nout, pos, next, s[stack[sp - 1]].kind);
		pos = next;
	}
	free(stack);
	free(s);
	return (nout);
}

static void
index_lines(struct presult *r)
{
	const char	*t = r->doc.text.data, *nl;
	size_t		 len = r->doc.text.len, off = 0, cap = 64;

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
	struct presult	*r;
	size_t		 i;

	r = xcalloc(1, sizeof *r);
	bounce_doc_init(&r->doc);
	arena_init(&r->scratch);
	if (rules_error != NULL)
		r->rules_error = arena_strdup(&r->scratch, rules_error);
	bounce_parse(&r->doc, text != NULL ? text : "", len, NULL,
	    BOUNCE_SPANS);
	if (cancel != NULL && cancel(arg))
		goto gone;
	if (r->doc.nspans != 0) {
		r->segs = xreallocarray(NULL, 2 * r->doc.nspans,
		    sizeof *r->segs);
		r->nsegs = spans_flatten(r->doc.spans, r->doc.nspans, r->segs);
	}
	for (i = 0; i < r->doc.nspans; i++)
		r->kinds |= 1u << r->doc.spans[i].kind;
	index_lines(r);
	if (cancel != NULL && cancel(arg))
		goto gone;
	if (rs != NULL && r->doc.nrcpts != 0) {
		r->v = xcalloc(r->doc.nrcpts, sizeof *r->v);
		for (i = 0; i < r->doc.nrcpts; i++) {
			/* Every 256 records: an mbox may hold thousands. */
			if ((i & 255) == 255 && cancel != NULL && cancel(arg))
				goto gone;
			diagnose(rs, c, &r->doc, i, &r->v[i], &r->scratch);
		}
		r->nv = r->doc.nrcpts;
	}
	return (r);
gone:
	presult_free(r);
	return (NULL);
}

void
presult_free(struct presult *r)
{
	if (r == NULL)
		return;
	bounce_doc_free(&r->doc);
	arena_free(&r->scratch);
	free(r->v);
	free(r->segs);
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
	size_t	 lo = 0, hi = r->nsegs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->segs[mid].off + r->segs[mid].len <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

size_t
presult_blocks(const struct presult *r)
{
	return (r->nv > 0 ? r->nv : 1);
}

/* s, cut at a character boundary when longer than the pane should show. */
static const char *
capped(struct buf *b, const char *s)
{
	size_t	 len = strlen(s);

	if (len <= VERDICT_MAX_STRING)
		return (s);
	len = VERDICT_MAX_STRING;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	buf_reset(b);
	buf_add(b, s, len);
	buf_adds(b, "\xe2\x80\xa6");
	return (b->data);
}

static void
labelled(struct rdoc *d, enum rstyle st, const char *label, const char *text,
    size_t width)
{
	struct buf	 cut;

	buf_init(&cut);
	render_wrap(d, st, label, capped(&cut, text), width);
	buf_free(&cut);
}

static void
heading(struct rdoc *d, const char *text, size_t width)
{
	render_wrap(d, RS_HEADING, "", text, width);
}

static const char *
severity(const struct verdict *v)
{
	switch (v->rcpt->kind) {
	case MSG_AUTOREPLY:
	case MSG_FEEDBACK:
	case MSG_DELIVERED:
		return (_("Not a bounce"));
	default:
		return (v->permanent ? _("Hard bounce: a permanent failure") :
		    _("Soft bounce: a temporary failure"));
	}
}

static void
render_none(const struct presult *r, size_t width, struct rdoc *d)
{
	/* Recipients found, but no rules to judge them by. */
	if (r->doc.nrcpts != 0) {
		render_wrap(d, RS_TITLE, "", _("Not diagnosed"), width);
		render_wrap(d, RS_TEXT, "", _("The text names failed "
		    "recipients, but the diagnosis rules could not be read: "
		    "fix the rules file below, then press e and Ctrl-D "
		    "again."), width);
		return;
	}
	render_wrap(d, RS_TITLE, "", _("Not a bounce"), width);
	render_wrap(d, RS_TEXT, "", _("No failed recipient was found: this "
	    "text is neither a bounce report nor an SMTP reply that smtp-doctor "
	    "recognises."), width);
	if (r->doc.nspans != 0)
		render_wrap(d, RS_TEXT, "", _("The parts it did recognise are "
		    "highlighted in the text."), width);
}

void
presult_render(const struct presult *r, size_t block, size_t width,
    struct rdoc *d)
{
	const struct verdict		*v;
	const struct bounce_rcpt	*rc;
	struct buf			 b;
	size_t				 i;

	if (width < 16)
		width = 16;
	if (block == 0 && r->doc.truncated) {
		buf_init(&b);
		buf_adds(&b, _("Only part of the text was analysed: it goes "
		    "past the parser's limits"));
		if (r->doc.cut != 0) {
			buf_adds(&b, " (");
			bounce_cut_describe(r->doc.cut, NULL, &b);
			buf_addc(&b, ')');
		}
		buf_addc(&b, '.');
		render_wrap(d, RS_META, "", b.data, width);
		buf_free(&b);
	}
	if (r->nv == 0 || block >= r->nv) {
		render_none(r, width, d);
		if (r->rules_error != NULL)
			labelled(d, RS_NOTE, _("Rules: "), r->rules_error,
			    width);
		return;
	}
	v = &r->v[block];
	rc = v->rcpt;
	buf_init(&b);
	buf_printf(&b, "%zu/%zu  ", block + 1, r->nv);
	labelled(d, RS_TITLE, b.data, rc->recipient[0] != '\0' ?
	    rc->recipient : _("(no recipient named)"), width);
	buf_reset(&b);
	buf_adds(&b, v->reason_title != NULL ? C_(v->reason_title) :
	    v->reason);
	if (v->reason_title != NULL)
		buf_printf(&b, " (%s)", v->reason);
	labelled(d, RS_TEXT, _("What happened: "), b.data, width);
	render_wrap(d, RS_NOTE, "", severity(v), width);
	buf_reset(&b);
	/* The retry advice is interface text (catalog.c marks it N_()). */
	buf_adds(&b, _(retry_text(v->retry)));
	if (v->retry_note != NULL) {
		if (b.len > 0 && b.data[b.len - 1] != '.')
			buf_addc(&b, '.');
		buf_printf(&b, " %s", C_(v->retry_note));
	}
	labelled(d, RS_TEXT, _("Retry: "), b.data, width);
	if (v->provider != NULL)
		labelled(d, RS_TEXT, _("Provider: "), v->provider, width);
	if (rc->remote_mta != NULL)
		labelled(d, RS_TEXT, _("Remote MTA: "), rc->remote_mta, width);
	buf_reset(&b);
	if (v->reply_code != 0)
		buf_printf(&b, _("reply %d"), v->reply_code);
	if (v->status[0] != '\0')
		buf_printf(&b, "%s%s%s", b.len != 0 ? "  " : "", v->status,
		    v->status_derived ? _(" (derived)") : "");
	if (rc->command != NULL)
		buf_printf(&b, _("%safter %s"), b.len != 0 ? "  " : "",
		    rc->command);
	if (b.len != 0)
		labelled(d, RS_TEXT, _("Codes: "), b.data, width);
	if (rc->diagnostic != NULL)
		labelled(d, RS_TEXT, _("Server said: "), rc->diagnostic, width);
	if (v->nevidence != 0) {
		heading(d, _("Evidence"), width);
		for (i = 0; i < v->nevidence; i++)
			labelled(d, RS_ITEM, "  - ", v->evidence[i], width);
	}
	if (v->nsteps != 0) {
		heading(d, _("Next steps"), width);
		for (i = 0; i < v->nsteps; i++) {
			buf_reset(&b);
			buf_printf(&b, "  %zu. ", i + 1);
			labelled(d, RS_ITEM, b.data, C_(v->steps[i]), width);
		}
	}
	if (v->ncodes != 0) {
		heading(d, _("Catalogue entries"), width);
		for (i = 0; i < v->ncodes; i++) {
			size_t first = d->n;

			buf_reset(&b);
			buf_printf(&b, "  %s  ", v->codes[i]->code);
			labelled(d, RS_RELATED, b.data, C_(v->codes[i]->title),
			    width);
			for (; first < d->n; first++)
				d->v[first].link = (int)i;
		}
	}
	if (block + 1 < r->nv)
		render_wrap(d, RS_BLANK, "", "", width);
	buf_free(&b);
}
