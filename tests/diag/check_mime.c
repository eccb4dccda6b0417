/* Tests of MIME decoding and hostile input: bounded, linear, no crash. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/bounce.h"
#include "diagutil.h"
#include "../unit/testutil.h"
#include "parse/textdec.h"
#include "base/utf8.h"

START_TEST(test_base64_qp)
{
	struct buf	 b;

	buf_init(&b);
	textdec_base64("aGVsbG8gd29y\nbGQ=", 17, &b);
	ck_assert_str_eq(b.data, "hello world");
	buf_reset(&b);
	textdec_qp("caf=C3=A9 =\nx=3D", 17, &b, 0);
	ck_assert_str_eq(b.data, "caf\xc3\xa9 x=");
	/* Plain stretches, soft breaks with blanks, a stray '=', the end. */
	buf_reset(&b);
	textdec_qp("ab=3Dcd=  \nef=ZZ=", 17, &b, 0);
	ck_assert_str_eq(b.data, "ab=cdef=ZZ");
	buf_reset(&b);
	textdec_qp("no escapes at all", 17, &b, 0);
	ck_assert_str_eq(b.data, "no escapes at all");
	buf_reset(&b);
	textdec_qp("a_b=5Fc", 7, &b, 1);
	ck_assert_str_eq(b.data, "a b_c");
	buf_free(&b);
}
END_TEST

/*
 * multipart/alternative: the plain text is read, the HTML copy after it
 * is not (one line says it is there); an HTML-only part loses its style
 * sheet and script.
 */
START_TEST(test_alternative_and_html)
{
	struct bounce_doc	 d;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Content-Type: multipart/alternative; boundary=\"A\"\n\n"
	    "--A\nContent-Type: text/plain\n\nThe plain words.\n"
	    "--A\nContent-Type: text/html\n\n<p>The html words, "
	    "<a href=\"x?p=Denied\">here</a></p>\n--A--\n";
	const char		*h = "From: MAILER-DAEMON@x.example\n"
	    "Content-Type: text/html\n\n<html><head><style>* { font: x; }"
	    "</style><script>var a = 1;</script></head><body>Kept "
	    "text.</body></html>\n";

	bounce_doc_init(&d);
	bounce_parse(&d, s, strlen(s), NULL, 0);
	ck_assert_ptr_nonnull(strstr(d.text.data, "The plain words."));
	ck_assert_ptr_null(strstr(d.text.data, "html words"));
	ck_assert_ptr_nonnull(strstr(d.text.data, "[text/html part of "));
	bounce_parse(&d, h, strlen(h), NULL, 0);
	ck_assert_ptr_nonnull(strstr(d.text.data, "Kept text."));
	ck_assert_ptr_null(strstr(d.text.data, "font"));
	ck_assert_ptr_null(strstr(d.text.data, "var a"));
	bounce_doc_free(&d);
}
END_TEST

/*
 * A part's Content-Type folded without the blank before its parameter
 * (as some Java mailers write it): the boundary is still read, and the
 * nested parts are parts, not text.
 */
START_TEST(test_unfolded_parameter)
{
	struct bounce_doc	 d;
	const char		*s = "From: post_master@x.example\n"
	    "Subject: Re: test\n"
	    "Content-Type: multipart/mixed; boundary=\"A\"\n\n"
	    "--A\nContent-Type: multipart/alternative;\nboundary=\"B\"\n\n"
	    "--B\nContent-Type: text/plain\n\nError: Invalid user address\n"
	    "550 - Requested action not taken: no such user here\n"
	    "  RCPT TO: bob@example.net\n--B--\n\n--A--\n";
	/* Only a parameter after ';' continues; another line is the body. */
	const char		*t = "From: MAILER-DAEMON@x.example\n"
	    "Content-Type: text/plain\nboundary=not a header\n";

	bounce_doc_init(&d);
	bounce_parse(&d, s, strlen(s), NULL, 0);
	ck_assert_ptr_nonnull(strstr(d.text.data, "Error: Invalid user"));
	ck_assert_uint_eq(d.nrcpts, 1);
	ck_assert_msg(strncmp(d.rcpts[0].diagnostic, "Error: Invalid user",
	    19) == 0, "%s", d.rcpts[0].diagnostic);
	bounce_parse(&d, t, strlen(t), NULL, 0);
	ck_assert_ptr_nonnull(strstr(d.text.data, "boundary=not a header"));
	bounce_doc_free(&d);
}
END_TEST

