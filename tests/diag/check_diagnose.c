/* Tests of the rules loader and the verdicts. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "base/datadir.h"
#include "diagnose/diagnose.h"
#include "diagutil.h"
#include "../unit/testutil.h"
#include "diagnose/rules.h"

static const struct {
	const char	*file;
	const char	*reason;
	const char	*provider;	/* substring, or NULL */
	int		 permanent;
} verdicts[] = {
	{ "postfix.eml", "userunknown", NULL, 1 },
	{ "exim.eml", "mailboxfull", "Exim", 1 },
	{ "sendmail.eml", "blocked", NULL, 1 },
	{ "sendmail-hostunknown.eml", "hostunknown", NULL, 1 },
	{ "qmail.eml", "userunknown", "qmail", 1 },
	{ "gmail-spf.eml", "authfailure", "Gmail", 1 },
	{ "o365.eml", "userunknown", "Microsoft", 1 },
	{ "yahoo.eml", "blocked", "Yahoo", 0 },
	{ "opensmtpd.eml", "mailboxfull", NULL, 1 },
	{ "vacation.eml", "vacation", NULL, 0 },
	{ "arf.eml", "feedback", NULL, 0 },
	{ "jmrp.eml", "feedback", "Microsoft", 0 },
	{ "fml-notmember.eml", "rejected", "fml", 1 },
	{ "vzwpix.eml", "userunknown", "Verizon", 1 },
};

/* Diagnose the one record of text, parsed into d. */
static void
diagnose_one(struct bounce_doc *d, const char *text, struct verdict *v,
    struct arena *a)
{
	ck_assert_uint_eq(bounce_parse(d, text, strlen(text), NULL, 0), 1);
	diagnose(shipped_rules(), NULL, d, 0, v, a);
}

START_TEST(test_verdicts)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;

	arena_init(&a);
	ck_assert_uint_eq(parse_sample(verdicts[_i].file, &d, 0), 1);
	diagnose(shipped_rules(), NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, verdicts[_i].reason);
	ck_assert_int_eq(v.permanent, verdicts[_i].permanent);
	if (verdicts[_i].provider != NULL) {
		ck_assert_ptr_nonnull(v.provider);
		ck_assert(strstr(v.provider, verdicts[_i].provider) != NULL);
	}
	ck_assert_uint_gt(v.nevidence, 0);
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

START_TEST(test_gmail_steps_and_codes)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	struct catalog		 c;
	struct load_error	 err;
	size_t			 i;
	int			 dig = 0;

	catalog_init(&c);
	ck_assert_int_eq(catalog_load_path(&c, TEST_DATADIR, &err), 0);
	arena_init(&a);
	parse_sample("gmail-spf.eml", &d, 0);
	diagnose(shipped_rules(), &c, &d, 0, &v, &a);
	for (i = 0; i < v.nsteps; i++)
		dig += strstr(v.steps[i], "dig +short TXT") != NULL;
	ck_assert_int_ge(dig, 2);
	ck_assert_uint_gt(v.ncodes, 0);
	ck_assert_str_eq(v.status, "5.7.26");
	ck_assert(!v.status_derived);
	bounce_doc_free(&d);
	arena_free(&a);
	catalog_free(&c);
}
END_TEST

