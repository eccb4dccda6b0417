/* DNS queries through c-ares, one at a time, each under a timeout. */
#include "config.h"

#include <arpa/inet.h>
#include <ares.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check/dns.h"

struct dns_resolver {
	ares_channel	 ch;
	int		 timeout_ms;
	int		 dead;		/* a query timed out */
};

/* One query's state between ares_query() and its callback. */
struct pending {
	struct dns_answer	*ans;
	struct arena		*arena;
	enum dns_type		 type;
	int			 done;
};

enum dns_rc
dns_query(const struct dns_source *src, const char *name, enum dns_type type,
    struct dns_answer *ans, struct arena *arena)
{
	memset(ans, 0, sizeof *ans);
	if (name == NULL || *name == '\0' || strlen(name) > 253) {
		ans->rc = DNS_FAILED;
		return (ans->rc);
	}
	ans->rc = src->query(src->arg, name, type, ans, arena);
	return (ans->rc);
}

/* Keep one record's text, cut at DNS_MAX_TEXT; 0 when the set is full. */
static int
keep(struct dns_answer *ans, struct arena *arena, const char *s, size_t len)
{
	if (ans->n == DNS_MAX_RR) {
		ans->cut = 1;
		return (0);
	}
	if (len > DNS_MAX_TEXT) {
		len = DNS_MAX_TEXT;
		ans->cut = 1;
	}
	ans->rr[ans->n++] = arena_strndup(arena, s, len);
	return (1);
}

static void
parse_addrs(struct pending *p, const unsigned char *abuf, int alen)
{
	struct ares_addrttl	 a4[DNS_MAX_RR];
	struct ares_addr6ttl	 a6[DNS_MAX_RR];
	char			 txt[INET6_ADDRSTRLEN];
	int			 i, n = DNS_MAX_RR, rc;

	if (p->type == DNS_A)
		rc = ares_parse_a_reply(abuf, alen, NULL, a4, &n);
	else
		rc = ares_parse_aaaa_reply(abuf, alen, NULL, a6, &n);
	if (rc != ARES_SUCCESS) {
		p->ans->rc = rc == ARES_ENODATA ? DNS_NONE : DNS_FAILED;
		return;
	}
	for (i = 0; i < n; i++) {
		if (p->type == DNS_A)
			inet_ntop(AF_INET, &a4[i].ipaddr, txt, sizeof txt);
		else
			inet_ntop(AF_INET6, &a6[i].ip6addr, txt, sizeof txt);
		keep(p->ans, p->arena, txt, strlen(txt));
	}
	p->ans->rc = p->ans->n != 0 ? DNS_FOUND : DNS_NONE;
}

static void
parse_mx(struct pending *p, const unsigned char *abuf, int alen)
{
	struct ares_mx_reply	*mx, *m;
	struct buf		 b;

	if (ares_parse_mx_reply(abuf, alen, &mx) != ARES_SUCCESS) {
		p->ans->rc = DNS_FAILED;
		return;
	}
	buf_init(&b);
	for (m = mx; m != NULL; m = m->next) {
		buf_reset(&b);
		buf_printf(&b, "%u %s", (unsigned)m->priority,
		    m->host[0] == '\0' ? "." : m->host);
		if (!keep(p->ans, p->arena, b.data, b.len))
			break;
	}
	buf_free(&b);
	ares_free_data(mx);
	p->ans->rc = p->ans->n != 0 ? DNS_FOUND : DNS_NONE;
}

/* A TXT record's character-strings are joined without a separator. */
static void
parse_txt(struct pending *p, const unsigned char *abuf, int alen)
{
	struct ares_txt_ext	*txt, *t;
	struct buf		 b;

	if (ares_parse_txt_reply_ext(abuf, alen, &txt) != ARES_SUCCESS) {
		p->ans->rc = DNS_FAILED;
		return;
	}
	buf_init(&b);
	for (t = txt; t != NULL; t = t->next) {
		if (t->record_start && b.len != 0) {
			if (!keep(p->ans, p->arena, b.data, b.len))
				break;
			buf_reset(&b);
		}
		if (b.len < DNS_MAX_TEXT + 1)
			buf_add(&b, t->txt, t->length);
	}
	if (b.len != 0)
		keep(p->ans, p->arena, b.data, b.len);
	buf_free(&b);
	ares_free_data(txt);
	p->ans->rc = p->ans->n != 0 ? DNS_FOUND : DNS_NONE;
}

