/*
 * Misreadings found on bounces the rules were not written from, each as
 * a short reply or a minimal DSN written from the pattern itself, and
 * the reason the sources give it.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <check.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "diagnose/diagnose.h"
#include "diagutil.h"
#include "../unit/testutil.h"
#include "diagnose/rules.h"

/* One recipient's words in a minimal report, and what they mean. */
static const struct {
	const char	*line;
	const char	*reason;
} replies[] = {
	/* 1. The words of a missing user with no SMTP stage known. */
	{ "550 User unknown", "userunknown" },
	{ "550 No such user here", "userunknown" },
	{ "User q (q@example.com) not listed in Domino Directory",
	    "userunknown" },
	{ "550 Requested action not taken: mailbox unavailable",
	    "userunknown" },
	{ "554 This user doesn't have a example.com account (q@example.com)",
	    "userunknown" },
	{ "550 This email address is wrong or no longer valid",
	    "userunknown" },
	/* The words outrank X.2.1's default (filtered). */
	{ "550 5.2.1 <q@example.com>... User Unknown", "userunknown" },
	/* At RCPT, Postfix's own words. */
	{ "host mx.example.com[192.0.2.1] said: 550 5.1.1 <q@example.com>: "
	    "Recipient address rejected: User unknown in virtual mailbox "
	    "table (in reply to RCPT TO command)", "userunknown" },
	/* After DATA, the carriers' convention: a filter refused. */
	{ "host mx.example.jp[192.0.2.3] said: 550 Unknown user "
	    "q@example.jp (in reply to end of DATA command)", "filtered" },

	/* 2. Words that say why, read as nothing. */
	{ "550 No mail box available for this user", "userunknown" },
	{ "550 BAD_RECIPIENT", "userunknown" },
	{ "552 Mailbox quota usage exceeded", "mailboxfull" },
	{ "554 Refused: your server 192.0.2.1 is an open relay", "blocked" },
	{ "550 Unroutable sender address", "rejected" },
	{ "Could not deliver for the last 5 days. Giving up.", "expired" },
	/* Postfix qmgr, a message past maximal_queue_lifetime (qmgr_active.c). */
	{ "status=expired, returned to sender", "expired" },
	{ "Host not reachable", "networkerror" },
	{ "552 exceeded maximum inbound message size", "emailtoolarge" },
	{ "554 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1",
	    "blocked" },
	/* "spam" in a help page's name is no verdict of a filter. */
	{ "451 4.7.1 Temporarily deferred, see "
	    "http://example.com/help/help_spam_16.htm", "blocked" },
	{ "550 Rejected, see https://www.abuseat.org/lookup.cgi?ip=192.0.2.1",
	    "blocked" },

	/* 4. Refusals of the recipient are not refusals of the sender. */
	{ "554 5.7.1 <q@example.com>: Recipient address rejected: Access "
	    "denied", "userunknown" },
	{ "550 5.7.1 <q@example.com>: Recipient address rejected: Policy "
	    "violation", "policyviolation" },
	{ "550 <q@example.com>: Recipient address rejected: Mailer error",
	    "mailererror" },

	/* 5. The words outrank a status code's default. */
	{ "550 5.1.1 <q@example.com>: SPF check failed", "authfailure" },
	{ "550 5.1.8 Sender rejected: SPF validation failed for 192.0.2.1",
	    "authfailure" },
	{ "452 4.5.3 Too many recipients this hour", "ratelimited" },
	{ "550 5.1.1 Refused due to recipient preferences", "filtered" },
	{ "553 sorry, that domain isn't in my list of allowed rcpthosts "
	    "(#5.7.1)", "norelaying" },

	/* 6. Spam, policy, content and authentication told apart. */
	{ "554 5.7.1 This message is not RFC 5322 compliant. There are "
	    "multiple Subject headers. To reduce the amount of spam sent, "
	    "this message has been blocked.", "notcompliantrfc" },
	{ "550 5.7.1 Email rejected per DMARC policy for example.org",
	    "authfailure" },
	{ "550 5.7.1 Unauthenticated email from example.org is not accepted "
	    "due to domain's DMARC policy", "authfailure" },

	/* A mailbox code at the greeting names no mailbox: the client. */
	{ "host mx.example.net[192.0.2.1] refused to talk to me: 421 4.2.1 "
	    "Service refused, please try later", "blocked" },
	/* 7. Network, local programs, disk space. */
	/* "delayed" alone is a deferral's word, not an expiry's. */
	{ "451 4.3.0 Message delayed: temporary local problem",
	    "systemerror" },
	{ "452 4.4.5 Insufficient disk space; try again later",
	    "systemfull" },
	/* RFC 5321's 421 text with the server's name in it, as sent. */
	{ "421 mx.example.net Service not available, closing transmission "
	    "channel", "systemerror" },
	{ "451 4.3.0 Temporary system failure, please try again later",
	    "systemerror" },
	{ "lost connection with mx.example.com[192.0.2.1] while performing "
	    "the HELO handshake", "networkerror" },

	/* MTAs' own replies, from their sources. */
	{ "530 5.7.4 REQUIRETLS support required", "failedstarttls" },
	{ "530 5.7.0 Must issue a STARTTLS command first", "failedstarttls" },
	{ "533 no support for internationalised mailbox name",
	    "contenterror" },
	{ "553 sorry, your envelope sender is in my badmailfrom list "
	    "(#5.7.1)", "rejected" },

	/* An MMS gateway: no recipient of the multimedia message is served. */
	{ "Error: No valid recipients for this MM", "userunknown" },

	/* 8. 5.1.10 is not 5.1.1: a null MX, not a missing mailbox. */
	{ "550 5.1.10 <q@example.com>", "notaccept" },
	/*
	 * 6. A code of one cause (RFC 7372) outranks a vague word beside it:
	 * "blocked" with 5.7.26 is the authentication failure, with 5.7.25
	 * the missing PTR.
	 */
	{ "550 5.7.26 Your message has been blocked", "authfailure" },
	{ "550 5.7.25 Access denied, see the postmaster page",
	    "requireptr" },
	/* and a code used for other causes does not (Sendmail's null MX). */
	{ "550 5.7.27 Host does not accept mail", "notaccept" },
};

