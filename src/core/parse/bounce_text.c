/* Recipients and their errors in the plain-text part of a bounce. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"

#define MAX_DIAG	2048	/* bytes of text kept per recipient */

/* A recipient found in the text, with the text about it. */
struct trcpt {
	const char	*addr;
	size_t		 alen;
	struct buf	 diag;		/* lines after the address */
	struct buf	 reply;		/* transcript replies (<<< 550 ...) */
	size_t		 off, len;	/* first diagnostic line in text */
	char		 command[8];
};

#define HASH_SIZE	1024	/* buckets of the address index */

struct tscan {
	size_t		 n, cap;
	size_t		 head[HASH_SIZE];	/* entry + 1, or 0 */
	struct parser	*P;
	struct buf	 global;	/* text before any recipient */
	const char	*returned;	/* where the inline copy starts */
	const char	*returned_end;
	const char	*skip1, *skip2;	/* the sender, the bounce's author */
	size_t		 skip1l, skip2l;
	int		 dsn_in_text;	/* the text's DSN fields are dsn.c's */
	/* Grown as recipients are found, up to the limit of records. */
	size_t		*next;
	struct trcpt	*r;
};

static int
is_space(int c)
{
	return (c == ' ' || c == '\t');
}

/*
 * Every marker phrase holds one of these stems ("messag", "origin", "copy",
 * "header", "rfc822"): one pass over the line rules out nearly all lines
 * before any copy or strstr, which checks the phrases themselves.
 */
static uint32_t
word4(const char *s)
{
	uint32_t	 w;

	memcpy(&w, s, 4);
	return (w | 0x20202020u);	/* letters to lower case */
}

static int
has_marker_stem(const char *s, size_t n)
{
	uint32_t	 mess, orig, copy, head, rfc8, w;
	size_t		 i;

	mess = word4("mess");
	orig = word4("orig");
	copy = word4("copy");
	head = word4("head");
	rfc8 = word4("rfc8");
	/* Four bytes at a time, folded: no call per candidate letter. */
	for (i = 0; i + 4 <= n; i++) {
		w = word4(s + i);
		if (w == mess || w == orig || w == copy || w == head ||
		    w == rfc8)
			return (1);
	}
	return (0);
}

/* Lines at which the returned message starts. */
static int
is_marker(const char *s, size_t n)
{
	static const char *const phrases[] = {
		"this is a copy of the message", "copy of the original message",
		"original message follows", "below this line is a copy",
		"unsent message follows", "message headers follow",
		"header of the original message", "headers of the original",
		"original message header", "returned message follows",
		"original message ---", "original message -",
		"content-type: message/rfc822", "content-type: text/rfc822-headers",
		"your message reads", "rfc822 headers", "included is a copy",
		"received-headers of the message", "message text follows",
		"------ original message", "-- original message",
	};
	char	 low[128];
	size_t	 i;

	if ((n > 15 && strncmp(s, "Received: from ", 15) == 0) ||
	    (n > 13 && strncmp(s, "Return-Path: ", 13) == 0) ||
	    (n > 12 && strncasecmp(s, "Message-ID: ", 12) == 0))
		return (1);
	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	/*
	 * "Original Message:" alone on its line heads the copy's header
	 * lines (Verizon's MMS gateway, vzwpix.com, in Sisimai's reading);
	 * within a sentence ("Subject of the original message: hi") it
	 * heads nothing.
	 */
	for (i = n; i > 0 && is_space((unsigned char)s[i - 1]); i--)
		;
	if (i == 17 && strncasecmp(s, "original message:", 17) == 0)
		return (1);
	if (n < 10 || n > 120 || !has_marker_stem(s, n))
		return (0);
	/* One lower-case copy, then the C library's fast strstr. */
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
		if (strstr(low, phrases[i]) != NULL)
			return (1);
	}
	return (0);
}

/*
 * The recipient a, found through a hash so that a paste of a million
 * address lines stays linear; created when asked and room is left.
 */
static struct trcpt *
trcpt_get(struct tscan *ts, const char *a, size_t al, int create)
{
	unsigned	 h = addr_hash(a, al) % HASH_SIZE;
	size_t		 i;

	for (i = ts->head[h]; i != 0; i = ts->next[i - 1]) {
		if (same_addr(ts->r[i - 1].addr, ts->r[i - 1].alen, a, al))
			return (&ts->r[i - 1]);
	}
	if (!create)
		return (NULL);
	/* The report's author is never the one who bounced. */
	if (ts->skip2 != NULL && same_addr(a, al, ts->skip2, ts->skip2l))
		return (NULL);
	if (ts->n >= ts->P->lim->max_rcpts) {
		ts->P->doc->truncated = 1;
		ts->P->doc->cut |= BOUNCE_CUT_RCPTS;
		return (NULL);
	}
	if (ts->n == ts->cap) {
		ts->cap = ts->cap != 0 ? ts->cap * 2 : 16;
		ts->next = xreallocarray(ts->next, ts->cap, sizeof *ts->next);
		ts->r = xreallocarray(ts->r, ts->cap, sizeof *ts->r);
	}
	memset(&ts->r[ts->n], 0, sizeof ts->r[0]);
	ts->r[ts->n].addr = a;
	ts->r[ts->n].alen = al;
	ts->next[ts->n] = ts->head[h];
	ts->head[h] = ts->n + 1;
	return (&ts->r[ts->n++]);
}

