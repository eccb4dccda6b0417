/* Fuzz target: DNS answers of any bytes through SPF and the checks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check/dnscheck.h"
#include "fuzz.h"
#include "check/spf.h"
#include "../unit/jsoncheck.h"

/* The input, cut at each newline: the records of every answer. */
struct input {
	const char	*rr[DNS_MAX_RR];
	size_t		 n;
	unsigned	 asked;
};

/*
 * Every name has the same records, whatever the type: includes and
 * redirects loop, MX and PTR names are the record's bytes.  A query
 * past the lookup limits the checks keep would be a bug: abort.
 */
static enum dns_rc
answer(void *arg, const char *name, enum dns_type type,
    struct dns_answer *ans, struct arena *arena)
{
	struct input	*in = arg;
	size_t		 i;

	(void)name;
	(void)type;
	if (++in->asked > 200)
		abort();
	for (i = 0; i < in->n; i++)
		ans->rr[ans->n++] = arena_strdup(arena, in->rr[i]);
	return (in->n != 0 ? DNS_FOUND : DNS_NONE);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const reasons[] = { "authfailure", "hostunknown",
	    "blocked", "failedstarttls" };
	struct dnscheck_plan	 p;
	struct dnscheck_list	 l;
	struct dns_source	 src;
	struct spf_eval		 e;
	struct input		 in;
	struct arena		 a;
	struct buf		 out, why;
	char			*copy, *line, *next;
	size_t			 i;

	arena_init(&a);
	copy = arena_strndup(&a, (const char *)data, size);
	memset(&in, 0, sizeof in);
	for (line = copy; line != NULL && in.n < DNS_MAX_RR; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		in.rr[in.n++] = line;
	}
	src.query = answer;
	src.arg = &in;
	src.timeout_ms = 2000;
	buf_init(&why);
	for (i = 0; i < in.n; i++)
		spf_syntax(in.rr[i], &why);
	buf_free(&why);
	spf_eval_init(&e);
	spf_check(&src, "f.test", "192.0.2.1", &e, &a);
	spf_eval_free(&e);
	memset(&p, 0, sizeof p);
	p.sender_domain = p.rcpt_domain = p.dkim_domain = "f.test";
	p.dkim_selector = "s";
	p.ip = "192.0.2.1";
	dnscheck_list_init(&l);
	buf_init(&out);
	for (i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
		in.asked = 0;
		p.reason = reasons[i];
		dnscheck_run(&p, &src, NULL, &l);
		buf_reset(&out);
		dnscheck_json(&out, &l);
		if (!json_valid(out.data, out.len))
			abort();
		buf_reset(&out);
		dnscheck_text(&out, &l, 80);
		if (memchr(out.data, '\033', out.len) != NULL)
			abort();
	}
	buf_free(&out);
	dnscheck_list_free(&l);
	arena_free(&a);
	return (0);
}
