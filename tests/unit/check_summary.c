/* Tests of --summary's sums (summary.c, summary_out.c) and times (when.c). */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/bounce.h"
#include "diagnose/diagnose.h"
#include "jsoncheck.h"
#include "diagnose/summary.h"
#include "testutil.h"
#include "base/utf8.h"
#include "base/when.h"

/* 2026-12-02 00:00:00 UTC */
#define T0	1796169600LL

/*
 * A document of made-up records, and the verdict on each: the summary
 * is tested apart from the parser and the rules.
 */
struct fake {
	struct bounce_doc	 d;
	struct verdict		 v[32];
	size_t			 n;
};

static void
fake_init(struct fake *f)
{
	memset(f, 0, sizeof *f);
	bounce_doc_init(&f->d);
	f->d.rcpts = xcalloc(32, sizeof *f->d.rcpts);
	f->d.rcpt_cap = 32;
}

static void
fake_add(struct fake *f, const char *rcpt, const char *action,
    long long when, const char *reason, const char *provider,
    const char *diag)
{
	struct bounce_rcpt	*r = &f->d.rcpts[f->n];
	struct verdict		*v = &f->v[f->n];

	ck_assert_uint_lt(f->n, 32);
	memset(r, 0, sizeof *r);
	r->recipient = rcpt;
	r->action = action;
	r->diagnostic = diag;
	r->kind = MSG_BOUNCE;
	r->log_unix = when;
	r->log_line = f->n + 1;
	r->msg = 0;
	memset(v, 0, sizeof *v);
	v->rcpt = r;
	v->reason = reason;
	v->provider = provider;
	snprintf(v->status, sizeof v->status, "5.1.1");
	v->reply_code = 550;
	f->n++;
	f->d.nrcpts = f->n;
}

/* Every record through summary_want() and summary_add(). */
static void
fake_sum(struct fake *f, struct summary *s)
{
	long long	 when;
	size_t		 i;

	for (i = 0; i < f->n; i++)
		if (summary_want(s, &f->d, i, &when))
			summary_add(s, &f->v[i], &f->d, when, "mail.log", 1);
}

static void
fake_free(struct fake *f)
{
	bounce_doc_free(&f->d);
}

static const struct summary_group *
find_group(const struct summary *s, const char *reason, const char *domain)
{
	size_t	 i;

	for (i = 0; i < s->ngroups; i++) {
		const struct summary_group *g = &s->groups[i];
		if (strcmp(g->reason, reason) != 0)
			continue;
		if (domain == NULL ? g->domain == NULL :
		    (g->domain != NULL && strcmp(g->domain, domain) == 0))
			return (g);
	}
	return (NULL);
}

