/*
 * Complaints of Microsoft's Junk Mail Reporting Program: an Outlook.com
 * (Hotmail, Live, MSN) user marked a message as junk, and the sender
 * enrolled in the program gets the message back.  In the "RFC822
 * attachment" format the report comes from staff@hotmail.com, a
 * multipart/mixed with the message attached and no feedback-report part
 * (the MSN Hotmail JMRP partner FAQ; Sisimai::ARF reads it the same
 * way): no field names the complainant.  Outlook.com put the address it
 * delivered to in the attached copy's X-HmXmrOriginalRecipient header,
 * and that is whom the complaint is from; the copy's To may be a list
 * or "undisclosed-recipients".
 * The reason is the rules' business (the kind is feedback).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "parse/bounce_int.h"

/*
 * Only the program's own mail counts: a message a user forwarded from an
 * Outlook.com mailbox carries the header too.  The program writes from
 * Microsoft's consumer domains, and never as the bounce sender.
 */
static int
from_jmrp(const struct bmsg *m)
{
	static const char *const domains[] = {
		"hotmail.com", "outlook.com", "live.com", "msn.com",
	};
	const char	*f = m->h[H_FROM], *a, *at;
	size_t		 al, ll, i;

	if (f == NULL || (a = addr_find(f, strlen(f), &al)) == NULL ||
	    (at = memchr(a, '@', al)) == NULL)
		return (0);
	ll = (size_t)(at - a);
	if ((ll == 10 && strncasecmp(a, "postmaster", 10) == 0) ||
	    (ll == 13 && strncasecmp(a, "mailer-daemon", 13) == 0))
		return (0);
	at++;
	for (i = 0; i < sizeof domains / sizeof domains[0]; i++) {
		if ((size_t)(a + al - at) == strlen(domains[i]) &&
		    strncasecmp(at, domains[i], strlen(domains[i])) == 0)
			return (1);
	}
	return (0);
}

void
jmrp_scan(struct parser *P, struct bmsg *m, size_t msgi)
{
	struct bounce_rcpt	*r;
	const char		*v = m->orig[H_X_HMXMR_RCPT], *a;
	size_t			 al;

	/* A multipart/report is read by its own parts (dsn.c). */
	if (v == NULL || m->report || !from_jmrp(m))
		return;
	if ((a = addr_find(v, strlen(v), &al)) == NULL)
		return;
	if ((r = parser_add_rcpt(P, msgi, a, al)) == NULL)
		return;
	r->kind = MSG_FEEDBACK;
	r->agent = "jmrp";
}