START_TEST(test_pseudo_status)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: failure notice\n\n<q@example.com>:\nmailbox is full\n";

	arena_init(&a);
	bounce_doc_init(&d);
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "mailboxfull");
	ck_assert_str_eq(v.status, "5.0.922");
	ck_assert(v.status_derived);
	ck_assert_ptr_nonnull(v.retry_note);
	/* Temporary: 4.0.922; but Sisimai has no temporary 9NN code for
	 * an unknown user ('pseudo-temporary: no'): 5.0.911. */
	s = "From: MAILER-DAEMON@x.example\nSubject: Warning: could not "
	    "send message for past 4 hours\n\n<q@example.com>:\n"
	    "mailbox is full (temporary failure, will be retried)\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "mailboxfull");
	ck_assert_str_eq(v.status, "4.0.922");
	/* "Persistent" failure is RFC 3463's word for temporary. */
	s = "From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n"
	    "<q@example.com>:\nmailbox is full (persistent failure)\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.status, "4.0.922");
	ck_assert(!v.permanent);
	/*
	 * A full mailbox is usually transient, but "a permanent error"
	 * means the server gave up: nobody retries unless the sender does.
	 */
	s = "From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n"
	    "<q@example.com>:\nmailbox is full: retry timeout exceeded; "
	    "this is a permanent error\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.status, "5.0.922");
	ck_assert(v.permanent);
	ck_assert_int_ne(v.retry, RETRY_AUTO);
	s = "From: MAILER-DAEMON@x.example\nSubject: Warning: could not "
	    "send message for past 4 hours\n\n<q@example.com>:\n"
	    "450 no such user here (in reply to RCPT TO command)\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "userunknown");
	ck_assert(!v.permanent);
	ck_assert_str_eq(v.status, "5.0.911");
	ck_assert(v.status_derived);
	/*
	 * Words nobody recognises and no code: whether the failure is
	 * permanent is not known, and not guessed; a 4xx says it is not.
	 */
	s = "From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n"
	    "<q@example.com>:\nthe frobnicator said no\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "onhold");
	ck_assert(v.permanence_unknown);
	ck_assert_int_ne(v.retry, RETRY_AUTO);
	s = "450 the frobnicator said no\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "onhold");
	ck_assert(!v.permanence_unknown);
	ck_assert(!v.permanent);
	ck_assert_int_eq(v.retry, RETRY_AUTO);
	/* Exchange's failure notice, no code: a failure, not a delay. */
	s = "From: postmaster@mail.example\nSubject: Undeliverable: hi\n\n"
	    "Delivery to the following recipients failed.\n\n"
	    "       q@example.com\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert(v.permanent);
	ck_assert_int_ne(v.retry, RETRY_AUTO);
	/*
	 * The reply code and its enhanced code disagree (maddy's 450
	 * 5.7.0): the sending MTA retries on a 4yz, whatever follows it.
	 */
	s = "450 5.7.0 DNS error during policy check\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert(!v.permanent);
	s = "550 4.7.1 Refused\n";
	diagnose_one(&d, s, &v, &a);
	ck_assert(v.permanent);
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

/* One recipient's error line in a minimal report, and what it means. */
static const struct {
	const char	*line;
	const char	*reason;
} wording[] = {
	{ "550 5.5.0 Invalid recipient. LPN007_416", "userunknown" },
	{ "421 Host not reachable. Message will be retried for 4 more day(s)",
	    "expired" },
	{ "421 Service refused, please try later. OFR_999 [999]", "blocked" },
	{ "550 5.7.1 Client host rejected LPN000_630", "policyviolation" },
	{ "host mx.example.com[192.0.2.1] said: 550 Rejected (in reply to "
	    "EHLO command)", "blocked" },
	{ "500 Line limit exceeded", "emailtoolarge" },
	{ "550 5.4.1 All recipient addresses rejected : Access denied "
	    "(in reply to end of DATA command)", "rejected" },
	{ "The error that the other server returned was: 500 Remote server "
	    "does not support TLS (state 6).", "failedstarttls" },
	{ "550 5.2.0 <q@example.com> From: Domain is invalid. Please provide "
	    "a valid From:", "rejected" },
	{ "host mx.mimecast.com[192.0.2.9] said: 554 email rejected due to "
	    "security policies - MCSpamSignature.sa.2.2", "virusdetected" },
	{ "554 Host network not allowed - https://community.mimecast.com/",
	    "policyviolation" },
	{ "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required",
	    "securityerror" },
	{ "host mx.example.net [192.0.2.2] SMTP error from remote mail server "
	    "after end of data: 553 neko.example.com does not exist",
	    "hostunknown" },
	{ "500 5.6.1 Message content rejected", "contenterror" },
	{ "SMTP:RCPT host 192.0.2.8: 553 5.3.0 <q@example.com>... No such "
	    "user here", "userunknown" },
	{ "host mfsmax.docomo.ne.jp[192.0.2.3] said: 550 Unknown user "
	    "q@example.com (in reply to end of DATA command)", "rejected" },
	/* Gmail's "Send mail as": its link says Denied, nothing is blocked. */
	{ "You're sending this from a different address or alias using the "
	    "'Send mail as' feature. Learn more here: "
	    "https://support.google.com/mail/?p=CustomFromDenied",
	    "securityerror" },
	/*
	 * Sendmail's "... User unknown" names no SMTP stage by itself: the
	 * words decide, not X.2.1's default (filtered).
	 */
	{ "550 5.2.1 <q@example.com>... User Unknown", "userunknown" },
};

