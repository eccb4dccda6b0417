/* Tests of the bounce parser: every MTA family, record fields, spans. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "diagutil.h"
#include "../unit/testutil.h"

/* The records of text, read as the CLI reads a file (BOUNCE_BRIEF). */
static size_t
parse_brief(struct bounce_doc *d, const char *text)
{
	return (bounce_parse(d, text, strlen(text), NULL, BOUNCE_BRIEF));
}

/* Record i names rcpt; with status when status is not NULL. */
static void
expect_rcpt(const struct bounce_doc *d, size_t i, const char *rcpt,
    const char *status)
{
	ck_assert_uint_gt(d->nrcpts, i);
	ck_assert_str_eq(d->rcpts[i].recipient, rcpt);
	if (status != NULL)
		ck_assert_str_eq(d->rcpts[i].status, status);
}

static const struct {
	const char	*file;
	const char	*rcpt;
	const char	*status;
	int		 reply;
	enum msg_kind	 kind;
} samples[] = {
	{ "postfix.eml", "bob@example.net", "5.1.1", 550, MSG_BOUNCE },
	{ "exim.eml", "carol@example.com", "5.2.2", 552, MSG_BOUNCE },
	{ "sendmail.eml", "dave@example.com", "5.7.1", 550, MSG_BOUNCE },
	{ "sendmail-hostunknown.eml", "rosa@nohost.example", "5.1.2", 550,
	    MSG_BOUNCE },
	{ "qmail.eml", "erin@example.net", "5.1.1", 550, MSG_BOUNCE },
	{ "gmail-spf.eml", "frank@gmail.com", "5.7.26", 550, MSG_BOUNCE },
	{ "o365.eml", "grace@example.com", "5.1.10", 550, MSG_BOUNCE },
	{ "yahoo.eml", "heidi@yahoo.com", "4.7.0", 421, MSG_BOUNCE },
	{ "courier.eml", "ivan@example.com", "5.1.1", 550, MSG_BOUNCE },
	{ "opensmtpd.eml", "judy@example.com", "5.2.2", 550, MSG_BOUNCE },
	{ "iso2022jp-crlf.eml", "olivia@example.jp", "5.2.2", 550,
	    MSG_BOUNCE },
	{ "vacation.eml", "mallory@example.com", "", 0, MSG_AUTOREPLY },
	{ "arf.eml", "niaj@example.net", "", 0, MSG_FEEDBACK },
	/*
	 * Microsoft's JMRP: no feedback-report part, the complainant named
	 * by the attached copy's X-HmXmrOriginalRecipient (its To says
	 * nothing).
	 */
	{ "jmrp.eml", "uma@hotmail.com", "", 0, MSG_FEEDBACK },
	{ "forwarded-dsn.eml", "pat@example.org", "5.1.1", 550, MSG_BOUNCE },
	/* An MMS gateway's notice: the copy under "Original Message:". */
	{ "vzwpix.eml", "2025550143@vzwpix.com", "", 0, MSG_BOUNCE },
	/* A list manager refused the post: the list is who refused. */
	{ "fml-notmember.eml", "bikes@lists.example.org", "", 0, MSG_BOUNCE },
};

START_TEST(test_samples)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample(samples[_i].file, &d, 0), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, samples[_i].rcpt);
	ck_assert_str_eq(d.rcpts[0].status, samples[_i].status);
	ck_assert_int_eq(d.rcpts[0].reply_code, samples[_i].reply);
	ck_assert_int_eq(d.rcpts[0].kind, samples[_i].kind);
	bounce_doc_free(&d);
}
END_TEST

/* A gateway that names nobody but returns a report: that report's. */
START_TEST(test_forwarded_dsn_brief)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample("forwarded-dsn.eml", &d, BOUNCE_BRIEF),
	    1);
	expect_rcpt(&d, 0, "pat@example.org", "5.1.1");
	ck_assert_str_eq(d.rcpts[0].diagnostic, "550 5.1.1 User unknown");
	bounce_doc_free(&d);
}
END_TEST

/*
 * Sendmail's summary lines name their recipient after their own code;
 * the remote's code follows, and a host line belongs to the next one.
 */
START_TEST(test_sendmail_summary)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample("sendmail-summary.eml", &d,
	    BOUNCE_BRIEF), 2);
	ck_assert_str_eq(d.rcpts[0].recipient, "ann@example.net");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	ck_assert(strstr(d.rcpts[0].diagnostic, "Connection") == NULL);
	ck_assert_str_eq(d.rcpts[1].recipient, "ben@example.org");
	ck_assert_int_eq(d.rcpts[1].reply_code, 554);
	bounce_doc_free(&d);
}
END_TEST

/* A part whose boundary parameter fell off its header is read as text. */
START_TEST(test_multipart_without_boundary)
{
	struct bounce_doc	 d;
	const char		*s = "From: post_master@example.net\n"
	    "Subject: Re: hello\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"A\"\n\n--A\n"
	    "Content-Type: multipart/alternative;\nboundary=\"B\"\n\n"
	    "--B\nContent-Type: text/plain\n\nError: Invalid user address\n"
	    "550 - Requested action not taken: no such user here\n"
	    "  RCPT TO: kim@example.net\n--B--\n--A--\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "kim@example.net");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_not_bounce)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample("not-bounce.eml", &d, 0), 0);
	ck_assert_uint_eq(d.nmsgs, 1);
	ck_assert_int_eq(d.msgs[0].kind, MSG_NOT_BOUNCE);
	bounce_doc_free(&d);
	/* A post the list relayed carries X-MLServer too. */
	ck_assert_uint_eq(parse_sample("not-bounce-list-post.eml", &d, 0), 0);
	ck_assert_int_eq(d.msgs[0].kind, MSG_NOT_BOUNCE);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Sendmail's transcript after its heading: ">>> DATA", then the reply
 * that names the recipient.  The stage is DATA.  The header is kept
 * as received, for the format rules.
 */
START_TEST(test_transcript_command)
{
	struct bounce_doc	 d;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Returned mail: see transcript for details\n"
	    "X-Gateway: Acme 2\n\n"
	    "   ----- The following addresses had permanent fatal errors "
	    "-----\n<q@example.com>\n    (reason: 554 delivery error)\n\n"
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to mx.example.com.:\n>>> DATA\n"
	    "<<< 554 delivery error: no (q@example.com) here\n"
	    "554 5.0.0 Service unavailable\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "q@example.com");
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "DATA");
	ck_assert_ptr_nonnull(d.msgs[0].headers);
	ck_assert(strstr(d.msgs[0].headers, "\nX-Gateway: Acme 2\n") != NULL);
	bounce_doc_free(&d);
}
END_TEST

/*
 * The sending MTA's own words name the stage ("in reply to end of DATA
 * command"); the server's recipient-check words ("Recipient address
 * rejected") only when it names none.
 */
START_TEST(test_stage_from_sender_words)
{
	static const struct {
		const char	*said, *command;
	} cases[] = {
		{ "554 5.7.1 Recipient address rejected: No such user (in "
		  "reply to end of DATA\n    command)", "DATA" },
		{ "554 5.7.1 Recipient address rejected: No such user", "RCPT" },
		{ "550 5.1.1 Recipient address rejected: User unknown (in "
		  "reply to RCPT TO command)", "RCPT" },
	};
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_init(&b);
		buf_printf(&b, "From: MAILER-DAEMON@x.example\n"
		    "Subject: Undelivered Mail Returned to Sender\n\n"
		    "<q@example.com>: host mx.example.com[192.0.2.1] said: "
		    "%s\n", cases[i].said);
		bounce_doc_init(&d);
		ck_assert_uint_eq(parse_brief(&d, b.data), 1);
		ck_assert_ptr_nonnull(d.rcpts[0].command);
		ck_assert_msg(strcmp(d.rcpts[0].command, cases[i].command) == 0,
		    "%s: %s", cases[i].said, d.rcpts[0].command);
		bounce_doc_free(&d);
		buf_free(&b);
	}
}
END_TEST

/*
 * "550: <a@b>: User unknown" under the recipient's line: a reply that
 * names the recipient it refuses is the answer to RCPT TO; without the
 * address it names no stage.
 */
