/*
 * The providers' published reply lists, one line at a time, as a user
 * pastes them: each must be diagnosed to its provider and its reason.
 *
 * tests/diag/replies/NAME.tsv holds one reply a line, tab-separated:
 *   the reply as the server sends it ("\n" between lines of a
 *   multi-line reply), the provider that must be named ("-": none),
 *   the reason, and where the line was published.
 * '#' lines are comments.  The rows are written from the providers'
 * documents, never from the corpus.  Every list's agreement is
 * printed, so "make check" logs the figures; any miss fails.
 *
 * Then each row again, as the MTAs that relay it report it: inside a
 * Postfix, Exim, Sendmail, qmail, Exchange, Gmail, Microsoft 365 and
 * OpenSMTPD bounce, written from their sources and documented samples
 * (the formats are facts).  The report around a reply
 * must not change its reason: a reply means what it says whoever
 * carries it.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/bounce.h"
#include "diagnose/diagnose.h"
#include "../unit/testutil.h"

/* "\n" in a row is a line break of a multi-line reply. */
static void
unescape(const char *s, size_t n, struct buf *out)
{
	size_t	 i;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			buf_addc(out, '\n');
			i++;
		} else
			buf_addc(out, s[i]);
	}
	buf_addc(out, '\n');
}

/* Split line at tabs into at most max fields; returns the count. */
static size_t
fields(char *line, char **f, size_t max)
{
	size_t	 n = 0;
	char	*t;

	while (n < max) {
		f[n++] = line;
		if ((t = strchr(line, '\t')) == NULL)
			break;
		*t = '\0';
		line = t + 1;
	}
	return (n);
}

/*
 * How an MTA puts a reply into its report: the report with %R for the
 * reply, %S for its status code, and how it lays a multi-line reply out
 * (the text between the lines).
 */
struct wrapper {
	const char	*name;
	const char	*report;
	const char	*line_break;
};

