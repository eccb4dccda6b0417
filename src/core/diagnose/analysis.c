/* The one pipeline: parse, diagnose every record, flatten the spans. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "diagnose/analysis.h"

/* Between two cancel polls while diagnosing: an mbox may hold thousands. */
#define CANCEL_EVERY	256

/* In span_order() already: a parsed document's spans are. */
static int
sorted(const struct span *s, size_t n)
{
	size_t	 i;

	for (i = 1; i < n; i++) {
		if (span_order(&s[i - 1], &s[i]) > 0)
			return (0);
	}
	return (1);
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
	/* One sort: the parser's, unless the spans came from elsewhere. */
	if (!sorted(s, n))
		qsort(s, n, sizeof *s, span_order);
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

void
analysis_init(struct analysis *a)
{
	memset(a, 0, sizeof *a);
	bounce_doc_init(&a->doc);
	arena_init(&a->scratch);
}

void
analysis_free(struct analysis *a)
{
	bounce_doc_free(&a->doc);
	arena_free(&a->scratch);
	free(a->v);
	free(a->segs);
	memset(a, 0, sizeof *a);
}

static int
cancelled(const struct analyser *an)
{
	return (an->cancel != NULL && an->cancel(an->arg));
}

static void
flatten(struct analysis *a)
{
	size_t	 i;

	a->nsegs = 0;
	a->kinds = 0;
	if (a->doc.nspans == 0)
		return;
	if (a->segcap < 2 * a->doc.nspans) {
		a->segcap = 2 * a->doc.nspans;
		a->segs = xreallocarray(a->segs, a->segcap, sizeof *a->segs);
	}
	a->nsegs = spans_flatten(a->doc.spans, a->doc.nspans, a->segs);
	for (i = 0; i < a->doc.nspans; i++)
		a->kinds |= 1u << a->doc.spans[i].kind;
}

static int
diagnose_all(struct analysis *a, const struct analyser *an)
{
	size_t	 i, n = a->doc.nrcpts;

	if (an->rules == NULL || n == 0)
		return (0);
	if (a->vcap < n) {
		a->vcap = n;
		a->v = xreallocarray(a->v, a->vcap, sizeof *a->v);
	}
	for (i = 0; i < n; i++) {
		if (i % CANCEL_EVERY == CANCEL_EVERY - 1 && cancelled(an))
			return (-1);
		if (an->state != NULL)
			diagnose_r(an->rules, an->state, an->catalog, &a->doc,
			    i, &a->v[i], &a->scratch);
		else
			diagnose(an->rules, an->catalog, &a->doc, i, &a->v[i],
			    &a->scratch);
	}
	a->nv = n;
	return (0);
}

long
analysis_run(struct analysis *a, const struct analyser *an, const char *in,
    size_t len)
{
	a->nv = 0;
	a->nsegs = 0;
	a->kinds = 0;
	arena_free(&a->scratch);
	bounce_parse(&a->doc, in != NULL ? in : "", len, an->limits,
	    an->flags);
	if (cancelled(an))
		return (-1);
	if (an->flags & BOUNCE_SPANS) {
		flatten(a);
		if (cancelled(an))
			return (-1);
	}
	if (diagnose_all(a, an) != 0)
		return (-1);
	return ((long)a->nv);
}