START_TEST(test_reply_names_rcpt)
{
	struct bounce_doc	 d;
	const char		*with = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Failure Notice\n\n"
	    "Sorry, we were unable to deliver your message to the "
	    "following address.\n\n<q@example.com>:\n"
	    "550: <q@example.com>: User unknown\n";
	const char		*without = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Failure Notice\n\n"
	    "Sorry, we were unable to deliver your message to the "
	    "following address.\n\n<q@example.com>:\n550: : User unknown\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, with, strlen(with), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "RCPT");
	ck_assert(strstr(d.rcpts[0].diagnostic, "User unknown") != NULL);
	ck_assert_uint_eq(bounce_parse(&d, without, strlen(without), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_ptr_null(d.rcpts[0].command);
	bounce_doc_free(&d);
}
END_TEST

/*
 * "550 <a@b>: User unknown" as "the response was" of a report that named
 * a@b above: a refusal opening with the address answers its RCPT TO.
 */
START_TEST(test_reply_opens_with_rcpt)
{
	struct bounce_doc	 d;
	const char		*with = "From: mailer-daemon@x.example\n"
	    "Subject: Delivery Status Notification (Failure)\n\n"
	    "Your message wasn't delivered to q@example.com because the "
	    "address couldn't be found.\n\nThe response was:\n\n"
	    "550 <q@example.com>: User unknown\n";
	const char		*without = "From: mailer-daemon@x.example\n"
	    "Subject: Delivery Status Notification (Failure)\n\n"
	    "Your message wasn't delivered to q@example.com because the "
	    "address couldn't be found.\n\nThe response was:\n\n"
	    "550 : User unknown\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, with, strlen(with), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "RCPT");
	ck_assert_uint_eq(bounce_parse(&d, without, strlen(without), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_ptr_null(d.rcpts[0].command);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Postfix folds a long reply at a space, so a line of it may end in
 * " -" (Gmail's "... plk.134 -" before "gsmtp"): that is no heading
 * rule, and the "(in reply to ...)" after it still names the stage.
 */
START_TEST(test_folded_line_ending_in_dash)
{
	struct bounce_doc	 d;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "This is the mail system at host x.example.\n\n"
	    "<q@example.com>: host mx.example.com[192.0.2.1] said: 550-5.7.1\n"
	    "    Messages with multiple addresses in From: header are not\n"
	    "    accepted. abc123.45 -\n"
	    "    gsmtp (in reply to end of DATA command)\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "DATA");
	ck_assert(strstr(d.rcpts[0].diagnostic, "gsmtp") != NULL);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Exim's "SMTP error from remote mail server after RCPT TO:<a@b>:" and
 * the reply under it: the reply answers a@b's command even when it names
 * another address (an alias the server rewrote), as Exim's deliver.c
 * writes the pair.
 */
START_TEST(test_exim_reply_answers_its_command)
{
	struct bounce_doc	 d;
	const char		*s = "From: Mail Delivery System "
	    "<Mailer-Daemon@x.example>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "A message that you sent could not be delivered to one or more "
	    "of its\nrecipients. This is a permanent error. The following "
	    "address(es) failed:\n\n  q@example.com\n"
	    "    host mx.example.com [192.0.2.1]\n"
	    "    SMTP error from remote mail server after "
	    "RCPT TO:<q@example.com>:\n"
	    "    550 <alias@example.com>... Relaying denied\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "q@example.com");
	ck_assert(strstr(d.rcpts[0].diagnostic, "Relaying denied") != NULL);
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	bounce_doc_free(&d);
}
END_TEST

/*
 * dma's "HOST [IP] did not like our RCPT TO:" (net.c) quotes the
 * command without its address; the reply on the next line answers the
 * recipient the report named, whatever address the reply quotes, and
 * the quoted command is its stage.
 */
START_TEST(test_quoted_command_answers_current)
{
	static const struct {
		const char	*quote, *reply, *command;
	} cases[] = {
		{ "did not like our RCPT TO:",
		  "550 Invalid recipient: <alias@example.com>", "RCPT" },
		{ "did not like our final DATA:",
		  "554 5.7.1 Message refused: <abuse@example.com>", "DATA" },
	};
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_init(&b);
		buf_printf(&b, "From: MAILER-DAEMON <>\n"
		    "Subject: Mail delivery failed\n\n"
		    "This is the DragonFly Mail Agent v0.13 at mx.example.org."
		    "\n\nThere was an error delivering your mail to "
		    "<q@example.com>.\n\nmx.example.com [192.0.2.1] %s\n%s\n"
		    "\nMessage headers follow.\n\nFrom: a@example.org\n",
		    cases[i].quote, cases[i].reply);
		bounce_doc_init(&d);
		ck_assert_uint_eq(parse_brief(&d, b.data), 1);
		ck_assert_str_eq(d.rcpts[0].recipient, "q@example.com");
		ck_assert_msg(strstr(d.rcpts[0].diagnostic,
		    cases[i].reply + 4) != NULL, "%s", d.rcpts[0].diagnostic);
		ck_assert_str_eq(d.rcpts[0].command, cases[i].command);
		bounce_doc_free(&d);
		buf_free(&b);
	}
}
END_TEST

/*
 * A log block whose failing lines meet the limit of records: with
 * BOUNCE_LOG_RESUME it stops at the next line and says how many bytes
 * it left for the next block; without, the rest is cut and said.
 */
START_TEST(test_log_resume)
{
	struct bounce_doc	 d;
	struct bounce_limits	 lim;
	struct buf		 in;
	size_t			 i, third = 0;

	buf_init(&in);
	for (i = 0; i < 5; i++) {
		if (i == 3)
			third = in.len;
		buf_printf(&in, "Dec  1 10:00:00 mx postfix/smtp[1]: "
		    "%010zX: to=<u%zu@example.com>, relay=none, delay=1, "
		    "status=bounced (Host or domain name not found)\r\n",
		    i + 1048576, i);
	}
	bounce_limits_default(&lim);
	lim.max_rcpts = 3;
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, in.data, in.len, &lim,
	    BOUNCE_BRIEF | BOUNCE_LOG_RESUME), 3);
	ck_assert_int_eq(d.truncated, 0);
	/* In the input's bytes, CRLFs and all. */
	ck_assert_uint_eq(d.log_unread, in.len - third);
	ck_assert_uint_eq(bounce_parse(&d, in.data, in.len, &lim,
	    BOUNCE_BRIEF), 3);
	ck_assert_int_eq(d.truncated, 1);
	ck_assert(d.cut & BOUNCE_CUT_RCPTS);
	ck_assert_uint_eq(d.log_unread, 0);
	bounce_doc_free(&d);
	buf_free(&in);
}
END_TEST

/* "[Status: Error, Address: <a@b>, ResponseCode 421, ...]" names a@b. */
START_TEST(test_address_item)
{
	struct bounce_doc	 d;
	const char		*s = "From: mailer-daemon@x.example\n"
	    "Subject: Mail Delivery Status Notification (Delay)\n\n"
	    "----- The following addresses had fatal errors -----\n"
	    "[Status: Error, Address: <q@example.com>, ResponseCode 421, , "
	    "Host not reachable.]\n\nSender address: <s@example.org>\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "q@example.com");
	ck_assert(strstr(d.rcpts[0].diagnostic, "Host not reachable") != NULL);
	ck_assert_int_eq(d.rcpts[0].reply_code, 421);
	bounce_doc_free(&d);
}
END_TEST

/*
 * A relay's class, then the reply it got, quoted: the quoted reply is
 * the diagnostic ("5.1.0 - Unknown address error 550-'...'").
 */
START_TEST(test_diag_unwrap)
{
	struct bounce_doc	 d;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Delivery Status Notification (Failure)\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"b\"\n\n"
	    "--b\nContent-Type: text/plain\n\nFailed.\n"
	    "--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.x.example\n\n"
	    "Final-Recipient: rfc822;q@example.com\nAction: failed\n"
	    "Status: 5.0.0 (permanent failure)\n"
	    "Diagnostic-Code: smtp; 5.1.0 - Unknown address error "
	    "550-'5.2.2 <q@example.com>... Mailbox Full' "
	    "(delivery attempts: 0)\n\n"
	    "Final-Recipient: rfc822;r@example.com\nAction: failed\n"
	    "Status: 5.0.0\nDiagnostic-Code: smtp; 5.1.0 - no reply here\n"
	    "\n--b--\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    2);
	ck_assert_str_eq(d.rcpts[0].diagnostic,
	    "550 5.2.2 <q@example.com>... Mailbox Full");
	ck_assert_str_eq(d.rcpts[1].diagnostic, "5.1.0 - no reply here");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	bounce_doc_free(&d);
	/* "X-Unix; 255" is a mailer's exit status, no SMTP reply. */
	s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Returned mail: see transcript for details\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/report; "
	    "report-type=delivery-status; boundary=\"b\"\n\n"
	    "--b\nContent-Type: text/plain\n\nFailed.\n"
	    "--b\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.x.example\n\n"
	    "Final-Recipient: RFC822; q@example.com\nAction: failed\n"
	    "Status: 5.0.0\nDiagnostic-Code: X-Unix; 255\n\n--b--\n";
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].diagnostic, "255");
	ck_assert_int_eq(d.rcpts[0].reply_code, 0);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_dsn_fields)
{
	struct bounce_doc	 d;

	parse_sample("postfix.eml", &d, BOUNCE_SPANS);
	ck_assert_str_eq(d.rcpts[0].action, "failed");
	ck_assert_str_eq(d.rcpts[0].remote_mta, "mx.example.net");
	ck_assert_str_eq(d.rcpts[0].reporting_mta, "mail.example.org");
	ck_assert_str_eq(d.rcpts[0].original, "bob@example.net");
	ck_assert_str_eq(d.rcpts[0].command, "RCPT");
	ck_assert(d.rcpts[0].from_dsn);
	ck_assert(strstr(d.rcpts[0].diagnostic, "User unknown in virtual "
	    "mailbox table") != NULL);
	ck_assert(has_span(&d, SPAN_FIELD_NAME, "Final-Recipient"));
	ck_assert(has_span(&d, SPAN_FIELD_VALUE, "5.1.1"));
	ck_assert(has_span(&d, SPAN_RECIPIENT, "bob@example.net"));
	ck_assert(has_span(&d, SPAN_QUOTED, "Subject: hello"));
	ck_assert(has_span(&d, SPAN_IP, "192.0.2.25"));
	ck_assert(has_span(&d, SPAN_HOST, "mx.example.net"));
	bounce_doc_free(&d);
}
END_TEST

/*
 * RFC 3464 fixes no order of a recipient's fields: Amazon SES's inbound
 * DSN gives Action first, then Final- and Original-Recipient.  One
 * group, one record; two groups without a blank line stay two.
 */
START_TEST(test_dsn_field_order)
{
	static const char one[] =
	    "From: postmaster@example.net\nTo: alice@example.org\n"
	    "Subject: Delivery Status Notification (Failure)\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
	    "This message could not be delivered.\n--b\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; inbound-smtp.example.net\n\n"
	    "Action: failed\nFinal-Recipient: rfc822; bob@example.net\n"
	    "Original-Recipient: rfc822; bob@example.net\n"
	    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\nStatus: 5.2.2\n"
	    "\n--b--\n";
	static const char two[] =
	    "From: postmaster@example.net\nTo: alice@example.org\n"
	    "Subject: Delivery Status Notification (Failure)\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
	    "This message could not be delivered.\n--b\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.net\n\n"
	    "Final-Recipient: rfc822; bob@example.net\nAction: failed\n"
	    "Status: 5.1.1\n"
	    "Original-Recipient: rfc822; carol@example.net\n"
	    "Final-Recipient: rfc822; carol@example.net\nAction: failed\n"
	    "Status: 5.2.2\n\n--b--\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, one), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "bob@example.net");
	ck_assert_str_eq(d.rcpts[0].action, "failed");
	ck_assert_str_eq(d.rcpts[0].status, "5.2.2");
	ck_assert_uint_eq(parse_brief(&d, two), 2);
	ck_assert_str_eq(d.rcpts[1].recipient, "carol@example.net");
	ck_assert_str_eq(d.rcpts[1].original, "carol@example.net");
	ck_assert_str_eq(d.rcpts[0].status, "5.1.1");
	bounce_doc_free(&d);
}
END_TEST

/*
 * A bounce pasted as a mail client quotes it: read through the "> "
 * marks, nested ones too, the paster's own words before it kept; a
 * Sendmail transcript's ">>> " lines are no quoting.
 */
START_TEST(test_quoted_paste)
{
	static const char quoted[] =
	    "Hi, I got this back, what does it mean?\n\n"
	    "> This is the mail system at host mx.example.org.\n>\n"
	    "> <carol@example.net>: host mx.example.net[192.0.2.5] said: "
	    "552 5.2.2\n>     <carol@example.net>: Recipient address "
	    "rejected: Mailbox full (in reply\n>     to RCPT TO command)\n";
	static const char nested[] =
	    "> > <carol@example.net>: host mx.example.net[192.0.2.5] said: "
	    "552 5.2.2\n> >     <carol@example.net>: Recipient address "
	    "rejected: Mailbox full (in reply\n> >     to RCPT TO command)\n";
	static const char transcript[] =
	    ">>> RCPT To:<bob@example.net>\n>>> DATA\n>>> QUIT\n"
	    "<<< 550 5.1.1 <bob@example.net>... User unknown\n";
	const char *const texts[] = { quoted, nested };
	struct bounce_doc	 d;
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(bounce_parse(&d, texts[i], strlen(texts[i]),
		    NULL, BOUNCE_SPANS), 1);
		ck_assert_str_eq(d.rcpts[0].recipient, "carol@example.net");
		ck_assert_str_eq(d.rcpts[0].command, "RCPT");
		ck_assert_msg(strstr(d.rcpts[0].diagnostic, "> ") == NULL &&
		    strstr(d.rcpts[0].diagnostic, "(in reply to RCPT TO "
		    "command)") != NULL, "%zu: %s", i, d.rcpts[0].diagnostic);
		if (i == 0)
			ck_assert_ptr_nonnull(strstr(d.text.data,
			    "Hi, I got this back"));
	}
	ck_assert_uint_eq(bounce_parse(&d, transcript, strlen(transcript),
	    NULL, BOUNCE_SPANS), 1);
	ck_assert_ptr_nonnull(strstr(d.text.data, ">>> RCPT To:"));
	bounce_doc_free(&d);
}
END_TEST

/* Outlook's out-of-office prefix in the languages it ships. */
START_TEST(test_autoreply_languages)
{
	static const char *const subjects[] = {
		"Automatische Antwort: Angebot",
		"=?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_Offre?=",
		"Respuesta autom=?UTF-8?Q?=C3=A1?=tica: Oferta",
		"=?UTF-8?B?0JDQstGC0L7QvtGC0LLQtdGC?=: test",
	};
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	bounce_doc_init(&d);
	buf_init(&b);
	for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
		buf_reset(&b);
		buf_printf(&b, "From: Bob <bob@example.net>\nTo: "
		    "alice@example.org\nSubject: %s\nDate: Thu, 3 Dec 2026 "
		    "08:00:00 +0000\nAuto-Submitted: auto-generated\n\n"
		    "Back on Monday.\n", subjects[i]);
		ck_assert_uint_eq(bounce_parse(&d, b.data, b.len, NULL,
		    BOUNCE_BRIEF), 1);
		ck_assert_msg(d.rcpts[0].kind == MSG_AUTOREPLY, "%s",
		    subjects[i]);
	}
	/* Not every subject in another language is one. */
	buf_reset(&b);
	buf_adds(&b, "From: Bob <bob@example.net>\nTo: alice@example.org\n"
	    "Subject: Antwort: Angebot\nDate: Thu, 3 Dec 2026 08:00:00 "
	    "+0000\n\nDanke.\n");
	ck_assert_uint_eq(bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF),
	    0);
	buf_free(&b);
	bounce_doc_free(&d);
}
END_TEST

