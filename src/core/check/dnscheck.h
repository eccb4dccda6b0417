/*
 * Live DNS checks of what a verdict's cause points to (issue 15): is the
 * sending IP in the sender domain's SPF, is there a DKIM key, what does
 * DMARC ask, does the recipient domain take mail, has the IP a PTR, is
 * it on a blocklist.  Nothing here runs unless a front end asks: the
 * checks are the only part of smtp-doctor that uses the network.
 *
 * The checks a reason calls for:
 *   authfailure                       spf, dkim, dmarc (sender domain)
 *   hostunknown notaccept networkerror mx (recipient domain and hosts)
 *   blocked requireptr badreputation  ptr, dnsbl (sending IP)
 *   failedstarttls                    mta-sts, tls-rpt (recipient domain)
 * Any other reason calls for none.
 *
 * Each finding is ok (the thing checked is as it should be), fail (it
 * is not: the likely cause is still there) or unknown (not checked, no
 * answer, or a term we do not evaluate), with one line of detail and the
 * records read.  What came from DNS is kept as bytes: dnscheck_text() and
 * dnscheck_json() escape it.
 */
#ifndef SD_DNSCHECK_H
#define SD_DNSCHECK_H

#include <stddef.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "diagnose/diagnose.h"
#include "check/dns.h"

struct load_error;
struct rdoc;

/* The default timeout of one query, milliseconds. */
#define CHECK_TIMEOUT_MS	2000
/* Records quoted per finding, and findings per verdict, at most. */
#define CHECK_MAX_RAW		4
#define CHECK_MAX_FINDINGS	24
/* The MX hosts of a domain whose addresses are looked up, at most. */
#define CHECK_MAX_MX		5

/* What a verdict gives the checks; each string may be NULL. */
struct dnscheck_plan {
	const char	*reason;
	const char	*rcpt_domain;	/* after the recipient's last @ */
	const char	*sender_domain;	/* the returned message's From: */
	const char	*ip;		/* the sending IP */
	const char	*dkim_selector;	/* the returned DKIM-Signature's s= */
	const char	*dkim_domain;	/* its d= */
};

/*
 * The plan for verdict v of doc.  ip, when not NULL, is the sending IP
 * (--ip); else the first IPv4 literal of the diagnostic that is not the
 * remote MTA's ("client host [192.0.2.1] blocked"), else its first
 * bracketed IPv6 one ("[IPv6:2001:db8::1]").  The Received headers of
 * the returned message are not read: they name the submitting clients,
 * not the address the remote server saw.  The sender domain
 * is the returned message's From:, else the log's sender, else the
 * bounce's To:.  The DKIM selector is read from a DKIM-Signature in the
 * message's text, so the doc must be parsed without BOUNCE_BRIEF for
 * it.  Strings in arena.
 */
void	dnscheck_plan_make(struct dnscheck_plan *, const struct verdict *v,
	    const struct bounce_doc *doc, const char *ip, struct arena *);

/* One DNS blocklist (data/checks/dnsbl.txt). */
struct dnsbl {
	char	*name;		/* Spamhaus ZEN */
	char	*zone;		/* zen.spamhaus.org */
	char	*removal;	/* the delisting page */
	char	*source;	/* where the zone's meaning is published */
};

struct dnsbl_list {
	struct dnsbl	*v;
	size_t		 n;
};

/*
 * Read the blocklists from the checks/dnsbl.txt of data dir, stanzas of
 * name, zone, removal and source (all required).  0, or -1 with err.
 */
int	dnsbl_load(struct dnsbl_list *, const char *dir,
	    struct load_error *err);
void	dnsbl_free(struct dnsbl_list *);

enum dnscheck_result {
	CHECK_OK,
	CHECK_FAIL,
	CHECK_UNKNOWN
};

struct dnscheck_finding {
	const char		*name;	/* spf, dkim, dmarc, mx, ptr... */
	const char		*target; /* the domain, host or IP checked */
	enum dnscheck_result	 result;
	const char		*detail; /* one line, translated */
	const char		*raw[CHECK_MAX_RAW];
	size_t			 nraw;
	/* The answer had more records or longer ones than dns.h keeps. */
	int			 cut;
};

struct dnscheck_list {
	struct dnscheck_finding	 f[CHECK_MAX_FINDINGS];
	size_t			 n;
	int			 cut;	/* findings past the maximum */
	struct arena		 arena;	/* every string of the findings */
};

void	dnscheck_list_init(struct dnscheck_list *);
void	dnscheck_list_free(struct dnscheck_list *);	/* and reset */

/*
 * The checks plan calls for, through src, into list (emptied first).
 * dnsbl may be NULL: no blocklist is asked.  Each query waits for the
 * source's timeout at most; see dns.h for a resolver that stops asking
 * once one has timed out.
 */
void	dnscheck_run(const struct dnscheck_plan *,
	    const struct dns_source *src, const struct dnsbl_list *dnsbl,
	    struct dnscheck_list *);

const char *dnscheck_result_name(enum dnscheck_result);
/*
 * A "Checks" block as the text report lays out its others, wrapped to
 * width: dnscheck_render()'s lines, the heading indented by two, then
 * "result name target: detail" per finding by four, escaped; "none for
 * this reason" when the list is empty.  A
 * finding whose answer was cut says so, in the text and in the JSON's
 * "cut".
 */
void	dnscheck_text(struct buf *, const struct dnscheck_list *,
	    size_t width);
/* The findings as a JSON array (no newline). */
void	dnscheck_json(struct buf *, const struct dnscheck_list *);
/*
 * The same block as lines of d wrapped to width (check_render.c): a
 * blank line, the "Checks" heading (RS_HEADING), then a line per
 * finding, "ok spf example.com: detail", continued under its text:
 * ok as RS_TEXT, fail as RS_CHECK_FAIL, unknown as RS_CHECK_UNKNOWN.
 * With raw, each finding's records follow it as RS_EXAMPLE lines.
 * render_wrap() escapes what came from the bounce or the DNS.
 */
void	dnscheck_render(struct rdoc *d, const struct dnscheck_list *,
	    size_t width, int raw);

#endif