static void
diagnose_text(const char *s, struct verdict *v, struct arena *a,
    struct bounce_doc *d)
{
	bounce_doc_init(d);
	ck_assert_uint_eq(bounce_parse(d, s, strlen(s), NULL, 0), 1);
	diagnose(shipped_rules(), NULL, d, 0, v, a);
}

START_TEST(test_reply)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	struct buf		 b;

	buf_init(&b);
	buf_printf(&b, "From: MAILER-DAEMON@x.example\nSubject: failure "
	    "notice\n\n<q@example.com>:\n%s\n", replies[_i].line);
	arena_init(&a);
	diagnose_text(b.data, &v, &a, &d);
	ck_assert_msg(strcmp(v.reason, replies[_i].reason) == 0,
	    "%s: %s, not %s", replies[_i].line, v.reason,
	    replies[_i].reason);
	bounce_doc_free(&d);
	arena_free(&a);
	buf_free(&b);
}
END_TEST

/* Postfix's DSNs: its own diagnostics have the X-Postfix type. */
static const struct {
	const char	*action;
	const char	*status;
	const char	*diagnostic;
	const char	*reason;
} dsns[] = {
	/* A lost connection is the network's, not a local program's. */
	{ "delayed", "4.4.2", "X-Postfix; lost connection with "
	    "mx.example.com[192.0.2.1] while performing the HELO handshake",
	    "networkerror" },
	/* Postfix gives a program's EX_CANTCREAT 5.2.0: procmail failed. */
	{ "failed", "5.2.0", "X-Postfix; can't create user output file. "
	    "Command output: procmail: Lock failure on \"/var/mail/q.lock\"",
	    "mailererror" },
	/* X-Postfix with words of a loop: a system error. */
	{ "failed", "5.4.6", "X-Postfix; mail for example.com loops back to "
	    "myself", "systemerror" },
	/*
	 * Sendmail's 5.1.1 and 5.2.2 for a server without enhanced codes
	 * (its translation of 550 and 552) do not outweigh the words.
	 */
	{ "failed", "5.1.1", "smtp; 550 spam detected", "spamdetected" },
	{ "failed", "5.2.2", "smtp; 552 Message is too long",
	    "emailtoolarge" },
	/* The server's own 5.1.1 still says what it says. */
	{ "failed", "5.1.1", "smtp; 550 5.1.1 Blocked", "userunknown" },
};