/*
 * A report that names no address (GroupWise gives the user's name
 * alone) is still one failure to tell of; a postmaster's letter that
 * speaks of none is no record.
 */
START_TEST(test_nameless_report)
{
	static const char nameless[] =
	    "From: Mail Delivery System <postmaster@gw.example.org>\n"
	    "To: alice@example.org\nSubject: Undeliverable: hello\n"
	    "Date: Thu, 3 Dec 2026 08:00:00 +0000\n\n"
	    "The message that you sent was undeliverable to the following:\n"
	    "        erin (user not found)\n";
	static const char letter[] =
	    "From: postmaster@example.org\nTo: alice@example.org\n"
	    "Subject: Welcome\nDate: Thu, 3 Dec 2026 08:00:00 +0000\n\n"
	    "Your new mailbox is ready.  Enjoy it.\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, nameless), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "");
	ck_assert_ptr_nonnull(strstr(d.rcpts[0].diagnostic, "user not found"));
	ck_assert_uint_eq(parse_brief(&d, letter), 0);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Exchange 2003 heads a recipient by its display name when it has one;
 * its address is then only in the "<host #5.1.1 smtp;...>" line.
 */
START_TEST(test_exchange_display_name)
{
	static const char ndr[] =
	    "From: System Administrator <postmaster@example.org>\n"
	    "To: alice@example.org\nSubject: Undeliverable: hello\n"
	    "Date: Thu, 3 Dec 2026 08:00:00 +0000\n\n"
	    "Your message did not reach some or all of the intended "
	    "recipients.\n\nThe following recipient(s) cannot be reached:\n\n"
	    "      carol@example.net on 12/3/2026 8:00 AM\n"
	    "            <mail.example.org #5.2.2 smtp;552 5.2.2 Mailbox "
	    "full>\n\n"
	    "      bob on 12/3/2026 8:00 AM\n"
	    "            The e-mail account does not exist at the "
	    "organization this message was sent to.\n"
	    "            <mail.example.org #5.1.1 smtp;550 5.1.1 "
	    "<bob@example.net>... User unknown>\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, ndr), 2);
	expect_rcpt(&d, 0, "carol@example.net", "5.2.2");
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "User unknown"));
	expect_rcpt(&d, 1, "bob@example.net", "5.1.1");
	bounce_doc_free(&d);
}
END_TEST