START_TEST(test_wording)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	struct buf		 b;

	buf_init(&b);
	buf_printf(&b, "From: MAILER-DAEMON@x.example\nSubject: failure "
	    "notice\n\n<q@example.com>:\n%s\n", wording[_i].line);
	arena_init(&a);
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, b.data, b.len, NULL, 0), 1);
	diagnose(shipped_rules(), NULL, &d, 0, &v, &a);
	ck_assert_msg(strcmp(v.reason, wording[_i].reason) == 0,
	    "%s: %s, not %s", wording[_i].line, v.reason, wording[_i].reason);
	bounce_doc_free(&d);
	arena_free(&a);
	buf_free(&b);
}
END_TEST

static const struct {
	const char	*text;
	unsigned	 line;
	const char	*message;
} bad[] = {
	{ "rule: a\nmatch: x\nreasn: blocked\n", 3, "unknown field 'reasn'" },
	{ "rule: a\nmatch: (x\nreason: blocked\n", 2, "bad pattern at offset" },
	{ "rule: a\nreason: blocked\n", 1, "has no condition" },
	{ "rule: a\nmatch: x\n", 1, "neither" },
	{ "# ok\nrule: a\nmatch: \xff\nreason: x\n", 3, "invalid UTF-8" },
	{ "rule: a\nstatus: 5.1\nreason: x\n", 2, "not a status pattern" },
	{ "reason: x\ntitle: t\nretry: never\n", 1, "needs 'permanent'" },
	{ "rule: a\nmatch: x\nrule: b\n", 3, "must start a new stanza" },
	{ "rule: a\nmatch: x\nformat: f\n", 1, "needs a 'match' in headers" },
	{ "rule: a\nmatch: ^x-a:\nin: headers\nformat: f\nreason: x\n", 1,
	    "its only other fields" },
	{ "rule: a\nmatch: x\nin: body\nreason: x\n", 3, "'in' must be" },
	{ "rule: a\nmatch: x\nprovider: p\ntitle: t\n", 1,
	    "gives a title: it needs a 'reason'" },
};

/*
 * A delay notice is no bounce yet: the verdict says so, the sending
 * server retries whatever the reason, and a delay with no reason in its
 * words gets the steps of a delay, not those of a message given up on.
 */
