/* DNS answers as short text records, from c-ares or from a test's table. */
#ifndef SD_DNS_H
#define SD_DNS_H

#include <stddef.h>

#include "base/buf.h"

/*
 * What is asked.  Each answer record is text: an address for A and AAAA
 * ("192.0.2.1", "2001:db8::1"), "PREF NAME" for MX ("10 mx.example"), a
 * name for PTR, the character-strings of one record joined for TXT.
 */
enum dns_type {
	DNS_A,
	DNS_AAAA,
	DNS_MX,
	DNS_TXT,
	DNS_PTR
};

enum dns_rc {
	DNS_FOUND,		/* one record or more */
	DNS_NONE,		/* NXDOMAIN, or no record of the type */
	DNS_TIMEOUT,		/* no answer within the timeout */
	DNS_FAILED		/* SERVFAIL, refused, garbage, bad name */
};

/*
 * Everything from DNS is hostile: at most DNS_MAX_RR records are kept
 * (more sets cut), each cut at DNS_MAX_TEXT bytes; the text is bytes
 * as received, to be escaped by whoever shows it.
 */
#define DNS_MAX_RR	16
#define DNS_MAX_TEXT	2048

struct dns_answer {
	enum dns_rc	 rc;
	const char	*rr[DNS_MAX_RR];	/* in the caller's arena */
	size_t		 n;
	int		 cut;			/* records or bytes left out */
};

/*
 * Where answers come from: the c-ares resolver below, or a test's
 * canned table.  query fills ans (strings in arena) and returns its rc.
 */
struct dns_source {
	enum dns_rc	(*query)(void *arg, const char *name, enum dns_type,
			    struct dns_answer *ans, struct arena *arena);
	void		*arg;
	int		 timeout_ms;	/* of one query, for messages */
};

enum dns_rc	dns_query(const struct dns_source *, const char *name,
		    enum dns_type, struct dns_answer *, struct arena *);

/*
 * The name that reverses ip's address under suffix: 4.3.2.1.SUFFIX,
 * or the 32 nibbles of an IPv6 address; suffix NULL is in-addr.arpa or
 * ip6.arpa (PTR).  0, or -1 when ip is not an address.
 */
int		 dns_reverse(const char *ip, const char *suffix,
		    struct buf *out);

struct dns_resolver;

/*
 * A c-ares resolver.  server is "IP", "IP:PORT" or "[IPv6]:PORT", or
 * NULL for the system's (resolv.conf).  Each query is tried once and
 * waits timeout_ms at most, whatever the server sends.  After a query
 * times out every later one answers DNS_TIMEOUT at once: a machine
 * without network waits one timeout, not one per check.  NULL with
 * err (a message, static) when server does not parse or c-ares fails.
 */
struct dns_resolver *dns_resolver_open(const char *server, int timeout_ms,
		    const char **err);
void		 dns_resolver_close(struct dns_resolver *);
/*
 * The first server r asks, "IP" or "IP:PORT" (the port when not 53),
 * into out: 0, or -1 when c-ares names none.  Nothing is sent.
 */
int		 dns_resolver_server(struct dns_resolver *, struct buf *out);
/* The source that queries r; r outlives it. */
void		 dns_resolver_source(struct dns_resolver *,
		    struct dns_source *);

#endif