/*
 * A bounce forwarded as an attachment (Mailman's uncaught bounce, a
 * customer's "forward as attachment") is read as the bounce; a bounce
 * whose returned message was itself a bounce (a double bounce) keeps
 * its own recipient.
 */
START_TEST(test_forwarded_bounce)
{
	static const char fwd[] =
	    "From: list-bounces@lists.example.org\n"
	    "To: list-owner@lists.example.org\n"
	    "Subject: Uncaught bounce notification\n"
	    "Date: Thu, 3 Dec 2026 08:00:00 +0000\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"F\"\n\n--F\n"
	    "Content-Type: text/plain\n\nThe attached message was received "
	    "as a bounce, but its format was not recognized.\n\n--F\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
	    "To: list-bounces@lists.example.org\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"R\"\n\n--R\nContent-Type: text/plain\n\n"
	    "This is the mail system at host mx.example.net.\n\n--R\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.net\n\n"
	    "Final-Recipient: rfc822; ivan@example.net\nAction: failed\n"
	    "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n"
	    "\n--R--\n\n--F--\n";
	static const char dbl[] =
	    "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	    "To: postmaster@example.org\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "Date: Thu, 3 Dec 2026 08:00:00 +0000\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"F\"\n\n--F\n"
	    "Content-Type: text/plain\n\n<alice@example.org>: host "
	    "mx.example.org[192.0.2.1] said: 552 5.2.2 Mailbox full (in "
	    "reply to RCPT TO command)\n\n--F\n"
	    "Content-Type: message/rfc822\n\n"
	    "From: MAILER-DAEMON@mx.example.net\nTo: alice@example.org\n"
	    "Subject: Undelivered Mail Returned to Sender\n\n"
	    "<ivan@example.net>: host mx.example.net[192.0.2.9] said: 550 "
	    "5.1.1 User unknown (in reply to RCPT TO command)\n\n--F--\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, fwd), 1);
	expect_rcpt(&d, 0, "ivan@example.net", "5.1.1");
	ck_assert_uint_eq(bounce_parse(&d, fwd, sizeof fwd - 1, NULL,
	    BOUNCE_SPANS), 1);
	ck_assert_uint_eq(parse_brief(&d, dbl), 1);
	expect_rcpt(&d, 0, "alice@example.org", "5.2.2");
	bounce_doc_free(&d);
}
END_TEST

/*
 * With PIPELINING, Sendmail shows ">>> DATA" and then the RCPT TO's
 * refusal, which names its recipient, before DATA's own "503".
 */
START_TEST(test_pipelined_rcpt)
{
	static const char t[] =
	    "   ----- Transcript of session follows -----\n"
	    "... while talking to mx.example.net.:\n>>> DATA\n"
	    "<<< 550 Invalid recipient: <bob@example.net>\n"
	    "550 5.1.1 <bob@example.net>... User unknown\n"
	    "<<< 503 No recipients specified\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, t), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "bob@example.net");
	ck_assert_str_eq(d.rcpts[0].command, "RCPT");
	bounce_doc_free(&d);
}
END_TEST

/* Exim's octal escapes of a reply's UTF-8 are read as the characters. */
START_TEST(test_exim_octal_utf8)
{
	static const char t[] =
	    "  bob@example.net\n    host mx.example.net [192.0.2.1]\n"
	    "    SMTP error from remote mail server after RCPT TO:"
	    "<bob@example.net>:\n    552 5.3.4 The size of a header name "
	    "exceeds Google\\342\\200\\231s header name limit, "
	    "\\377 stays\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, t), 1);
	ck_assert_msg(strstr(d.rcpts[0].diagnostic, "Google\xe2\x80\x99s "
	    "header") != NULL && strstr(d.rcpts[0].diagnostic,
	    "\\377 stays") != NULL, "%s", d.rcpts[0].diagnostic);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_paste_spans)
{
	struct bounce_doc	 d;
	const char		*s =
	    "550-5.7.1 [192.0.2.1] blocked using zen.spamhaus.org; see\n"
	    "550 5.7.1 https://www.spamhaus.org/query/ip/192.0.2.1 "
	    "(S3150) [TSS04] x1si - gsmtp\n"
	    "RCPT TO:<paul@example.com> from <alice@example.org>\n";
	size_t			 i;

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_SPANS),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "paul@example.com");
	ck_assert(has_span(&d, SPAN_REPLY, "550"));
	ck_assert(has_span(&d, SPAN_STATUS, "5.7.1"));
	ck_assert(has_span(&d, SPAN_IP, "192.0.2.1"));
	ck_assert(has_span(&d, SPAN_URL,
	    "https://www.spamhaus.org/query/ip/192.0.2.1"));
	ck_assert(has_span(&d, SPAN_TAG, "(S3150)"));
	ck_assert(has_span(&d, SPAN_TAG, "[TSS04]"));
	ck_assert(has_span(&d, SPAN_TAG, "gsmtp"));
	ck_assert(has_span(&d, SPAN_BLOCKLIST, "zen.spamhaus.org"));
	ck_assert(has_span(&d, SPAN_RECIPIENT, "paul@example.com"));
	ck_assert(has_span(&d, SPAN_SENDER, "alice@example.org") ||
	    has_span(&d, SPAN_RECIPIENT, "alice@example.org") == 0);
	for (i = 1; i < d.nspans; i++)
		ck_assert(d.spans[i - 1].off <= d.spans[i].off);
	for (i = 0; i < d.nspans; i++)
		ck_assert(d.spans[i].off + d.spans[i].len <= d.text.len);
	ck_assert_str_eq(span_kind_name(SPAN_TAG), "tag");
	bounce_doc_free(&d);
}
END_TEST

/*
 * Only RFC 4291 text forms are IPv6 addresses: a Received header's time
 * is not one (issue 14).
 */