START_TEST(test_delay_notice_verdict)
{
	static const char full[] =
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: Delayed Mail (still being retried)\n"
	    "Content-Type: multipart/report; report-type=delivery-status;"
	    " boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Final-Recipient: rfc822; bob@example.net\nAction: delayed\n"
	    "Status: 4.2.2\n"
	    "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\n\n--b--\n";
	static const char bare[] =
	    "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: Delayed Mail (still being retried)\n"
	    "Content-Type: multipart/report; report-type=delivery-status;"
	    " boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Final-Recipient: rfc822; bob@example.net\nAction: delayed\n"
	    "Status: 4.4.1\n\n--b--\n";
	const struct reason_def	*rd;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;

	arena_init(&a);
	bounce_doc_init(&d);
	diagnose_one(&d, full, &v, &a);
	ck_assert_str_eq(v.reason, "mailboxfull");
	ck_assert_int_eq(v.delayed, 1);
	ck_assert_int_eq(v.permanent, 0);
	ck_assert_int_eq(v.retry, RETRY_AUTO);
	diagnose_one(&d, bare, &v, &a);
	ck_assert_str_eq(v.reason, "expired");
	ck_assert_int_eq(v.delayed, 1);
	ck_assert_int_eq(v.retry, RETRY_AUTO);
	rd = rules_reason(shipped_rules(), "expired");
	ck_assert_ptr_nonnull(rd->delayed_title);
	ck_assert_str_eq(v.reason_title, rd->delayed_title);
	ck_assert_uint_eq(v.nsteps, rd->ndelayed_steps);
	ck_assert_str_eq(v.steps[0], rd->delayed_steps[0]);
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

/* Greylisting is a deferral to wait out, with steps of its own. */
START_TEST(test_greylisting)
{
	static const char text[] =
	    "From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n"
	    "<q@example.com>:\n450 4.7.1 <q@example.com>: Recipient address "
	    "rejected: Greylisting in action, please come back in 00:05:00\n";
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;

	arena_init(&a);
	bounce_doc_init(&d);
	diagnose_one(&d, text, &v, &a);
	ck_assert_str_eq(v.reason, "blocked");
	ck_assert_ptr_nonnull(v.rule);
	ck_assert_str_eq(v.rule->id, "greylisting");
	ck_assert_str_eq(v.reason_title, v.rule->title);
	ck_assert_int_eq(v.permanent, 0);
	ck_assert_uint_gt(v.nsteps, 0);
	ck_assert_ptr_nonnull(strstr(v.steps[0], "greylisting"));
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

/* A local program's failure is told by the Diagnostic-Code's type. */
START_TEST(test_diagnostic_type)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Undelivered Mail\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"B\"\n\n--B\nContent-Type: message/delivery-status\n"
	    "\nReporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; "
	    "q@example.com\nAction: failed\nStatus: 4.3.0\n"
	    "Diagnostic-Code: x-unix; temporary failure\n\n--B--\n";

	arena_init(&a);
	bounce_doc_init(&d);
	diagnose_one(&d, s, &v, &a);
	ck_assert_str_eq(v.reason, "mailererror");
	ck_assert(!v.permanent);
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

/* A DSN whose recipient is a program: the pipe failed. */
START_TEST(test_pipe_recipient)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*s = "From: Mail Delivery System "
	    "<Mailer-Daemon@x.example>\nSubject: Mail delivery failed\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"B\"\n\n--B\n\n"
	    "A message that you sent could not be delivered.\n\n--B\n"
	    "Content-Type: message/delivery-status\n\nReporting-MTA: dns; "
	    "x.example\n\nAction: failed\nFinal-Recipient: rfc822;|/usr/bin/"
	    "prog q@example.com\nStatus: 5.0.0\n\n--B--\n";

	arena_init(&a);
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, 0), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "q@example.com");
	diagnose(shipped_rules(), NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "mailererror");
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

START_TEST(test_load_errors)
{
	struct rules		 rs;
	struct load_error	 err;

	rules_init(&rs);
	ck_assert_int_eq(rules_parse(&rs, "t.txt", bad[_i].text,
	    strlen(bad[_i].text), &err), -1);
	ck_assert_str_eq(err.file, "t.txt");
	ck_assert_uint_eq(err.line, bad[_i].line);
	ck_assert_msg(strstr(err.message, bad[_i].message) != NULL, "%s",
	    err.message);
	rules_free(&rs);
}
END_TEST

START_TEST(test_unknown_reason)
{
	struct rules		 rs;
	struct load_error	 err;
	const char		*t = "rule: a\nmatch: x\nreason: nosuch\n";

	rules_init(&rs);
	ck_assert_int_eq(rules_parse(&rs, "t.txt", t, strlen(t), &err), 0);
	ck_assert_int_eq(rules_check(&rs, &err), -1);
	ck_assert(strstr(err.message, "nosuch") != NULL);
	rules_free(&rs);
}
END_TEST

START_TEST(test_new_provider_is_data)
{
	struct rules		 rs;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*t =
	    "reason: blocked\ntitle: Blocked\npermanent: yes\nretry: never\n\n"
	    "rule: acme\nmatch: ACME-\\d+ refused\nreason: blocked\n"
	    "provider: Acme Mail\nstep: Ask Acme.\n";
	const char		*s = "554 ACME-42 refused <r@example.com>";

	rules_from_text(&rs, t);
	bounce_doc_init(&d);
	arena_init(&a);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, 0), 1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "blocked");
	ck_assert_str_eq(v.provider, "Acme Mail");
	ck_assert_str_eq(v.steps[0], "Ask Acme.");
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&rs);
}
END_TEST