/*
 * The preamble before the first delimiter is shown, but not read as the
 * report's words unless it holds an address or a code.
 */
/* A rule line of 76 '=', as reports frame their sections. */
#define RULE76 "=================================================="\
    "==========================\n"

START_TEST(test_preamble)
{
	struct bounce_doc	 d;
	const char		*s = "From: MAILER-DAEMON@x.example\n"
	    "Subject: Undeliverable\n"
	    "Content-Type: multipart/report; boundary=\"A\"\n\n"
	    "This is a multi-part message in MIME format.\n\n"
	    "--A\nContent-Type: text/plain\n\n" RULE76
	    "  This is an automatically generated Delivery Status "
	    "Notification.\n\nDelivery to the following recipients failed "
	    "permanently:\n\n   * bob@example.net\n\n\n" RULE76
	    "  Technical details:\n\nSMTP:RCPT host 192.0.2.8: 553 5.3.0 "
	    "<bob@example.net>... No such user here\n\n\n" RULE76 "\n"
	    "--A\nContent-Type: message/rfc822\n\nFrom: alice@example.org\n"
	    "To: bob@example.net\nSubject: hi\n\nhello\n--A--\n";

	bounce_doc_init(&d);
	bounce_parse(&d, s, strlen(s), NULL, 0);
	ck_assert_ptr_nonnull(strstr(d.text.data, "multi-part message"));
	ck_assert_uint_eq(d.nrcpts, 1);
	ck_assert_ptr_null(strstr(d.rcpts[0].diagnostic, "multi-part"));
	bounce_doc_free(&d);
}
END_TEST

/* CRLF, lone CR and LF line ends all come out as LF. */
START_TEST(test_line_ends)
{
	static const struct {
		const char	*in, *text;
	} cases[] = {
		{ "550 a\r\nb\rc\r\r\nd\r", "550 a\nb\nc\n\nd\n" },
		{ "\r\r\n550 x", "\n\n550 x" },
		{ "550 plain\n", "550 plain\n" },
		{ "550 \r", "550 \n" },
	};
	struct bounce_doc	 d;
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bounce_parse(&d, cases[i].in, strlen(cases[i].in), NULL, 0);
		ck_assert_str_eq(d.text.data, cases[i].text);
	}
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_rfc2047)
{
	struct textdec	 t;
	struct buf	 b;
	const char	*h = "=?UTF-8?B?Y2Fmw6k=?= =?ISO-8859-1?Q?_na=EFve?= end";

	textdec_init(&t);
	buf_init(&b);
	textdec_header(&t, h, strlen(h), &b);
	ck_assert_str_eq(b.data, "caf\xc3\xa9 na\xc3\xafve end");
	buf_free(&b);
	textdec_free(&t);
}
END_TEST

START_TEST(test_charsets)
{
	struct textdec	 t;
	struct buf	 b;
	/* "メール" in ISO-2022-JP. */
	const char	 jis[] = "\x1b$B%a!<%k\x1b(B";

	textdec_init(&t);
	buf_init(&b);
	textdec_charset(&t, "ISO-2022-JP", jis, sizeof jis - 1, &b);
	ck_assert_str_eq(b.data, "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab");
	buf_reset(&b);
	textdec_charset(&t, "iso-8859-1", "\xe9t\xe9", 3, &b);
	ck_assert_str_eq(b.data, "\xc3\xa9t\xc3\xa9");
	buf_reset(&b);
	/* Invalid UTF-8 and NUL are replaced, never passed on. */
	textdec_charset(&t, "utf-8", "a\xff\0b", 4, &b);
	ck_assert_str_eq(b.data, "a\xef\xbf\xbd\xef\xbf\xbd" "b");
	buf_reset(&b);
	textdec_charset(&t, "x-no-such-charset", "ok", 2, &b);
	ck_assert_str_eq(b.data, "ok");
	/*
	 * "送信できません" labelled ISO-2022-JP, a 7-bit code, but sent as
	 * 8-bit EUC-JP or Shift_JIS: read as what the bytes are.
	 */
	buf_reset(&b);
	textdec_charset(&t, "ISO-2022-JP", "\xc1\xf7\xbf\xae\xa4\xc7\xa4"
	    "\xad\xa4\xde\xa4\xbb\xa4\xf3", 14, &b);
	ck_assert_str_eq(b.data, "送信できません");
	buf_reset(&b);
	textdec_charset(&t, "iso-2022-jp", "\x91\x97\x90\x4d\x82\xc5\x82"
	    "\xab\x82\xdc\x82\xb9\x82\xf1", 14, &b);
	ck_assert_str_eq(b.data, "送信できません");
	buf_free(&b);
	textdec_free(&t);
}
END_TEST