START_TEST(test_groups)
{
	struct fake			 f;
	struct summary			 s;
	const struct summary_group	*g, **v;

	fake_init(&f);
	fake_add(&f, "a@gmail.com", "failed", T0 + 50, "userunknown",
	    "Gmail", "550 5.1.1 first");
	fake_add(&f, "<B@GMail.COM>", "delayed", T0 + 10, "userunknown",
	    NULL, "550 5.1.1 second");
	fake_add(&f, "c@gmail.com.", NULL, T0 + 90, "userunknown", "Gmail2",
	    "third");
	fake_add(&f, "d@yahoo.com", "failed", -1, "userunknown", "Yahoo",
	    NULL);
	fake_add(&f, "e@example.org", "failed", T0, "blocked", NULL, "x");
	fake_add(&f, "f@example.org", "failed", T0, "blocked", NULL, "y");
	fake_add(&f, "g@example.net", "failed", T0, "blocked", NULL, "z");
	fake_add(&f, "nodomain", "failed", T0, "blocked", NULL, "z");
	summary_init(&s, NULL, 0);
	fake_sum(&f, &s);
	ck_assert_uint_eq(s.failures, 8);
	ck_assert_uint_eq(s.bounced, 7);
	ck_assert_uint_eq(s.deferred, 1);
	ck_assert_uint_eq(s.ngroups, 5);
	ck_assert_uint_eq(s.no_time, 1);
	ck_assert_int_eq(s.first, T0);
	ck_assert_int_eq(s.last, T0 + 90);

	g = find_group(&s, "userunknown", "gmail.com");
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->count, 3);
	ck_assert_uint_eq(g->bounced, 2);
	ck_assert_uint_eq(g->deferred, 1);
	ck_assert_int_eq(g->first, T0 + 10);
	ck_assert_int_eq(g->last, T0 + 90);
	/* The first provider named, and the first record's example. */
	ck_assert_str_eq(g->provider, "Gmail");
	ck_assert_str_eq(g->ex_diagnostic, "550 5.1.1 first");
	ck_assert_str_eq(g->ex_recipient, "a@gmail.com");
	ck_assert_uint_eq(g->ex_line, 1);
	ck_assert_str_eq(g->ex_status, "5.1.1");
	g = find_group(&s, "userunknown", "yahoo.com");
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(g->first, -1);
	ck_assert_ptr_null(g->ex_diagnostic);
	ck_assert_ptr_nonnull(find_group(&s, "blocked", ""));

	/* Reasons by total (4 then 4: by name), domains by count. */
	v = summary_sorted(&s);
	ck_assert_str_eq(v[0]->reason, "blocked");
	ck_assert_str_eq(v[0]->domain, "example.org");
	ck_assert_str_eq(v[3]->reason, "userunknown");
	ck_assert_str_eq(v[3]->domain, "gmail.com");
	ck_assert_str_eq(v[4]->domain, "yahoo.com");
	free(v);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_not_failures)
{
	struct fake	 f;
	struct summary	 s;

	fake_init(&f);
	fake_add(&f, "a@x.org", "delivered", T0, "delivered", NULL, NULL);
	fake_add(&f, "b@x.org", "relayed", T0, "delivered", NULL, NULL);
	fake_add(&f, "c@x.org", NULL, T0, "vacation", NULL, NULL);
	f.d.rcpts[2].kind = MSG_AUTOREPLY;
	fake_add(&f, "d@x.org", "failed", T0, "userunknown", NULL, NULL);
	summary_init(&s, NULL, 0);
	fake_sum(&f, &s);
	ck_assert_uint_eq(s.failures, 1);
	ck_assert_uint_eq(s.not_failures, 3);
	ck_assert_uint_eq(s.ngroups, 1);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_filter_domain)
{
	struct summary_filter	 flt;
	struct fake		 f;
	struct summary		 s;

	fake_init(&f);
	fake_add(&f, "a@example.com", "failed", T0, "r", NULL, NULL);
	fake_add(&f, "b@MX.Example.COM", "failed", T0, "r", NULL, NULL);
	fake_add(&f, "c@badexample.com", "failed", T0, "r", NULL, NULL);
	fake_add(&f, "d@example.com.evil.org", "failed", T0, "r", NULL, NULL);
	fake_add(&f, "e@com", "failed", T0, "r", NULL, NULL);
	memset(&flt, 0, sizeof flt);
	flt.domain = "Example.com";
	summary_init(&s, &flt, 0);
	fake_sum(&f, &s);
	ck_assert_uint_eq(s.failures, 2);
	ck_assert_uint_eq(s.outside_domain, 3);
	ck_assert_ptr_nonnull(find_group(&s, "r", "example.com"));
	ck_assert_ptr_nonnull(find_group(&s, "r", "mx.example.com"));
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_filter_time)
{
	struct summary_filter	 flt;
	struct fake		 f;
	struct summary		 s;

	fake_init(&f);
	fake_add(&f, "a@x.org", "failed", T0 - 1, "r", NULL, NULL);
	fake_add(&f, "b@x.org", "failed", T0, "r", NULL, NULL);
	fake_add(&f, "c@x.org", "failed", T0 + 3600, "r", NULL, NULL);
	fake_add(&f, "d@x.org", "failed", T0 + 3601, "r", NULL, NULL);
	fake_add(&f, "e@x.org", "failed", -1, "r", NULL, NULL);
	memset(&flt, 0, sizeof flt);
	flt.has_since = 1;
	flt.since = T0;
	flt.has_until = 1;
	flt.until = T0 + 3600;
	summary_init(&s, &flt, 0);
	fake_sum(&f, &s);
	/* Both ends are in; a record of no time cannot be said to be. */
	ck_assert_uint_eq(s.failures, 2);
	ck_assert_uint_eq(s.outside_time, 2);
	ck_assert_uint_eq(s.untimed_out, 1);
	ck_assert_int_eq(s.first, T0);
	ck_assert_int_eq(s.last, T0 + 3600);
	summary_free(&s);

	/* Only a start: the rest of the log is in. */
	flt.has_until = 0;
	summary_init(&s, &flt, 0);
	fake_sum(&f, &s);
	ck_assert_uint_eq(s.failures, 3);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_bound)
{
	struct fake			 f;
	struct summary			 s;
	const struct summary_group	*g, **v;
	char				 addr[10][32];
	size_t				 i;

	fake_init(&f);
	for (i = 0; i < 10; i++) {
		snprintf(addr[i], sizeof addr[i], "u@d%zu.example", i);
		fake_add(&f, addr[i], i % 2 ? "delayed" : "failed", T0 + i,
		    "r", NULL, "reply");
	}
	fake_add(&f, "v@d0.example", "failed", T0, "r", NULL, "again");
	fake_add(&f, "w@d9.example", "failed", T0, "other", NULL, "x");
	summary_init(&s, NULL, 3);
	fake_sum(&f, &s);
	ck_assert_uint_eq(s.nnamed, 3);
	/* Three named, then one "other domains" bucket per reason. */
	ck_assert_uint_eq(s.ngroups, 5);
	ck_assert_uint_eq(s.cut_records, 8);
	ck_assert_uint_eq(s.failures, 12);
	/* A domain seen before the cut keeps its own group. */
	g = find_group(&s, "r", "d0.example");
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->count, 2);
	g = find_group(&s, "r", NULL);
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->count, 7);
	ck_assert_uint_eq(g->bounced, 3);
	ck_assert_uint_eq(g->deferred, 4);
	ck_assert_int_eq(g->first, T0 + 3);
	ck_assert_int_eq(g->last, T0 + 9);
	ck_assert_ptr_nonnull(find_group(&s, "other", NULL));
	v = summary_sorted(&s);
	ck_assert_str_eq(v[0]->reason, "r");
	ck_assert_ptr_null(v[3]->domain);
	ck_assert_str_eq(v[4]->reason, "other");
	free(v);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_many_groups)
{
	struct fake		 f;
	struct summary		 s;
	struct buf		 b;
	char			 addr[64];
	size_t			 i;
	long long		 when;

	/* Past the default bound, the table keeps its promise. */
	fake_init(&f);
	fake_add(&f, "x@y", "failed", T0, "r", NULL, "reply");
	summary_init(&s, NULL, 0);
	for (i = 0; i < SUMMARY_MAX_GROUPS + 500; i++) {
		snprintf(addr, sizeof addr, "u@host%zu.example", i % 12000);
		f.d.rcpts[0].recipient = addr;
		ck_assert(summary_want(&s, &f.d, 0, &when));
		summary_add(&s, &f.v[0], &f.d, when, "mail.log", 1);
	}
	ck_assert_uint_eq(s.nnamed, SUMMARY_MAX_GROUPS);
	ck_assert_uint_eq(s.cut_records, 500);
	buf_init(&b);
	summary_text(&s, &b, 80);
	ck_assert(strstr(b.data, "(other domains)") != NULL);
	ck_assert(strstr(b.data, "past the first 10000") != NULL);
	buf_free(&b);
	summary_free(&s);
	f.d.rcpts[0].recipient = "x@y";
	fake_free(&f);
}
END_TEST

