/* Unit tests of the DNS checks on canned answers: SPF, the checks' rules. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalogue/render.h"
#include "check/dnscheck.h"
#include "check/spf.h"

/* A canned answer: rc DNS_FOUND with up to four records, or another rc. */
struct canned {
	const char	*name;
	enum dns_type	 type;
	enum dns_rc	 rc;
	const char	*rr[4];
};

static const struct canned zone[] = {
	{ "ok.test", DNS_TXT, DNS_FOUND, { "google-site-verification=x",
	    "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:inc.test "
	    "a:web.test/28 mx -all" } },
	{ "inc.test", DNS_TXT, DNS_FOUND, { "v=spf1 ip4:198.51.100.1 ~all" } },
	{ "web.test", DNS_A, DNS_FOUND, { "203.0.113.33" } },
	{ "ok.test", DNS_MX, DNS_FOUND, { "10 mx.ok.test" } },
	{ "mx.ok.test", DNS_A, DNS_FOUND, { "203.0.113.200" } },
	{ "soft.test", DNS_TXT, DNS_FOUND, { "v=spf1 redirect=inc.test" } },
	{ "loop.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 include:loop.test -all" } },
	{ "noinc.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 include:none.test -all" } },
	{ "ptr.test", DNS_TXT, DNS_FOUND, { "v=spf1 ptr -all" } },
	{ "macro.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 exists:%{i}.bl.test -all" } },
	{ "late.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 ip4:192.0.2.1 ptr -all" } },
	{ "slow.test", DNS_TXT, DNS_TIMEOUT, { NULL } },
	{ "two.test", DNS_TXT, DNS_FOUND, { "v=spf1 -all", "v=spf1 +all" } },
	{ "void.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 a:n1.test a:n2.test a:n3.test +all" } },
	{ "exists.test", DNS_TXT, DNS_FOUND,
	    { "v=spf1 exists:yes.test -all" } },
	{ "yes.test", DNS_A, DNS_FOUND, { "127.0.0.2" } },
	{ "_dmarc.ok.test", DNS_TXT, DNS_FOUND,
	    { "v=DMARC1; p=reject; adkim=s" } },
	{ "s._domainkey.ok.test", DNS_TXT, DNS_FOUND, { "v=DKIM1; p=" } },
	{ "null.test", DNS_MX, DNS_FOUND, { "0 ." } },
	{ "cut.test", DNS_MX, DNS_FOUND, { "10 mx.ok.test" } },
	{ "1.2.0.192.zen.spamhaus.org", DNS_A, DNS_FOUND,
	    { "127.255.255.254" } },
	{ "1.2.0.192.bl.spamcop.net", DNS_A, DNS_FOUND, { "127.0.0.2" } },
	{ "1.2.0.192.in-addr.arpa", DNS_PTR, DNS_FOUND, { "host.ok.test" } },
	{ "192.0.2.1", DNS_PTR, DNS_FOUND, { "host.ok.test" } },
	{ "host.ok.test", DNS_A, DNS_FOUND, { "192.0.2.1" } },
};

static int	 asked;		/* queries the source answered */

static enum dns_rc
canned_query(void *arg, const char *name, enum dns_type type,
    struct dns_answer *ans, struct arena *arena)
{
	size_t	 i, j;

	(void)arg;
	asked++;
	for (i = 0; i < sizeof zone / sizeof zone[0]; i++) {
		if (zone[i].type != type || strcasecmp(zone[i].name, name) != 0)
			continue;
		/* cut.test stands for an answer dns.h cut short. */
		ans->cut = strcmp(name, "cut.test") == 0;
		for (j = 0; j < 4 && zone[i].rr[j] != NULL; j++)
			ans->rr[ans->n++] = arena_strdup(arena, zone[i].rr[j]);
		return (zone[i].rc);
	}
	return (DNS_NONE);
}

static const struct dns_source src = { canned_query, NULL, 2000 };

static enum spf_result
spf(const char *domain, const char *ip, char *why, size_t size)
{
	struct spf_eval	 e;
	struct arena	 a;
	enum spf_result	 r;

	arena_init(&a);
	spf_eval_init(&e);
	r = spf_check(&src, domain, ip, &e, &a);
	if (why != NULL)
		snprintf(why, size, "%s",
		    e.why.data != NULL ? e.why.data : "");
	spf_eval_free(&e);
	arena_free(&a);
	return (r);
}