/*
 * Valid ISO-2022-JP longer than iconv's chunks, its characters and its
 * escapes falling on every chunk boundary in turn: the same text as in
 * one call.  The double-byte run after one ESC $ B spans many chunks,
 * so a shift state lost between them would show.
 */
START_TEST(test_jis_chunks)
{
	const char	*mail = "\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab";
	struct textdec	 t;
	struct buf	 in, want, b;
	size_t		 k, i;

	textdec_init(&t);
	buf_init(&in);
	buf_init(&want);
	buf_init(&b);
	for (k = 0; k < 70; k++) {
		buf_reset(&in);
		buf_reset(&want);
		for (i = 0; i < k; i++) {
			buf_addc(&in, 'x');
			buf_addc(&want, 'x');
		}
		for (i = 0; i < 300; i++) {
			buf_adds(&in, "\x1b$B%a!<%k\x1b(B ");
			buf_adds(&want, mail);
			buf_addc(&want, ' ');
		}
		buf_adds(&in, "\x1b$B");
		for (i = 0; i < 3000; i++) {
			buf_adds(&in, "%a!<%k");
			buf_adds(&want, mail);
		}
		buf_adds(&in, "\x1b(B.");
		buf_addc(&want, '.');
		buf_reset(&b);
		textdec_charset(&t, "iso-2022-jp", in.data, in.len, &b);
		ck_assert_uint_eq(b.len, want.len);
		ck_assert_msg(memcmp(b.data, want.data, b.len) == 0,
		    "prefix %zu: not the same text", k);
	}
	buf_free(&b);
	buf_free(&want);
	buf_free(&in);
	textdec_free(&t);
}
END_TEST

/*
 * Nothing to decode: an empty struct buf has a NULL data pointer, and
 * an HTML part that is empty or all markup strips to one.  Passing that
 * to memchr is undefined even for no bytes (UBSan stops there).
 */
START_TEST(test_empty_text)
{
	static const char *const cs[] = {
		NULL, "utf-8", "iso-8859-1", "iso-2022-jp", "koi8-r",
		"x-no-such-charset",
	};
	static const char *const body[] = { "", "<b>", "<p><br>" };
	struct textdec		 t;
	struct bounce_doc	 d;
	struct buf		 b, m;
	size_t			 i, j;

	textdec_init(&t);
	buf_init(&b);
	for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		buf_free(&b);
		textdec_charset(&t, cs[i], NULL, 0, &b);
		ck_assert_ptr_nonnull(b.data);
		ck_assert_str_eq(b.data, "");
	}
	buf_free(&b);
	textdec_utf8(NULL, 0, &b);
	ck_assert_str_eq(b.data, "");
	buf_free(&b);
	textdec_header(&t, NULL, 0, &b);
	ck_assert_str_eq(b.data, "");
	buf_free(&b);
	textdec_free(&t);

	bounce_doc_init(&d);
	buf_init(&m);
	for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		for (j = 0; j < sizeof body / sizeof body[0]; j++) {
			buf_reset(&m);
			buf_printf(&m, "From: MAILER-DAEMON@example.com\n"
			    "Content-Type: multipart/report; boundary=\"B\"\n"
			    "\n--B\nContent-Type: text/html%s%s\n\n%s",
			    cs[i] != NULL ? "; charset=" : "",
			    cs[i] != NULL ? cs[i] : "", body[j]);
			/* Once closed, once cut short at the part's end. */
			bounce_parse(&d, m.data, m.len, NULL, 0);
			ck_assert(utf8_valid(d.text.data, d.text.len, NULL));
			buf_adds(&m, "--B--\n");
			bounce_parse(&d, m.data, m.len, NULL, 0);
			ck_assert(utf8_valid(d.text.data, d.text.len, NULL));
			ck_assert_ptr_nonnull(strstr(d.text.data, "--B--"));
		}
	}
	buf_free(&m);
	bounce_doc_free(&d);
}
END_TEST