/* Columns of the widest line of s. */
static size_t
widest(const char *s)
{
	const char	*e;
	size_t		 w, max = 0;

	for (; *s != '\0'; s = e + (*e != '\0')) {
		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		if ((w = utf8_display_width(s, (size_t)(e - s))) > max)
			max = w;
	}
	return (max);
}

START_TEST(test_text_fits)
{
	static const size_t	 widths[] = { 20, 33, 40, 60, 80, 120, 300 };
	struct fake		 f;
	struct summary		 s;
	struct buf		 b;
	size_t			 i;

	fake_init(&f);
	fake_add(&f, "a@a-very-long-domain-name.subdomain.example.com",
	    "failed", T0, "userunknown", "A Provider With A Long Name",
	    "550 5.1.1 <a@a-very-long-domain-name.subdomain.example.com>: "
	    "Recipient address rejected: User unknown in virtual mailbox "
	    "table, and then some more words to go past any terminal");
	fake_add(&f, "b@\xe4\xbe\x8b\xe3\x81\x88.jp", "delayed", T0 + 60,
	    "blocked", "\xe2\x80\xae" "evil\x1b[31m", "\x1b]0;title\x07 bidi "
	    "\xe2\x80\xae here \xff\xfe");
	summary_init(&s, NULL, 0);
	fake_sum(&f, &s);
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		buf_init(&b);
		summary_text(&s, &b, widths[i]);
		ck_assert_msg(widest(b.data) <= widths[i],
		    "width %zu: a line of %zu columns:\n%s", widths[i],
		    widest(b.data), b.data);
		/* Nothing raw: no ESC, BEL, RLO or invalid byte. */
		ck_assert(strchr(b.data, '\x1b') == NULL);
		ck_assert(strchr(b.data, '\x07') == NULL);
		ck_assert(strstr(b.data, "\xe2\x80\xae") == NULL);
		ck_assert(utf8_valid(b.data, b.len, NULL));
		ck_assert(strstr(b.data, "userunknown") != NULL);
		buf_free(&b);
	}
	/* Wide enough, everything is there, times and example in full. */
	buf_init(&b);
	setenv("TZ", "UTC", 1);
	tzset();
	summary_text(&s, &b, 300);
	ck_assert(strstr(b.data, "2026-12-02 00:01") != NULL);
	ck_assert(strstr(b.data, "mail.log:1: 550 5.1.1") != NULL);
	ck_assert(strstr(b.data, "mailbox table, and then") != NULL);
	ck_assert(strstr(b.data, "Failures: 2 (bounced 1, deferred 1)") !=
	    NULL);
	buf_free(&b);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