/* A rules file with CRLF line ends reads as its LF form, as a catalogue does. */
START_TEST(test_crlf_rules)
{
	struct rules		 rs;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*t =
	    "# CRLF\r\nreason: blocked\r\ntitle: Blocked\r\npermanent: yes\r\n"
	    "retry: never\r\n\r\nrule: acme\r\nmatch: ACME-\\d+ refused\r\n"
	    "reason: blocked\r\nprovider: Acme Mail\r\nstep: Ask\r\n  Acme.\r\n";
	const char		*s = "554 ACME-42 refused <r@example.com>";

	rules_from_text(&rs, t);
	bounce_doc_init(&d);
	arena_init(&a);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, 0), 1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "blocked");
	ck_assert_str_eq(v.provider, "Acme Mail");
	ck_assert_str_eq(v.steps[0], "Ask Acme.");
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&rs);
}
END_TEST

/*
 * Without a code, "temporary" and "permanent error" tell the class only
 * through the rules that say so: without them, the reason's default.
 */
START_TEST(test_class_is_data)
{
	const char		*reasons = "reason: mailboxfull\ntitle: Full\n"
	    "permanent: yes\nretry: auto\npseudo-status: 922\n\n"
	    "rule: full\nmatch: mailbox is full\nreason: mailboxfull\n";
	const char		*classes = "\nrule: temp\nmatch: temporar\n"
	    "class: 4\n\nrule: perm\nmatch: permanent error\nclass: 5\n";
	const char		*tmp = "From: MAILER-DAEMON@x.example\n"
	    "Subject: failure notice\n\n<q@example.com>:\n"
	    "mailbox is full (temporary failure)\n";
	struct rules		 bare, full;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	struct buf		 t;
	size_t			 i;

	buf_init(&t);
	buf_printf(&t, "%s%s", reasons, classes);
	rules_from_text(&bare, reasons);
	rules_from_text(&full, t.data);
	arena_init(&a);
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, tmp, strlen(tmp), NULL, 0), 1);
	ck_assert_str_eq(d.rcpts[0].status, "");
	ck_assert_int_eq(d.rcpts[0].reply_code, 0);
	diagnose(&bare, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "mailboxfull");
	ck_assert(v.permanent);
	ck_assert_str_eq(v.status, "5.0.922");
	diagnose(&full, NULL, &d, 0, &v, &a);
	ck_assert(!v.permanent);
	ck_assert_str_eq(v.status, "4.0.922");
	for (i = 0; i < v.nevidence; i++)
		if (strstr(v.evidence[i], "class 4 from rule temp (t.txt:") !=
		    NULL)
			break;
	ck_assert_msg(i < v.nevidence, "no evidence of the class rule");
	/* The shipped rules say the same. */
	diagnose(shipped_rules(), NULL, &d, 0, &v, &a);
	ck_assert(!v.permanent);
	ck_assert_str_eq(v.status, "4.0.922");
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&bare);
	rules_free(&full);
	buf_free(&t);
}
END_TEST

/* A class rule decides nothing else, and needs words to match. */
START_TEST(test_class_rule_errors)
{
	static const struct {
		const char	*text;
		const char	*message;
	} bad_class[] = {
		{ "rule: a\nmatch: x\nclass: 3\n", "'class' must be 4 or 5" },
		{ "rule: a\nreply: 55x\nclass: 5\n", "needs a 'match'" },
		{ "rule: a\nmatch: x\nclass: 5\nreason: b\n", "sets no reason" },
	};
	struct rules		 rs;
	struct load_error	 err;
	size_t			 i;

	for (i = 0; i < sizeof bad_class / sizeof bad_class[0]; i++) {
		rules_init(&rs);
		ck_assert_int_eq(rules_parse(&rs, "t.txt", bad_class[i].text,
		    strlen(bad_class[i].text), &err), -1);
		ck_assert_msg(strstr(err.message, bad_class[i].message) !=
		    NULL, "%s", err.message);
		rules_free(&rs);
	}
}
END_TEST