START_TEST(test_sample_jis_crlf)
{
	struct bounce_doc	 d;

	ck_assert_uint_eq(parse_sample("iso2022jp-crlf.eml", &d, 0), 1);
	ck_assert(utf8_valid(d.text.data, d.text.len, NULL));
	ck_assert(memchr(d.text.data, '\r', d.text.len) == NULL);
	/* Base64 ISO-2022-JP body and a Latin-1 QP part, decoded. */
	ck_assert(strstr(d.text.data, "\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb") !=
	    NULL);
	ck_assert(strstr(d.text.data, "Bo\xc3\xaete pleine") != NULL);
	ck_assert_str_eq(d.rcpts[0].status, "5.2.2");
	bounce_doc_free(&d);
}
END_TEST

static void
parse_buf(struct bounce_doc *d, struct buf *b, const struct bounce_limits *l)
{
	bounce_doc_init(d);
	bounce_parse(d, b->data, b->len, l, BOUNCE_SPANS);
	ck_assert(utf8_valid(d->text.data, d->text.len, NULL));
	ck_assert(strlen(d->text.data) == d->text.len);	/* no NUL */
}

START_TEST(test_binary_nul_invalid)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;
	unsigned		 seed = 42;

	buf_init(&b);
	for (i = 0; i < 200000; i++) {
		seed = seed * 1103515245 + 12345;
		buf_addc(&b, (char)(seed >> 16));
	}
	parse_buf(&d, &b, NULL);
	bounce_doc_free(&d);
	buf_reset(&b);
	buf_adds(&b, "From: MAILER-DAEMON\nSubject: x\n\n<a@b.example>: 550 ");
	buf_add(&b, "\0\xff\xfe\xc0\x80", 5);
	buf_adds(&b, " user unknown\n");
	parse_buf(&d, &b, NULL);
	ck_assert_uint_eq(d.nrcpts, 1);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

/* CPU seconds to parse an encoded-word header line of mb MiB. */
static double
time_long_line(size_t mb)
{
	struct bounce_doc	 d;
	struct buf		 b;
	clock_t			 t0;
	double			 t;

	buf_init(&b);
	buf_adds(&b, "Subject: =?UTF-8?Q?");
	buf_reserve(&b, mb << 20);
	memset(b.data + b.len, 'x', mb << 20);
	b.len += mb << 20;
	buf_adds(&b, "\n\n550 5.1.1 <a@example.com> unknown\n");
	t0 = clock();
	parse_buf(&d, &b, NULL);
	t = (double)(clock() - t0) / CLOCKS_PER_SEC;
	bounce_doc_free(&d);
	buf_free(&b);
	return (t);
}

START_TEST(test_long_line)
{
	double	 t5, t10;

	/* 10 MB of one line: linear (twice the size, about twice the time). */
	t5 = time_long_line(5);
	t10 = time_long_line(10);
	ck_assert_msg(t10 < 3.0 * t5 + 0.05, "5 MB %.3f s, 10 MB %.3f s", t5,
	    t10);
}
END_TEST

/* CPU seconds to parse n address lines. */
static double
time_lines(size_t n)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;
	clock_t			 t0;
	double			 t;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "<u%zu@example.com>: host mx.example.net said: "
		    "550 5.1.1 user unknown (in reply to RCPT TO command)\n", i);
	t0 = clock();
	parse_buf(&d, &b, NULL);
	t = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert(d.truncated);
	ck_assert_uint_gt(d.nrcpts, 0);
	bounce_doc_free(&d);
	buf_free(&b);
	return (t);
}