/* Short domains leave their columns to the providers' names. */
START_TEST(test_text_room)
{
	struct fake		 f;
	struct summary		 s;
	struct buf		 b;

	fake_init(&f);
	fake_add(&f, "a@x.org", "failed", T0, "blocked",
	    "Gmail / Google Workspace", "550 5.7.1 no");
	summary_init(&s, NULL, 0);
	fake_sum(&f, &s);
	buf_init(&b);
	summary_text(&s, &b, 80);
	ck_assert_msg(strstr(b.data, "  x.org   Gmail / Google\xe2\x80\xa6 ")
	    != NULL, "%s", b.data);
	buf_free(&b);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_json)
{
	struct summary_filter	 flt;
	struct fake		 f;
	struct summary		 s;
	struct buf		 b;
	const char		*p, *e;
	size_t			 lines = 0;

	fake_init(&f);
	fake_add(&f, "a@gmail.com", "failed", T0, "userunknown", "Gmail",
	    "550 \"quoted\" \x1b[2J \xff");
	fake_add(&f, "b@gmail.com", "delayed", T0 + 1, "userunknown", NULL,
	    NULL);
	fake_add(&f, "c@other.org", "failed", T0 + 2, "blocked", NULL, NULL);
	memset(&flt, 0, sizeof flt);
	flt.domain = "gmail.com";
	summary_init(&s, &flt, 0);
	fake_sum(&f, &s);
	buf_init(&b);
	summary_json(&s, &b);
	for (p = b.data; *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		ck_assert_ptr_nonnull(e);
		ck_assert_msg(json_valid(p, (size_t)(e - p)), "%.*s",
		    (int)(e - p), p);
		lines++;
	}
	ck_assert_uint_eq(lines, 2);
	ck_assert(strchr(b.data, '\x1b') == NULL);
	ck_assert(strstr(b.data, "\"type\":\"group\",\"reason\":"
	    "\"userunknown\",\"domain\":\"gmail.com\"") != NULL);
	ck_assert(strstr(b.data, "\"count\":2,\"bounced\":1,\"deferred\":1,"
	    "\"first\":\"2026-12-02T00:00:00Z\"") != NULL);
	ck_assert(strstr(b.data, "\"line\":1") != NULL);
	ck_assert(strstr(b.data, "{\"type\":\"totals\",\"since\":null,"
	    "\"until\":null,\"domain\":\"gmail.com\",\"failures\":2,") !=
	    NULL);
	ck_assert(strstr(b.data, "\"outside_domain\":1") != NULL);
	buf_free(&b);
	summary_free(&s);
	fake_free(&f);
}
END_TEST

