/* Tests of maillog: mail log lines read as bounce records. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "parse/maillog.h"
#include "paste/paste_result.h"
#include "catalogue/render.h"
#include "base/utf8.h"
#include "testutil.h"

/* 2026-12-02 17:00:00 UTC: the "now" the samples were written at. */
#define NOW	1796230800LL

static char *
sample(const char *name, size_t *len)
{
	char	 path[1024];
	FILE	*f;
	char	*s;
	long	 n;

	snprintf(path, sizeof path, "%s/log/samples/%s", TEST_SRCDIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = xmalloc((size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return (s);
}

static size_t
parse(struct bounce_doc *d, const char *s, size_t n, int flags)
{
	d->log_now = NOW;
	return (bounce_parse(d, s, n, NULL, flags));
}

static size_t
parse_sample(struct bounce_doc *d, const char *name, int flags)
{
	size_t	 n, len;
	char	*s = sample(name, &len);

	n = parse(d, s, len, flags);
	free(s);
	return (n);
}

static const char *
str(const char *s)
{
	return (s != NULL ? s : "(null)");
}

/* One expected record of a sample: the fields a user reads. */
struct want {
	const char	*file;
	size_t		 index;
	const char	*rcpt, *action, *status;
	int		 code;
	const char	*command, *agent, *remote, *ip, *qid, *sender;
	size_t		 line;
	const char	*diag;		/* a part of the diagnostic */
};

static const struct want wants[] = {
	{ "postfix-four.log", 0, "bob@gmail.com", "failed", "5.7.26", 550,
	  "DATA", "postfix", "gmail-smtp-in.l.google.com", "142.250.102.27",
	  "4F2A81234B", "alice@example.org", 2, "DMARC policy" },
	{ "postfix-four.log", 1, "carol@outlook.com", "failed", "5.7.1", 550,
	  "MAIL", "postfix", "outlook-com.olc.protection.outlook.com",
	  "52.101.68.10", "7B3C91234C", NULL, 3, "(S3140)" },
	{ "postfix-four.log", 2, "dave@yahoo.com", "delayed", "4.7.0", 421,
	  "MAIL", "postfix", "mta7.am0.yahoodns.net", "67.195.228.94",
	  "9D4E01234D", NULL, 4, "[TSS04]" },
	{ "postfix-four.log", 3, "nobody@example.org", "failed", "5.1.1", 0,
	  NULL, "postfix", "local", NULL, "A5F611234E", NULL, 5,
	  "unknown user: \"nobody\"" },
	{ "postfix-noqueue.log", 0, "nobody@example.org", "failed", "5.1.1",
	  550, "RCPT", "postfix", "unknown", "198.51.100.23", NULL,
	  "spammer@example.net", 2, "Recipient address rejected" },
	{ "postfix-deferred.log", 0, "joe@example.invalid", "delayed", "4.4.3",
	  0, NULL, "postfix", NULL, NULL, "C1D2E3F4A5", "news@example.org", 2,
	  "Host or domain name not found" },
	{ "postfix-deferred.log", 1, "ann@slow.example.com", "delayed",
	  "4.4.1", 0, "CONN", "postfix", NULL, NULL, "C1D2E3F4A5",
	  "news@example.org", 3, "Connection timed out" },
	{ "postfix-deferred.log", 2, "ann@slow.example.com", "failed", "4.4.1",
	  0, "CONN", "postfix", NULL, NULL, "C1D2E3F4A5", "news@example.org",
	  5, "Connection timed out" },
	/*
	 * A real Postfix 3.7's log with maximal_queue_lifetime = 0
	 * (tests/log/postfix-log.sh): the deferral, then qmgr's expiry,
	 * which takes the deferral's recipient and reply; an expiry whose
	 * deferral was not in the log names no recipient.
	 */
	{ "postfix-expired.log", 0, "user@yahoo.test", "delayed", "4.7.0",
	  421, "MAIL", "postfix", "127.0.0.1", "127.0.0.1", "1769DA840DB",
	  "alice@sender.test", 5, "[TSS04]" },
	{ "postfix-expired.log", 1, "user@yahoo.test", "failed", "4.7.0",
	  421, "MAIL", "postfix", NULL, NULL, "1769DA840DB",
	  "alice@sender.test", 6, "[TSS04]" },
	{ "postfix-expired.log", 2, "", "failed", "", 0, NULL, "postfix",
	  NULL, NULL, "3A9C1A840E2", "news@sender.test", 13,
	  "status=expired, returned to sender" },
	{ "journal.log", 0, "pat@example.com", "failed", "5.2.2", 552, "RCPT",
	  "postfix", "mx.example.com", "192.0.2.10", "E5F6A7B8C9", NULL, 2,
	  "Mailbox full" },
	{ "journal-iso.log", 0, "lee@example.com", "failed", "5.7.1", 554,
	  "RCPT", "postfix", "mx.example.com", "192.0.2.10", "F6A7B8C9D0",
	  NULL, 1, "Relay access denied" },
	{ "rfc3339.log", 0, "kim@example.org", "failed", "5.2.0", 552, "DATA",
	  "postfix", "mail.example.org", NULL, "0A1B2C3D4E", NULL, 1,
	  "Quota exceeded" },
	{ "exim-mainlog", 0, "bob@example.com", "failed", "5.1.1", 550,
	  "RCPT", "exim", "mx.example.com", "192.0.2.1", "1tXyZa-000123-AB",
	  "alice@example.org", 2, "User unknown in local recipient" },
	{ "exim-mainlog", 1, "carl@example.net", "delayed", "4.7.1", 451,
	  "MAIL", "exim", "mx.example.net", "192.0.2.2", "1tXyZb-000124-CD",
	  NULL, 3, "Greylisted" },
	{ "exim-mainlog", 2, "info@example.org", "failed", "", 0, NULL,
	  "exim", NULL, NULL, "1tXyZc-000125-EF", NULL, 4,
	  "Unrouteable address" },
	{ "exim-mainlog", 3, "nobody@example.org", "failed", "", 0, "RCPT",
	  "exim", NULL, "198.51.100.9", NULL, "spam@example.net", 5,
	  "relay not permitted" },
	/* A deferral with a system errno: its strerror() text, the host. */
	{ "exim-mainlog", 4, "dan@example.net", "delayed", "", 0, "CONN",
	  "exim", NULL, NULL, "1tXyZd-000126-GH", NULL, 6,
	  "Connection refused" },
	{ "exim-mainlog", 5, "eve@example.net", "delayed", "", 0, "CONN",
	  "exim", "mx2.example.net", "192.0.2.4", "1tXyZe-000127-IJ", NULL, 7,
	  "Connection timed out" },
	/* Exim gave up: the failure takes its deferral's reply. */
	{ "exim-mainlog", 6, "carl@example.net", "failed", "4.7.1", 451,
	  "MAIL", "exim", NULL, NULL, "1tXyZb-000124-CD", NULL, 8,
	  "Greylisted, please try again later: retry timeout exceeded" },
	{ "sendmail.log", 0, "bob@example.com", "failed", "5.1.1", 0, NULL,
	  "sendmail", "mx.example.com", "192.0.2.1", "0B2GeA0a004001",
	  "alice@example.org", 2, "User unknown" },
	{ "sendmail.log", 1, "amy@example.net", "delayed", "4.0.0", 0, "CONN",
	  "sendmail", "mx.example.net", "192.0.2.3", "0B2GeB0b004003", NULL, 3,
	  "Connection timed out" },
	{ "sendmail.log", 2, "ben@example.net", "delayed", "4.0.0", 0, "CONN",
	  "sendmail", "mx.example.net", "192.0.2.3", "0B2GeB0b004003", NULL, 3,
	  "Connection timed out" },
	{ "sendmail.log", 3, "nobody@example.org", "failed", "5.7.1", 550,
	  "RCPT", "sendmail", "spam.example.net", "198.51.100.7",
	  "0B2GeC0c004004", NULL, 4, "Relaying denied" },
	{ "opensmtpd.log", 0, "bob@example.com", "failed", "5.1.1", 550, NULL,
	  "opensmtpd", "mx.example.com", "192.0.2.1", "0123456789abcdef",
	  "alice@example.org", 1, "User unknown" },
	{ "opensmtpd.log", 1, "carl@example.net", "delayed", "4.7.0", 421,
	  NULL, "opensmtpd", "mx.example.net", "192.0.2.2",
	  "0123456789abcdf0", "alice@example.org", 2, "Try again later" },
	{ "opensmtpd.log", 2, "dan@example.org", "failed", "", 0, NULL,
	  "opensmtpd", NULL, NULL, "0a1b2c3d4e5f6a7b", "alice@example.org", 3,
	  "mailbox over quota" },
	{ "opensmtpd.log", 3, "nobody@example.org", "failed", "", 550, "RCPT",
	  "opensmtpd", NULL, NULL, "5d3c4e6f7a8b9cad", NULL, 4,
	  "Invalid recipient" },
	{ "qmail-multilog", 0, "bob@example.com", "failed", "5.1.1", 550,
	  "RCPT", "qmail", NULL, "192.0.2.1", "123456", "alice@example.org", 4,
	  "550 5.1.1 <bob@example.com>... User unknown" },
	{ "qmail-multilog", 1, "carl@example.org", "delayed", "4.2.1", 0,
	  NULL, "qmail", NULL, NULL, "123456", "alice@example.org", 6,
	  "Sorry, no mailbox here by that name." },
	{ "qmail-syslog.log", 0, "dora@example.com", "failed", "4.4.1", 0,
	  "CONN", "qmail", NULL, NULL, "777", "alice@example.org", 3,
	  "establish an SMTP connection" },
};

/* How many records each sample gives: every failure, no success. */
static const struct {
	const char	*file;
	size_t		 n;
} counts[] = {
	{ "postfix-four.log", 4 }, { "postfix-noqueue.log", 1 },
	{ "postfix-deferred.log", 3 }, { "postfix-expired.log", 3 },
	{ "journal.log", 1 },
	{ "journal-iso.log", 1 }, { "rfc3339.log", 1 },
	{ "exim-mainlog", 7 }, { "sendmail.log", 4 }, { "opensmtpd.log", 4 },
	{ "qmail-multilog", 2 }, { "qmail-syslog.log", 1 },
};

START_TEST(test_counts)
{
	struct bounce_doc	 d;
	int			 brief;

	bounce_doc_init(&d);
	for (brief = 0; brief < 2; brief++) {
		ck_assert_msg(parse_sample(&d, counts[_i].file,
		    brief ? BOUNCE_BRIEF : BOUNCE_SPANS) == counts[_i].n,
		    "%s: %zu records", counts[_i].file, d.nrcpts);
		ck_assert(!d.truncated);
	}
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_fields)
{
	const struct want	*w = &wants[_i];
	const struct bounce_rcpt *r;
	struct bounce_doc	 d;
	int			 brief;

	bounce_doc_init(&d);
	for (brief = 0; brief < 2; brief++) {
		parse_sample(&d, w->file, brief ? BOUNCE_BRIEF : BOUNCE_SPANS);
		ck_assert_uint_gt(d.nrcpts, w->index);
		r = &d.rcpts[w->index];
		ck_assert_str_eq(r->recipient, w->rcpt);
		ck_assert_str_eq(str(r->action), w->action);
		ck_assert_str_eq(r->status, w->status);
		ck_assert_int_eq(r->reply_code, w->code);
		ck_assert_str_eq(str(r->command), str(w->command));
		ck_assert_str_eq(str(r->agent), w->agent);
		ck_assert_str_eq(str(r->remote_mta), str(w->remote));
		ck_assert_str_eq(str(r->relay_ip), str(w->ip));
		ck_assert_str_eq(str(r->queue_id), str(w->qid));
		ck_assert_str_eq(str(r->log_sender), str(w->sender));
		ck_assert_uint_eq(r->log_line, w->line);
		ck_assert_ptr_nonnull(r->log_time);
		ck_assert_ptr_nonnull(r->diagnostic);
		ck_assert_msg(strstr(r->diagnostic, w->diag) != NULL,
		    "%s: %s", w->file, r->diagnostic);
		ck_assert_int_eq(r->kind, MSG_BOUNCE);
	}
	bounce_doc_free(&d);
}
END_TEST

/* Postfix flattens a multi-line reply; the record reads as one reply. */
START_TEST(test_multiline_reply)
{
	struct bounce_doc	 d;
	const char		*diag;

	bounce_doc_init(&d);
	parse_sample(&d, "postfix-four.log", 0);
	diag = d.rcpts[0].diagnostic;
	ck_assert(strncmp(diag, "550-5.7.26 Unauthenticated", 26) == 0);
	ck_assert_ptr_null(strstr(diag + 4, "550-5.7.26"));
	ck_assert_ptr_nonnull(strstr(diag, "DMARC policy. Please contact"));
	ck_assert_ptr_null(strstr(diag, "in reply to"));
	ck_assert_str_eq(d.rcpts[0].original == NULL ? "" : "x", "");
	ck_assert_str_eq(d.rcpts[3].original, "info@example.org");
	ck_assert_str_eq(d.rcpts[0].delay, "1.4");
	ck_assert_str_eq(d.rcpts[0].log_host, "mx1");
	ck_assert_str_eq(d.rcpts[0].log_time, "Dec  2 15:06:04");
	ck_assert_int_eq(d.rcpts[0].log_unix, NOW - 6836);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Postfix's dsn=4.0.0 when the reply's code is in qmail's form at its
 * end: the reply's precise code wins, as in a bounce's Status field.
 */
/*
 * Sendmail 8.17's reply= is the server's own words, commas and all, up
 * to stat=, which is only Sendmail's summary of them.
 */
START_TEST(test_sendmail_reply_field)
{
	static const char log[] =
	    "Dec  2 15:06:04 mx1 sendmail[2410]: 6B380nop002410: "
	    "to=<r@example.com>, delay=00:00:00, mailer=relay, pri=30060, "
	    "relay=[192.0.2.1] [192.0.2.1], dsn=5.0.0, reply=554 Reject by "
	    "behaviour spam, ANTISPAM_BAT: too frequently sending, "
	    "stat=Service unavailable\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, log, sizeof log - 1, 0), 1);
	ck_assert_str_eq(d.rcpts[0].diagnostic, "554 Reject by behaviour "
	    "spam, ANTISPAM_BAT: too frequently sending");
	ck_assert_int_eq(d.rcpts[0].reply_code, 554);
	ck_assert(d.rcpts[0].status_logged);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_status_refined)
{
	static const char log[] =
	    "Dec  2 15:06:04 mx1 postfix/smtp[20042]: 843EDA72578: "
	    "to=<r@example.com>, relay=mx.example.com[192.0.2.1]:25, "
	    "delay=0.01, delays=0/0/0/0, dsn=4.0.0, status=deferred (host "
	    "mx.example.com[192.0.2.1] said: 451 timeout (#4.4.2) (in reply "
	    "to RCPT TO command))\n"
	    "Dec  2 15:06:05 mx1 postfix/smtp[20042]: 843EDA72579: "
	    "to=<s@example.com>, relay=mx.example.com[192.0.2.1]:25, "
	    "delay=0.01, delays=0/0/0/0, dsn=5.0.0, status=bounced (host "
	    "mx.example.com[192.0.2.1] said: 550 no (#4.4.2) (in reply "
	    "to RCPT TO command))\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, log, sizeof log - 1, 0), 2);
	ck_assert_str_eq(d.rcpts[0].status, "4.4.2");
	/* Of another class: the log's own. */
	ck_assert_str_eq(d.rcpts[1].status, "5.0.0");
	bounce_doc_free(&d);
}
END_TEST

static long long
stamp(const char *s, long long now)
{
	long long	 t;

	ck_assert_uint_gt(maillog_stamp(s, strlen(s), now, &t), 0);
	return (t);
}

/* A classic stamp has no year: the one that is not in the future. */
START_TEST(test_year_inference)
{
	/* 2026-01-01 00:00:00 UTC. */
	const long long	 jan1 = 1767225600LL;

	ck_assert_int_eq(stamp("Dec 31 23:00:00 h p: x", jan1), jan1 - 3600);
	ck_assert_int_eq(stamp("Jan  1 12:00:00 h p: x", jan1),
	    jan1 + 12 * 3600);
	/* Two days ahead is last year's: 2025-01-03. */
	ck_assert_int_eq(stamp("Jan  3 00:00:00 h p: x", jan1),
	    jan1 - 363LL * 86400);
	ck_assert_int_eq(stamp("Dec  2 15:06:04 mx1", NOW), NOW - 6836);
	ck_assert_int_eq(stamp("Dec 02 15:06:04.123456 mx1", NOW),
	    NOW - 6836);
}
END_TEST

START_TEST(test_stamps)
{
	long long	 t;

	ck_assert_int_eq(stamp("2026-12-02T15:06:04.123456+00:00 h", 0),
	    NOW - 6836);
	ck_assert_int_eq(stamp("2026-12-02T16:06:04+01:00 h", 0), NOW - 6836);
	ck_assert_int_eq(stamp("2026-12-02T15:06:04+0000 h", 0), NOW - 6836);
	ck_assert_int_eq(stamp("2026-12-02T15:06:04Z h", 0), NOW - 6836);
	ck_assert_int_eq(stamp("2026-12-02 15:06:04 1tX", 0), NOW - 6836);
	ck_assert_int_eq(stamp("2026-12-02 16:06:04 +0100 1tX", 0),
	    NOW - 6836);
	ck_assert_int_eq(stamp("@4000000069300000000001f4 x", 0),
	    0x69300000LL - 10);
	ck_assert_uint_eq(maillog_stamp("Foo  2 15:06:04 h", 17, 0, &t), 0);
	ck_assert_uint_eq(maillog_stamp("2026-13-02T15:06:04Z", 20, 0, &t), 0);
	ck_assert_uint_eq(maillog_stamp("Dec  2 25:06:04 h", 17, 0, &t), 0);
	ck_assert_uint_eq(maillog_stamp("Dec", 3, 0, &t), 0);
}
END_TEST

START_TEST(test_looks_like)
{
	static const char *const yes[] = {
		"Dec  2 15:06:04 mx postfix/smtp[1]: x\n",
		("-- Logs begin at Mon 2026-11-30 --\n"
		    "Dec 02 15:06:04 mx postfix/smtp[1]: x\n"),
		"2026-12-02T15:06:04+00:00 mx postfix/smtp[1]: x\n",
		"2026-12-02 15:06:04 1tXyZa-000123-AB ** a@b: x\n",
		/* Exim's main log opening on the daemon's own words. */
		("2026-12-02 21:35:52 non-existent configuration file(s): "
		    "/etc/exim4/exim4.conf\n"
		    "2026-12-02 21:37:18 Warning: purging the environment.\n"
		    " Suggested action: use keep_environment.\n"
		    "2026-12-02 21:37:18 1tXyZa-000123-AB ** a@b: x\n"),
	};
	static const char *const no[] = {
		("From: MAILER-DAEMON\nSubject: Undelivered\n\nDec  2 15:06:04 "
		    "mx postfix/smtp[1]: x\n"),
		"550 5.1.1 <a@b>: Recipient address rejected\n",
		"",
		"Dec  2 15:06:04 mx\n",
		/* A text that starts with a date is no Exim log. */
		"2026-12-02 15:06:04 the server said: 550 5.1.1 no\n"
		    "2026-12-02 15:06:05 giving up\n",
		/* and an indented line does not stand for a log line. */
		("2026-12-02 15:06:04 the server said: 550 5.1.1 no\n"
		    "  2026-12-02 15:06:04 1tXyZa-000123-AB ** a@b: x\n"),
	};
	size_t	 i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(maillog_looks_like(yes[i], strlen(yes[i])),
		    "%s", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!maillog_looks_like(no[i], strlen(no[i])),
		    "%s", no[i]);
}
END_TEST

static const char line_fail[] =
    "Dec  2 15:06:04 mx1 postfix/smtp[1]: ABCDE%05zu: to=<u%zu@example.com>,"
    " relay=mx.example.com[192.0.2.1]:25, delay=1, delays=0/0/0/1, "
    "dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 "
    "5.1.1 no such user (in reply to RCPT TO command))\n";
static const char line_from[] =
    "Dec  2 15:06:03 mx1 postfix/qmgr[1]: ABCDE%05zu: from=<s%zu@example.org>,"
    " size=1, nrcpt=1 (queue active)\n";

/* The join table keeps the newest MAILLOG_IDS IDs and forgets older ones. */
START_TEST(test_join_bounded)
{
	struct bounce_doc	 d;
	struct buf		 in;
	size_t			 i, n = MAILLOG_IDS + 1000;

	buf_init(&in);
	for (i = 0; i < n; i++)
		buf_printf(&in, line_from, i, i);
	buf_printf(&in, line_fail, (size_t)0, (size_t)0);
	buf_printf(&in, line_fail, n - 1, n - 1);
	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, in.data, in.len, BOUNCE_BRIEF), 2);
	ck_assert_ptr_null(d.rcpts[0].log_sender);
	ck_assert_str_eq(d.rcpts[1].log_sender, "s5095@example.org");
	ck_assert_uint_eq(d.rcpts[1].log_line, n + 2);
	bounce_doc_free(&d);
	buf_free(&in);
}
END_TEST

/* The join holds from one block of a log to the next (BOUNCE_LOG_MORE). */
START_TEST(test_join_across_blocks)
{
	struct bounce_doc	 d;
	struct buf		 a, b;

	buf_init(&a);
	buf_init(&b);
	buf_printf(&a, line_from, (size_t)7, (size_t)7);
	buf_printf(&b, line_fail, (size_t)7, (size_t)7);
	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, a.data, a.len, BOUNCE_BRIEF), 0);
	ck_assert_uint_eq(parse(&d, b.data, b.len, BOUNCE_BRIEF |
	    BOUNCE_LOG_MORE), 1);
	ck_assert_str_eq(d.rcpts[0].log_sender, "s7@example.org");
	ck_assert_uint_eq(d.rcpts[0].log_line, 2);
	/* Without it, a new log: nothing joined, lines from 1. */
	ck_assert_uint_eq(parse(&d, b.data, b.len, BOUNCE_BRIEF), 1);
	ck_assert_ptr_null(d.rcpts[0].log_sender);
	ck_assert_uint_eq(d.rcpts[0].log_line, 1);
	bounce_doc_free(&d);
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* Deliveries and other lines give no record. */
START_TEST(test_successes_skipped)
{
	static const char in[] =
	    "Dec  2 15:06:04 mx1 postfix/smtp[1]: ABCDE00001: to=<a@b.c>, "
	    "relay=mx[192.0.2.1]:25, delay=1, dsn=2.0.0, status=sent (250 ok)\n"
	    "Dec  2 15:06:04 mx1 postfix/qmgr[1]: ABCDE00001: removed\n"
	    "Dec  2 15:06:04 mx1 postfix/smtpd[1]: connect from x[192.0.2.9]\n"
	    "Dec  2 15:06:04 mx1 kernel: status=bounced nonsense\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, in, sizeof in - 1, 0), 0);
	ck_assert_uint_eq(parse(&d, in, sizeof in - 1, BOUNCE_BRIEF), 0);
	bounce_doc_free(&d);
}
END_TEST

/* A 10 MB line is read to its bound, said, and the next line still read. */
START_TEST(test_long_line)
{
	struct bounce_doc	 d;
	struct buf		 in;
	size_t			 i;

	buf_init(&in);
	buf_printf(&in, line_fail, (size_t)1, (size_t)1);
	in.len--;
	for (i = 0; i < 10u << 20; i += 16)
		buf_adds(&in, "x status=deferr ");
	buf_addc(&in, '\n');
	buf_printf(&in, line_fail, (size_t)2, (size_t)2);
	bounce_doc_init(&d);
	ck_assert_uint_eq(parse(&d, in.data, in.len, BOUNCE_BRIEF), 2);
	ck_assert(d.truncated);
	ck_assert(d.cut & BOUNCE_CUT_LINE);
	ck_assert_str_eq(d.rcpts[1].recipient, "u2@example.com");
	ck_assert_uint_eq(d.rcpts[1].log_line, 2);
	ck_assert_uint_lt(strlen(d.rcpts[0].diagnostic), MAILLOG_MAX_LINE);
	bounce_doc_free(&d);
	buf_free(&in);
}
END_TEST

/* Binary bytes between lines and invalid UTF-8 in a reply. */
START_TEST(test_garbage)
{
	struct bounce_doc	 d;
	struct buf		 in;
	size_t			 i;
	unsigned		 x = 12345;

	buf_init(&in);
	buf_printf(&in, line_fail, (size_t)1, (size_t)1);
	/* The log is told by its first lines; the garbage comes later. */
	for (i = 0; i < 8; i++)
		buf_printf(&in, line_from, i, i);
	for (i = 0; i < 100000; i++) {
		x = x * 1103515245u + 12345u;
		buf_addc(&in, (char)(x >> 16));
	}
	buf_adds(&in, "\n");
	buf_adds(&in, "Dec  2 15:06:04 mx1 postfix/smtp[1]: ABCDE00003: "
	    "to=<u3@example.com>, relay=mx[192.0.2.1]:25, dsn=5.1.1, "
	    "status=bounced (host mx[192.0.2.1] said: 550 5.1.1 \xff\xfe\xc3"
	    " \x1b[31m\xe2\x80\xae bad (in reply to RCPT TO command))\n");
	buf_printf(&in, line_fail, (size_t)2, (size_t)2);
	bounce_doc_init(&d);
	ck_assert_uint_ge(parse(&d, in.data, in.len, 0), 3);
	ck_assert_str_eq(d.rcpts[0].recipient, "u1@example.com");
	ck_assert_str_eq(d.rcpts[d.nrcpts - 1].recipient, "u2@example.com");
	for (i = 0; i < d.nrcpts; i++) {
		const struct bounce_rcpt *r = &d.rcpts[i];

		ck_assert(utf8_valid(r->recipient, strlen(r->recipient),
		    NULL));
		if (r->diagnostic != NULL)
			ck_assert(utf8_valid(r->diagnostic,
			    strlen(r->diagnostic), NULL));
	}
	ck_assert(utf8_valid(d.text.data, d.text.len, NULL));
	bounce_doc_free(&d);
	buf_free(&in);
}
END_TEST

/* The paste box's highlights: field names, recipient, host, IP, codes. */
START_TEST(test_spans)
{
	struct bounce_doc	 d;
	size_t			 i;
	int			 seen[SPAN__COUNT];

	memset(seen, 0, sizeof seen);
	bounce_doc_init(&d);
	parse_sample(&d, "postfix-four.log", BOUNCE_SPANS);
	for (i = 0; i < d.nspans; i++) {
		const struct span *s = &d.spans[i];
		const char *t = d.text.data + s->off;

		ck_assert_uint_le(s->off + s->len, d.text.len);
		seen[s->kind] = 1;
		if (s->kind == SPAN_FIELD_NAME)
			ck_assert((s->len == 3 && strncmp(t, "to=", 3) == 0) ||
			    (s->len == 7 && strncmp(t, "status=", 7) == 0));
		if (s->kind == SPAN_IP && strncmp(t, "142.", 4) == 0)
			ck_assert(strncmp(t, "142.250.102.27", s->len) == 0);
	}
	ck_assert(seen[SPAN_FIELD_NAME] && seen[SPAN_RECIPIENT] &&
	    seen[SPAN_HOST] && seen[SPAN_IP] && seen[SPAN_STATUS] &&
	    seen[SPAN_REPLY] && seen[SPAN_DIAGNOSTIC]);
	/* The whole log is the text the paste box shows. */
	ck_assert_ptr_nonnull(strstr(d.text.data, "(queue active)"));
	bounce_doc_free(&d);
}
END_TEST

/* Every sample's field names are the keys of its MTA's log. */
START_TEST(test_field_names)
{
	static const char *const names[] = {
		"to=", "status=", "stat=", "result=", "RCPT", "**", "==",
		"failure", "deferral", "reject=",
	};
	struct bounce_doc	 d;
	size_t			 i, k;
	int			 ok, n = 0;

	bounce_doc_init(&d);
	parse_sample(&d, counts[_i].file, BOUNCE_SPANS);
	for (i = 0; i < d.nspans; i++) {
		const struct span *s = &d.spans[i];

		ck_assert_uint_le(s->off + s->len, d.text.len);
		if (s->kind != SPAN_FIELD_NAME)
			continue;
		for (k = 0, ok = 0; k < sizeof names / sizeof names[0]; k++)
			ok |= s->len == strlen(names[k]) &&
			    memcmp(d.text.data + s->off, names[k], s->len) == 0;
		ck_assert_msg(ok, "%s: %.*s", counts[_i].file, (int)s->len,
		    d.text.data + s->off);
		n++;
	}
	ck_assert_int_gt(n, 0);
	bounce_doc_free(&d);
}
END_TEST

/* The paste box: a record per line, each saying where in the log. */
START_TEST(test_paste_box)
{
	struct presult	*r;
	struct rdoc	 d;
	size_t		 len, i;
	char		*s = sample("postfix-four.log", &len);
	int		 logline = 0, remote = 0;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(), s, len,
	    NULL, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(presult_blocks(r), 4);
	rdoc_init(&d);
	presult_render(r, 0, 80, &d);
	for (i = 0; i < d.n; i++) {
		logline |= strstr(d.v[i].text, "queue 4F2A81234B") != NULL;
		remote |= strstr(d.v[i].text, "[142.250.102.27]") != NULL;
	}
	ck_assert(logline && remote);
	rdoc_free(&d);
	presult_free(r);
	free(s);
}
END_TEST

static Suite *
maillog_suite(void)
{
	Suite	*s = suite_create("maillog");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_counts, 0,
	    sizeof counts / sizeof counts[0]);
	tcase_add_loop_test(tc, test_fields, 0,
	    sizeof wants / sizeof wants[0]);
	tcase_add_test(tc, test_multiline_reply);
	tcase_add_test(tc, test_status_refined);
	tcase_add_test(tc, test_sendmail_reply_field);
	tcase_add_test(tc, test_year_inference);
	tcase_add_test(tc, test_stamps);
	tcase_add_test(tc, test_looks_like);
	tcase_add_test(tc, test_join_bounded);
	tcase_add_test(tc, test_join_across_blocks);
	tcase_add_test(tc, test_successes_skipped);
	tcase_add_test(tc, test_long_line);
	tcase_add_test(tc, test_garbage);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_paste_box);
	tcase_add_loop_test(tc, test_field_names, 0,
	    sizeof counts / sizeof counts[0]);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(maillog_suite()));
}