START_TEST(test_ip_spans_are_addresses)
{
	struct bounce_doc	 d;
	const char		*s =
	    "Received: from x (x [192.0.2.1]) by y; Tue, 2 Dec 2026 "
	    "08:11:50 +0000\n"
	    "550 5.1.1 <a@b.example>: host 2001:db8::1 said no; "
	    "[IPv6:2001:db8::2] ::1 fe80:: 1:2:3:4:5:6:7:8 "
	    "1:2:3:4:5:6:192.0.2.7 12:30 1:2:3:4:5:6:7:8:9 1::2::3 "
	    "12345::1\n";
	static const char *const yes[] = { "192.0.2.1", "2001:db8::1",
	    "IPv6:2001:db8::2", "::1", "fe80::", "1:2:3:4:5:6:7:8",
	    "1:2:3:4:5:6:192.0.2.7" };
	static const char *const no[] = { "08:11:50", "12:30",
	    "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1" };
	size_t			 i;

	bounce_doc_init(&d);
	bounce_parse(&d, s, strlen(s), NULL, BOUNCE_SPANS);
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(has_span(&d, SPAN_IP, yes[i]), "%s", yes[i]);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!has_span(&d, SPAN_IP, no[i]), "%s", no[i]);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_diagnostic_span)
{
	struct bounce_doc	 d;

	parse_sample("qmail.eml", &d, BOUNCE_SPANS);
	ck_assert_uint_gt(d.rcpts[0].diag_len, 0);
	ck_assert(has_span(&d, SPAN_DIAGNOSTIC, "192.0.2.9 does not like "
	    "recipient."));
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_mbox_and_bare_reply)
{
	struct bounce_doc	 d;
	const char		*mbox =
	    "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
	    "From: MAILER-DAEMON@a.example\nSubject: failure notice\n\n"
	    "<x@example.com>:\nRemote host said: 550 5.1.1 no such user\n\n"
	    "From MAILER-DAEMON Mon Nov 23 10:00:01 2026\n"
	    "From: MAILER-DAEMON@a.example\nSubject: failure notice\n\n"
	    "<y@example.com>:\nRemote host said: 552 5.2.2 mailbox full\n";
	const char		*reply = "550 5.1.1 <bob@example.com>: Recipient "
	    "address rejected: User unknown in virtual mailbox table";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, mbox, strlen(mbox), NULL, 0), 2);
	ck_assert_uint_eq(d.nmsgs, 2);
	ck_assert_str_eq(d.rcpts[1].recipient, "y@example.com");
	ck_assert_uint_eq(d.rcpts[1].msg, 1);
	ck_assert_uint_eq(bounce_parse(&d, reply, strlen(reply), NULL, 0), 1);
	expect_rcpt(&d, 0, "bob@example.com", "5.1.1");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Sendmail's DSN keeps the first line of a multi-line reply; the
 * transcript has them all.  The "(reason: ...)" line holds the same
 * first line and must not be taken for the start of the reply.
 */
static const char sendmail_multiline[] =
    "From: MAILER-DAEMON@mx.example.jp\n"
    "Subject: Returned mail: see transcript for details\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "\tboundary=\"B\"\n\n"
    "--B\n\n"
    "   ----- The following addresses had permanent fatal errors -----\n"
    "q@example.com\n"
    "    (reason: 550-5.7.1 This message does not have authentication\n"
    "    (expanded from: list.example.jp)\n\n"
    "   ----- Transcript of session follows -----\n"
    "... while talking to mx.example.com.:\n>>> DATA\n"
    "<<< 550-5.7.1 This message does not have authentication\n"
    "<<< 550-5.7.1 information or fails to pass authentication checks.\n"
    "<<< 550 5.7.1 Please visit https://example.com/81126 - gsmtp\n"
    "554 5.0.0 Service unavailable\n\n"
    "--B\n"
    "Content-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.jp\n\n"
    "Final-Recipient: RFC822; q@example.com\n"
    "Action: failed\n"
    "Status: 5.7.1\n"
    "Diagnostic-Code: SMTP; 550-5.7.1 This message does not have "
    "authentication\n\n"
    "--B--\n";

START_TEST(test_multiline_reply_completed)
{
	struct bounce_doc	 d;
	const char		*s = sendmail_multiline;

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].diagnostic, "550-5.7.1 This message does "
	    "not have authentication information or fails to pass "
	    "authentication checks. Please visit https://example.com/81126 - "
	    "gsmtp");
	bounce_doc_free(&d);
}
END_TEST

/*
 * One line of a multi-line reply, pasted alone ("550-5.7.26 ..."), keeps
 * its enhanced code (RFC 5321, 4.2.1); a hyphen inside a word does not
 * make a code of the digits after it.
 */
START_TEST(test_reply_line_with_hyphen)
{
	struct bounce_doc	 d;
	const char		*s = "550-5.7.26 This mail has been blocked.\n";
	const char		*id = "550 Refused, ticket AB-5.1.1 (see x)\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].status, "5.7.26");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	ck_assert_uint_eq(bounce_parse(&d, id, strlen(id), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_str_eq(d.rcpts[0].status, "");
	bounce_doc_free(&d);
}
END_TEST

/*
 * An SES bounce notification delivered by Amazon SNS: the SES JSON is
 * the string "Message" of the SNS envelope (AWS SNS developer guide,
 * "Amazon SNS message and JSON formats").  Written from that format.
 */
START_TEST(test_ses_through_sns)
{
	struct bounce_doc	 d;
	const char		*s =
	    "From: AWS Notifications <no-reply@sns.amazonaws.com>\n"
	    "Subject: AWS Notification Message\n"
	    "Content-Type: text/plain; charset=UTF-8\n\n"
	    "{\"Type\" : \"Notification\", \"MessageId\" : \"1-2\", "
	    "\"Message\" : \"{\\\"notificationType\\\":\\\"Bounce\\\","
	    "\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\","
	    "\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":"
	    "\\\"bob@example.net\\\",\\\"status\\\":\\\"5.1.1\\\","
	    "\\\"diagnosticCode\\\":\\\"smtp; 550 5.1.1 user unknown"
	    "\\\"}]}}\", \"Timestamp\" : \"2024-01-01T00:00:01.000Z\"}\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	expect_rcpt(&d, 0, "bob@example.net", "5.1.1");
	ck_assert_str_eq(d.rcpts[0].diagnostic, "550 5.1.1 user unknown");
	bounce_doc_free(&d);
}
END_TEST

/* Postfix smtp(8)'s words for the stage: the EHLO or HELO handshake. */
START_TEST(test_stage_handshake)
{
	struct bounce_doc	 d;
	const char		*s = "<bob@example.net>: lost connection with "
	    "mx.example.net[192.0.2.1] while performing the EHLO handshake\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "HELO");
	bounce_doc_free(&d);
}
END_TEST

/*
 * An MTA's own account of a failure carries no code where it is
 * written (Postfix smtp_connect.c, Exim retry.c, qmail-send.c): pasted
 * alone it is a reply, when it is short and says it failed.  A note
 * that says nothing of a failure, or a long text without a code, is not.
 */
START_TEST(test_pasted_mta_words)
{
	struct bounce_doc	 d;
	struct buf		 b;
	const char		*refused = "connect to mx.example.com"
	    "[192.0.2.2]:25: Connection refused\n";
	const char		*retry = "retry timeout exceeded\n";
	const char		*queue = "I'm not going to try again; this "
	    "message has been in the queue too long.\n";
	const char		*note = "Hi Bob,\nlunch at noon?\n";
	const char		*words[] = {
		"No mail box available for this user\n",
		"Host not reachable\n",
		"This user doesn't have a yahoo.com account\n",
		"Requested action not taken: mailbox unavailable\n",
		/* RFC 3463's titles, as Libero sends them. */
		"BAD DESTINATION MAILBOX ADDRESS\n",
		"OTHER OR UNDEFINED MAIL SYSTEM STATUS\n",
		/* Proofpoint Essentials' limit, quoted without its code. */
		"The user is receiving mail too quickly\n",
		/* Yahoo's and Microsoft's, as their pages quote them. */
		"TSS04 Messages from 192.0.2.1 temporarily deferred due to "
		"unexpected volume or user complaints\n",
		"Access denied, sending domain example.com does not pass "
		"DMARC verification\n",
	};
	size_t			 i;

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, refused, strlen(refused), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "");
	ck_assert_ptr_nonnull(strstr(d.rcpts[0].diagnostic,
	    "Connection refused"));
	ck_assert_uint_eq(bounce_parse(&d, retry, strlen(retry), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_uint_eq(bounce_parse(&d, queue, strlen(queue), NULL,
	    BOUNCE_BRIEF), 1);
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		ck_assert_msg(bounce_parse(&d, words[i], strlen(words[i]),
		    NULL, BOUNCE_BRIEF) == 1, "%s", words[i]);
	ck_assert_uint_eq(bounce_parse(&d, note, strlen(note), NULL,
	    BOUNCE_BRIEF), 0);
	buf_init(&b);
	for (i = 0; i < 40; i++)
		buf_adds(&b, "a long letter that failed to say anything\n");
	ck_assert_uint_eq(bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF),
	    0);
	buf_free(&b);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Postfix's bounce(8) wraps a recipient's reason at four spaces: a
 * wrapped line that starts with an address (the sender's, here) is the
 * reason's, not a recipient, and the folded "MAIL FROM\n command" is
 * the stage.
 */
START_TEST(test_wrapped_reason_address)
{
	struct bounce_doc	 d;
	const char		*s = "<bob@example.net>: host 192.0.2.2[192.0.2.2] "
	    "said: 554 Mail from\n    alice@example.org rejected for policy "
	    "reasons. (in reply to MAIL FROM\n    command)\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, "bob@example.net");
	ck_assert_ptr_nonnull(strstr(d.rcpts[0].diagnostic,
	    "alice@example.org rejected"));
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "MAIL");
	bounce_doc_free(&d);
}
END_TEST

/*
 * The stage is the MTA's words (Exim's "after end of data", "after
 * initial connection"; dma's "did not like our final DATA"), not a
 * server's "mail from" in its reply ("email from x", "not accepting
 * mail from 192.0.2.1").
 */
START_TEST(test_stage_not_reply_words)
{
	static const struct {
		const char	*text, *cmd;
	} cases[] = {
		{ "  bob@example.net\n    host 192.0.2.1 [192.0.2.1]\n"
		    "    SMTP error from remote mail server after end of data:\n"
		    "    550 5.7.1 Unauthenticated email from example.org is "
		    "not accepted due to domain's DMARC policy.\n", "DATA" },
		{ "  bob@example.net\n    host 192.0.2.1 [192.0.2.1]\n"
		    "    SMTP error from remote mail server after initial "
		    "connection:\n    554 5.7.1 mx.example.net ESMTP not "
		    "accepting mail from 192.0.2.9:\n    listed at "
		    "zen.spamhaus.org\n", "CONN" },
		{ "<bob@example.net>: remote delivery failed: mx.example.net "
		    "[192.0.2.1] did not like our final DATA: 550 5.7.1 "
		    "Unauthenticated email from example.org\n", "DATA" },
	};
	struct bounce_doc	 d;
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_uint_eq(bounce_parse(&d, cases[i].text,
		    strlen(cases[i].text), NULL, BOUNCE_BRIEF), 1);
		ck_assert_str_eq(d.rcpts[0].recipient, "bob@example.net");
		ck_assert_msg(d.rcpts[0].command != NULL &&
		    strcmp(d.rcpts[0].command, cases[i].cmd) == 0,
		    "case %zu: %s", i, d.rcpts[0].command != NULL ?
		    d.rcpts[0].command : "(none)");
	}
	bounce_doc_free(&d);
}
END_TEST