/*
 * The header blocks shown folded (issue 14): the report's own header
 * and the returned message's, whole lines without the blank line after
 * them; MIME parts' headers are none.
 */
static const char hblock_mail[] =
    "From: MAILER-DAEMON@mail.example.org\n"
    "To: alice@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;\n"
    "    boundary=\"B1\"\n"
    "\n"
    "--B1\n"
    "Content-Type: text/plain\n"
    "\n"
    "<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1\n"
    "    User unknown (in reply to RCPT TO command)\n"
    "\n"
    "--B1\n"
    "Content-Type: %s\n"
    "\n"
    "Received: by mail.example.org (Postfix) id 4F2A8\n"
    "From: alice@example.org\n"
    "To: bob@example.net\n"
    "Subject: hello\n"
    "\n"
    "the body\n"
    "--B1--\n";

static void
check_hblock(const struct bounce_doc *d, size_t i, const char *first,
    const char *last, size_t lines, int returned)
{
	const struct bounce_hblock	*h = &d->hblocks[i];
	const char			*t = d->text.data;

	ck_assert_uint_lt(i, d->nhblocks);
	ck_assert_msg(strncmp(t + h->off, first, strlen(first)) == 0,
	    "block %zu starts: %.40s", i, t + h->off);
	ck_assert(h->off == 0 || t[h->off - 1] == '\n');
	ck_assert(t[h->end - 1] == '\n');
	ck_assert_msg(h->end - h->off > strlen(last) && strncmp(t + h->end -
	    strlen(last) - 1, last, strlen(last)) == 0, "block %zu ends: %.*s",
	    i, (int)(h->end - h->off), t + h->off);
	ck_assert_uint_eq(h->lines, lines);
	ck_assert_int_eq(h->returned, returned);
}

START_TEST(test_header_blocks)
{
	static const char *const types[] = { "message/rfc822",
	    "text/rfc822-headers" };
	struct bounce_doc	 d;
	char			 in[2048];
	size_t			 i;

	bounce_doc_init(&d);
	for (i = 0; i < 2; i++) {
		snprintf(in, sizeof in, hblock_mail, types[i]);
		bounce_parse(&d, in, strlen(in), NULL, BOUNCE_SPANS);
		ck_assert_uint_eq(d.nhblocks, 2);
		check_hblock(&d, 0, "From: MAILER-DAEMON", "boundary=\"B1\"",
		    6, 0);
		check_hblock(&d, 1, "Received: by mail.example.org",
		    "Subject: hello", 4, 1);
		/* The batch diagnosis shows no text: no blocks. */
		bounce_parse(&d, in, strlen(in), NULL, BOUNCE_BRIEF);
		ck_assert_uint_eq(d.nhblocks, 0);
		bounce_parse(&d, in, strlen(in), NULL, 0);
		ck_assert_uint_eq(d.nhblocks, 0);
	}
	bounce_doc_free(&d);
}
END_TEST

/* The copy after a marker line of a plain-text report is a block too. */
START_TEST(test_header_block_inline)
{
	static const char in[] =
	    "From: postmaster@example.org\n"
	    "To: alice@example.org\n"
	    "Subject: failure notice\n"
	    "\n"
	    "Sorry, I couldn't deliver to <bob@example.net>:\n"
	    "550 5.1.1 no such user\n"
	    "\n"
	    "----- Original message -----\n"
	    "\n"
	    "Received: from a.example.org\n"
	    "\tby mail.example.org; Tue, 2 Dec 2026 08:11:50 +0000\n"
	    "To: bob@example.net\n"
	    "Subject: hello\n"
	    "\n"
	    "the body\n";
	static const char none[] =
	    "From: postmaster@example.org\n"
	    "Subject: failure notice\n"
	    "\n"
	    "550 5.1.1 <bob@example.net> no such user\n"
	    "----- Original message -----\n"
	    "\n"
	    "hello Bob: the body alone\n";
	struct bounce_doc	 d;

	bounce_doc_init(&d);
	bounce_parse(&d, in, sizeof in - 1, NULL, BOUNCE_SPANS);
	ck_assert_uint_eq(d.nhblocks, 2);
	check_hblock(&d, 0, "From: postmaster", "Subject: failure notice",
	    3, 0);
	check_hblock(&d, 1, "Received: from a.example.org", "Subject: hello",
	    4, 1);
	/* "hello Bob: the body" is no header: a field name has no space. */
	bounce_parse(&d, none, sizeof none - 1, NULL, BOUNCE_SPANS);
	ck_assert_uint_eq(d.nhblocks, 1);
	bounce_doc_free(&d);
}
END_TEST