START_TEST(test_empty)
{
	struct summary	 s;
	struct buf	 b;

	summary_init(&s, NULL, 0);
	ck_assert_ptr_null(summary_sorted(&s));
	buf_init(&b);
	summary_text(&s, &b, 80);
	ck_assert(strstr(b.data, "No failure found.") != NULL);
	buf_reset(&b);
	summary_json(&s, &b);
	ck_assert(strstr(b.data, "\"domain\":null,\"failures\":0,") != NULL);
	buf_free(&b);
	summary_free(&s);
}
END_TEST

/* A real bounce, parsed and diagnosed: its time is its Date:. */
START_TEST(test_real_bounce)
{
	static const char	 msg[] =
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "Date: Wed, 2 Dec 2026 01:02:03 +0100\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "To: sender@example.org\n"
	    "\n"
	    "This is the mail system at host mx.example.org.\n"
	    "\n"
	    "<nobody@example.com>: host mx.example.com[192.0.2.1] said: 550 "
	    "5.1.1 <nobody@example.com>: Recipient address rejected: User "
	    "unknown in virtual mailbox table (in reply to RCPT TO command)\n";
	struct bounce_doc	 d;
	struct summary		 s;
	struct verdict		 v;
	struct arena		 a;
	long long		 when;

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, msg, sizeof msg - 1, NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_int_eq(d.rcpts[0].log_unix, -1);
	ck_assert_int_eq(summary_record_time(&d, 0), T0 + 3723 - 3600);
	summary_init(&s, NULL, 0);
	arena_init(&a);
	ck_assert(summary_want(&s, &d, 0, &when));
	diagnose(shipped_rules(), NULL, &d, 0, &v, &a);
	summary_add(&s, &v, &d, when, "x.eml", 1);
	ck_assert_uint_eq(s.ngroups, 1);
	ck_assert_str_eq(s.groups[0].reason, "userunknown");
	ck_assert_str_eq(s.groups[0].domain, "example.com");
	ck_assert_int_eq(s.groups[0].first, T0 + 123);
	ck_assert(strstr(s.groups[0].ex_diagnostic, "User unknown") != NULL);
	arena_free(&a);
	summary_free(&s);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_when_arg)
{
	long long	 t, now = T0 + 12 * 3600 + 34 * 60 + 56;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(when_parse_arg("2026-12-02", now, &t), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(when_parse_arg("2026-12-02 01:02", now, &t), 0);
	ck_assert_int_eq(t, T0 + 3720);
	ck_assert_int_eq(when_parse_arg("2026-12-02 01:02:03", now, &t), 0);
	ck_assert_int_eq(t, T0 + 3723);
	ck_assert_int_eq(when_parse_arg("2026-12-02T01:02:03Z", now, &t), 0);
	ck_assert_int_eq(t, T0 + 3723);
	ck_assert_int_eq(when_parse_arg("2026-12-02T01:02:03.123456+01:00",
	    now, &t), 0);
	ck_assert_int_eq(t, T0 + 123);
	ck_assert_int_eq(when_parse_arg("2026-12-02t01:02:03-0130", now, &t),
	    0);
	ck_assert_int_eq(t, T0 + 3723 + 5400);
	ck_assert_int_eq(when_parse_arg("2024-02-29", now, &t), 0);
	ck_assert_int_eq(when_parse_arg("1h", now, &t), 0);
	ck_assert_int_eq(t, now - 3600);
	ck_assert_int_eq(when_parse_arg("-2d", now, &t), 0);
	ck_assert_int_eq(t, now - 2 * 86400);
	ck_assert_int_eq(when_parse_arg("30m", now, &t), 0);
	ck_assert_int_eq(t, now - 1800);
	ck_assert_int_eq(when_parse_arg("1w", now, &t), 0);
	ck_assert_int_eq(t, now - 7 * 86400);
	ck_assert_int_eq(when_parse_arg("now", now, &t), 0);
	ck_assert_int_eq(t, now);
	ck_assert_int_eq(when_parse_arg("today", now, &t), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(when_parse_arg("yesterday", now, &t), 0);
	ck_assert_int_eq(t, T0 - 86400);

	/* Each of these is a usage error, never a guess. */
	ck_assert_int_eq(when_parse_arg("", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("1", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("1y", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("1hh", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("h", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("99999999999999999999d", now, &t),
	    -1);
	ck_assert_int_eq(when_parse_arg("2026-13-01", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("2025-02-29", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("2026-12-02 24:00", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("2026-12-02 12", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("2026-12-02 12:00:00 junk", now, &t),
	    -1);
	ck_assert_int_eq(when_parse_arg("2026-12-02T12:00:00+25:00", now,
	    &t), -1);
	ck_assert_int_eq(when_parse_arg("2026-12-2", now, &t), -1);
	ck_assert_int_eq(when_parse_arg("tomorrow", now, &t), -1);
}
END_TEST

START_TEST(test_when_mail)
{
	static const char	*hdr =
	    "From: a@b\r\nSubject: x\r\nDATE: Wed,\r\n 2 Dec 2026 01:02:03\r\n"
	    " +0100 (CET)\r\nTo: c@d\r\n";
	long long		 t;

	ck_assert_int_eq(when_parse_mail_date("Wed, 2 Dec 2026 01:02:03 "
	    "+0100", 31, &t), 0);
	ck_assert_int_eq(t, T0 + 123);
	ck_assert_int_eq(when_parse_mail_date("2 Dec 2026 01:02 GMT", 20, &t),
	    0);
	ck_assert_int_eq(t, T0 + 3720);
	ck_assert_int_eq(when_parse_mail_date("Tue, 1 Dec 2026 19:00:00 EST",
	    28, &t), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(when_parse_mail_date("02 Dec 26 00:00:00 -0000", 24,
	    &t), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(when_parse_mail_date("Wed, 32 Dec 2026 01:02:03", 25,
	    &t), -1);
	ck_assert_int_eq(when_parse_mail_date("yesterday", 9, &t), -1);
	ck_assert_int_eq(when_parse_mail_date("", 0, &t), -1);
	ck_assert_int_eq(when_header_date(hdr), T0 + 123);
	ck_assert_int_eq(when_header_date("Subject: no date\n"), -1);
	ck_assert_int_eq(when_header_date("X-Date: 2 Dec 2026 01:02 GMT\n"),
	    -1);
	ck_assert_int_eq(when_header_date(NULL), -1);
}
END_TEST

START_TEST(test_when_format)
{
	char	 b[32];

	setenv("TZ", "UTC", 1);
	tzset();
	when_format_utc(T0 + 3723, b, sizeof b);
	ck_assert_str_eq(b, "2026-12-02T01:02:03Z");
	when_format_local(T0 + 3723, b, sizeof b);
	ck_assert_str_eq(b, "2026-12-02 01:02");
	ck_assert_int_eq(when_from_utc(1970, 1, 1, 0, 0, 0), 0);
	ck_assert_int_eq(when_from_utc(2000, 3, 1, 0, 0, 0), 951868800LL);
}
END_TEST

static Suite *
summary_suite(void)
{
	Suite	*s = suite_create("summary");
	TCase	*tc = tcase_create("groups");

	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_not_failures);
	tcase_add_test(tc, test_filter_domain);
	tcase_add_test(tc, test_filter_time);
	tcase_add_test(tc, test_bound);
	tcase_add_test(tc, test_many_groups);
	tcase_add_test(tc, test_real_bounce);
	suite_add_tcase(s, tc);
	tc = tcase_create("output");
	tcase_add_test(tc, test_text_fits);
	tcase_add_test(tc, test_text_room);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	tc = tcase_create("when");
	tcase_add_test(tc, test_when_arg);
	tcase_add_test(tc, test_when_mail);
	tcase_add_test(tc, test_when_format);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(summary_suite()));
}