/* A report format is told by the header, and rules may test it. */
START_TEST(test_format_is_data)
{
	struct rules		 rs;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*t =
	    "reason: userunknown\ntitle: U\npermanent: yes\nretry: never\n\n"
	    "reason: filtered\ntitle: F\npermanent: yes\nretry: never\n\n"
	    "rule: acme-format\nmatch: ^x-acme-gateway:\\s*v[0-9]\nin: headers\n"
	    "format: acme\n\n"
	    "rule: acme-nouser\nagent: acme\nmatch: no such user\n"
	    "reason: userunknown\n\n"
	    "rule: nouser\nmatch: no such user\nreason: filtered\n";
	const char		*with = "From: postmaster@x.example\n"
	    "Subject: Returned mail\nX-Acme-Gateway: v2\n\n"
	    "<q@example.com>:\n550 No such user\n";
	const char		*without = "From: postmaster@x.example\n"
	    "Subject: Returned mail\nX-Other: x-acme-gateway: v2\n\n"
	    "<q@example.com>:\n550 No such user\n";

	rules_from_text(&rs, t);
	bounce_doc_init(&d);
	arena_init(&a);
	ck_assert_uint_eq(bounce_parse(&d, with, strlen(with), NULL, 0), 1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "userunknown");
	ck_assert_str_eq(v.format, "acme");
	/* Same doc, next parse: the format is found again, not remembered. */
	ck_assert_uint_eq(bounce_parse(&d, without, strlen(without), NULL, 0),
	    1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "filtered");
	ck_assert_ptr_null(v.format);
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&rs);
}
END_TEST

/* A DSN group's own extra fields are read per recipient by 'in: dsn'. */
START_TEST(test_dsn_extra_field)
{
	struct rules		 rs;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*t =
	    "reason: userunknown\ntitle: U\npermanent: yes\nretry: never\n\n"
	    "reason: mailboxfull\ntitle: M\npermanent: no\nretry: auto\n\n"
	    "reason: filtered\ntitle: F\npermanent: yes\nretry: never\n\n"
	    "rule: cat-mailbox\nmatch: ^x-acme-category:\\s*bad-mailbox$\n"
	    "in: dsn\nreason: userunknown\n\n"
	    "rule: cat-quota\nmatch: ^x-acme-category:\\s*quota$\n"
	    "in: dsn\nreason: mailboxfull\n\n"
	    "rule: other\nmatch: user\nreason: filtered\n";
	const char		*s = "From: postmaster@x.example\n"
	    "Subject: Delivery report\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nFailed.\n"
	    "--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns;mx.example\nX-Acme-Category: quota\n\n"
	    "Final-Recipient: rfc822;p@example.com\nAction: failed\n"
	    "Status: 5.2.1\nDiagnostic-Code: smtp;550 5.2.1 User Unknown\n"
	    "X-Acme-Category: bad-mailbox\n\n"
	    "Final-Recipient: rfc822;q@example.com\nAction: failed\n"
	    "Status: 5.2.2\nX-Acme-Category: quota\n"
	    "Diagnostic-Code: smtp;552 5.2.2 user over quota\n\n"
	    "Final-Recipient: rfc822;r@example.com\nAction: failed\n"
	    "Status: 5.2.1\nDiagnostic-Code: smtp;550 5.2.1 User Unknown\n"
	    "\n--b--\n";

	rules_from_text(&rs, t);
	bounce_doc_init(&d);
	arena_init(&a);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, 0), 3);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "userunknown");
	diagnose(&rs, NULL, &d, 1, &v, &a);
	ck_assert_str_eq(v.reason, "mailboxfull");
	/* The per-message field is no recipient's. */
	ck_assert_ptr_null(d.rcpts[2].dsn_extra);
	diagnose(&rs, NULL, &d, 2, &v, &a);
	ck_assert_str_eq(v.reason, "filtered");
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&rs);
}
END_TEST