static const struct wrapper wrappers[] = {
	/* Postfix bounce(8) and its DSN; smtp(8) flattens the lines. */
	{ "postfix",
	  "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\n"
	  "To: alice@example.org\n"
	  "Subject: Undelivered Mail Returned to Sender\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n\n--B1\nContent-Type: text/plain\n\n"
	  "This is the mail system at host mx.example.org.\n\n"
	  "I'm sorry to have to inform you that your message could not\n"
	  "be delivered to one or more recipients. It's attached below.\n\n"
	  "<bob@example.net>: host mx.example.net[192.0.2.5] said: %R "
	  "(in reply to RCPT TO command)\n\n"
	  "--B1\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns; mx.example.org\n\n"
	  "Final-Recipient: rfc822; bob@example.net\nAction: failed\n"
	  "Status: %S\nRemote-MTA: dns; mx.example.net\n"
	  "Diagnostic-Code: smtp; %R\n\n--B1--\n", " " },
	/* Exim deliver.c: the reply's lines under the command, indented. */
	{ "exim",
	  "From: Mail Delivery System <Mailer-Daemon@mx.example.org>\n"
	  "To: alice@example.org\n"
	  "Subject: Mail delivery failed: returning message to sender\n\n"
	  "This message was created automatically by mail delivery "
	  "software.\n\nA message that you sent could not be delivered to "
	  "one or more of its\nrecipients. This is a permanent error. The "
	  "following address(es) failed:\n\n  bob@example.net\n"
	  "    host mx.example.net [192.0.2.5]\n"
	  "    SMTP error from remote mail server after "
	  "RCPT TO:<bob@example.net>:\n    %R\n", "\n    " },
	/* Sendmail savemail.c and the transcript of usersmtp.c. */
	{ "sendmail",
	  "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\n"
	  "To: alice@example.org\n"
	  "Subject: Returned mail: see transcript for details\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n\n--B1\nContent-Type: text/plain\n\n"
	  "The original message was received at Mon, 1 Dec 2026 10:00:00 "
	  "GMT\nfrom localhost [127.0.0.1]\n\n"
	  "   ----- The following addresses had permanent fatal errors "
	  "-----\n<bob@example.net>\n\n"
	  "   ----- Transcript of session follows -----\n"
	  "... while talking to mx.example.net.:\n"
	  ">>> RCPT To:<bob@example.net>\n<<< %R\n\n"
	  "--B1\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns; mx.example.org\n\n"
	  "Final-Recipient: RFC822; bob@example.net\nAction: failed\n"
	  "Status: %S\nRemote-MTA: DNS; mx.example.net\n"
	  "Diagnostic-Code: SMTP; %R\n\n--B1--\n", "\n<<< " },
	/* qmail-send.c's bounce, qmail-remote.c's recipient text. */
	{ "qmail",
	  "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\n"
	  "Subject: failure notice\n\n"
	  "Hi. This is the qmail-send program at mx.example.org.\n"
	  "I'm afraid I wasn't able to deliver your message to the "
	  "following addresses.\nThis is a permanent error; I've given up. "
	  "Sorry it didn't work out.\n\n<bob@example.net>:\n"
	  "192.0.2.5 does not like recipient.\nRemote host said: %R\n"
	  "Giving up on 192.0.2.5.\n\n"
	  "--- Below this line is a copy of the message.\n\n"
	  "From: alice@example.org\nTo: bob@example.net\nSubject: hi\n\n"
	  "hello\n", "\n" },
	/* Exchange's NDR: "Diagnostic information for administrators". */
	{ "exchange",
	  "From: postmaster@example.org\nTo: alice@example.org\n"
	  "Subject: Undeliverable: hi\nMIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n\n--B1\nContent-Type: text/plain\n\n"
	  "Delivery has failed to these recipients or groups:\n\n"
	  "bob@example.net\nThe server has tried to deliver this message, "
	  "without success.\n\nDiagnostic information for "
	  "administrators:\n\nGenerating server: mx.example.org\n\n"
	  "bob@example.net\nmx.example.net #%R ##\n\n"
	  "--B1\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns;mx.example.org\n\n"
	  "Final-recipient: RFC822; bob@example.net\nAction: failed\n"
	  "Status: %S\nDiagnostic-Code: smtp;%R\n"
	  "Remote-MTA: dns;mx.example.net\n\n--B1--\n", " " },
	/* Gmail's own DSN: "The response from the remote server was". */
	{ "gmail",
	  "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n"
	  "To: alice@gmail.com\n"
	  "Subject: Delivery Status Notification (Failure)\n"
	  "MIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n\n--B1\nContent-Type: text/plain\n\n"
	  "** Message not delivered **\n\nThere was a problem delivering "
	  "your message to bob@example.net. See the technical details "
	  "below.\n\nThe response from the remote server was:\n%R\n\n"
	  "--B1\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns; googlemail.com\n\n"
	  "Final-Recipient: rfc822; bob@example.net\nAction: failed\n"
	  "Status: %S\nRemote-MTA: dns; mx.example.net. (192.0.2.5, the "
	  "server for the domain example.net.)\n"
	  "Diagnostic-Code: smtp; %R\n\n--B1--\n", "\n" },
	/* Microsoft 365's NDR: "Remote Server returned '...'". */
	{ "microsoft365",
	  "From: postmaster@outlook.com\nTo: alice@outlook.com\n"
	  "Subject: Undeliverable: hi\nMIME-Version: 1.0\n"
	  "Content-Type: multipart/report; report-type=delivery-status;\n"
	  "\tboundary=\"B1\"\n\n--B1\nContent-Type: text/plain\n\n"
	  "Delivery has failed to these recipients or groups:\n\n"
	  "bob@example.net\nA problem occurred while delivering this "
	  "message to this email address.\n\nDiagnostic information for "
	  "administrators:\n\nGenerating server: "
	  "AM0PR01MB1234.eurprd01.prod.exchangelabs.com\n\n"
	  "bob@example.net\nRemote Server returned '%R'\n\n"
	  "--B1\nContent-Type: message/delivery-status\n\n"
	  "Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.exchangelabs.com\n"
	  "\nFinal-Recipient: rfc822;bob@example.net\nAction: failed\n"
	  "Status: %S\nRemote-MTA: dns;mx.example.net\n"
	  "Diagnostic-Code: smtp;%R\n\n--B1--\n", " " },
	/* OpenSMTPD's bounce.c: "address: reply" under its list. */
	{ "opensmtpd",
	  "From: MAILER-DAEMON@mx.example.org\nTo: alice@example.org\n"
	  "Subject: Delivery status notification: error\n\nHi!\n\n"
	  "This is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
	  "An error has occurred while attempting to deliver a message for\n"
	  "the following list of recipients:\n\nbob@example.net: %R\n\n"
	  "Below is a copy of the original message:\n\n"
	  "From: alice@example.org\nTo: bob@example.net\nSubject: hi\n\n"
	  "hello\n", " " },
};