static void
diag_add(struct buf *b, const char *s, size_t n)
{
	while (n > 0 && is_space((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || b->len >= MAX_DIAG)
		return;
	if (n > MAX_DIAG - b->len)
		n = MAX_DIAG - b->len;
	if (b->len != 0)
		buf_addc(b, ' ');
	buf_add(b, s, n);
}

#define LABEL_MAX	48	/* bytes of a label before its ':' */

/* A header's or a field's name: a line it opens names no recipient. */
static int
is_header_label(const char *p, size_t ll)
{
	static const char *const deny[] = {
		"from", "sender", "to", "cc", "bcc", "reply", "return",
		"date", "subject", "message-id", "received", "by",
		"envelope", "for", "delivered-to", "x-", "sent",
		"original", "final", "mail from", "in-reply", "reporting",
	};
	size_t	k, dl;

	for (k = 0; k < sizeof deny / sizeof deny[0]; k++) {
		dl = strlen(deny[k]);
		if (ll >= dl && strncasecmp(p, deny[k], dl) == 0 &&
		    (ll == dl || deny[k][dl - 1] == '-' ||
		    p[dl] == ' ' || p[dl] == '-'))
			return (1);
	}
	return (0);
}

/*
 * "Recipient address: a@b", "Unknown user: a@b" and kin: the label, and
 * where the address may start after it.  Returns NULL if the ':' ends a
 * header's name.
 */
static const char *
label_skip(const char *p, const char *end, const char **label,
    size_t *labellen)
{
	const char	*c = memchr(p, ':', (size_t)(end - p));
	size_t		 ll;

	if (c == NULL || c - p >= LABEL_MAX || *p == '<' ||
	    memchr(p, '@', (size_t)(c - p)) != NULL)
		return (p);
	ll = (size_t)(c - p);
	if (is_header_label(p, ll))
		return (NULL);
	*label = p;
	*labellen = ll;
	p = c + 1;
	while (p < end && is_space((unsigned char)*p))
		p++;
	return (p);
}

/* "Unable to deliver message to <a@b> (and others)". */
static int
is_deliver_to(const char *s, const char *a)
{
	const char	*c;

	return (a > s && (a[-1] == '<' || a[-1] == ' ' || a[-1] == '\'') &&
	    (c = memcasemem(s, (size_t)(a - s), "deliver", 7)) != NULL &&
	    memcasemem(c, (size_t)(a - c), " to ", 4) != NULL);
}

/*
 * "Your message to a@b could not be delivered", "The following message
 * to <a@b> was undeliverable", "Recipient <a@b> rejected", "User <a@b>
 * not found": a sentence that names the recipient right after one of
 * these words, then says the delivery failed.
 */
static int
is_named_failure(const char *s, const char *a, const char *end)
{
	static const char *const leads[] = {
		"message to ", "mail to ", "recipient ", "user ", "mailbox ",
		"address ",
	};
	static const char *const failed[] = {
		"deliver", "fail", "reject", "bounce", "returned", "not found",
		"unknown", "does not exist", "doesn't exist", "invalid",
		"refused", "denied", "disabled", "full", "quota",
	};
	const char	*l = a, *b;
	size_t		 i, n = 0;

	if (l > s && (l[-1] == '<' || l[-1] == '\'' || l[-1] == '"'))
		l--;
	for (i = 0; i < sizeof leads / sizeof leads[0]; i++) {
		n = strlen(leads[i]);
		if ((size_t)(l - s) >= n &&
		    strncasecmp(l - n, leads[i], n) == 0)
			break;
	}
	if (i == sizeof leads / sizeof leads[0])
		return (0);
	/* "Sender address <a@b> rejected", "from user a@b": the sender. */
	l -= n;
	b = l - s > 8 ? l - 8 : s;
	if (memcasemem(b, (size_t)(l - b), "sender", 6) != NULL ||
	    memcasemem(b, (size_t)(l - b), "from", 4) != NULL)
		return (0);
	for (i = 0; i < sizeof failed / sizeof failed[0]; i++)
		if (memcasemem(a, (size_t)(end - a), failed[i],
		    strlen(failed[i])) != NULL)
			return (1);
	return (0);
}

#define ITEM_KEY	"address: <"
#define ITEM_KEY_LEN	(sizeof ITEM_KEY - 1)

/*
 * "[Status: Error, Address: <a@b>, ResponseCode 421, ...]": a list of
 * "Key: value" items, one of them plainly "Address".
 */
static int
is_address_item(const char *s, const char *a)
{
	const char	*key;

	if ((size_t)(a - s) <= ITEM_KEY_LEN || a[-1] != '<')
		return (0);
	key = a - ITEM_KEY_LEN;
	return (strncasecmp(key, ITEM_KEY, ITEM_KEY_LEN) == 0 &&
	    (key[-1] == '[' || (key[-1] == ' ' && key - s >= 2 &&
	    key[-2] == ',')));
}

/*
 * After the address: its closing quote, then a separator or the end.
 * Returns where the reason starts, or NULL if a word runs on from it.
 */
static const char *
addr_tail(const char *p, const char *end)
{
	/* "<a@b>", "'a@b'", "'<a@b>'" (CommuniGate's "to '<a@b>'"). */
	if (p < end && (*p == '>' || *p == '"' || *p == '\''))
		p++;
	if (p < end && p[-1] == '>' && (*p == '"' || *p == '\''))
		p++;
	if (p < end && !(is_space((unsigned char)*p) || *p == ':' ||
	    *p == '.' || *p == ',' || *p == ';' || *p == '('))
		return (NULL);
	while (p < end && (*p == ':' || *p == '.' || *p == ',' || *p == ';' ||
	    is_space((unsigned char)*p)))
		p++;
	return (p);
}

/*
 * How far before an address "contact" or "mailto:" is looked for.  Not
 * "email": "unknown email address a@b" names the recipient.
 */
#define CONTACT_LEAD_MAX	24

/*
 * An address the reply gives to write to, not the one it refuses:
 * "... or to contact tosa@rx.t-online.de to clarify", "mailto:abuse@".
 */
static int
is_contact_addr(const char *p, const char *a)
{
	static const char *const leads[] = {
		"contact", "mailto:", "write to", "reach us at",
	};
	const char	*from = a - p > CONTACT_LEAD_MAX ?
			    a - CONTACT_LEAD_MAX : p;
	size_t		 i;

	for (i = 0; i < sizeof leads / sizeof leads[0]; i++)
		if (memcasemem(from, (size_t)(a - from), leads[i],
		    strlen(leads[i])) != NULL)
			return (1);
	return (0);
}

/*
 * A line that names a recipient first: "<a@b>: ...", "a@b", "a@b on
 * date", "Recipient address: a@b".  Returns the address; *rest is the
 * text after it.
 */
static const char *
rcpt_line(const char *s, size_t n, size_t *al, const char **rest,
    const char **label, size_t *labellen)
{
	const char	*p = s, *end = s + n, *a;
	size_t		 l;

	*label = NULL;
	*labellen = 0;
	if (memchr(s, '@', n) == NULL)
		return (NULL);
	while (p < end && (is_space((unsigned char)*p) || *p == '*' ||
	    *p == '-' || *p == '>'))
		p++;
	if (p == end || (p = label_skip(p, end, label, labellen)) == NULL)
		return (NULL);
	if (p < end && (*p == '<' || *p == '"' || *p == '\''))
		p++;
	a = addr_find(p, (size_t)(end - p), &l);
	if (a != NULL && a != p && is_deliver_to(s, a)) {
		*label = s;
		*labellen = (size_t)(a - 1 - s);
		p = a;
		if (a[-1] == '<' && a - 1 > s && a[-2] != ' ' &&
		    a[-2] != '\'' && a[-2] != '"')
			return (NULL);
	}
	if (a != NULL && a != p && *label == NULL &&
	    is_named_failure(s, a, end)) {
		*label = s;
		*labellen = (size_t)(a - 1 - s);
		p = a;
	}
	if (a != NULL && a != p && is_address_item(s, a)) {
		*label = s;
		*labellen = (size_t)(a - ITEM_KEY_LEN - s);
		p = a;
	}
	if (a == NULL || a != p || (p = addr_tail(a + l, end)) == NULL ||
	    is_contact_addr(s, a))
		return (NULL);
	*al = l;
	*rest = p;
	return (a);
}

/* "RCPT TO:<a@b>" anywhere in the line. */
static const char *
rcpt_command(const char *s, size_t n, size_t *al)
{
	const char	*c = s, *end = s + n;

	/* Every line comes here: look for the rare ':' first, then back. */
	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		if (c - s >= 7 && strncasecmp(c - 7, "rcpt to", 7) == 0) {
			c++;
			return (addr_find(c, (size_t)(end - c), al));
		}
		c++;
	}
	return (NULL);
}

static int
is_reply_line(const char *s, size_t n)
{
	while (n > 0 && (is_space((unsigned char)*s) || *s == '<')) {
		s++;
		n--;
	}
	return (n >= 3 && *s >= '2' && *s <= '5' && s[1] >= '0' &&
	    s[1] <= '9' && s[2] >= '0' && s[2] <= '9' &&
	    (n == 3 || s[3] == ' ' || s[3] == '-'));
}

/*
 * "554 <a@b>... 550 Host unknown": a reply that starts by naming whom
 * it is about, as sendmail's summary lines do, makes a record.  Sendmail
 * writes the address as it was given ("%s... %s" in deliver.c): in
 * angle brackets when it came by SMTP, bare when it came from the
 * command line ("550 5.1.2 a@b... Host unknown"); a bare one follows
 * nothing but the codes.
 */
static int
reply_names(const char *p, const char *q, const char *a, size_t al)
{
	const char	*c;

	if (a - p > 16 || a <= p)
		return (0);
	if (a[-1] == '<')
		return ((size_t)(q - a) >= al + 4 &&
		    memcmp(a + al, ">...", 4) == 0);
	for (c = p; c < a; c++)
		if (!(*c == ' ' || *c == '.' || (*c >= '0' && *c <= '9')))
			return (0);
	return (a[-1] == ' ' && (size_t)(q - a) >= al + 4 &&
	    memcmp(a + al, "... ", 4) == 0);
}

/* Bytes before a refusal's '<': "550 5.1.1 " and a little slack. */
#define REFUSAL_LEAD_MAX	14
/* ">>> X" at the least: the mark, a space, a command. */
#define OURS_LINE_MIN		5
/* "----- Transcript -----": a rule this long, on a line longer than: */
#define HEADING_RULE_MIN	4
#define HEADING_LINE_MIN	8

/*
 * Where the scan of a report's lines stands: whom the lines are about,
 * and what the lines before said of the lines to come.
 */
struct region_state {
	const char	*text;		/* the document's text, for offsets */
	struct trcpt	*cur;		/* the recipient the lines are about */
	int		 transcript;	/* in an SMTP dialogue (">>>", "<<<") */
	int		 named;		/* cur named by its reply (sendmail) */
	const char	*pending;	/* ">>> DATA" before any name */
	/*
	 * Whose "... after RCPT TO:<a@b>:" the line before quoted (Exim):
	 * the reply on this line answers that command, whatever address
	 * it names (an alias, a rewritten address).
	 */
	struct trcpt	*asked, *answering;
	/*
	 * The indent of a "<a@b>: reason" line whose reason runs on in
	 * deeper indented lines (Postfix's bounce(8) wraps it at four
	 * spaces), or -1: such a line is the reason's, even when it starts
	 * with an address ("    sender@example.net rejected ...").
	 */
	int		 wrap_indent;
	int		 in_field;	/* in a DSN field dsn.c reads */
};

static void
command_set(struct trcpt *r, const char *command)
{
	snprintf(r->command, sizeof r->command, "%s", command);
}

/* A line about the current recipient; its first says where it is. */
static void
region_diag(struct region_state *st, const char *p, const char *q)
{
	struct trcpt	*cur = st->cur;

	if (cur->off == 0) {
		cur->off = (size_t)(p - st->text);
		cur->len = (size_t)(q - p);
	}
	diag_add(&cur->diag, p, (size_t)(q - p));
}

/* "RCPT TO:<a@b>": its recipient is the current one. */
static int
line_rcpt_command(struct tscan *ts, struct region_state *st, const char *p,
    const char *q)
{
	struct trcpt	*r;
	const char	*a;
	size_t		 al;

	if ((a = rcpt_command(p, (size_t)(q - p), &al)) == NULL)
		return (0);
	if ((r = trcpt_get(ts, a, al, 1)) != NULL) {
		st->cur = r;
		command_set(r, "RCPT");
	}
	/*
	 * A line that opens with the command is the dialogue; one that
	 * quotes it ("... in reply to RCPT TO:<a@b>") is the error's text.
	 * (In a dialogue, pipelined replies name their own recipients.)
	 */
	st->transcript = (p[0] == '>' || p[0] == 'R' || p[0] == 'r');
	if (!st->transcript && st->cur != NULL) {
		diag_add(&st->cur->diag, p, (size_t)(q - p));
		st->asked = r;
	}
	return (1);
}

/*
 * "mx.example.org [192.0.2.25] did not like our RCPT TO:", then the
 * reply on the next line: dma's account of a refusal (net.c, "%s [%s]
 * did not like our %s:\n%s"), which quotes the command without its
 * address.  The reply answers the current recipient's command, whatever
 * address it names.  Returns the command, or NULL.
 */
/* Words that tell an SMTP command, and the command they tell. */
struct command_words {
	const char	*words;
	const char	*command;
};

static const char *
quoted_command(const char *p, const char *q)
{
	static const struct command_words quotes[] = {
		{ "rcpt to:", "RCPT" }, { "mail from:", "MAIL" },
		{ "data:", "DATA" },
	};
	size_t	i, n;

	while (q > p && is_space((unsigned char)q[-1]))
		q--;
	for (i = 0; i < sizeof quotes / sizeof quotes[0]; i++) {
		n = strlen(quotes[i].words);
		if ((size_t)(q - p) > n &&
		    strncasecmp(q - n, quotes[i].words, n) == 0 &&
		    memcasemem(p, (size_t)(q - p), "our ", 4) != NULL)
			return (quotes[i].command);
	}
	return (NULL);
}

static int
line_command_quote(struct region_state *st, const char *p, const char *q)
{
	const char	*command;

	if (st->cur == NULL || (command = quoted_command(p, q)) == NULL)
		return (0);
	if (st->cur->command[0] == '\0')
		command_set(st->cur, command);
	region_diag(st, p, q);
	st->asked = st->cur;
	return (1);
}

/* A reply code of refusal ("550"), as a label. */
static int
is_refusal_code(const char *s, size_t n)
{
	return (n == 3 && (s[0] == '4' || s[0] == '5') &&
	    s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9');
}

/* The count of blanks that open the line. */
static size_t
indent_of(const char *p, const char *q)
{
	const char	*s = p;

	while (s < q && (*s == ' ' || *s == '\t'))
		s++;
	return ((size_t)(s - p));
}

/*
 * Exchange 2000/2003 heads each recipient with "NAME on DATE", the
 * address when it has one, else the display name ("bob on 12/3/2026
 * 8:00 AM"); the address is then only in the reply line below it.
 */
static int
is_exchange_name_line(const char *p, const char *q)
{
	const char	*o;

	if (indent_of(p, q) < 2 || memchr(p, '@', (size_t)(q - p)) != NULL ||
	    (o = memmem(p, (size_t)(q - p), " on ", 4)) == NULL)
		return (0);
	o += 4;
	while (o < q && *o >= '0' && *o <= '9')
		o++;
	return (o < q && *o == '/' && o > p && o[-1] >= '0' && o[-1] <= '9');
}

/*
 * "<mx.example.org #5.1.1 smtp;550 5.1.1 <a@b>... User unknown>":
 * Exchange's reply line, which names the recipient of a display-name
 * heading; opens that recipient's record when none is open.
 */
static int
line_exchange_reply(struct tscan *ts, struct region_state *st, const char *p,
    const char *q)
{
	const char	*s = p + indent_of(p, q), *h, *a;
	size_t		 al;
	struct trcpt	*r;

	if (st->cur != NULL || s >= q || *s != '<' ||
	    (h = memmem(s, (size_t)(q - s), " #", 2)) == NULL ||
	    h + 2 >= q || h[2] < '2' || h[2] > '5' ||
	    memmem(h, (size_t)(q - h), " smtp;", 6) == NULL ||
	    (a = addr_find(h, (size_t)(q - h), &al)) == NULL || a[-1] != '<' ||
	    (r = trcpt_get(ts, a, al, 1)) == NULL)
		return (0);
	st->cur = r;
	st->named = 1;
	diag_add(&r->reply, s, (size_t)(q - s));
	return (1);
}

/* "<a@b>: reason", "Recipient address: a@b": a line that names one. */
static int
line_rcpt_named(struct tscan *ts, struct region_state *st, const char *p,
    const char *q)
{
	struct trcpt	*r;
	const char	*a, *rest, *label;
	size_t		 al, labellen;

	if ((a = rcpt_line(p, (size_t)(q - p), &al, &rest, &label,
	    &labellen)) == NULL || (r = trcpt_get(ts, a, al, 1)) == NULL)
		return (0);
	if (r != st->cur)
		st->transcript = 0;
	st->cur = r;
	st->named = 0;
	st->wrap_indent = rest < q ? (int)indent_of(p, q) : -1;
	if (label != NULL && labellen > 0)
		diag_add(&r->diag, label, labellen);
	/*
	 * "550: <a@b>: User unknown": a reply that names the recipient it
	 * refuses answers its RCPT TO.
	 */
	if (label != NULL && is_refusal_code(label, labellen) &&
	    a > p && a[-1] == '<' && r->command[0] == '\0')
		command_set(r, "RCPT");
	if (rest < q)
		region_diag(st, rest, q);
	return (1);
}

/* The command of ">>> DATA" a later reply may answer, or NULL. */
static const char *
our_command(const char *p, const char *q)
{
	if (memcasemem(p, (size_t)(q - p), "data", 4) != NULL)
		return ("DATA");
	if (memcasemem(p, (size_t)(q - p), "mail from", 9) != NULL)
		return ("MAIL");
	return (NULL);
}

/* Our side of a transcript: "<<<" replies follow. */
static int
line_ours(struct region_state *st, const char *p, const char *q)
{
	if ((size_t)(q - p) < OURS_LINE_MIN || memcmp(p, ">>>", 3) != 0)
		return (0);
	st->transcript = 1;
	st->pending = our_command(p, q);
	if (st->cur != NULL && st->pending != NULL) {
		command_set(st->cur, st->pending);
		st->pending = NULL;
	}
	return (1);
}

/*
 * "550 <a@b>: User unknown", "550 5.1.1 <a@b> ...": a refusal that opens
 * with the address answers that address's RCPT TO.
 */
static int
refuses_rcpt(const char *p, const char *q, const char *a, size_t al)
{
	return (a > p && a[-1] == '<' && a - 1 - p <= REFUSAL_LEAD_MAX &&
	    (size_t)(q - a) > al + 1 && a[al] == '>' &&
	    (p[0] == '4' || p[0] == '5'));
}

/*
 * ">>> DATA", then "<<< 550 Invalid recipient: <a@b>" and "<<< 503 No
 * recipients": with PIPELINING (RFC 2920) the RCPT TO's replies come
 * after the DATA command is sent, and Sendmail shows only the last
 * command; a reply to DATA itself names no recipient <a@b>.
 */
static int
pipelined_rcpt(const char *pending, const char *p, const char *a, size_t al)
{
	return (strcmp(pending, "DATA") == 0 && a > p && a[-1] == '<' &&
	    a[al] == '>');
}

/*
 * A reply: whom it is about, and kept as the reply when in a dialogue;
 * a reply outside one is left to the caller as text.
 */
static int
line_reply(struct tscan *ts, struct region_state *st, const char *p,
    const char *q)
{
	struct trcpt	*r;
	const char	*a;
	size_t		 al;
	int		 names;

	if (!is_reply_line(p, (size_t)(q - p)))
		return (0);
	if (st->answering != NULL) {
		/* Its text, as the quoted command's line was. */
		st->cur = st->answering;
		st->named = 0;
		return (0);
	}
	/* "550 5.1.1 <a@b>... User unknown" names its own. */
	a = addr_find(p, (size_t)(q - p), &al);
	names = a != NULL && reply_names(p, q, a, al);
	/* An address to contact is no one's record. */
	while (a != NULL && !names && is_contact_addr(p, a))
		a = addr_find(a + al, (size_t)(q - a - al), &al);
	if (a != NULL &&
	    (r = trcpt_get(ts, a, al, ts->n == 0 || names)) != NULL) {
		st->cur = r;
		st->named = names;
		/*
		 * ">>> DATA" after a heading, then "<<< 554 ... (a@b)": the
		 * command was the one for a@b.
		 */
		if (st->transcript && st->pending != NULL &&
		    r->command[0] == '\0')
			command_set(r, pipelined_rcpt(st->pending, p, a, al) ?
			    "RCPT" : st->pending);
		else if (!names && r->command[0] == '\0' &&
		    refuses_rcpt(p, q, a, al))
			command_set(r, "RCPT");
		st->pending = NULL;
	} else if (a == NULL && st->named) {
		/* The next one's "550 host (smtp)..." line. */
		st->cur = NULL;
		st->named = 0;
	}
	if (st->cur != NULL && (st->transcript || p[0] == '<')) {
		diag_add(&st->cur->reply, p, (size_t)(q - p));
		return (1);
	}
	return (0);
}

/* "----- Transcript of session -----": a heading, the block ends. */
static int
is_section_heading(const char *p, const char *q)
{
	const char	*s = p;
	size_t		 rule = 0;

	/*
	 * The rule is counted without the indent: an indented reply that
	 * ends in " -" (Yahoo's "... due to user complaints -") is no
	 * heading.
	 */
	while (s < q && is_space((unsigned char)*s))
		s++;
	for (; s < q && (*s == '-' || *s == '=' || is_space((unsigned char)*s));
	    s++)
		rule += *s != ' ' && *s != '\t';
	return (rule >= HEADING_RULE_MIN && q - p > HEADING_LINE_MIN &&
	    (q[-1] == '-' || q[-1] == '='));
}

/*
 * A DSN field printed in the text ("Reporting-MTA: dns; mx.example",
 * RFC 3464 section 2.2 and 2.3, and Postfix's X-Postfix-*), or a line of
 * its folded value: never the server's words (its "dns;" is an address
 * type, no DNS failure).  Final-Recipient, Action, Status and
 * Diagnostic-Code only where dsn.c read the text's fields: elsewhere they
 * may be a text format's own labels.
 */
/* The longest DSN field name and its colon ("X-Postfix-Queue-ID:"). */
#define DSN_NAME_MAX	24

static int
dsn_field_line(struct region_state *st, const char *p, const char *q,
    int dsn_read)
{
	/* The names no other format uses, skipped in any report. */
	static const char *const own[] = {
		"reporting-mta:", "received-from-mta:", "arrival-date:",
		"original-recipient:", "remote-mta:", "last-attempt-date:",
		"will-retry-until:", "original-envelope-id:", "dsn-gateway:",
		"x-postfix-", "x-actual-recipient:",
	};
	static const char *const fields[] = {
		"final-recipient:", "action:", "status:", "diagnostic-code:",
	};
	size_t	 n = (size_t)(q - p);

	if (st->in_field && is_space((unsigned char)*p))
		return (1);
	/* Most lines have no "Name:" opening them: one memchr says so. */
	if (memchr(p, ':', n < DSN_NAME_MAX ? n : DSN_NAME_MAX) == NULL ||
	    is_space((unsigned char)*p)) {
		st->in_field = 0;
		return (0);
	}
	st->in_field = prefix_in(p, n, own, sizeof own / sizeof own[0]) ||
	    (dsn_read && prefix_in(p, n, fields, sizeof fields / sizeof fields[0]));
	return (st->in_field);
}

/*
 * A line of the report's closing words, about no recipient: Exim's
 * delay warning ends its list of addresses with "No action is required
 * on your part." (deliver.c), after a blank line but at the margin, as
 * a recipient's own text may be.
 */
static int
is_closing_words(const char *p, const char *q)
{
	static const char closing[] = "No action is required on your part";

	return ((size_t)(q - p) >= sizeof closing - 1 &&
	    memcmp(p, closing, sizeof closing - 1) == 0);
}

/*
 * The report's lines, each given to the recipient they are about, or to
 * the text before any, up to the returned message's marker.
 */
static void
scan_region(struct parser *P, struct tscan *ts, size_t off, size_t len)
{
	struct region_state	 st;
	const char		*p, *q, *end;

	memset(&st, 0, sizeof st);
	st.wrap_indent = -1;
	st.text = P->doc->text.data;
	p = st.text + off;
	end = p + len;
	for (; p < end; p = q < end ? q + 1 : end) {
		q = memchr(p, '\n', (size_t)(end - p));
		if (q == NULL)
			q = end;
		if (q == p) {
			st.wrap_indent = -1;
			st.in_field = 0;
			continue;
		}
		if (dsn_field_line(&st, p, q, ts->dsn_in_text))
			continue;
		st.answering = st.asked;
		st.asked = NULL;
		if (is_marker(p, (size_t)(q - p))) {
			if (ts->returned == NULL) {
				ts->returned = p;
				ts->returned_end = end;
			}
			break;
		}
		if (st.wrap_indent >= 0 &&
		    indent_of(p, q) <= (size_t)st.wrap_indent)
			st.wrap_indent = -1;
		if (is_exchange_name_line(p, q))
			st.cur = NULL;
		if (line_rcpt_command(ts, &st, p, q) ||
		    line_command_quote(&st, p, q) ||
		    (st.wrap_indent < 0 && st.answering == NULL &&
		    line_rcpt_named(ts, &st, p, q)) ||
		    line_ours(&st, p, q) ||
		    line_exchange_reply(ts, &st, p, q) ||
		    line_reply(ts, &st, p, q))
			continue;
		if (is_section_heading(p, q) || is_closing_words(p, q)) {
			st.cur = NULL;
			st.transcript = 0;
		} else if (st.cur != NULL)
			region_diag(&st, p, q);
		else
			diag_add(&ts->global, p, (size_t)(q - p));
	}
}

static const char *
command_of(const char *d)
{
	static const struct command_words cmds[] = {
		{ "rcpt to", "RCPT" }, { "rcpt command", "RCPT" },
		{ "smtp:rcpt", "RCPT" },
		{ "does not like recipient", "RCPT" },
		{ "end of data", "DATA" },
		{ "data command", "DATA" }, { "after data", "DATA" },
		{ "command data", "DATA" },
		/*
		 * The command, not a server's words ("not accepting mail
		 * from 192.0.2.1", "email from example.org"): Exim's "after
		 * MAIL FROM:<a>", Postfix's "in reply to MAIL FROM command".
		 */
		{ "mail from:", "MAIL" }, { "mail from command", "MAIL" },
		{ "after mail from", "MAIL" },
		/* Oracle Messaging Server: "Server rejected MAIL FROM address". */
		{ "rejected mail from", "MAIL" },
		/*
		 * dma (net.c, READ_REMOTE_CHECK): "HOST [ADDR] did not like
		 * our MAIL FROM: REPLY", "... our final DATA: REPLY".
		 */
		{ "like our mail from", "MAIL" }, { "like our final data", "DATA" },
		{ "like our data", "DATA" },
		{ "reply to ehlo", "HELO" }, { "reply to helo", "HELO" },
		{ "after ehlo", "HELO" }, { "initial connection", "CONN" },
		{ "greeting", "CONN" },
		/*
		 * Postfix smtp(8) (smtp_proto.c): "host HOST refused to talk
		 * to me: REPLY", the server's refusal at its greeting.
		 */
		{ "refused to talk to me", "CONN" },
		/*
		 * Postfix smtp(8) (smtp_proto.c): "lost connection with HOST
		 * while performing the EHLO handshake", "... HELO handshake".
		 */
		{ "ehlo handshake", "HELO" }, { "helo handshake", "HELO" },
		/*
		 * The words of the server's own recipient check (Postfix
		 * smtpd_check.c), last: a server may give them after DATA
		 * (a before-queue filter, a proxy), and the sending MTA's
		 * "in reply to end of DATA command" then says the stage.
		 */
		{ "recipient address rejected", "RCPT" },
	};
	char	 low[MAX_DIAG + 1];
	size_t	 i, k, n = strlen(d);

	/*
	 * One lower-case copy, each run of white space one space (a folded
	 * "in reply to MAIL FROM\n    command"), then the C library's fast
	 * strstr.
	 */
	if (n > MAX_DIAG)
		n = MAX_DIAG;
	for (i = k = 0; i < n; i++) {
		if (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n') {
			if (k == 0 || low[k - 1] != ' ')
				low[k++] = ' ';
			continue;
		}
		low[k++] = (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] + 32 :
		    d[i]);
	}
	low[k] = '\0';
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strstr(low, cmds[i].words) != NULL)
			return (cmds[i].command);
	return (NULL);
}