START_TEST(test_dsn)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 a;
	struct buf		 b;

	buf_init(&b);
	buf_printf(&b, "From: MAILER-DAEMON@x.example\nSubject: Undelivered "
	    "Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: "
	    "multipart/report; report-type=delivery-status; boundary=\"B\"\n"
	    "\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: "
	    "dns; x.example\n\nFinal-Recipient: rfc822; q@example.com\n"
	    "Action: %s\nStatus: %s\nDiagnostic-Code: %s\n\n--B--\n",
	    dsns[_i].action, dsns[_i].status, dsns[_i].diagnostic);
	arena_init(&a);
	diagnose_text(b.data, &v, &a, &d);
	ck_assert_msg(strcmp(v.reason, dsns[_i].reason) == 0,
	    "%s: %s, not %s", dsns[_i].diagnostic, v.reason,
	    dsns[_i].reason);
	bounce_doc_free(&d);
	arena_free(&a);
	buf_free(&b);
}
END_TEST

/*
 * Every enhanced code written in a reviewed rule's pattern (one that
 * names its source) is anchored: the pattern that names 5.1.1 does not
 * match 5.1.10.  The codes are
 * found in the pattern's text ("5\.1\.1"), then the pattern is run on
 * the code with one more digit.
 */
START_TEST(test_codes_anchored)
{
	const struct rules	*rs = shipped_rules();
	pcre2_code		*re, *code_re;
	pcre2_match_data	*md, *cmd;
	PCRE2_SIZE		 off;
	PCRE2_SIZE		*ov;
	int			 errc, bad = 0, seen = 0;
	size_t			 i, start, n, k;
	char			 code[32], text[40];
	const char		*p;

	code_re = pcre2_compile((PCRE2_SPTR)"[245]\\\\\\.[0-9]{1,3}"
	    "\\\\\\.[0-9]{1,3}", PCRE2_ZERO_TERMINATED, 0, &errc, &off, NULL);
	ck_assert_ptr_nonnull(code_re);
	cmd = pcre2_match_data_create_from_pattern(code_re, NULL);
	for (i = 0; i < rs->n; i++) {
		const struct rule *ru = &rs->v[i];

		if (ru->pattern == NULL || ru->nsources == 0)
			continue;
		p = ru->pattern;
		re = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED,
		    PCRE2_CASELESS | PCRE2_UTF, &errc, &off, NULL);
		ck_assert_ptr_nonnull(re);
		md = pcre2_match_data_create_from_pattern(re, NULL);
		start = 0;
		while (pcre2_match(code_re, (PCRE2_SPTR)p, strlen(p), start, 0,
		    cmd, NULL) > 0) {
			ov = pcre2_get_ovector_pointer(cmd);
			/* "5\.1\.1" in the pattern: 5.1.1 in the text. */
			for (n = 0, k = ov[0]; k < ov[1] && n + 1 < sizeof code;
			    k++)
				if (p[k] != '\\')
					code[n++] = p[k];
			code[n] = '\0';
			/*
			 * "4\.16\.5\d" or "5\.7\.5[0-9]" writes a range, not the
			 * code 4.16.5: more digits are what it means.
			 */
			if (strncmp(p + ov[1], "\\d", 2) == 0 ||
			    p[ov[1]] == '[') {
				start = ov[1];
				continue;
			}
			snprintf(text, sizeof text, "550 %s0 x", code);
			seen++;
			if (pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0,
			    0, md, NULL) > 0) {
				printf("%s:%u: rule %s: %s matches \"%s\"\n",
				    ru->file, ru->line, ru->id, code, text);
				bad++;
			}
			start = ov[1];
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	pcre2_match_data_free(cmd);
	pcre2_code_free(code_re);
	fflush(stdout);
	ck_assert_int_gt(seen, 0);
	ck_assert_msg(bad == 0, "%d code patterns not anchored", bad);
}
END_TEST

static Suite *
patterns_suite(void)
{
	Suite	*s = suite_create("patterns");
	TCase	*tc = tcase_create("unseen");

	tcase_add_loop_test(tc, test_reply, 0,
	    sizeof replies / sizeof replies[0]);
	tcase_add_loop_test(tc, test_dsn, 0, sizeof dsns / sizeof dsns[0]);
	tcase_add_test(tc, test_codes_anchored);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(patterns_suite()));
}