/* The status a report gives a reply: its own enhanced code, or N.0.0. */
static void
reply_status(const char *reply, char *st, size_t size)
{
	const char	*p = reply;
	int		 a, b, c, len;

	for (; *p != '\0' && *p != '\n'; p++) {
		if ((*p == '2' || *p == '4' || *p == '5') && p[1] == '.' &&
		    (p == reply || p[-1] == ' ' || p[-1] == '-') &&
		    sscanf(p, "%1d.%3d.%3d%n", &a, &b, &c, &len) == 3 &&
		    (p[len] == ' ' || p[len] == '\0' || p[len] == '\n')) {
			snprintf(st, size, "%d.%d.%d", a, b, c);
			return;
		}
	}
	snprintf(st, size, "%c.0.0", reply[0] == '4' ? '4' : '5');
}

/* An address's byte: the reply's addresses become the recipient's. */
static int
addr_byte(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
	    c == '+' || c == '%');
}

/* reply with every a@b in it made the recipient's, bob@example.net. */
static void
own_addresses(const char *reply, struct buf *out)
{
	const char	*p = reply, *a, *e;

	buf_reset(out);
	while (*p != '\0') {
		if (*p != '@' || p == reply || !addr_byte((unsigned char)p[-1]) ||
		    !addr_byte((unsigned char)p[1])) {
			buf_addc(out, *p++);
			continue;
		}
		for (a = p; a > reply && addr_byte((unsigned char)a[-1]); a--)
			;
		for (e = p + 1; addr_byte((unsigned char)*e); e++)
			;
		out->len -= (size_t)(p - a);
		buf_adds(out, "bob@example.net");
		p = e;
	}
}

/* The report of w around reply (its lines broken as w breaks them). */
static void
wrap(const struct wrapper *w, const char *reply, struct buf *out)
{
	const char	*p, *r;
	char		 st[16];

	reply_status(reply, st, sizeof st);
	buf_reset(out);
	for (p = w->report; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'S') {
			buf_adds(out, st);
			p++;
		} else if (p[0] == '%' && p[1] == 'R') {
			/* The row ends in a newline, which the report has. */
			for (r = reply; *r != '\0' && r[1] != '\0'; r++)
				if (*r == '\n')
					buf_adds(out, w->line_break);
				else
					buf_addc(out, *r);
			p++;
		} else
			buf_addc(out, *p);
	}
}

/*
 * Row lineno of list name inside every MTA's report: the same reason.
 * Only a reply (a row that opens with its code) is carried by another
 * MTA; a row that is an MTA's own account is its report already.  The
 * addresses it names are the recipient's, as a refusal names its own.
 */
static size_t
check_wrapped(const char *name, size_t lineno, const char *row,
    const char *reason, size_t misses[], size_t *wrapped)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 scratch;
	struct buf		 report, own;
	const char		*reply;
	size_t			 i, bad = 0;

	if (row[0] < '2' || row[0] > '5' || row[1] < '0' || row[1] > '9' ||
	    row[2] < '0' || row[2] > '9' || (row[3] != ' ' && row[3] != '-'))
		return (0);
	(*wrapped)++;
	buf_init(&report);
	buf_init(&own);
	own_addresses(row, &own);
	reply = own.data;
	bounce_doc_init(&d);
	for (i = 0; i < sizeof wrappers / sizeof wrappers[0]; i++) {
		wrap(&wrappers[i], reply, &report);
		bounce_parse(&d, report.data, report.len, NULL, BOUNCE_BRIEF);
		if (d.nrcpts != 1 ||
		    strcmp(d.rcpts[0].recipient, "bob@example.net") != 0) {
			printf("%s:%zu: in a %s report: %zu records\n", name,
			    lineno, wrappers[i].name, d.nrcpts);
			misses[i]++;
			bad++;
			continue;
		}
		arena_init(&scratch);
		diagnose(shipped_rules(), shipped_catalog(), &d, 0, &v,
		    &scratch);
		if (v.reason == NULL || strcmp(v.reason, reason) != 0) {
			printf("%s:%zu: in a %s report: got %s, want %s: "
			    "%.100s\n", name, lineno, wrappers[i].name,
			    v.reason != NULL ? v.reason : "-", reason, reply);
			misses[i]++;
			bad++;
		}
		arena_free(&scratch);
	}
	bounce_doc_free(&d);
	buf_free(&report);
	buf_free(&own);
	return (bad);
}