static void
parse_ptr(struct pending *p, const unsigned char *abuf, int alen)
{
	unsigned char	 addr[4] = { 0 };
	struct hostent	*h;
	int		 i;

	if (ares_parse_ptr_reply(abuf, alen, addr, sizeof addr, AF_INET, &h) !=
	    ARES_SUCCESS) {
		p->ans->rc = DNS_FAILED;
		return;
	}
	if (h->h_name != NULL)
		keep(p->ans, p->arena, h->h_name, strlen(h->h_name));
	for (i = 0; h->h_aliases != NULL && h->h_aliases[i] != NULL; i++)
		keep(p->ans, p->arena, h->h_aliases[i],
		    strlen(h->h_aliases[i]));
	ares_free_hostent(h);
	p->ans->rc = p->ans->n != 0 ? DNS_FOUND : DNS_NONE;
}

static void
answered(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct pending	*p = arg;

	(void)timeouts;
	p->done = 1;
	switch (status) {
	case ARES_SUCCESS:
		break;
	case ARES_ENOTFOUND:
	case ARES_ENODATA:
		p->ans->rc = DNS_NONE;
		return;
	case ARES_ETIMEOUT:
	case ARES_ECANCELLED:
	case ARES_EDESTRUCTION:
		p->ans->rc = DNS_TIMEOUT;
		return;
	default:
		p->ans->rc = DNS_FAILED;
		return;
	}
	switch (p->type) {
	case DNS_A:
	case DNS_AAAA:
		parse_addrs(p, abuf, alen);
		break;
	case DNS_MX:
		parse_mx(p, abuf, alen);
		break;
	case DNS_TXT:
		parse_txt(p, abuf, alen);
		break;
	case DNS_PTR:
		parse_ptr(p, abuf, alen);
		break;
	}
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Drive c-ares until the query is answered or the deadline passes. */
static void
wait_for(struct dns_resolver *r, struct pending *p)
{
	ares_socket_t	 socks[ARES_GETSOCK_MAXNUM];
	struct pollfd	 pfd[ARES_GETSOCK_MAXNUM];
	long long	 deadline = now_ms() + r->timeout_ms, left;
	unsigned	 bits, rd, wr;
	int		 i, n;

	while (!p->done && (left = deadline - now_ms()) > 0) {
		/*
		 * c-ares' ARES_GETSOCK_WRITABLE shifts a signed 1 by up to
		 * 31 places (undefined behaviour): the bits, unsigned.
		 */
		bits = (unsigned)ares_getsock(r->ch, socks,
		    ARES_GETSOCK_MAXNUM);
		for (i = n = 0; i < ARES_GETSOCK_MAXNUM; i++) {
			rd = bits & (1u << i);
			wr = bits & (1u << (i + ARES_GETSOCK_MAXNUM));
			if (!rd && !wr)
				continue;
			pfd[n].fd = socks[i];
			pfd[n].events = (rd ? POLLIN : 0) | (wr ? POLLOUT : 0);
			pfd[n++].revents = 0;
		}
		/* Short naps: c-ares' own timers move on in ares_process. */
		if (poll(pfd, (nfds_t)n, left < 50 ? (int)left : 50) < 0 &&
		    errno != EINTR)
			break;
		for (i = 0; i < n; i++)
			ares_process_fd(r->ch,
			    pfd[i].revents & (POLLIN | POLLERR | POLLHUP) ?
			    pfd[i].fd : ARES_SOCKET_BAD,
			    pfd[i].revents & POLLOUT ? pfd[i].fd :
			    ARES_SOCKET_BAD);
		ares_process_fd(r->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	}
	if (!p->done)
		ares_cancel(r->ch);	/* calls answered(): ECANCELLED */
	if (!p->done) {
		p->done = 1;
		p->ans->rc = DNS_TIMEOUT;
	}
}

int
dns_reverse(const char *ip, const char *suffix, struct buf *out)
{
	unsigned char	 a[16];
	int		 i;

	if (inet_pton(AF_INET, ip, a) == 1) {
		buf_printf(out, "%u.%u.%u.%u.%s", a[3], a[2], a[1], a[0],
		    suffix != NULL ? suffix : "in-addr.arpa");
		return (0);
	}
	if (inet_pton(AF_INET6, ip, a) == 1) {
		for (i = 15; i >= 0; i--)
			buf_printf(out, "%x.%x.", a[i] & 0xf, a[i] >> 4);
		buf_adds(out, suffix != NULL ? suffix : "ip6.arpa");
		return (0);
	}
	return (-1);
}

static enum dns_rc
resolver_query(void *arg, const char *name, enum dns_type type,
    struct dns_answer *ans, struct arena *arena)
{
	static const int	 types[] = { 1, 28, 15, 16, 12 };
	struct dns_resolver	*r = arg;
	struct pending		 p;
	struct buf		 q;

	if (r->dead)
		return (DNS_TIMEOUT);
	buf_init(&q);
	if (type == DNS_PTR) {
		if (dns_reverse(name, NULL, &q) != 0) {
			buf_free(&q);
			return (DNS_FAILED);
		}
	} else
		buf_adds(&q, name);
	memset(&p, 0, sizeof p);
	p.ans = ans;
	p.arena = arena;
	p.type = type;
	ans->rc = DNS_FAILED;
	ares_query(r->ch, q.data, 1 /* C_IN */, types[type], answered, &p);
	wait_for(r, &p);
	buf_free(&q);
	if (ans->rc == DNS_TIMEOUT)
		r->dead = 1;
	return (ans->rc);
}

/* "IP", "IP:PORT", "[IP6]:PORT" or a bare IPv6 as c-ares' CSV form. */
static int
server_csv(const char *server, struct buf *out)
{
	unsigned char	 a[16];
	const char	*colon = strrchr(server, ':');
	char		*host, *end;
	long		 port;
	int		 rc = -1;

	if (inet_pton(AF_INET6, server, a) == 1) {
		buf_printf(out, "[%s]", server);
		return (0);
	}
	if (server[0] == '[') {
		end = strchr(server, ']');
		if (end == NULL || colon == NULL || colon != end + 1)
			return (-1);
		host = xstrndup(server + 1, (size_t)(end - server - 1));
		colon = end + 1;
		rc = inet_pton(AF_INET6, host, a) == 1 ? 0 : -1;
	} else {
		host = colon == NULL ? xstrdup(server) :
		    xstrndup(server, (size_t)(colon - server));
		rc = inet_pton(AF_INET, host, a) == 1 ? 0 : -1;
	}
	if (rc == 0 && colon != NULL) {
		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (colon[1] == '\0' || *end != '\0' || errno != 0 ||
		    port < 1 || port > 65535)
			rc = -1;
	}
	free(host);
	if (rc == 0)
		buf_adds(out, server);
	return (rc);
}

struct dns_resolver *
dns_resolver_open(const char *server, int timeout_ms, const char **err)
{
	struct ares_options	 opt;
	struct dns_resolver	*r;
	struct buf		 csv;
	static int		 inited;

	if (!inited) {
		if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
			*err = "c-ares cannot start";
			return (NULL);
		}
		inited = 1;
	}
	r = xcalloc(1, sizeof *r);
	r->timeout_ms = timeout_ms;
	memset(&opt, 0, sizeof opt);
	opt.timeout = timeout_ms;
	opt.tries = 1;
	/* No search list: the names asked are whole. */
	opt.ndots = 0;
	if (ares_init_options(&r->ch, &opt, ARES_OPT_TIMEOUTMS |
	    ARES_OPT_TRIES | ARES_OPT_NDOTS) != ARES_SUCCESS) {
		free(r);
		*err = "c-ares cannot start";
		return (NULL);
	}
	if (server != NULL) {
		buf_init(&csv);
		if (server_csv(server, &csv) != 0 ||
		    ares_set_servers_ports_csv(r->ch, csv.data) !=
		    ARES_SUCCESS) {
			buf_free(&csv);
			dns_resolver_close(r);
			*err = "not IP or IP:PORT";
			return (NULL);
		}
		buf_free(&csv);
	}
	return (r);
}

int
dns_resolver_server(struct dns_resolver *r, struct buf *out)
{
	struct ares_addr_port_node	*list = NULL;
	char				 ip[INET6_ADDRSTRLEN];
	int				 rc = -1, v6;

	if (ares_get_servers_ports(r->ch, &list) != ARES_SUCCESS ||
	    list == NULL)
		return (-1);
	v6 = list->family == AF_INET6;
	if (inet_ntop(list->family, v6 ? (const void *)&list->addr.addr6 :
	    (const void *)&list->addr.addr4, ip, sizeof ip) != NULL) {
		/* The port only when it is not the usual one. */
		if (list->udp_port != 0 && list->udp_port != 53)
			buf_printf(out, v6 ? "[%s]:%d" : "%s:%d", ip,
			    list->udp_port);
		else
			buf_adds(out, ip);
		rc = 0;
	}
	ares_free_data(list);
	return (rc);
}

void
dns_resolver_close(struct dns_resolver *r)
{
	if (r == NULL)
		return;
	ares_destroy(r->ch);
	free(r);
}

void
dns_resolver_source(struct dns_resolver *r, struct dns_source *src)
{
	src->query = resolver_query;
	src->arg = r;
	src->timeout_ms = r->timeout_ms;
}