/* Postfix's "refused to talk to me" is the server's greeting refused. */
/* An address the reply asks the sender to write to is no recipient. */
START_TEST(test_contact_address_not_rcpt)
{
	static const char *const lines[] = {
		"554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for "
		    "help or to contact tosa@rx.example.de to clarify.) (BL)\n",
		"550 5.7.1 Blocked, see mailto:abuse@example.net\n",
	};
	static const char named[] = "550 5.7.1 Blocked, please contact "
	    "abuse@example.net: <bob@example.org>... Relaying denied\n";
	struct bounce_doc	 d;
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_uint_eq(bounce_parse(&d, lines[i], strlen(lines[i]),
		    NULL, BOUNCE_BRIEF), 1);
		ck_assert_msg(d.rcpts[0].recipient[0] == '\0', "%zu: %s", i,
		    d.rcpts[0].recipient);
	}
	/* A later address of the line is still read. */
	ck_assert_uint_eq(bounce_parse(&d, named, strlen(named), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "bob@example.org");
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_stage_greeting_refused)
{
	struct bounce_doc	 d;
	const char		*s = "<bob@example.net>: host mx.example.net"
	    "[192.0.2.1] refused to talk to me: 554 mx.example.net ESMTP "
	    "not accepting messages\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_ptr_nonnull(d.rcpts[0].command);
	ck_assert_str_eq(d.rcpts[0].command, "CONN");
	bounce_doc_free(&d);
}
END_TEST

/* A thousand truncated replies in one message: still linear. */
START_TEST(test_multiline_reply_many)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "From: MAILER-DAEMON@x.example\nContent-Type: "
	    "multipart/report; boundary=\"B\"\n\n--B\n\n");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "<<< 550-5.7.1 line one of %zu\n<<< 550 5.7.1 "
		    "end\n", i);
	buf_adds(&b, "\n--B\nContent-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; x.example\n\n");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "Final-Recipient: rfc822; u%zu@example.com\n"
		    "Action: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; "
		    "550-5.7.1 line one of %zu\n\n", i, i);
	buf_adds(&b, "--B--\n");
	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF),
	    1000);
	/*
	 * The first ones are completed, each from its own line ("one of 1"
	 * is not "one of 10"); past MAX_COMPLETE the DSN's line stays.
	 */
	ck_assert_str_eq(d.rcpts[0].diagnostic, "550-5.7.1 line one of 0 "
	    "end");
	ck_assert_str_eq(d.rcpts[1].diagnostic, "550-5.7.1 line one of 1 "
	    "end");
	ck_assert_str_eq(d.rcpts[999].diagnostic, "550-5.7.1 line one of 999");
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

/*
 * Exim delivering to a file: the text names the address the mail was
 * for, the DSN group only the file.  The group's fields are that
 * address's.
 */
START_TEST(test_dsn_group_for_a_file)
{
	struct bounce_doc	 d;
	const char		*s = "From: Mail Delivery System "
	    "<Mailer-Daemon@mx.example.org>\n"
	    "Subject: Mail delivery failed: returning message to sender\n"
	    "X-Failed-Recipients: quinn@example.org\n"
	    "Content-Type: multipart/report; report-type=delivery-status; "
	    "boundary=\"X\"\n\n--X\n"
	    "Content-Type: text/plain; charset=us-ascii\n\n"
	    "A message that you sent could not be delivered to one or more "
	    "of its\nrecipients. This is a permanent error. The following "
	    "address(es) failed:\n\n"
	    "  save to /var/mail/spool/quinn\n"
	    "    generated by quinn@example.org\n"
	    "    mailbox is full: retry timeout exceeded\n\n--X\n"
	    "Content-Type: message/delivery-status\n\n"
	    "Reporting-MTA: dns; mx.example.org\n\n"
	    "Action: failed\n"
	    "Final-Recipient: rfc822;/var/mail/spool/quinn\n"
	    "Status: 5.0.0\n\n--X--\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, s, strlen(s), NULL, BOUNCE_BRIEF),
	    1);
	expect_rcpt(&d, 0, "quinn@example.org", "5.0.0");
	ck_assert_ptr_nonnull(d.rcpts[0].action);
	ck_assert_str_eq(d.rcpts[0].action, "failed");
	ck_assert_ptr_nonnull(d.rcpts[0].reporting_mta);
	ck_assert_int_eq(d.rcpts[0].from_dsn, 1);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Sendmail's transcript names each recipient as it was given: in angle
 * brackets when it came by SMTP, bare when it came from the command
 * line ("550 a@b... Host unknown").  Each such line is its recipient's,
 * not more words of the one before.
 */
START_TEST(test_sendmail_bare_addresses)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample("sendmail-transcript-hostunknown.eml",
	    &d, BOUNCE_BRIEF), 2);
	ck_assert_str_eq(d.rcpts[0].recipient, "rosa@nohost.example");
	ck_assert_str_eq(d.rcpts[1].recipient, "sam@gone.example");
	ck_assert_int_eq(d.rcpts[0].reply_code, 550);
	ck_assert_int_eq(d.rcpts[1].reply_code, 550);
	ck_assert_ptr_nonnull(d.rcpts[0].diagnostic);
	ck_assert(strstr(d.rcpts[0].diagnostic, "gone.example") == NULL);
	ck_assert_ptr_nonnull(d.rcpts[1].diagnostic);
	ck_assert(strstr(d.rcpts[1].diagnostic, "gone.example") != NULL);
	bounce_doc_free(&d);
}
END_TEST

/*
 * Outlook.com's complaints in ARF may leave out Original-Rcpt-To: the
 * attached copy's X-HmXmrOriginalRecipient names the complainant before
 * its To does.  A user's own forward of an Outlook.com message carries
 * the header too, and is no complaint.
 */