#define NWRAPPERS	(sizeof wrappers / sizeof wrappers[0])

/* One list: its rows diagnosed; the misses counted and printed. */
static void
check_list(const char *path, const char *name, size_t *rows, size_t *misses,
    size_t wrapped_misses[NWRAPPERS], size_t *wrapped)
{
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 scratch;
	struct buf		 reply;
	char			 line[8192], *f[4];
	size_t			 lineno = 0, n = 0, bad = 0;
	FILE			*fp;
	const char		*prov, *reason;

	if ((fp = fopen(path, "r")) == NULL)
		ck_abort_msg("cannot open %s", path);
	buf_init(&reply);
	bounce_doc_init(&d);
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (fields(line, f, 4) != 4)
			ck_abort_msg("%s:%zu: want 4 tab-separated fields", name,
			    lineno);
		n++;
		unescape(f[0], strlen(f[0]), &reply);
		bounce_parse(&d, reply.data, reply.len, NULL, BOUNCE_BRIEF);
		if (d.nrcpts == 0) {
			printf("%s:%zu: no record: %s\n", name, lineno, f[0]);
			bad++;
			continue;
		}
		arena_init(&scratch);
		diagnose(shipped_rules(), shipped_catalog(), &d, 0, &v,
		    &scratch);
		prov = v.provider != NULL ? v.provider : "-";
		reason = v.reason != NULL ? v.reason : "-";
		if (strcasecmp(prov, f[1]) != 0 || strcmp(reason, f[2]) != 0) {
			printf("%s:%zu: got %s / %s, want %s / %s: %.100s\n",
			    name, lineno, prov, reason, f[1], f[2], f[0]);
			bad++;
		}
		arena_free(&scratch);
		check_wrapped(name, lineno, reply.data, f[2], wrapped_misses,
		    wrapped);
	}
	fclose(fp);
	bounce_doc_free(&d);
	buf_free(&reply);
	printf("%s: %zu of %zu right (%.1f%%)\n", name, n - bad, n,
	    n != 0 ? 100.0 * (double)(n - bad) / (double)n : 100.0);
	*rows += n;
	*misses += bad;
}

START_TEST(test_published_lists)
{
	char		 dir[1024], path[2048];
	struct dirent	*e;
	DIR		*dp;
	size_t		 rows = 0, misses = 0, lists = 0, len, i, wrapped = 0;
	size_t		 wmisses[NWRAPPERS] = { 0 }, wbad = 0;

	snprintf(dir, sizeof dir, "%s/diag/replies", TEST_SRCDIR);
	if ((dp = opendir(dir)) == NULL)
		ck_abort_msg("cannot open %s", dir);
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		check_list(path, e->d_name, &rows, &misses, wmisses, &wrapped);
		lists++;
	}
	closedir(dp);
	printf("all lists: %zu of %zu right (%.1f%%)\n", rows - misses, rows,
	    rows != 0 ? 100.0 * (double)(rows - misses) / (double)rows : 0.0);
	for (i = 0; i < NWRAPPERS; i++) {
		printf("replies in %s reports: %zu of %zu right (%.1f%%)\n",
		    wrappers[i].name, wrapped - wmisses[i], wrapped,
		    wrapped != 0 ? 100.0 * (double)(wrapped - wmisses[i]) /
		    (double)wrapped : 0.0);
		wbad += wmisses[i];
	}
	fflush(stdout);
	ck_assert_uint_gt(lists, 0);
	ck_assert_msg(misses == 0, "%zu of %zu published replies misdiagnosed",
	    misses, rows);
	ck_assert_uint_gt(wrapped, 0);
	ck_assert_msg(wbad == 0, "%zu wrapped replies misdiagnosed", wbad);
}
END_TEST

static Suite *
replies_suite(void)
{
	Suite	*s = suite_create("replies");
	TCase	*tc = tcase_create("published");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_published_lists);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(replies_suite()));
}