/* 'in: message' reads the report's own text, not the returned message. */
START_TEST(test_message_text_field)
{
	struct rules		 rs;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*t =
	    "reason: userunknown\ntitle: U\npermanent: yes\nretry: never\n\n"
	    "reason: suspend\ntitle: S\npermanent: yes\nretry: never\n\n"
	    "rule: off\nmatch: ^the account is switched off\\.$\n"
	    "in: message\nreason: suspend\n\n"
	    "rule: nouser\nmatch: user unknown\nreason: userunknown\n";
	const char		*head = "From: postmaster@x.example\n"
	    "Subject: Returned mail\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\n\nThis is a MIME-encapsulated message.\n\n"
	    "--b\nContent-Type: text/plain\n\n";
	const char		*mid = "<q@example.com>: 550 user unknown\n"
	    "--b\nContent-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822;q@example.com\nAction: failed\n"
	    "Status: 5.0.0\n\n--b\nContent-Type: message/rfc822\n\n"
	    "From: s@example.org\nSubject: hi\n\n";
	char			 s[2048];

	rules_from_text(&rs, t);
	bounce_doc_init(&d);
	arena_init(&a);
	/* Above the recipient line, after a MIME preamble. */
	snprintf(s, sizeof s, "%s%s%s%s\n--b--\n", head,
	    "The account is switched off.\n\n", mid, "");
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "suspend");
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_SPANS),
	    1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "suspend");
	/* In the returned message: not the report's words. */
	snprintf(s, sizeof s, "%s%s%s%s\n--b--\n", head, "", mid,
	    "The account is switched off.");
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, 0), 1);
	diagnose(&rs, NULL, &d, 0, &v, &a);
	ck_assert_str_eq(v.reason, "userunknown");
	bounce_doc_free(&d);
	arena_free(&a);
	rules_free(&rs);
}
END_TEST

/* The shipped formats: these products' notices name no SMTP stage. */
static const struct {
	const char	*msg;
	const char	*format;
	const char	*reason;
} formats[] = {
	{ "From: \"Postmaster\" <postmaster@x.example>\n"
	    "Subject: Undeliverable Mail\nX-Mailer: <SMTP32 v8.12>\n\n"
	    "Unknown user: q@example.com\n\nOriginal message follows.\n",
	    "imailserver", "userunknown" },
	{ "From: postmaster@x.example (\"InterScan Notification\")\n"
	    "Subject: Mail could not be delivered\n\n"
	    "Reason: Unable to deliver message to <q@example.com> (and other "
	    "recipients in the same domain).\n", "interscanmss",
	    "userunknown" },
};

START_TEST(test_shipped_format)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	const char		*s = formats[_i].msg;

	arena_init(&a);
	bounce_doc_init(&d);
	diagnose_one(&d, s, &v, &a);
	ck_assert_ptr_nonnull(v.format);
	ck_assert_str_eq(v.format, formats[_i].format);
	ck_assert_str_eq(v.reason, formats[_i].reason);
	bounce_doc_free(&d);
	arena_free(&a);
}
END_TEST

static Suite *
diagnose_suite(void)
{
	Suite	*s = suite_create("diagnose");
	TCase	*tc = tcase_create("verdicts");
	TCase	*tl = tcase_create("loader");

	tcase_add_loop_test(tc, test_verdicts, 0,
	    sizeof verdicts / sizeof verdicts[0]);
	tcase_add_test(tc, test_gmail_steps_and_codes);
	tcase_add_test(tc, test_pseudo_status);
	tcase_add_test(tc, test_diagnostic_type);
	tcase_add_test(tc, test_delay_notice_verdict);
	tcase_add_test(tc, test_greylisting);
	tcase_add_test(tc, test_pipe_recipient);
	tcase_add_loop_test(tc, test_wording, 0,
	    sizeof wording / sizeof wording[0]);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tl, test_load_errors, 0, sizeof bad / sizeof bad[0]);
	tcase_add_test(tl, test_unknown_reason);
	tcase_add_test(tl, test_new_provider_is_data);
	tcase_add_test(tl, test_crlf_rules);
	tcase_add_test(tl, test_class_is_data);
	tcase_add_test(tl, test_class_rule_errors);
	tcase_add_test(tl, test_format_is_data);
	tcase_add_test(tl, test_dsn_extra_field);
	tcase_add_test(tl, test_message_text_field);
	tcase_add_loop_test(tc, test_shipped_format, 0,
	    sizeof formats / sizeof formats[0]);
	suite_add_tcase(s, tl);
	return (s);
}

int
main(void)
{
	return (run_suite(diagnose_suite()));
}