START_TEST(test_jmrp_recipient)
{
	struct bounce_doc	 d;
	const char		*arf = "From: staff@hotmail.com\n"
	    "Subject: complaint about message from 198.51.100.25\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=feedback-report; "
	    "boundary=\"J\"\n\n--J\n"
	    "Content-Type: message/feedback-report\n\n"
	    "Feedback-Type: abuse\nUser-Agent: JMRP/1.0\nVersion: 1\n\n--J\n"
	    "Content-Type: message/rfc822\n\n"
	    "X-HmXmrOriginalRecipient: <vic@outlook.com>\n"
	    "From: news@example.org\nTo: subscribers@example.org\n"
	    "Subject: news\n\nnews\n--J--\n";
	const char		*fwd = "From: Walt <walt@example.net>\n"
	    "To: abuse@example.org\nSubject: Fw: news\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"W\"\n\n--W\n"
	    "Content-Type: text/plain\n\nLook at this.\n--W\n"
	    "Content-Type: message/rfc822\n\n"
	    "X-HmXmrOriginalRecipient: <walt@hotmail.com>\n"
	    "From: news@example.org\nTo: walt@hotmail.com\n"
	    "Subject: news\n\nnews\n--W--\n";

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, arf, strlen(arf), NULL,
	    BOUNCE_BRIEF), 1);
	ck_assert_str_eq(d.rcpts[0].recipient, "vic@outlook.com");
	ck_assert_int_eq(d.rcpts[0].kind, MSG_FEEDBACK);
	ck_assert_uint_eq(bounce_parse(&d, fwd, strlen(fwd), NULL,
	    BOUNCE_BRIEF), 0);
	bounce_doc_free(&d);
}
END_TEST

/*
 * RFC 5321 4.1.2's other mailbox forms: a quoted local part and an
 * address literal are recipients as much as a dot-atom is.
 */
static const struct {
	const char	*text;
	const char	*recipient;
} address_forms[] = {
	{ "<\"john doe\"@example.com>: host mx.example.com[192.0.2.1] "
	  "said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n",
	  "\"john doe\"@example.com" },
	{ "<\"a\\\"b\"@example.com>: host x said: 550 5.1.1 No such user\n",
	  "\"a\\\"b\"@example.com" },
	{ "<user@[192.0.2.1]>: host 192.0.2.1[192.0.2.1] said: 550 5.1.1 "
	  "User unknown (in reply to RCPT TO command)\n", "user@[192.0.2.1]" },
	{ "<user@[IPv6:2001:db8::1]>: host x said: 550 5.1.1 User unknown\n",
	  "user@[IPv6:2001:db8::1]" },
	{ "Final-Recipient: rfc822; \"a b\"@example.com\nAction: failed\n"
	  "Status: 5.1.1\n", "\"a b\"@example.com" },
};

START_TEST(test_rfc5321_address_forms)
{
	struct bounce_doc	 d;
	const char		*t = address_forms[_i].text;

	bounce_doc_init(&d);
	ck_assert_uint_eq(bounce_parse(&d, t, strlen(t), NULL, BOUNCE_BRIEF),
	    1);
	ck_assert_str_eq(d.rcpts[0].recipient, address_forms[_i].recipient);
	bounce_doc_free(&d);
}
END_TEST

/* Neither an empty quoted string nor an unclosed bracket is an address. */
START_TEST(test_rfc5321_address_forms_bounded)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_printf(&b, "550 5.1.1 \"\"@example.com and u@[192.0.2.1 said\n");
	/* Quotes by the thousand before an @: still linear, no address. */
	for (i = 0; i < 100000; i++)
		buf_add(&b, "\"", 1);
	buf_printf(&b, "@\n");
	bounce_doc_init(&d);
	bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF);
	for (i = 0; i < d.nrcpts; i++)
		ck_assert_str_eq(d.rcpts[i].recipient, "");
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

/*
 * A delay notice without a DSN (Exim before 4.80, Gmail's text notice,
 * Sendmail without one): its MTA's fixed words say the message is still
 * queued, so its records are delayed; Exim's final failure is not.
 */
START_TEST(test_text_delay_notice)
{
	static const char exim_warning[] =
	    "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
	    "Subject: Warning: message 1kXyZa-0001Ab-CD delayed 24 hours\n"
	    "\n"
	    "This message was created automatically by mail delivery "
	    "software.\nA message that you sent has not yet been delivered "
	    "to one or more of its\nrecipients after more than 24 hours on "
	    "the queue on mx.example.org.\n\n"
	    "The address to which the message has not yet been delivered "
	    "is:\n\n  bob@remote.example.net\n"
	    "    host mx.remote.example.net [192.0.2.7]\n"
	    "    Delay reason: SMTP error from remote mail server after RCPT "
	    "TO:<bob@remote.example.net>:\n"
	    "    452 4.2.2 Mailbox full\n\n"
	    "No action is required on your part.\n";
	static const char gmail_delay[] =
	    "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	    "Subject: Delivery Status Notification (Delay)\n\n"
	    "This is an automatically generated Delivery Status "
	    "Notification\n\nTHIS IS A WARNING MESSAGE ONLY.\n\n"
	    "YOU DO NOT NEED TO RESEND YOUR MESSAGE.\n\n"
	    "Delivery to the following recipient has been delayed:\n\n"
	    "     carol@remote.example.net\n\n"
	    "Message will be retried for 2 more day(s)\n";
	static const char exim_failure[] =
	    "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
	    "Subject: Mail delivery failed: returning message to sender\n\n"
	    "This message was created automatically by mail delivery "
	    "software.\n\nA message that you sent could not be delivered to "
	    "one or more of its\nrecipients. This is a permanent error. The "
	    "following address(es) failed:\n\n  dave@remote.example.net\n"
	    "    host mx.remote.example.net [192.0.2.7]\n"
	    "    SMTP error from remote mail server after RCPT TO:"
	    "<dave@remote.example.net>:\n    550 5.1.1 User unknown\n";
	static const char mixed[] =
	    "From: MDaemon@md.example\nSubject: Permanent Delivery Failure\n\n"
	    "The attached message had PERMANENT fatal delivery errors!\n\n"
	    "YOU DO NOT NEED TO RESEND YOUR MESSAGE to the others.\n\n"
	    "<erin@remote.example.net>: 550 5.1.1 User unknown\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, exim_warning), 1);
	expect_rcpt(&d, 0, "bob@remote.example.net", "4.2.2");
	ck_assert_ptr_nonnull(d.rcpts[0].action);
	ck_assert_str_eq(d.rcpts[0].action, "delayed");
	/* The warning's closing words are about no recipient. */
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "No action"));
	ck_assert_ptr_nonnull(strstr(d.rcpts[0].diagnostic, "Mailbox full"));
	ck_assert_uint_eq(parse_brief(&d, gmail_delay), 1);
	expect_rcpt(&d, 0, "carol@remote.example.net", NULL);
	ck_assert_ptr_nonnull(d.rcpts[0].action);
	ck_assert_str_eq(d.rcpts[0].action, "delayed");
	ck_assert_uint_eq(parse_brief(&d, exim_failure), 1);
	expect_rcpt(&d, 0, "dave@remote.example.net", "5.1.1");
	ck_assert_ptr_null(d.rcpts[0].action);
	/* A warning's words beside a permanent failure: not a delay. */
	ck_assert_uint_eq(parse_brief(&d, mixed), 1);
	ck_assert_ptr_null(d.rcpts[0].action);
	bounce_doc_free(&d);
}
END_TEST

/*
 * DSN fields printed in the text (a report forwarded inline, some MTAs'
 * own text part) are read as fields, never as the server's words: the
 * "dns;" of "Reporting-MTA: dns; mx.example" is no DNS failure.
 */