START_TEST(test_spf_syntax)
{
	static const char *const good[] = {
		"v=spf1", "v=spf1 -all", "V=SPF1 ip4:192.0.2.1 ?all",
		"v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx/24 -all",
		"v=spf1 a:x.test/24//64 mx:y.test include:z.test ~all",
		"v=spf1 redirect=_spf.test", "v=spf1 exp=e.test -all",
		"v=spf1 exists:%{i}.x.test ptr ptr:x.test foo=bar -all",
	};
	static const char *const bad[] = {
		"v=spf1 ip4:300.1.1.1", "v=spf1 ip4:192.0.2.1/33",
		"v=spf1 ip6:::1/129", "v=spf1 ip4:2001:db8::1", "v=spf1 foo",
		"v=spf1 include:", "v=spf1 all:x", "v=spf1 a/", "v=spf1 -a=b",
		"v=spf1 mx:/24x", "spf2.0/pra", "v=spf1 redirect=",
	};
	struct buf	 why;
	size_t		 i;

	buf_init(&why);
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		buf_reset(&why);
		ck_assert_msg(spf_syntax(good[i], &why) == 0, "%s: %s",
		    good[i], why.data);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(spf_syntax(bad[i], &why) != 0, "%s", bad[i]);
	buf_free(&why);
}
END_TEST

START_TEST(test_spf_pick)
{
	struct dns_answer	 a;
	const char		*rec;

	memset(&a, 0, sizeof a);
	a.rc = DNS_FOUND;
	a.rr[a.n++] = "v=spf10 nope";
	a.rr[a.n++] = "hello";
	ck_assert_uint_eq(spf_pick(&a, &rec), 0);
	ck_assert_ptr_null(rec);
	a.rr[a.n++] = "v=spf1 -all";
	ck_assert_uint_eq(spf_pick(&a, &rec), 1);
	ck_assert_str_eq(rec, "v=spf1 -all");
	a.rr[a.n++] = "v=spf1";
	ck_assert_uint_eq(spf_pick(&a, &rec), 2);
}
END_TEST

