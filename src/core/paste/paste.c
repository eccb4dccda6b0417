/* The paste box's text, the bracketed-paste scanner and the layout. */
#include "config.h"

#include <string.h>

#include "paste/paste.h"

void
paste_init(struct paste *p, size_t max)
{
	memset(p, 0, sizeof *p);
	buf_init(&p->text);
	p->max = max;
}

void
paste_free(struct paste *p)
{
	buf_free(&p->text);
	memset(p, 0, sizeof *p);
}

void
paste_clear(struct paste *p)
{
	buf_reset(&p->text);
	p->dropped = 0;
	p->cr = 0;
	p->version++;
}

/* Append what fits under the limit; count the rest. */
static void
take(struct paste *p, const char *s, size_t n)
{
	size_t	 room = p->text.len < p->max ? p->max - p->text.len : 0;

	if (n > room) {
		p->dropped += n - room;
		n = room;
	}
	if (n != 0)
		buf_add(&p->text, s, n);
}

size_t
paste_add(struct paste *p, const char *s, size_t n)
{
	size_t		 before = p->dropped, i = 0;
	const char	*cr;

	if (n == 0)
		return (0);
	p->version++;
	if (p->cr && s[0] == '\n')
		i = 1;		/* the LF of a CR LF split between two calls */
	p->cr = 0;
	while (i < n) {
		/* Plain runs go in at once: the paste may be megabytes. */
		cr = memchr(s + i, '\r', n - i);
		if (cr == NULL) {
			take(p, s + i, n - i);
			break;
		}
		take(p, s + i, (size_t)(cr - (s + i)));
		take(p, "\n", 1);
		i = (size_t)(cr - s) + 1;
		if (i == n)
			p->cr = 1;
		else if (s[i] == '\n')
			i++;
	}
	return (p->dropped - before);
}

void
paste_rubout(struct paste *p)
{
	size_t		 len = p->text.len, k = 0;
	unsigned char	 lead;
	size_t		 need;

	if (len == 0)
		return;
	/* Up to three continuation bytes, then the lead they belong to. */
	while (k < 3 && k < len &&
	    ((unsigned char)p->text.data[len - 1 - k] & 0xc0) == 0x80)
		k++;
	if (k == 0 || k == len)
		need = 1;
	else {
		lead = (unsigned char)p->text.data[len - 1 - k];
		if (lead >= 0xc2 && lead <= 0xdf)
			need = 2;
		else if (lead >= 0xe0 && lead <= 0xef)
			need = 3;
		else if (lead >= 0xf0 && lead <= 0xf4)
			need = 4;
		else
			need = 1;
		/* A stray continuation byte goes alone. */
		if (need != k + 1)
			need = 1;
	}
	p->text.len -= need;
	p->text.data[p->text.len] = '\0';
	p->cr = 0;
	p->version++;
}

void
paste_erase_line(struct paste *p)
{
	size_t	 len = p->text.len;

	if (len == 0)
		return;
	if (p->text.data[len - 1] == '\n')
		len--;
	else {
		while (len > 0 && p->text.data[len - 1] != '\n')
			len--;
	}
	p->text.len = len;
	p->text.data[len] = '\0';
	p->cr = 0;
	p->version++;
}

size_t
paste_feed(struct paste *p, struct paste_end *e, const char *s, size_t n,
    int *done)
{
	static const char	 end[] = PASTE_END_SEQ;
	const size_t		 endlen = sizeof end - 1;
	const char		*esc;
	size_t			 i = 0, held;

	*done = 0;
	while (i < n) {
		if (e->matched != 0) {
			/* Inside a possible marker: one byte at a time. */
			if (s[i] == end[e->matched]) {
				i++;
				if (++e->matched == endlen) {
					e->matched = 0;
					*done = 1;
					return (i);
				}
				continue;
			}
			/*
			 * Not the marker after all: what was held is text, and
			 * this byte is looked at again (an ESC may start one).
			 */
			held = e->matched;
			e->matched = 0;
			paste_add(p, end, held);
			continue;
		}
		esc = memchr(s + i, end[0], n - i);
		if (esc == NULL) {
			paste_add(p, s + i, n - i);
			return (n);
		}
		paste_add(p, s + i, (size_t)(esc - (s + i)));
		i = (size_t)(esc - s) + 1;
		e->matched = 1;
	}
	return (n);
}

void
paste_layout_compute(struct paste_layout *l, const struct rect *body,
    enum paste_pane shown)
{
	int	 vw;

	memset(l, 0, sizeof *l);
	if (body->h <= 0 || body->w <= 0)
		return;
	if (body->w >= PASTE_WIDE_COLS) {
		/* The verdict needs about 45 columns to read well. */
		vw = body->w * 2 / 5;
		if (vw < 45)
			vw = 45;
		l->wide = 1;
		l->text = (struct rect){ body->y, body->x, body->h,
		    body->w - vw - 1 };
		l->sep = (struct rect){ body->y, body->x + body->w - vw - 1,
		    body->h, 1 };
		l->verdict = (struct rect){ body->y, body->x + body->w - vw,
		    body->h, vw };
	} else if (shown == PP_VERDICT)
		l->verdict = *body;
	else
		l->text = *body;
}