/* "host mx.example.com[192.0.2.1] said:" and kin. */
static const char *
remote_of(struct parser *P, const char *d)
{
	const char	*h, *e;
	size_t		 n = strlen(d);

	if ((h = memcasemem(d, n, "host ", 5)) == NULL &&
	    (h = memcasemem(d, n, "talking to ", 11)) == NULL)
		return (NULL);
	h = strchr(h, ' ') + 1;
	for (e = h; *e != '\0' && *e != ' ' && *e != '[' && *e != ':' &&
	    *e != ','; e++)
		;
	while (e > h && e[-1] == '.')
		e--;
	if (e - h < 3 || memchr(h, '.', (size_t)(e - h)) == NULL)
		return (NULL);
	return (arena_strndup(&P->doc->arena, h, (size_t)(e - h)));
}

static void
rcpt_finish(struct parser *P, struct bounce_rcpt *br, struct trcpt *tr,
    const struct tscan *ts)
{
	struct buf	*b = tr->reply.len != 0 ? &tr->reply : &tr->diag;
	const char	*cmd;
	char		 code[STATUS_MAX];

	if (b->len == 0 || (reply_find(b->data, b->len, NULL) == 0 &&
	    !status_find(b->data, b->len, code, NULL) &&
	    (reply_find(ts->global.data != NULL ? ts->global.data : "",
	    ts->global.len, NULL) != 0))) {
		/* The error sits apart from the address (a transcript). */
		if (b->len != 0 && b->len + 1 < MAX_DIAG)
			diag_add((struct buf *)(uintptr_t)&ts->global, b->data,
			    b->len);
		b = (struct buf *)(uintptr_t)&ts->global;
	}
	if (br->diagnostic == NULL && b->len != 0) {
		br->diagnostic = arena_strndup(&P->doc->arena, b->data, b->len);
		br->diag_off = tr->off;
		br->diag_len = tr->len;
	}
	cmd = tr->command[0] != '\0' ? tr->command : NULL;
	if (cmd == NULL && br->diagnostic != NULL)
		cmd = command_of(br->diagnostic);
	if (cmd == NULL && tr->diag.len != 0)
		cmd = command_of(tr->diag.data);
	if (br->command == NULL && cmd != NULL)
		br->command = arena_strdup(&P->doc->arena, cmd);
	if ((P->flags & BOUNCE_SPANS) && tr->len != 0)
		parser_add_span(P, SPAN_DIAGNOSTIC, tr->off, tr->len);
	if (br->remote_mta == NULL && tr->diag.len != 0)
		br->remote_mta = remote_of(P, tr->diag.data);
}