START_TEST(test_spf_eval)
{
	char	 why[256];

	ck_assert_int_eq(spf("ok.test", "192.0.2.77", why, sizeof why),
	    SPF_PASS);
	ck_assert_ptr_nonnull(strstr(why, "ip4:192.0.2.0/24"));
	ck_assert_int_eq(spf("ok.test", "2001:db8:1::5", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("ok.test", "198.51.100.1", why, sizeof why),
	    SPF_PASS);
	ck_assert_ptr_nonnull(strstr(why, "include:inc.test"));
	/* a:web.test/28 takes 203.0.113.32-47; mx takes mx.ok.test. */
	ck_assert_int_eq(spf("ok.test", "203.0.113.40", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("ok.test", "203.0.113.200", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("ok.test", "203.0.113.99", NULL, 0), SPF_FAIL);
	ck_assert_int_eq(spf("ok.test", "2001:db9::1", NULL, 0), SPF_FAIL);
	ck_assert_int_eq(spf("soft.test", "192.0.2.1", NULL, 0),
	    SPF_SOFTFAIL);
	ck_assert_int_eq(spf("soft.test", "198.51.100.1", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("none.test", "192.0.2.1", NULL, 0), SPF_NONE);
	ck_assert_int_eq(spf("two.test", "192.0.2.1", NULL, 0),
	    SPF_PERMERROR);
	ck_assert_int_eq(spf("noinc.test", "192.0.2.1", NULL, 0),
	    SPF_PERMERROR);
	ck_assert_int_eq(spf("slow.test", "192.0.2.1", NULL, 0),
	    SPF_TEMPERROR);
	ck_assert_int_eq(spf("exists.test", "192.0.2.9", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("ok.test", "not-an-ip", NULL, 0), SPF_UNKNOWN);
}
END_TEST

/* RFC 7208 4.6.4: ten DNS-querying terms, two void lookups. */
START_TEST(test_spf_limits)
{
	char	 why[256];

	asked = 0;
	ck_assert_int_eq(spf("loop.test", "192.0.2.1", why, sizeof why),
	    SPF_PERMERROR);
	ck_assert_ptr_nonnull(strstr(why, "10"));
	/* The loop stops at the limit: the record, then ten includes. */
	ck_assert_int_le(asked, SPF_MAX_LOOKUPS + 1);
	ck_assert_int_eq(spf("void.test", "192.0.2.1", why, sizeof why),
	    SPF_PERMERROR);
}
END_TEST

/* ptr and macros are not evaluated: unknown, unless a term matched first. */
START_TEST(test_spf_unknown)
{
	ck_assert_int_eq(spf("ptr.test", "192.0.2.1", NULL, 0), SPF_UNKNOWN);
	ck_assert_int_eq(spf("macro.test", "192.0.2.1", NULL, 0),
	    SPF_UNKNOWN);
	ck_assert_int_eq(spf("late.test", "192.0.2.1", NULL, 0), SPF_PASS);
	ck_assert_int_eq(spf("late.test", "192.0.2.2", NULL, 0), SPF_UNKNOWN);
}
END_TEST

static const struct dnscheck_finding *
find(const struct dnscheck_list *l, const char *name, const char *target)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->f[i].name, name) == 0 &&
		    strcmp(l->f[i].target, target) == 0)
			return (&l->f[i]);
	ck_abort_msg("no %s finding for %s", name, target);
	return (NULL);
}

START_TEST(test_checks)
{
	static struct dnsbl	 bls[] = {
		{ "Spamhaus ZEN", "zen.spamhaus.org", "https://x", "s" },
		{ "SpamCop", "bl.spamcop.net", "https://y", "s" },
	};
	struct dnsbl_list	 bl = { bls, 2 };
	struct dnscheck_plan	 p;
	struct dnscheck_list	 l;
	struct buf		 out;

	dnscheck_list_init(&l);
	memset(&p, 0, sizeof p);
	p.reason = "authfailure";
	p.sender_domain = "ok.test";
	p.ip = "192.0.2.5";
	p.dkim_selector = "s";
	p.dkim_domain = "ok.test";
	dnscheck_run(&p, &src, &bl, &l);
	ck_assert_int_eq(find(&l, "spf", "ok.test")->result, CHECK_OK);
	ck_assert_int_eq(find(&l, "dkim", "s._domainkey.ok.test")->result,
	    CHECK_FAIL);
	ck_assert_ptr_nonnull(strstr(find(&l, "dkim",
	    "s._domainkey.ok.test")->detail, "revoked"));
	ck_assert_str_eq(find(&l, "dmarc", "_dmarc.ok.test")->detail,
	    "p=reject, adkim=s, aspf=r");

	p.reason = "hostunknown";
	p.rcpt_domain = "null.test";
	dnscheck_run(&p, &src, &bl, &l);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.f[0].result, CHECK_FAIL);

	/* A limit reached is said. */
	p.rcpt_domain = "cut.test";
	dnscheck_run(&p, &src, &bl, &l);
	ck_assert_int_eq(find(&l, "mx", "cut.test")->cut, 1);
	ck_assert_int_eq(find(&l, "mx", "mx.ok.test")->cut, 0);
	buf_init(&out);
	dnscheck_text(&out, &l, 80);
	ck_assert_ptr_nonnull(strstr(out.data, "cut to 16 records"));
	buf_reset(&out);
	dnscheck_json(&out, &l);
	ck_assert_ptr_nonnull(strstr(out.data, "\"cut\":true"));
	buf_free(&out);

	p.reason = "blocked";
	p.ip = "192.0.2.1";
	dnscheck_run(&p, &src, &bl, &l);
	ck_assert_int_eq(find(&l, "ptr", "192.0.2.1")->result, CHECK_OK);
	/* 127.255.255.x is the list refusing, not a listing. */
	ck_assert_int_eq(find(&l, "dnsbl", "zen.spamhaus.org")->result,
	    CHECK_UNKNOWN);
	ck_assert_int_eq(find(&l, "dnsbl", "bl.spamcop.net")->result,
	    CHECK_FAIL);

	/* A reason that calls for no check gives none. */
	p.reason = "mailboxfull";
	dnscheck_run(&p, &src, &bl, &l);
	ck_assert_uint_eq(l.n, 0);
	buf_init(&out);
	dnscheck_json(&out, &l);
	ck_assert_str_eq(out.data, "[]");
	buf_free(&out);
	dnscheck_list_free(&l);
}
END_TEST

/* The plan: domains and the sending IP from a record. */
START_TEST(test_plan)
{
	struct bounce_rcpt	 r;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct dnscheck_plan	 p;
	struct arena		 a;

	memset(&r, 0, sizeof r);
	memset(&v, 0, sizeof v);
	bounce_doc_init(&d);
	arena_init(&a);
	r.recipient = "Bob@Example.NET";
	r.remote_mta = "mx.example.net [192.0.2.25]";
	r.diagnostic = "554 5.7.1 from 192.0.2.25: client host [192.0.2.66] "
	    "blocked using zen.spamhaus.org";
	r.log_sender = "alice@sender.test";
	r.msg = 0;
	v.rcpt = &r;
	v.reason = "blocked";
	dnscheck_plan_make(&p, &v, &d, NULL, &a);
	ck_assert_str_eq(p.rcpt_domain, "Example.NET");
	ck_assert_str_eq(p.sender_domain, "sender.test");
	ck_assert_str_eq(p.ip, "192.0.2.66");
	dnscheck_plan_make(&p, &v, &d, "2001:db8::1", &a);
	ck_assert_str_eq(p.ip, "2001:db8::1");
	r.diagnostic = "550 5.7.1 1.2.3.4.5 and 999.1.1.1 are no addresses";
	dnscheck_plan_make(&p, &v, &d, NULL, &a);
	ck_assert_ptr_null(p.ip);
	r.diagnostic = "550 5.7.1 [IPv6:2001:db8::25] [IPv6:2001:DB8::7] "
	    "is blocked";
	r.remote_mta = "mx.example.net [IPv6:2001:db8::25]";
	dnscheck_plan_make(&p, &v, &d, NULL, &a);
	ck_assert_str_eq(p.ip, "2001:DB8::7");
	arena_free(&a);
	bounce_doc_free(&d);
}
END_TEST

/* What DNS said reaches a terminal escaped. */
START_TEST(test_text_escaped)
{
	struct dnscheck_list	 l;
	struct buf		 out;

	dnscheck_list_init(&l);
	l.f[0].name = "spf";
	l.f[0].target = "x.test";
	l.f[0].result = CHECK_FAIL;
	l.f[0].detail = "bad \033[31m\xe2\x80\xae term";
	l.n = 1;
	buf_init(&out);
	dnscheck_text(&out, &l, 80);
	ck_assert_ptr_null(strchr(out.data, '\033'));
	ck_assert_ptr_null(strstr(out.data, "\xe2\x80\xae"));
	buf_reset(&out);
	dnscheck_json(&out, &l);
	ck_assert_ptr_null(strchr(out.data, '\033'));
	buf_free(&out);
	l.n = 0;
	dnscheck_list_free(&l);
}
END_TEST

/* The browser's lines: one per finding, styled by result, escaped. */
START_TEST(test_render)
{
	struct dnscheck_list	 l;
	struct rdoc		 d;
	size_t			 i, heading = 0, fail = 0, unknown = 0, ok = 0;

	dnscheck_list_init(&l);
	l.f[0].name = "spf";
	l.f[0].target = "x.test";
	l.f[0].result = CHECK_FAIL;
	l.f[0].detail = "bad \033[31m\xe2\x80\xae term";
	l.f[1].name = "dmarc";
	l.f[1].target = "_dmarc.x.test";
	l.f[1].result = CHECK_OK;
	l.f[1].detail = "p=reject";
	l.f[2].name = "dkim";
	l.f[2].target = "s._domainkey.x.test";
	l.f[2].result = CHECK_UNKNOWN;
	l.f[2].detail = "no answer from the resolver in 2 s, and more words "
	    "than fit on one line of forty columns";
	l.n = 3;
	rdoc_init(&d);
	dnscheck_render(&d, &l, 40, 0);
	for (i = 0; i < d.n; i++) {
		ck_assert_ptr_null(strchr(d.v[i].text, '\033'));
		ck_assert_ptr_null(strstr(d.v[i].text, "\xe2\x80\xae"));
		ck_assert_int_le(strlen(d.v[i].text), 40 * 4);
		switch (d.v[i].style) {
		case RS_HEADING:
			ck_assert_str_eq(d.v[i].text, "Checks");
			heading++;
			break;
		case RS_CHECK_FAIL:
			if (fail++ == 0)
				ck_assert_ptr_nonnull(strstr(d.v[i].text,
				    "fail spf x.test: bad"));
			break;
		case RS_CHECK_UNKNOWN:
			if (unknown++ == 0)
				ck_assert_ptr_nonnull(strstr(d.v[i].text,
				    "unknown dkim s._domainkey.x.test:"));
			break;
		case RS_TEXT:
			ck_assert_ptr_nonnull(strstr(d.v[i].text,
			    "ok dmarc _dmarc.x.test: p=reject"));
			ok++;
			break;
		default:
			break;
		}
	}
	ck_assert_uint_eq(heading, 1);
	ck_assert_uint_ge(fail, 1);
	ck_assert_uint_eq(ok, 1);
	/* The long one wraps, its lines in its style. */
	ck_assert_uint_ge(unknown, 2);
	rdoc_free(&d);
	/* The records on demand, escaped too. */
	l.f[0].raw[0] = "v=spf1 \033[2J -all";
	l.f[0].nraw = 1;
	rdoc_init(&d);
	dnscheck_render(&d, &l, 40, 0);
	for (i = 0; i < d.n; i++)
		ck_assert_int_ne(d.v[i].style, RS_EXAMPLE);
	rdoc_free(&d);
	rdoc_init(&d);
	dnscheck_render(&d, &l, 40, 1);
	for (i = 0, ok = 0; i < d.n; i++) {
		if (d.v[i].style != RS_EXAMPLE)
			continue;
		ck_assert_ptr_null(strchr(d.v[i].text, '\033'));
		ck_assert_ptr_nonnull(strstr(d.v[i].text, "v=spf1"));
		ok++;
	}
	ck_assert_uint_eq(ok, 1);
	rdoc_free(&d);
	/* No finding: said, not an empty section. */
	l.n = 0;
	rdoc_init(&d);
	dnscheck_render(&d, &l, 40, 0);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_ptr_nonnull(strstr(d.v[2].text, "none for this reason"));
	rdoc_free(&d);
	dnscheck_list_free(&l);
}
END_TEST

/* The server a resolver asks, named as --resolver writes it; no query. */
START_TEST(test_server_name)
{
	static const struct {
		const char	*in, *out;
	} t[] = {
		{ "192.0.2.1", "192.0.2.1" },
		{ "127.0.0.1:5353", "127.0.0.1:5353" },
		{ "127.0.0.1:53", "127.0.0.1" },
		{ "[2001:db8::1]:5300", "[2001:db8::1]:5300" },
	};
	struct dns_resolver	*r;
	struct buf		 b;
	const char		*why;
	size_t			 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		r = dns_resolver_open(t[i].in, 1000, &why);
		ck_assert_ptr_nonnull(r);
		buf_init(&b);
		ck_assert_int_eq(dns_resolver_server(r, &b), 0);
		ck_assert_str_eq(b.data, t[i].out);
		buf_free(&b);
		dns_resolver_close(r);
	}
}
END_TEST

static Suite *
dnscheck_suite(void)
{
	Suite	*s = suite_create("dnscheck");
	TCase	*tc = tcase_create("spf");

	tcase_add_test(tc, test_spf_syntax);
	tcase_add_test(tc, test_spf_pick);
	tcase_add_test(tc, test_spf_eval);
	tcase_add_test(tc, test_spf_limits);
	tcase_add_test(tc, test_spf_unknown);
	tcase_add_test(tc, test_checks);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_text_escaped);
	tcase_add_test(tc, test_render);
	tcase_add_test(tc, test_server_name);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(dnscheck_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
