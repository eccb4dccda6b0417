/* SPF (RFC 7208): the record of a domain, and whether an IP may send. */
#ifndef SD_SPF_H
#define SD_SPF_H

#include <stddef.h>

#include "base/buf.h"
#include "check/dns.h"

enum spf_result {
	SPF_NONE,		/* no SPF record */
	SPF_NEUTRAL,		/* ?all, or nothing matched */
	SPF_PASS,
	SPF_FAIL,
	SPF_SOFTFAIL,
	SPF_TEMPERROR,		/* a lookup timed out or failed */
	SPF_PERMERROR,		/* bad syntax, two records, past the limits */
	SPF_UNKNOWN		/* a term we do not evaluate (ptr, macros) */
};

/* RFC 7208 4.6.4: DNS-querying terms, and lookups that find nothing. */
#define SPF_MAX_LOOKUPS		10
#define SPF_MAX_VOID		2
#define SPF_MAX_MX		10

/*
 * The SPF records among a domain's TXT records ("v=spf1" alone or
 * followed by a space, case-insensitive): their count, the first in *rec.
 */
size_t		 spf_pick(const struct dns_answer *, const char **rec);
/*
 * Whether rec is valid SPF syntax: 0, or -1 with the reason in why
 * (the bad term quoted, for a person; bytes as found).
 */
int		 spf_syntax(const char *rec, struct buf *why);

struct spf_eval {
	enum spf_result	 result;
	const char	*record;	/* the domain's own, or NULL */
	int		 lookups;	/* DNS-querying terms counted */
	struct buf	 why;		/* the deciding term or the error */
};

void		 spf_eval_init(struct spf_eval *);
void		 spf_eval_free(struct spf_eval *);
/*
 * check_host() of RFC 7208 for ip (IPv4 or IPv6 text) and domain:
 * ip4, ip6, a, mx, include, exists (without macros), redirect and all
 * are evaluated with the RFC's limits; ptr and macros give SPF_UNKNOWN
 * when evaluation reaches them.  Strings in arena.
 */
enum spf_result	 spf_check(const struct dns_source *, const char *domain,
		    const char *ip, struct spf_eval *, struct arena *);
const char	*spf_result_name(enum spf_result);

#endif