/* A header of 10,000 lines is one block, found in linear time. */
START_TEST(test_header_block_long)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "From: MAILER-DAEMON@example.org\n");
	for (i = 0; i < 9998; i++)
		buf_adds(&b, "Received: from a.example.org by b.example.org\n");
	buf_adds(&b, "Subject: failure\n\n550 5.1.1 <bob@example.net> no\n");
	bounce_doc_init(&d);
	bounce_parse(&d, b.data, b.len, NULL, BOUNCE_SPANS);
	ck_assert_uint_eq(d.nhblocks, 1);
	check_hblock(&d, 0, "From: MAILER", "Subject: failure", 10000, 0);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

START_TEST(test_many_lines_linear)
{
	double	 t1, t2;

	/*
	 * Address lines once took quadratic time.  Compare twice the input
	 * with the input, not with a clock: the ratio holds on a slow
	 * machine and under valgrind too (quadratic would give about 4).
	 */
	t1 = time_lines(100000);
	t2 = time_lines(200000);
	ck_assert_msg(t2 < 3.0 * t1 + 0.05, "100k lines %.3f s, 200k %.3f s",
	    t1, t2);
}
END_TEST

/*
 * An ISO-2022-JP body of six million invalid sequences: ESC $ B and a
 * character whose second byte has the high bit set, then that byte
 * alone once back in ASCII.  Each invalid byte costs a call to iconv,
 * which once covered the rest of the text, and the sanitizers check the
 * whole range of each call: minutes under ASan.  Linear, it takes about
 * a second, and each sequence gives one U+FFFD.
 */
#define STORM_UNITS	3000000

START_TEST(test_jis_error_storm)
{
	struct bounce_doc	 d;
	struct buf		 b;
	const char		*p, *end;
	size_t			 i, body, nrep = 0;

	buf_init(&b);
	buf_adds(&b, "From: MAILER-DAEMON@example.com\n"
	    "Content-Type: text/plain; charset=iso-2022-jp\n\n");
	body = b.len;
	buf_reserve(&b, STORM_UNITS * 5);
	for (i = 0; i < STORM_UNITS; i++)
		buf_add(&b, "\x1b$B!\x80", 5);
	body = b.len - body;
	parse_buf(&d, &b, NULL);
	/* Every input byte is at most one U+FFFD, so three bytes out. */
	ck_assert_uint_le(d.text.len, b.len + 2 * body);
	/* No memmem: the sanitizers check all of its haystack each call. */
	for (p = d.text.data, end = p + d.text.len; end - p >= 3; p++)
		if (p[0] == '\xef' && p[1] == '\xbf' && p[2] == '\xbd') {
			nrep++;
			p += 2;
		}
	ck_assert_uint_eq(nrep, 2 * STORM_UNITS);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

START_TEST(test_many_parts)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "From: x@example.com\nContent-Type: multipart/mixed; "
	    "boundary=\"q\"\n\n");
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "--q\nContent-Type: text/plain\n\npart\n");
	buf_adds(&b, "--q--\n");
	parse_buf(&d, &b, NULL);
	ck_assert(d.truncated);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

START_TEST(test_deep_and_unterminated)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "From: x@example.com\n");
	/* 5,000 nested multiparts, none closed. */
	for (i = 0; i < 5000; i++)
		buf_printf(&b, "Content-Type: multipart/mixed; boundary=\"b%zu\""
		    "\n\n--b%zu\n", i, i);
	buf_adds(&b, "Content-Type: text/plain\n\nend\n");
	parse_buf(&d, &b, NULL);
	ck_assert(d.truncated);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