/*
 * One recipient in the text, one DSN group naming a file instead of an
 * address: the group is that recipient's, and its Status and Action
 * are the report's own words.
 */
static void
orphan_fill(struct bounce_rcpt *br, const struct bmsg *m)
{
	if (m->orphan.status[0] != '\0') {
		memcpy(br->status, m->orphan.status, sizeof br->status);
		br->from_dsn = 1;
	}
	if (br->action == NULL)
		br->action = m->orphan.action;
	if (br->remote_mta == NULL)
		br->remote_mta = m->orphan.remote;
	if (br->reporting_mta == NULL)
		br->reporting_mta = m->orphan.reporting;
}

/*
 * A report that names nobody: the returned message's To is whom it was
 * for (its headers, or the copy that follows the marker line).
 */
static void
orig_to(struct parser *P, struct bmsg *m, struct tscan *ts)
{
	const char	*to = m->orig[H_TO], *p, *q, *end, *a;
	size_t		 al, lines = 0;

	if (to == NULL && ts->returned != NULL) {
		end = ts->returned_end;
		for (p = ts->returned; p < end && lines++ < 200;
		    p = q < end ? q + 1 : end) {
			q = memchr(p, '\n', (size_t)(end - p));
			if (q == NULL)
				q = end;
			if (q - p > 4 && strncasecmp(p, "To:", 3) == 0) {
				to = arena_strndup(&P->doc->arena, p + 3,
				    (size_t)(q - p - 3));
				break;
			}
		}
	}
	if (to == NULL)
		return;
	while ((a = addr_find(to, strlen(to), &al)) != NULL) {
		ts->skip1 = ts->skip2 = NULL;
		trcpt_get(ts, a, al, 1);
		to = a + al;
	}
}