START_TEST(test_text_dsn_fields_not_words)
{
	static const char text[] =
	    "From: Customer <cust@client.example>\n"
	    "Subject: Fwd: Delivery Status Notification (Delay)\n\n"
	    "---------- Forwarded message ---------\n"
	    "From: Mail Delivery Service <postmaster@mx.example>\n\n"
	    "The following recipients have not yet received your message:\n\n"
	    "bob@example.net; Action: Delayed\n\n"
	    "Reporting-MTA: dns; mx.example\n"
	    "Arrival-Date: Thu, 29 Apr 2004 23:34:45 +0000\n\n"
	    "Final-Recipient: rfc822; bob@example.net\n"
	    "Action: Delayed\n"
	    "Status: 4.4.0 (other or undefined network or routing status)\n"
	    "Will-Retry-Until: Thu, 2 Jul 2004 23:34:45 +0000\n";
	static const char partial[] =
	    "From: MAILER-DAEMON@mx.example\nSubject: Delivery failure\n\n"
	    "Delivery to the following recipients failed permanently:\n\n"
	    "     carol@example.net\n\n"
	    "Reporting-MTA: dns; mx.example [192.0.2.25]\n"
	    "Received-From-MTA: dns; client.example [203.0.113.25]\n"
	    "Arrival-Date: Thu, 29 Apr 2009 23:34:45 +0000\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, text), 1);
	expect_rcpt(&d, 0, "bob@example.net", "4.4.0");
	ck_assert_str_eq(d.rcpts[0].action, "Delayed");
	ck_assert_ptr_nonnull(d.rcpts[0].diagnostic);
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "Reporting-MTA"));
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "dns;"));
	/* Without a Final-Recipient, the fields only DSNs use still are. */
	ck_assert_uint_eq(parse_brief(&d, partial), 1);
	expect_rcpt(&d, 0, "carol@example.net", NULL);
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "Reporting-MTA"));
	ck_assert_ptr_nonnull(strstr(d.rcpts[0].diagnostic, "failed"));
	bounce_doc_free(&d);
}
END_TEST

/*
 * A report forwarded inline by a mail client: the forwarded header
 * fields stand for the message's own, so an auto-reply names who is
 * away, not who forwarded it, and the report's sender tells its format.
 */
START_TEST(test_inline_forward)
{
	static const char away[] =
	    "From: Customer <cust@client.example>\n"
	    "Subject: FW: hello\n\n"
	    "Why did I get this?\n\n"
	    "-----Original Message-----\n"
	    "From: Bob <bob@example.net>\n"
	    "Sent: Tuesday, December 1, 2026 10:00 AM\n"
	    "To: Customer <cust@client.example>\n"
	    "Subject: Automatic reply: hello\n\n"
	    "I am out of the office until Monday.\n";
	static const char bounce[] =
	    "From: Customer <cust@client.example>\n"
	    "Subject: Fwd: Undelivered Mail Returned to Sender\n\n"
	    "---------- Forwarded message ---------\n"
	    "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\n"
	    "Date: Tue, 1 Dec 2026 10:00:00 +0000\n"
	    "Subject: Undelivered Mail Returned to Sender\n"
	    "To: <cust@client.example>\n\n"
	    "<carol@example.com>: host mx.example.com[192.0.2.7] said: 550 "
	    "5.1.1 <carol@example.com>: Recipient address rejected: User "
	    "unknown (in reply to RCPT TO command)\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	ck_assert_uint_eq(parse_brief(&d, away), 1);
	expect_rcpt(&d, 0, "bob@example.net", NULL);
	ck_assert_int_eq(d.rcpts[0].kind, MSG_AUTOREPLY);
	ck_assert_uint_eq(parse_brief(&d, bounce), 1);
	expect_rcpt(&d, 0, "carol@example.com", "5.1.1");
	ck_assert_ptr_nonnull(strstr(d.msgs[0].from, "MAILER-DAEMON"));
	ck_assert_ptr_nonnull(strstr(d.msgs[0].headers, "Date: Tue, 1 Dec"));
	bounce_doc_free(&d);
}
END_TEST

/* The recipient of the one record of body sent by MAILER-DAEMON. */
static const char *
daemon_rcpt(struct bounce_doc *d, const char *body)
{
	struct buf	 b;
	size_t		 n;

	buf_init(&b);
	buf_printf(&b, "From: MAILER-DAEMON@mx.example.org\n"
	    "Subject: Undeliverable mail\n\n%s", body);
	n = parse_brief(d, b.data);
	buf_free(&b);
	ck_assert_uint_eq(n, 1);
	return (d->rcpts[0].recipient);
}

/*
 * A sentence that names the recipient before it says the message
 * failed: "Your message to a@b could not be delivered", "Message
 * delivery to 'a@b' failed", "User <a@b> not found".  An address in a
 * sentence that says no such thing ("forward this message to
 * postmaster@..."), or the sender's, is nobody's record.
 */
START_TEST(test_sentence_names_recipient)
{
	static const char *const named[] = {
		"Your message to bob@example.net could not be delivered: "
		"mailbox full.\n",
		"The following message to <bob@example.net> was "
		"undeliverable. The reason for the problem: 5.1.0 - Unknown "
		"address error\n",
		"Message delivery to 'bob@example.net' failed: Mailbox quota "
		"exceeded\n",
		"User <bob@example.net> not found\n",
		"Recipient <bob@example.net> rejected: user unknown\n",
		"Failed to deliver to '<bob@example.net>': 550 5.1.1 user "
		"unknown\n",
	};
	static const char contact[] =
	    "Please forward this message to postmaster@example.net if it "
	    "persists: 550 no such user\n";
	static const char sender[] =
	    "Sender address <alice@example.org> rejected: not owned by "
	    "user\n";
	struct bounce_doc	 d;
	const char		*rcpt;
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		rcpt = daemon_rcpt(&d, named[i]);
		ck_assert_msg(strcmp(rcpt, "bob@example.net") == 0, "%s: %s",
		    named[i], rcpt);
	}
	ck_assert_str_eq(daemon_rcpt(&d, contact), "");
	ck_assert_str_eq(daemon_rcpt(&d, sender), "");
	bounce_doc_free(&d);
}
END_TEST

static Suite *
bounce_suite(void)
{
	Suite	*s = suite_create("bounce");
	TCase	*tc = tcase_create("families");

	tcase_add_loop_test(tc, test_samples, 0,
	    sizeof samples / sizeof samples[0]);
	tcase_add_test(tc, test_forwarded_dsn_brief);
	tcase_add_test(tc, test_sendmail_summary);
	tcase_add_test(tc, test_multipart_without_boundary);
	tcase_add_test(tc, test_not_bounce);
	tcase_add_test(tc, test_dsn_fields);
	tcase_add_test(tc, test_transcript_command);
	tcase_add_test(tc, test_reply_names_rcpt);
	tcase_add_test(tc, test_reply_opens_with_rcpt);
	tcase_add_test(tc, test_diag_unwrap);
	tcase_add_test(tc, test_address_item);
	tcase_add_test(tc, test_paste_spans);
	tcase_add_test(tc, test_diagnostic_span);
	tcase_add_test(tc, test_mbox_and_bare_reply);
	tcase_add_test(tc, test_multiline_reply_completed);
	tcase_add_test(tc, test_multiline_reply_many);
	tcase_add_test(tc, test_dsn_group_for_a_file);
	tcase_add_test(tc, test_reply_line_with_hyphen);
	tcase_add_test(tc, test_ses_through_sns);
	tcase_add_test(tc, test_stage_handshake);
	tcase_add_test(tc, test_stage_greeting_refused);
	tcase_add_test(tc, test_wrapped_reason_address);
	tcase_add_test(tc, test_stage_not_reply_words);
	tcase_add_test(tc, test_contact_address_not_rcpt);
	tcase_add_test(tc, test_dsn_field_order);
	tcase_add_test(tc, test_quoted_paste);
	tcase_add_test(tc, test_autoreply_languages);
	tcase_add_test(tc, test_nameless_report);
	tcase_add_test(tc, test_exchange_display_name);
	tcase_add_test(tc, test_forwarded_bounce);
	tcase_add_test(tc, test_pipelined_rcpt);
	tcase_add_test(tc, test_exim_octal_utf8);
	tcase_add_test(tc, test_pasted_mta_words);
	tcase_add_test(tc, test_jmrp_recipient);
	tcase_add_test(tc, test_sendmail_bare_addresses);
	tcase_add_loop_test(tc, test_rfc5321_address_forms, 0,
	    sizeof address_forms / sizeof address_forms[0]);
	tcase_add_test(tc, test_rfc5321_address_forms_bounded);
	tcase_add_test(tc, test_ip_spans_are_addresses);
	tcase_add_test(tc, test_folded_line_ending_in_dash);
	tcase_add_test(tc, test_log_resume);
	tcase_add_test(tc, test_exim_reply_answers_its_command);
	tcase_add_test(tc, test_quoted_command_answers_current);
	tcase_add_test(tc, test_stage_from_sender_words);
	tcase_add_test(tc, test_text_delay_notice);
	tcase_add_test(tc, test_text_dsn_fields_not_words);
	tcase_add_test(tc, test_inline_forward);
	tcase_add_test(tc, test_sentence_names_recipient);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(bounce_suite()));
}