START_TEST(test_limits)
{
	struct bounce_limits	 l;
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	bounce_limits_default(&l);
	l.max_text = 1000;
	l.max_rcpts = 3;
	buf_init(&b);
	buf_adds(&b, "Final-Recipient: rfc822; x@example.com\n");
	for (i = 0; i < 100; i++)
		buf_printf(&b, "<u%zu@example.com>: 550 5.1.1 unknown user\n",
		    i);
	parse_buf(&d, &b, &l);
	ck_assert(d.truncated);
	ck_assert(d.text.len <= 1000);
	ck_assert_uint_le(d.nrcpts, 3);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

/*
 * A charset that makes twelve bytes of one (TSCII's 0x82) cannot make
 * the scratch buffers outgrow the text's limit: the conversion stops
 * at the room left, and the cut is said.
 */
START_TEST(test_expansion_bounded)
{
	struct bounce_limits	 l;
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=TSCII\n\n");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, (char)0x82);
	buf_adds(&b, "\n");
	bounce_limits_default(&l);
	l.max_text = 4096;
	bounce_doc_init(&d);
	bounce_parse(&d, b.data, b.len, &l, BOUNCE_SPANS);
	ck_assert_uint_le(d.text.len, l.max_text);
	ck_assert(d.truncated);
	ck_assert(d.cut & BOUNCE_CUT_TEXT);
	/* The part's decoded copy, kept as scratch: near the room, not 1.2 MB. */
	ck_assert_uint_lt(d.scratch[1].len, 3 * l.max_text);
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

/*
 * An Amazon SES notification whose "status" keys hold no string: each
 * look for the next one once handed memmem the rest of the text, which
 * the sanitizers check whole on every call (quadratic: minutes).
 */
START_TEST(test_ses_key_storm)
{
	struct bounce_doc	 d;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	buf_adds(&b, "{\"notificationType\":\"Bounce\",\"bounce\":{"
	    "\"bouncedRecipients\":[{\"emailAddress\":\"bob@example.com\"");
	/* 2,000,000: 0.5 s linear under ASan, about 35 s quadratic. */
	for (i = 0; i < 2000000; i++)
		buf_adds(&b, ",\"status\":1");
	buf_adds(&b, ",\"status\":\"5.1.1\"}]}}\n");
	bounce_doc_init(&d);
	bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF);
	ck_assert_uint_eq(d.nrcpts, 1);
	ck_assert_str_eq(d.rcpts[0].status, "5.1.1");
	bounce_doc_free(&d);
	buf_free(&b);
}
END_TEST

static Suite *
mime_suite(void)
{
	Suite	*s = suite_create("mime");
	TCase	*tc = tcase_create("decode");
	TCase	*th = tcase_create("hostile");
	TCase	*ts = tcase_create("storm");

	tcase_add_test(tc, test_base64_qp);
	tcase_add_test(tc, test_line_ends);
	tcase_add_test(tc, test_alternative_and_html);
	tcase_add_test(tc, test_unfolded_parameter);
	tcase_add_test(tc, test_preamble);
	tcase_add_test(tc, test_rfc2047);
	tcase_add_test(tc, test_charsets);
	tcase_add_test(tc, test_empty_text);
	tcase_add_test(tc, test_jis_chunks);
	tcase_add_test(tc, test_sample_jis_crlf);
	tcase_add_test(tc, test_header_blocks);
	tcase_add_test(tc, test_header_block_inline);
	suite_add_tcase(s, tc);
	tcase_set_timeout(th, 60);
	tcase_add_test(th, test_binary_nul_invalid);
	tcase_add_test(th, test_long_line);
	tcase_add_test(th, test_many_lines_linear);
	tcase_add_test(th, test_many_parts);
	tcase_add_test(th, test_deep_and_unterminated);
	tcase_add_test(th, test_limits);
	tcase_add_test(th, test_expansion_bounded);
	suite_add_tcase(s, th);
	/* Linear is well under a second, quadratic minutes (ASan). */
	tcase_set_timeout(ts, 20);
	tcase_add_test(ts, test_jis_error_storm);
	tcase_add_test(ts, test_ses_key_storm);
	tcase_add_test(ts, test_header_block_long);
	suite_add_tcase(s, ts);
	return (s);
}

int
main(void)
{
	return (run_suite(mime_suite()));
}