/* A scan of the text; the message's own To and From are not recipients. */
static struct tscan *
tscan_new(struct parser *P, const struct bmsg *m)
{
	struct tscan	*ts;

	ts = xcalloc(1, sizeof *ts);
	ts->P = P;
	if (m->h[H_TO] != NULL)
		ts->skip1 = addr_find(m->h[H_TO], strlen(m->h[H_TO]),
		    &ts->skip1l);
	if (m->h[H_FROM] != NULL)
		ts->skip2 = addr_find(m->h[H_FROM], strlen(m->h[H_FROM]),
		    &ts->skip2l);
	return (ts);
}

static void
tscan_free(struct tscan *ts)
{
	size_t	i;

	for (i = 0; i < ts->n; i++) {
		buf_free(&ts->r[i].diag);
		buf_free(&ts->r[i].reply);
	}
	buf_free(&ts->global);
	free(ts->next);
	free(ts->r);
	free(ts);
}

/* X-Failed-Recipients: whom the report is about, when the text says not. */
static void
failed_header(struct tscan *ts, const struct bmsg *m)
{
	const char	*s = m->h[H_X_FAILED], *a;
	size_t		 al;

	while ((a = addr_find(s, strlen(s), &al)) != NULL) {
		trcpt_get(ts, a, al, 1);
		s = a + al;
	}
}

