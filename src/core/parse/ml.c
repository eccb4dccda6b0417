/*
 * Notices of a mailing-list manager (fml) to the poster: "You are not a
 * member of this mailing list <list@example.org>."  No DSN, no
 * MAILER-DAEMON: the X-MLServer header and the list's admin address
 * tell what it is, and the post was refused by the list whose address
 * the notice's first lines name.
 * The reason is the rules' business (they read the Subject).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "parse/bounce_int.h"

#define ML_LINES	20	/* lines of the notice looked at */

/*
 * Every post the list relays carries X-MLServer too: only a notice of
 * the manager itself, from the list's -admin or -ctl address (or its
 * owner-), counts.
 */
static int
from_list_admin(const struct bmsg *m)
{
	const char	*f = m->h[H_FROM], *a;
	size_t		 al, at;

	if (f == NULL || (a = addr_find(f, strlen(f), &al)) == NULL)
		return (0);
	for (at = 0; at < al && a[at] != '@'; at++)
		;
	return ((at > 6 && strncasecmp(a + at - 6, "-admin", 6) == 0) ||
	    (at > 4 && strncasecmp(a + at - 4, "-ctl", 4) == 0) ||
	    strncasecmp(a, "owner-", 6) == 0);
}

void
ml_scan(struct parser *P, struct bmsg *m, size_t msgi)
{
	struct bounce_rcpt	*r;
	const char		*t = P->doc->text.data, *p, *q, *end, *a;
	size_t			 i, al, lines;

	if (m->h[H_X_MLSERVER] == NULL || t == NULL || !from_list_admin(m))
		return;
	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].type != PT_TEXT || m->parts[i].returned)
			continue;
		p = t + m->parts[i].off;
		end = p + m->parts[i].len;
		for (lines = 0; p < end && lines < ML_LINES; p = q + 1,
		    lines++) {
			if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
				q = end;
			/* "<addr>" in a sentence, not a header quoted. */
			if ((a = addr_find(p, (size_t)(q - p), &al)) == NULL ||
			    a == p || a[-1] != '<' || a + al >= q ||
			    a[al] != '>')
				continue;
			if ((r = parser_add_rcpt(P, msgi, a, al)) == NULL)
				return;
			while (p < q && (*p == ' ' || *p == '\t'))
				p++;
			r->diagnostic = arena_strndup(&P->doc->arena, p,
			    (size_t)(q - p));
			r->diag_off = (size_t)(p - t);
			r->diag_len = (size_t)(q - p);
			if (P->flags & BOUNCE_SPANS)
				parser_add_span(P, SPAN_DIAGNOSTIC,
				    r->diag_off, r->diag_len);
			return;
		}
	}
}