/*
 * The words of an MTA's own account of a failure, which carries no code
 * where it is written: Postfix's "connect to HOST: Connection refused"
 * and "unknown user" (smtp_connect.c, local/unknown.c), Exim's "retry
 * timeout exceeded" (retry.c), Sendmail's "Cannot send message for 5
 * days" (queue.c), qmail's "I'm not going to try again" (qmail-send.c),
 * OpenSMTPD's "Domain does not exist" (mta.c), procmail's "Lock failure
 * on".  Stems, so that "fail" holds failed and failure.
 */
static const char *const failure_words[] = {
	"fail", "error", "unknown", "denied", "reject", "refused",
	"exceed", "not found", "timed out", "timeout", "loop", "quota",
	"unable", "cannot", "can't", "couldn't", "could not", "invalid",
	"not exist", "n't exist", "died", "expired", "too many", "too big",
	"too large", "lost connection", "unreachable", "no route", "no such",
	"no mailbox", "not listed", "giving up", "required", "not trusted",
	"no longer", "not accept", "full", "not delivered", "matches found",
	"try again", "no mx", "no valid", "violat", "reset", "non-existent",
	"closed connection", "signal", "local host", "no smtp",
	"child process", "ambiguous",
	/*
	 * RFC 5321 4.2.2's own texts ("mailbox unavailable", "Service not
	 * available") and the account words of the providers' published
	 * lists ("This user doesn't have a yahoo.com account", "account
	 * disabled", "blocked").
	 */
	"unavailable", "not available", "no mail box", "not reachable",
	"doesn't have", "does not have", "blocked", "disabled", "suspended",
	"not allowed", "not permitted", "undeliverable",
	/* The rate words (Gmail's 4.2.1 "at a rate that prevents"). */
	"too quickly", "too fast", "rate limit", "rate that prevents",
	/*
	 * The refusal words of the published lists, which the providers'
	 * documentation quotes without the reply's code (Yahoo's "[TSS04]
	 * Messages from IP temporarily deferred due to ... user
	 * complaints", Microsoft's "does not pass DMARC verification").
	 */
	"deferred", "temporarily", "throttl", "complaint", "spam",
	"blacklist", "blocklist", "reputation", "policy", "relay", "virus",
	"malware", "suspicious", "unsolicited", "authenticat", "spf", "dkim",
	"dmarc", "greylist", "graylist", "busy", "insufficient", "overload",
	/*
	 * RFC 3463's titles of the detail codes, which some servers send
	 * alone and in capitals ("BAD DESTINATION MAILBOX ADDRESS", "OTHER
	 * OR UNDEFINED MAIL SYSTEM STATUS").
	 */
	"bad destination", "bad sender", "bad connection", "no answer from",
	"or undefined", "congestion", "incorrectly configured", "not capable",
	"not supported", "prohibited", "has moved", "not authorized",
};

/*
 * A pasted text this short is one reply or one account of a failure,
 * not a letter or a file of bytes: beyond it, a paste needs a code.
 */
#define PASTED_WORDS_MAX	1024

/* How much of a report's text is searched for failure words. */
#define REPORT_WORDS_MAX	8192

/* The text speaks of a failure, in an MTA's words. */
static int
has_failure_words(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof failure_words / sizeof failure_words[0]; i++)
		if (memcasemem(s, len, failure_words[i],
		    strlen(failure_words[i])) != NULL)
			return (1);
	return (0);
}

/* The text is short and speaks of a failure. */
static int
says_failure(const char *s, size_t len)
{
	return (len <= PASTED_WORDS_MAX && has_failure_words(s, len));
}

/*
 * A report (its headers and words are a bounce's) that names no
 * recipient anywhere, nor its returned message's To: still a failure to
 * tell of, when its text has a status code or the words of a failure
 * ("The message that you sent was undeliverable to the following: erin
 * (user not found)").
 */
static int
is_nameless_report(const struct tscan *ts, const struct bmsg *m)
{
	char	code[STATUS_MAX];
	size_t	n = ts->global.len < REPORT_WORDS_MAX ? ts->global.len :
		    REPORT_WORDS_MAX;

	/* Not any three digits: "part 450" of a long text is no reply. */
	return (m->has_headers && n != 0 &&
	    (status_find(ts->global.data, n, code, NULL) ||
	    has_failure_words(ts->global.data, n)));
}

/*
 * A pasted reply (no headers) that names nobody, yet is a reply: it has
 * a reply or status code, or it is an MTA's account of a failure.
 */
static int
is_pasted_reply(const struct tscan *ts, const struct bmsg *m)
{
	char	code[STATUS_MAX];

	return (!m->has_headers && ts->global.len != 0 &&
	    (reply_find(ts->global.data, ts->global.len, NULL) != 0 ||
	    status_find(ts->global.data, ts->global.len, code, NULL) ||
	    says_failure(ts->global.data, ts->global.len)));
}

/* One record that names nobody, with the text's words; 0 at the limit. */
static int
nameless_record(struct parser *P, size_t msgi, struct tscan *ts)
{
	struct bounce_rcpt	*br;
	struct trcpt		 nobody;

	if ((br = parser_add_rcpt(P, msgi, "", 0)) == NULL)
		return (0);
	memset(&nobody, 0, sizeof nobody);
	rcpt_finish(P, br, &nobody, ts);
	return (1);
}

/* No DSN: the text's recipients are the records. */
static void
text_records(struct parser *P, struct bmsg *m, size_t msgi, struct tscan *ts)
{
	struct bounce_rcpt	*br;
	size_t			 i;

	if (ts->n == 0 && m->h[H_X_FAILED] != NULL)
		failed_header(ts, m);
	if (ts->n == 0 && is_pasted_reply(ts, m))
		nameless_record(P, msgi, ts);
	if (ts->n == 0 && m->has_headers) {
		orig_to(P, m, ts);
		m->weak_rcpts = ts->n != 0;
	}
	if (ts->n == 0 && is_nameless_report(ts, m) &&
	    nameless_record(P, msgi, ts))
		m->weak_rcpts = 1;
	for (i = 0; i < ts->n; i++) {
		if ((br = parser_add_rcpt(P, msgi, ts->r[i].addr,
		    ts->r[i].alen)) == NULL)
			break;
		rcpt_finish(P, br, &ts->r[i], ts);
		if (ts->n == 1 && m->orphan.n == 1)
			orphan_fill(br, m);
	}
}

/*
 * The text's recipient a DSN record is about: the same address, or the
 * one of the text when both name only one.  Returns ts->n if none.
 */
static size_t
text_rcpt_of(const struct tscan *ts, const struct bounce_rcpt *br,
    size_t nrecords)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		if (same_addr(br->recipient, strlen(br->recipient),
		    ts->r[i].addr, ts->r[i].alen))
			return (i);
	if (ts->n == 1 && nrecords == 1)
		return (0);
	return (ts->n);
}

/* DSN records: the text fills in what the fields lack. */
static void
dsn_records_fill(struct parser *P, size_t first, struct tscan *ts)
{
	struct bounce_rcpt	*br;
	size_t			 i, j;

	for (j = first; j < P->doc->nrcpts; j++) {
		br = &P->doc->rcpts[j];
		i = text_rcpt_of(ts, br, P->doc->nrcpts - first);
		if (i < ts->n)
			rcpt_finish(P, br, &ts->r[i], ts);
	}
}

/*
 * The returned message's header lines after the marker line at p (from
 * it, when it is a header line itself: "Received: from"), up to the
 * first line that is neither a field nor a field's continuation.
 */
static void
inline_headers(struct parser *P, const char *p, const char *end)
{
	const char	*t = P->doc->text.data, *q, *start = NULL;
	const char	*stop = NULL;
	int		 marker = 1, blanks = 0;

	for (; p < end; p = q < end ? q + 1 : end) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if (parser_field_line(p, q) || (start != NULL && q > p &&
		    (*p == ' ' || *p == '\t'))) {
			if (start == NULL)
				start = p;
			stop = q < end ? q + 1 : end;
			continue;
		}
		if (start != NULL)
			break;
		/* The marker line, then at most two blank lines. */
		if (marker) {
			marker = 0;
			continue;
		}
		if (q > p || ++blanks > 2)
			break;
	}
	if (start != NULL)
		parser_add_hblock(P, (size_t)(start - t), (size_t)(stop - t),
		    1);
}

void
text_scan(struct parser *P, struct bmsg *m, size_t msgi)
{
	struct tscan	*ts = tscan_new(P, m);
	size_t		 i;

	ts->dsn_in_text = m->dsn_in_text;
	for (i = 0; i < m->nparts; i++) {
		if (m->parts[i].type == PT_TEXT && !m->parts[i].returned)
			scan_region(P, ts, m->parts[i].off, m->parts[i].len);
	}
	if (ts->returned != NULL)
		inline_headers(P, ts->returned, ts->returned_end);
	if (m->first_rcpt == P->doc->nrcpts)
		text_records(P, m, msgi, ts);
	else
		dsn_records_fill(P, m->first_rcpt, ts);
	tscan_free(ts);
}
