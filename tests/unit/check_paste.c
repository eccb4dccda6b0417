/* Unit tests of the paste box's model: text, paste end, rows, result. */
#include "config.h"

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "paste/paste.h"
#include "paste/paste_fold.h"
#include "paste/paste_job.h"
#include "paste/paste_result.h"
#include "paste/paste_wrap.h"
#include "diagnose/rules.h"
#include "testutil.h"
#include "diagnose/verdict_out.h"

static const char postfix_bounce[] =
    "From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\n"
    "To: alice@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;"
    " boundary=\"B1\"\n"
    "\n"
    "--B1\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1\n"
    "    <bob@example.net>: Recipient address rejected: User unknown in"
    " virtual\n"
    "    mailbox table (in reply to RCPT TO command)\n"
    "\n"
    "--B1\n"
    "Content-Type: message/delivery-status\n"
    "\n"
    "Reporting-MTA: dns; mail.example.org\n"
    "\n"
    "Final-Recipient: rfc822; bob@example.net\n"
    "Action: failed\n"
    "Status: 5.1.1\n"
    "Remote-MTA: dns; mx.example.net\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient"
    " address rejected: User unknown in virtual mailbox table\n"
    "\n"
    "--B1--\n";

static const char gmail_reply[] =
    "550-5.7.26 This mail is unauthenticated, which poses a security risk"
    " to the\r\n"
    "550-5.7.26 sender and Gmail users, and has been blocked. The sender"
    " must\r\n"
    "550 5.7.26 authenticate with at least one of SPF or DKIM."
    " x1si123.45 - gsmtp\r\n";

/* Text: line ends, the limit, and editing at the end. */

START_TEST(test_add_line_ends)
{
	struct paste	 p;

	paste_init(&p, 1024);
	paste_add(&p, "a\r\nb\rc\n", 7);
	ck_assert_str_eq(p.text.data, "a\nb\nc\n");
	/* A CR LF split between two reads is one newline. */
	paste_add(&p, "d\r", 2);
	paste_add(&p, "\ne", 2);
	ck_assert_str_eq(p.text.data, "a\nb\nc\nd\ne");
	ck_assert_uint_eq(p.dropped, 0);
	paste_free(&p);
}
END_TEST

START_TEST(test_add_limit)
{
	struct paste	 p;
	unsigned long	 v;

	paste_init(&p, 8);
	v = p.version;
	ck_assert_uint_eq(paste_add(&p, "0123456789", 10), 2);
	ck_assert_uint_eq(p.text.len, 8);
	ck_assert_uint_eq(p.dropped, 2);
	ck_assert_uint_ne(p.version, v);
	/* Full: everything more is refused, and counted. */
	ck_assert_uint_eq(paste_add(&p, "x", 1), 1);
	ck_assert_uint_eq(p.dropped, 3);
	paste_clear(&p);
	ck_assert_uint_eq(p.text.len, 0);
	ck_assert_uint_eq(p.dropped, 0);
	paste_free(&p);
}
END_TEST

START_TEST(test_rubout)
{
	struct paste	 p;

	paste_init(&p, 1024);
	/* a, e-acute (2 bytes), a CJK (3), an emoji (4), a stray byte. */
	paste_add(&p, "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80\x80", 11);
	paste_rubout(&p);
	ck_assert_uint_eq(p.text.len, 10);
	paste_rubout(&p);
	ck_assert_uint_eq(p.text.len, 6);
	paste_rubout(&p);
	ck_assert_uint_eq(p.text.len, 3);
	paste_rubout(&p);
	ck_assert_str_eq(p.text.data, "a");
	paste_rubout(&p);
	paste_rubout(&p);
	ck_assert_uint_eq(p.text.len, 0);
	paste_free(&p);
}
END_TEST

START_TEST(test_erase_line)
{
	struct paste	 p;

	paste_init(&p, 1024);
	paste_add(&p, "one\ntwo", 7);
	paste_erase_line(&p);
	ck_assert_str_eq(p.text.data, "one\n");
	paste_erase_line(&p);
	ck_assert_str_eq(p.text.data, "one");
	paste_erase_line(&p);
	ck_assert_str_eq(p.text.data, "");
	paste_erase_line(&p);
	paste_free(&p);
}
END_TEST

/* The end of a bracketed paste, however the reads cut it. */

START_TEST(test_feed_whole)
{
	static const char	 in[] = "550 \033[2J x\033[201~after";
	struct paste		 p;
	struct paste_end	 e = { 0 };
	size_t			 used;
	int			 done;

	paste_init(&p, 1024);
	used = paste_feed(&p, &e, in, sizeof in - 1, &done);
	ck_assert_int_eq(done, 1);
	ck_assert_str_eq(in + used, "after");
	/* Escape sequences in the text are text. */
	ck_assert_str_eq(p.text.data, "550 \033[2J x");
	paste_free(&p);
}
END_TEST

START_TEST(test_feed_split)
{
	static const char	 in[] = "a\033\033[20\033[201x\033[201~tail";
	struct paste		 p;
	struct paste_end	 e;
	size_t			 cut, used, n = sizeof in - 1;
	int			 done;

	/* Every place a read can end, even inside the marker. */
	for (cut = 0; cut <= n; cut++) {
		paste_init(&p, 1024);
		memset(&e, 0, sizeof e);
		used = paste_feed(&p, &e, in, cut, &done);
		if (!done) {
			ck_assert_uint_eq(used, cut);
			used = cut + paste_feed(&p, &e, in + cut, n - cut,
			    &done);
		}
		ck_assert_int_eq(done, 1);
		ck_assert_str_eq(in + used, "tail");
		ck_assert_str_eq(p.text.data, "a\033\033[20\033[201x");
		paste_free(&p);
	}
}
END_TEST

START_TEST(test_feed_bytes)
{
	static const char	 in[] = "x\033[200~y\033[201~";
	struct paste		 p;
	struct paste_end	 e = { 0 };
	size_t			 i;
	int			 done = 0;

	paste_init(&p, 1024);
	for (i = 0; i < sizeof in - 1 && !done; i++)
		ck_assert_uint_eq(paste_feed(&p, &e, in + i, 1, &done), 1);
	ck_assert_int_eq(done, 1);
	ck_assert_uint_eq(i, sizeof in - 1);
	ck_assert_str_eq(p.text.data, "x\033[200~y");
	paste_free(&p);
}
END_TEST

/* Rows. */

static size_t
rows_of(const char *s, int width, int utf8, size_t *starts, size_t max)
{
	struct wrap	 w;
	size_t		 r = 0, next, n = 0;

	wrap_init(&w, s, strlen(s), width, utf8);
	for (;;) {
		if (n < max)
			starts[n] = r;
		n++;
		wrap_row(&w, r, &next);
		if (next == WRAP_NONE)
			return (n);
		r = next;
	}
}

START_TEST(test_wrap_widths)
{
	struct wrap	 w;
	size_t		 next, end;
	int		 cw;

	wrap_init(&w, "ab\tc\033\xe2\x80\xae\xff\xe6\x97\xa5", 15, 80, 1);
	ck_assert_uint_eq(wrap_char(&w, 0, 0, &cw), 1);
	ck_assert_int_eq(cw, 1);
	wrap_char(&w, 2, 2, &cw);
	ck_assert_int_eq(cw, 6);		/* a tab to column 8 */
	wrap_char(&w, 4, 9, &cw);
	ck_assert_int_eq(cw, 2);		/* ^[ */
	ck_assert_uint_eq(wrap_char(&w, 5, 11, &cw), 3);
	ck_assert_int_eq(cw, 8);		/* <U+202E> */
	wrap_char(&w, 8, 19, &cw);
	ck_assert_int_eq(cw, 4);		/* \xff */
	ck_assert_uint_eq(wrap_char(&w, 9, 23, &cw), 3);
	ck_assert_int_eq(cw, 2);		/* wide */
	w.utf8 = 0;
	wrap_char(&w, 9, 23, &cw);
	ck_assert_int_eq(cw, 1);		/* '?' without UTF-8 */
	/* Width 10: "ab", a tab to 8, "c" and ^[ (11 > 10) do not fit. */
	w.width = 10;
	end = wrap_row(&w, 0, &next);
	ck_assert_uint_eq(end, 4);
	ck_assert_uint_eq(next, 4);
	/* A character wider than the row still takes one. */
	w.width = 3;
	end = wrap_row(&w, 5, &next);
	ck_assert_uint_eq(end, 8);
}
END_TEST

START_TEST(test_wrap_rows)
{
	size_t	 s[16];

	/* A full row keeps the newline after it; no row after the end. */
	ck_assert_uint_eq(rows_of("abc\ndef", 3, 1, s, 16), 2);
	ck_assert_uint_eq(s[1], 4);
	ck_assert_uint_eq(rows_of("abcdefg", 3, 1, s, 16), 3);
	ck_assert_uint_eq(s[2], 6);
	ck_assert_uint_eq(rows_of("abcdef", 3, 1, s, 16), 2);
	/* A final newline opens an empty last row (the box's cursor). */
	ck_assert_uint_eq(rows_of("ab\n", 3, 1, s, 16), 2);
	ck_assert_uint_eq(s[1], 3);
	ck_assert_uint_eq(rows_of("", 3, 1, s, 16), 1);
	ck_assert_uint_eq(rows_of("\n\n", 3, 1, s, 16), 3);
}
END_TEST

/*
 * Random text of lines of about rare * 20 characters, with tabs,
 * escapes, invalid bytes and wide characters.
 */
static char *
random_text(unsigned *seed, size_t len, unsigned rare)
{
	static const char	*bits[] = { "a", "bc", " ", "\t", "\n", "\033",
	    "\xe6\x97\xa5", "\xe2\x80\xae", "\xff", "xxxxxxxxxxxxxxxxxxxx" };
	char			*s = xmalloc(len + 32);
	size_t			 n = 0, k;

	while (n < len) {
		*seed = *seed * 1103515245u + 12345u;
		k = (*seed >> 16) % 10;
		if (k == 4 && (*seed >> 8) % rare != 0)
			k = 0;
		memcpy(s + n, bits[k], strlen(bits[k]));
		n += strlen(bits[k]);
	}
	s[n] = '\0';
	return (s);
}

START_TEST(test_wrap_moves)
{
	struct wrap		 w, wm;
	struct wrap_marks	 m;
	size_t			*st, n, i, k, row;
	unsigned		 seed = 1;
	char			*s;
	int			 width;

	wrap_marks_init(&m);
	for (k = 0; k < 6; k++) {
		s = random_text(&seed, 20000 + k * 7000, k < 3 ? 16 : 4096);
		width = 7 + (int)k * 13;
		st = xreallocarray(NULL, strlen(s) + 2, sizeof *st);
		n = rows_of(s, width, 1, st, strlen(s) + 2);
		wrap_init(&w, s, strlen(s), width, 1);
		/* The same answers with marks, built up as they are used. */
		wrap_init(&wm, s, strlen(s), width, 1);
		wrap_use_marks(&wm, &m);
		for (i = 0; i < n; i += 1 + i % 97) {
			ck_assert_uint_eq(wrap_down(&w, st[i], 5),
			    st[i + 5 < n ? i + 5 : n - 1]);
			ck_assert_uint_eq(wrap_up(&w, st[i], 37),
			    st[i >= 37 ? i - 37 : 0]);
			ck_assert_uint_eq(wrap_up(&wm, st[i], 37),
			    st[i >= 37 ? i - 37 : 0]);
			row = st[i] + (i + 1 < n ? (st[i + 1] - st[i]) / 2 : 0);
			ck_assert_uint_eq(wrap_row_start(&w, row), st[i]);
			ck_assert_uint_eq(wrap_row_start(&wm, row), st[i]);
			ck_assert_uint_eq(wrap_distance(&w, st[i], st[n - 1],
			    10), n - 1 - i < 10 ? n - 1 - i : 10);
		}
		ck_assert_uint_eq(wrap_last_page(&w, 40), st[n > 40 ? n - 40 :
		    0]);
		ck_assert_uint_eq(wrap_last_page(&wm, 40), st[n > 40 ? n - 40 :
		    0]);
		ck_assert_uint_eq(wrap_last_page(&w, 1), st[n - 1]);
		/* Marks of another width are another set. */
		if (k >= 3)
			ck_assert_uint_gt(wrap_marks_count(&m), 0);
		wrap_init(&wm, s, strlen(s), width + 1, 1);
		wrap_use_marks(&wm, &m);
		ck_assert_uint_eq(wm.marks->n, 0);
		wrap_marks_reset(&m);
		free(st);
		free(s);
	}
	wrap_marks_free(&m);
}
END_TEST

START_TEST(test_wrap_marks_grow)
{
	struct wrap		 w, plain;
	struct wrap_marks	 m;
	struct paste		 p;
	unsigned		 seed = 9;
	char			*s = random_text(&seed, 90000, 1 << 20);
	size_t			 i, at = 0;

	/* The box grows a piece at a time and shrinks: marks follow. */
	wrap_marks_init(&m);
	paste_init(&p, 1 << 20);
	for (i = 0; i < 40; i++) {
		size_t piece = 1500 + i * 13;

		if (at + piece > strlen(s))
			piece = strlen(s) - at;
		paste_add(&p, s + at, piece);
		at += piece;
		if (i % 7 == 6) {
			paste_rubout(&p);
			paste_rubout(&p);
			wrap_marks_cut(&m, p.text.len);
		}
		wrap_init(&w, p.text.data, p.text.len, 31, 1);
		wrap_use_marks(&w, &m);
		wrap_init(&plain, p.text.data, p.text.len, 31, 1);
		ck_assert_uint_eq(wrap_last_page(&w, 24),
		    wrap_last_page(&plain, 24));
		ck_assert_uint_eq(wrap_row_start(&w, p.text.len / 3),
		    wrap_row_start(&plain, p.text.len / 3));
	}
	ck_assert_uint_gt(wrap_marks_count(&m), 0);
	paste_free(&p);
	wrap_marks_free(&m);
	free(s);
}
END_TEST

/* Spans made flat for drawing. */

static void
check_flat(const struct span *in, size_t n, const char *want)
{
	struct span	 out[64];
	char		 got[256] = "";
	size_t		 i, k = spans_flatten(in, n, out);

	ck_assert_uint_le(k, 2 * n);
	for (i = 0; i < k; i++) {
		if (i > 0)
			ck_assert_uint_le(out[i - 1].off + out[i - 1].len,
			    out[i].off);
		snprintf(got + strlen(got), sizeof got - strlen(got),
		    "%s%zu+%zu:%s", i ? " " : "", out[i].off, out[i].len,
		    span_kind_name(out[i].kind));
	}
	ck_assert_str_eq(got, want);
}

START_TEST(test_flatten)
{
	/* Postfix's Diagnostic-Code: value, diagnostic, codes inside. */
	struct span	 a[] = {
		{ 0, 52, SPAN_FIELD_VALUE }, { 6, 98, SPAN_DIAGNOSTIC },
		{ 6, 3, SPAN_REPLY }, { 10, 5, SPAN_STATUS },
	};
	/* The same bytes twice: the container loses, in either order. */
	struct span	 b[] = {
		{ 0, 5, SPAN_STATUS }, { 0, 5, SPAN_FIELD_VALUE },
		{ 7, 3, SPAN_FIELD_VALUE }, { 7, 3, SPAN_STATUS },
		{ 20, 4, SPAN_RECIPIENT }, { 20, 4, SPAN_RECIPIENT },
		{ 30, 0, SPAN_HOST },
	};
	/* Out of order, adjacent, and a span inside a nested one. */
	struct span	 c[] = {
		{ 10, 10, SPAN_QUOTED }, { 0, 5, SPAN_SENDER },
		{ 5, 5, SPAN_SENDER }, { 12, 6, SPAN_HOST }, { 14, 2, SPAN_IP },
	};

	check_flat(a, 4, "0+6:field-value 6+3:reply 9+1:diagnostic "
	    "10+5:status 15+89:diagnostic");
	check_flat(b, 7, "0+5:status 7+3:status 20+4:recipient");
	check_flat(c, 5, "0+10:sender 10+2:quoted 12+2:host 14+2:ip "
	    "16+2:host 18+2:quoted");
	check_flat(c, 0, "");
}
END_TEST

/* The analysis. */

static int
rendered(const struct presult *r, size_t block, const char *needle,
    enum rstyle style)
{
	struct rdoc	 d;
	size_t		 i;
	int		 found = 0;

	rdoc_init(&d);
	presult_render(r, block, 50, &d);
	for (i = 0; i < d.n; i++) {
		ck_assert_uint_le(strlen(d.v[i].text), 50 * 4);
		if (strstr(d.v[i].text, needle) != NULL &&
		    (d.v[i].style == style || style == RS_BLANK))
			found = 1;
	}
	rdoc_free(&d);
	return (found);
}

/*
 * The text opens on the server's words, not the headers, and n/N step
 * from one highlighted line to the next (issue 14).
 */
START_TEST(test_result_focus)
{
	struct presult	*r;
	const char	*t;
	size_t		 f, n, back;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    postfix_bounce, sizeof postfix_bounce - 1, NULL, NULL);
	ck_assert_ptr_nonnull(r);
	t = r->an.doc.text.data;
	f = presult_focus(r);
	ck_assert_uint_gt(f, 0);
	ck_assert(t[f - 1] == '\n');
	/* Past the report's own header, on a line of the failure. */
	ck_assert(strncmp(t + f, "From:", 5) != 0 &&
	    strncmp(t + f, "Subject:", 8) != 0);
	ck_assert_msg(strstr(t + f, "550") != NULL &&
	    (size_t)(strstr(t + f, "550") - t) < f + 200, "%.60s", t + f);
	n = presult_next_part(r, f, 1);
	ck_assert_uint_gt(n, f);
	ck_assert(t[n - 1] == '\n');
	back = presult_next_part(r, n, -1);
	ck_assert_uint_lt(back, n);
	ck_assert_uint_le(back, f);
	/* At the ends it stays. */
	ck_assert_uint_eq(presult_next_part(r, 0, -1), 0);
	presult_free(r);
}
END_TEST

/*
 * The rows with folds (issue 14), against a model: the plain rows, each
 * folded block's rows replaced by its fold line, each unfolded one's
 * headed by it.
 */
static size_t
model_rows(const size_t *st, size_t n, const struct folds *f,
    struct frow *out)
{
	size_t	 i, k = 0, m = 0;

	for (i = 0; i < n; i++) {
		while (k < f->n && f->v[k].end <= st[i])
			k++;
		if (k < f->n && st[i] == f->v[k].off) {
			out[m].off = st[i];
			out[m++].fold = k;
		}
		if (k < f->n && st[i] >= f->v[k].off && !f->v[k].open)
			continue;
		out[m].off = st[i];
		out[m++].fold = FOLD_NONE;
	}
	return (m);
}

static void
assert_frow(struct frow got, struct frow want, const char *what, size_t i)
{
	ck_assert_msg(got.off == want.off && got.fold == want.fold,
	    "%s %zu: row (%zu, %zd), want (%zu, %zd)", what, i, got.off,
	    (ssize_t)got.fold, want.off, (ssize_t)want.fold);
}

/* Folds over whole lines of s: every few lines, a block of a few. */
static void
some_folds(const char *s, struct folds *f, unsigned *seed)
{
	const char	*p = s, *q;
	size_t		 cap = 16, lines, first;

	folds_free(f);
	f->v = xreallocarray(NULL, cap, sizeof *f->v);
	while ((q = strchr(p, '\n')) != NULL) {
		*seed = *seed * 1103515245u + 12345u;
		if ((*seed >> 16) % 4 != 0) {
			p = q + 1;
			continue;
		}
		first = (size_t)(p - s);
		for (lines = 2 + (*seed >> 8) % 5; lines > 0 &&
		    (q = strchr(p, '\n')) != NULL; lines--)
			p = q + 1;
		if (f->n == cap) {
			cap *= 2;
			f->v = xreallocarray(f->v, cap, sizeof *f->v);
		}
		f->v[f->n].off = first;
		f->v[f->n].end = (size_t)(p - s);
		f->v[f->n].lines = 2;
		f->v[f->n].returned = 0;
		f->v[f->n].open = (*seed >> 20) % 2;
		f->n++;
	}
}

START_TEST(test_fold_rows)
{
	struct wrap	 w;
	struct folds	 f;
	struct frow	*want, r;
	size_t		*st, n, m, i, k;
	unsigned	 seed = 7;
	char		*s;
	int		 width;

	folds_init(&f);
	for (k = 0; k < 6; k++) {
		s = random_text(&seed, 6000 + k * 3000, 2);
		width = 5 + (int)k * 11;
		st = xreallocarray(NULL, strlen(s) + 2, sizeof *st);
		want = xreallocarray(NULL, 2 * strlen(s) + 4, sizeof *want);
		n = rows_of(s, width, 1, st, strlen(s) + 2);
		some_folds(s, &f, &seed);
		ck_assert_uint_gt(f.n, 3);
		m = model_rows(st, n, &f, want);
		wrap_init(&w, s, strlen(s), width, 1);
		/* Down and up, one row at a time, give the model's rows. */
		r = frow_first(&f);
		for (i = 0; i < m; i++) {
			assert_frow(r, want[i], "down", i);
			ck_assert_int_eq(frow_next(&w, &f, r, &r),
			    i + 1 < m ? 0 : -1);
		}
		for (i = m; i-- > 0;) {
			assert_frow(r, want[i], "up", i);
			ck_assert_int_eq(frow_prev(&w, &f, r, &r),
			    i > 0 ? 0 : -1);
		}
		for (i = 0; i < m; i += 1 + i % 13) {
			assert_frow(frow_down(&w, &f, want[i], 7),
			    want[i + 7 < m ? i + 7 : m - 1], "down 7", i);
			assert_frow(frow_up(&w, &f, want[i], 9),
			    want[i >= 9 ? i - 9 : 0], "up 9", i);
			ck_assert_int_lt(i > 0 ? frow_cmp(want[i - 1], want[i]) :
			    -1, 0);
			/* A byte shows on its row, or on its fold's line. */
			if (want[i].fold == FOLD_NONE)
				assert_frow(frow_at(&w, &f, want[i].off +
				    (i + 1 < m && want[i + 1].off > want[i].off ?
				    (want[i + 1].off - want[i].off) / 2 : 0)),
				    want[i], "at", i);
		}
		assert_frow(frow_last_page(&w, &f, 20), want[m > 20 ? m - 20 :
		    0], "last page", 0);
		assert_frow(frow_last_page(&w, &f, 1), want[m - 1], "last", 0);
		/* Folding everything hides every row of every block. */
		folds_set(&f, FOLD_NONE, 0);
		for (i = 0; i < f.n; i++) {
			r = frow_at(&w, &f, f.v[i].end - 1);
			ck_assert_uint_eq(r.fold, i);
			r.off = f.v[i].off + 1;
			r.fold = FOLD_NONE;
			ck_assert_uint_eq(frow_valid(&f, r).fold, i);
		}
		free(want);
		free(st);
		free(s);
	}
	folds_free(&f);
}
END_TEST

/* A folded block of 10,000 lines is stepped over in one row. */
START_TEST(test_fold_long)
{
	struct wrap	 w;
	struct folds	 f;
	struct frow	 r;
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < 10000; i++)
		buf_adds(&b, "Received: from a.example.org by b.example.org\n");
	buf_adds(&b, "\nthe words\n");
	folds_init(&f);
	f.v = xcalloc(1, sizeof *f.v);
	f.n = 1;
	f.v[0].end = b.len - 11;
	f.v[0].lines = 10000;
	wrap_init(&w, b.data, b.len, 20, 1);
	r = frow_at(&w, &f, 0);
	ck_assert_uint_eq(r.fold, 0);
	ck_assert_int_eq(frow_next(&w, &f, r, &r), 0);
	ck_assert_uint_eq(r.off, b.len - 11);
	ck_assert_int_eq(frow_prev(&w, &f, r, &r), 0);
	ck_assert_uint_eq(r.fold, 0);
	r = frow_last_page(&w, &f, 4);
	ck_assert_uint_eq(r.fold, 0);
	/* Unfolded: the fold line, then its 30,000 rows at width 20. */
	folds_set(&f, 0, 1);
	r = frow_first(&f);
	ck_assert_uint_eq(r.fold, 0);
	r = frow_down(&w, &f, r, 30001);
	ck_assert_uint_eq(r.off, b.len - 11);
	folds_free(&f);
	buf_free(&b);
}
END_TEST

/* A bounce with its returned message: the headers fold, n stops once. */
static const char returned_bounce[] =
    "From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\n"
    "To: alice@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status;"
    " boundary=\"B1\"\n"
    "\n"
    "--B1\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "<bob@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1\n"
    "    User unknown (in reply to RCPT TO command)\n"
    "\n"
    "--B1\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "Received: by mail.example.org (Postfix) id 4F2A8\n"
    "From: alice@example.org\n"
    "To: bob@example.net\n"
    "Subject: hello\n"
    "\n"
    "the body\n"
    "--B1--\n";

START_TEST(test_fold_result)
{
	struct presult	*r;
	struct folds	 f;
	struct frow	 row, n1, n2, back;
	const char	*t;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    returned_bounce, sizeof returned_bounce - 1, NULL, NULL);
	ck_assert_ptr_nonnull(r);
	t = r->an.doc.text.data;
	folds_init(&f);
	folds_build(&f, r);
	ck_assert_uint_eq(f.n, 2);
	ck_assert_uint_eq(f.v[0].off, 0);
	ck_assert_uint_eq(f.v[0].lines, 5);
	ck_assert_int_eq(f.v[1].returned, 1);
	ck_assert_uint_eq(f.v[1].lines, 4);
	ck_assert(!f.v[0].open && !f.v[1].open);
	/* The pane opens on the server's words, no fold opened. */
	row = fold_focus(r, &f);
	ck_assert_uint_eq(row.fold, FOLD_NONE);
	ck_assert(strncmp(t + row.off, "<bob@example.net>: host", 23) == 0);
	ck_assert(!f.v[0].open && !f.v[1].open);
	/* n goes on to the returned header's fold line, once, then stops. */
	n1 = fold_next_part(r, &f, row, 1);
	ck_assert_uint_gt(n1.off, row.off);
	while (n1.fold == FOLD_NONE) {
		n2 = fold_next_part(r, &f, n1, 1);
		ck_assert_uint_gt(n2.off, n1.off);
		n1 = n2;
	}
	ck_assert_uint_eq(n1.fold, 1);
	n2 = fold_next_part(r, &f, n1, 1);
	ck_assert((n2.off == n1.off && n2.fold == 1) ||
	    (n2.off >= f.v[1].end && n2.fold == FOLD_NONE));
	/* N from past it comes back to it, then before it. */
	back = fold_next_part(r, &f, n1, -1);
	ck_assert_int_lt(frow_cmp(back, n1), 0);
	/*
	 * Unfolded, n shows its first line under its fold line, then
	 * walks into its lines, and N comes back to the fold line.
	 */
	folds_set(&f, 1, 1);
	n2 = fold_next_part(r, &f, back, 1);
	while (n2.off < f.v[1].off)
		n2 = fold_next_part(r, &f, n2, 1);
	ck_assert_uint_eq(n2.fold, 1);
	n1 = fold_next_part(r, &f, n2, 1);
	ck_assert_uint_eq(n1.fold, FOLD_NONE);
	ck_assert_uint_gt(n1.off, f.v[1].off);
	ck_assert_uint_lt(n1.off, f.v[1].end);
	n2 = fold_next_part(r, &f, n1, -1);
	ck_assert_uint_eq(n2.fold, 1);
	/* Above the first part: the report's header's fold line. */
	back = fold_next_part(r, &f, row, -1);
	while (back.off > 0 && frow_cmp(fold_next_part(r, &f, back, -1),
	    back) < 0)
		back = fold_next_part(r, &f, back, -1);
	ck_assert_uint_eq(back.fold, 0);
	/* A focus inside a fold unfolds it: the words are never hidden. */
	f.v[0].end = f.v[1].off;
	f.n = 1;
	folds_set(&f, FOLD_NONE, 0);
	row = fold_focus(r, &f);
	ck_assert_uint_eq(row.fold, FOLD_NONE);
	ck_assert_int_eq(f.v[0].open, 1);
	folds_free(&f);
	presult_free(r);
}
END_TEST

START_TEST(test_result_postfix)
{
	struct presult	*r;
	size_t		 i, seg;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    postfix_bounce, sizeof postfix_bounce - 1, NULL, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->an.nv, 1);
	ck_assert_str_eq(r->an.v[0].reason, "userunknown");
	ck_assert_int_eq(r->an.v[0].permanent, 1);
	ck_assert_uint_gt(r->an.v[0].ncodes, 0);
	ck_assert(r->an.kinds & (1u << SPAN_RECIPIENT));
	ck_assert(r->an.kinds & (1u << SPAN_STATUS));
	ck_assert(r->an.kinds & (1u << SPAN_FIELD_NAME));
	/* Lines: one per line of the decoded text, no empty last one. */
	ck_assert_uint_gt(r->nlines, 20);
	ck_assert_uint_eq(presult_line(r, 0), 0);
	ck_assert_uint_eq(presult_line(r, r->lines[5]), 5);
	ck_assert_uint_eq(presult_line(r, r->lines[6] - 1), 5);
	ck_assert_uint_lt(r->lines[r->nlines - 1], r->an.doc.text.len);
	/* The flat spans cover no byte twice. */
	for (i = 1; i < r->an.nsegs; i++)
		ck_assert_uint_le(r->an.segs[i - 1].off + r->an.segs[i - 1].len,
		    r->an.segs[i].off);
	seg = presult_seg(r, r->an.segs[3].off + 1);
	ck_assert_uint_eq(seg, 3);
	ck_assert_uint_eq(presult_seg(r, r->an.doc.text.len), r->an.nsegs);
	/* The verdict pane says what happened and cites the catalogue. */
	ck_assert_uint_eq(presult_blocks(r), 1);
	ck_assert(rendered(r, 0, "bob@example.net", RS_TITLE));
	ck_assert(rendered(r, 0, "Hard bounce", RS_NOTE));
	ck_assert(rendered(r, 0, "mx.example.net", RS_TEXT));
	/* The codes in the order a server sends them. */
	ck_assert(rendered(r, 0, "Codes: reply 550  5.1.1  after RCPT",
	    RS_TEXT));
	ck_assert(rendered(r, 0, "5.1.1", RS_RELATED));
	ck_assert(rendered(r, 0, "Next steps", RS_HEADING));
	presult_free(r);
}
END_TEST

/*
 * With LANGUAGE=fr the verdict pane is French throughout: the retry
 * advice is interface text, so an English sentence after a French label
 * means it was looked up in the wrong text domain.
 */
START_TEST(test_result_french)
{
	struct presult	*r;
	struct rdoc	 d;
	const char	*en, *fr;
	char		 want[512];
	size_t		 i;
	int		 found = 0;

	bindtextdomain(PACKAGE, ABS_TOP_BUILDDIR "/locale");
	bindtextdomain(CATALOG_DOMAIN, ABS_TOP_BUILDDIR "/locale");
	setenv("LANGUAGE", "fr", 1);
	setlocale(LC_ALL, "C.UTF-8");
	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    postfix_bounce, sizeof postfix_bounce - 1, NULL, NULL);
	ck_assert_uint_eq(r->an.nv, 1);
	en = retry_text(r->an.v[0].retry);
	fr = _(en);
	/* The French catalogue is there: else this test proves nothing. */
	ck_assert_str_ne(fr, en);
	snprintf(want, sizeof want, "%s%s", _("Retry: "), fr);
	/* Wide enough that the retry line is not wrapped; a note follows. */
	rdoc_init(&d);
	presult_render(r, 0, 300, &d);
	for (i = 0; i < d.n; i++) {
		found |= strncmp(d.v[i].text, want, strlen(want)) == 0;
		ck_assert_ptr_null(strstr(d.v[i].text, en));
	}
	ck_assert(found);
	rdoc_free(&d);
	presult_free(r);
	unsetenv("LANGUAGE");
}
END_TEST

/*
 * One presentation: past the title, the verdict pane's lines are the
 * lines --diagnose prints, each indented by two there.
 */
START_TEST(test_result_same_as_cli)
{
	struct presult	*r;
	struct rdoc	 d;
	struct buf	 cli;
	const char	*line, *nl;
	size_t		 i;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    postfix_bounce, sizeof postfix_bounce - 1, NULL, NULL);
	ck_assert_uint_eq(r->an.nv, 1);
	rdoc_init(&d);
	presult_render(r, 0, 60, &d);
	buf_init(&cli);
	verdict_text(&cli, "postfix.eml", &r->an.v[0], &r->an.doc, 62);
	ck_assert_uint_gt(d.n, 10);
	line = cli.data;
	ck_assert(strncmp(line, "postfix.eml: bob@example.net\n", 29) == 0);
	for (i = 0; i < d.n; i++) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		if (i > 0) {
			ck_assert(d.v[i].text[0] == '\0' ||
			    strncmp(line, "  ", 2) == 0);
			if (d.v[i].text[0] != '\0')
				line += 2;
			ck_assert_uint_eq((size_t)(nl - line),
			    strlen(d.v[i].text));
			ck_assert(strncmp(line, d.v[i].text,
			    (size_t)(nl - line)) == 0);
		}
		line = nl + 1;
	}
	/* Then the blank line that ends a record, and nothing else. */
	ck_assert_str_eq(line, "\n");
	buf_free(&cli);
	rdoc_free(&d);
	presult_free(r);
}
END_TEST

START_TEST(test_result_gmail)
{
	struct presult	*r;
	struct paste	 p;

	/* As the box holds it: the CR LF of the reply made LF. */
	paste_init(&p, 4096);
	paste_add(&p, gmail_reply, sizeof gmail_reply - 1);
	r = presult_build(shipped_rules(), NULL, shipped_catalog(),
	    p.text.data, p.text.len, NULL, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->an.nv, 1);
	ck_assert_str_eq(r->an.v[0].status, "5.7.26");
	ck_assert_int_eq(r->an.v[0].reply_code, 550);
	ck_assert_ptr_nonnull(r->an.v[0].provider);
	ck_assert(r->an.kinds & (1u << SPAN_TAG));
	ck_assert(rendered(r, 0, "Gmail", RS_TEXT));
	ck_assert(rendered(r, 0, "5.7.26", RS_RELATED));
	presult_free(r);
	paste_free(&p);
}
END_TEST

START_TEST(test_result_not_bounce)
{
	static const char	 hello[] = "Hi Bob,\nlunch at noon?\n";
	struct presult		*r;

	r = presult_build(shipped_rules(), NULL, shipped_catalog(), hello,
	    sizeof hello - 1, NULL, NULL);
	ck_assert_uint_eq(r->an.nv, 0);
	ck_assert_uint_eq(presult_blocks(r), 1);
	ck_assert(rendered(r, 0, "Not a bounce", RS_TITLE));
	presult_free(r);
	/* No rules: the text is still parsed, and the pane says why. */
	r = presult_build(NULL, "rules/x.txt:3: bad", NULL, postfix_bounce,
	    sizeof postfix_bounce - 1, NULL, NULL);
	ck_assert_uint_eq(r->an.nv, 0);
	ck_assert_uint_gt(r->an.nsegs, 0);
	ck_assert(rendered(r, 0, "rules/x.txt:3: bad", RS_NOTE));
	/* A bounce is not called "not a bounce" for want of rules. */
	ck_assert(rendered(r, 0, "Not diagnosed", RS_TITLE));
	ck_assert(!rendered(r, 0, "Not a bounce", RS_TITLE));
	presult_free(r);
	/* Empty and hostile input. */
	r = presult_build(shipped_rules(), NULL, NULL, "", 0, NULL, NULL);
	ck_assert_uint_eq(r->nlines, 1);
	presult_free(r);
	r = presult_build(shipped_rules(), NULL, NULL, "\0\xff\033]0;x\a", 7,
	    NULL, NULL);
	ck_assert_ptr_nonnull(r);
	presult_free(r);
}
END_TEST

static int
always(void *arg)
{
	(void)arg;
	return (1);
}

START_TEST(test_result_cancel)
{
	ck_assert_ptr_null(presult_build(shipped_rules(), NULL, NULL,
	    postfix_bounce, sizeof postfix_bounce - 1, always, NULL));
}
END_TEST

/* A limit reached is said, by name, above the verdict. */
START_TEST(test_result_truncated)
{
	struct presult	*r;
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_adds(&b, "From: MAILER-DAEMON@example.com\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; boundary=\"B\"\n\n");
	for (i = 0; i < 1005; i++)
		buf_printf(&b, "--B\nContent-Type: text/plain\n\npart %zu\n", i);
	buf_adds(&b, "--B--\n");
	r = presult_build(shipped_rules(), NULL, shipped_catalog(), b.data,
	    b.len, NULL, NULL);
	ck_assert_ptr_nonnull(r);
	ck_assert(r->an.doc.truncated);
	ck_assert(rendered(r, 0, "MIME parts past 1000", RS_META));
	presult_free(r);
	buf_free(&b);
}
END_TEST

/* Diagnostic strings of megabytes are cut in the verdict pane. */
START_TEST(test_result_long)
{
	struct presult	*r;
	struct rdoc	 d;
	char		*s;
	size_t		 n = 1 << 20;

	s = xmalloc(n + 1);
	memcpy(s, "550 5.7.1 ", 10);
	memset(s + 10, 'x', n - 10);
	s[n] = '\0';
	r = presult_build(shipped_rules(), NULL, shipped_catalog(), s, n,
	    NULL, NULL);
	ck_assert_uint_eq(r->an.nv, 1);
	rdoc_init(&d);
	presult_render(r, 0, 60, &d);
	ck_assert_uint_lt(d.n, 200);
	rdoc_free(&d);
	presult_free(r);
	free(s);
}
END_TEST

static struct presult *
wait_take(struct pjob *j)
{
	struct presult	*r;
	int		 i;

	for (i = 0; i < 2000; i++) {
		if ((r = pjob_take(j)) != NULL)
			return (r);
		usleep(5000);
	}
	return (NULL);
}

START_TEST(test_job)
{
	struct pjob	*j = pjob_new(shipped_catalog(), TEST_DATADIR);
	struct presult	*r;
	char		*big;
	size_t		 n = 4 << 20;

	ck_assert_int_eq(pjob_busy(j), 0);
	ck_assert_int_eq(pjob_submit(j, xstrdup(postfix_bounce),
	    sizeof postfix_bounce - 1, 7), 0);
	ck_assert_int_eq(pjob_busy(j), 1);
	r = wait_take(j);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->version, 7);
	ck_assert_uint_eq(r->an.nv, 1);
	ck_assert_int_eq(pjob_busy(j), 0);
	presult_free(r);
	/* A newer job replaces an older one; a cancelled one gives nothing. */
	big = xmalloc(n);
	memset(big, 'y', n);
	ck_assert_int_eq(pjob_submit(j, big, n, 8), 0);
	ck_assert_int_eq(pjob_submit(j, xstrdup(gmail_reply),
	    sizeof gmail_reply - 1, 9), 0);
	r = wait_take(j);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->version, 9);
	presult_free(r);
	ck_assert_int_eq(pjob_submit(j, xstrdup(postfix_bounce),
	    sizeof postfix_bounce - 1, 10), 0);
	pjob_cancel(j);
	ck_assert_int_eq(pjob_busy(j), 0);
	usleep(50000);
	ck_assert_ptr_null(pjob_take(j));
	/* Freed with a job under way: it waits for it. */
	big = xmalloc(n);
	memset(big, 'z', n);
	ck_assert_int_eq(pjob_submit(j, big, n, 11), 0);
	pjob_free(j);
}
END_TEST

START_TEST(test_job_no_rules)
{
	struct pjob	*j = pjob_new(NULL, "/nonexistent");
	struct presult	*r;

	ck_assert_int_eq(pjob_submit(j, xstrdup(postfix_bounce),
	    sizeof postfix_bounce - 1, 1), 0);
	r = wait_take(j);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->an.nv, 0);
	ck_assert_ptr_nonnull(r->rules_error);
	ck_assert_ptr_nonnull(strstr(r->rules_error, "/nonexistent"));
	presult_free(r);
	pjob_free(j);
}
END_TEST

START_TEST(test_layout)
{
	struct paste_layout	 l;
	struct rect		 body = { 1, 0, 38, 120 };

	paste_layout_compute(&l, &body, PP_TEXT);
	ck_assert_int_eq(l.wide, 1);
	ck_assert_int_eq(l.text.w + l.sep.w + l.verdict.w, 120);
	ck_assert_int_ge(l.verdict.w, 45);
	ck_assert_int_eq(l.sep.x, l.text.x + l.text.w);
	body.w = 60;
	paste_layout_compute(&l, &body, PP_VERDICT);
	ck_assert_int_eq(l.wide, 0);
	ck_assert_int_eq(l.text.h, 0);
	ck_assert_int_eq(l.verdict.w, 60);
	paste_layout_compute(&l, &body, PP_TEXT);
	ck_assert_int_eq(l.verdict.h, 0);
	ck_assert_int_eq(l.text.h, 38);
	body.w = 0;
	paste_layout_compute(&l, &body, PP_TEXT);
	ck_assert_int_eq(l.text.h, 0);
}
END_TEST

static Suite *
paste_suite(void)
{
	Suite	*s = suite_create("paste");
	TCase	*tc;

	tc = tcase_create("Box");
	tcase_add_test(tc, test_add_line_ends);
	tcase_add_test(tc, test_add_limit);
	tcase_add_test(tc, test_rubout);
	tcase_add_test(tc, test_erase_line);
	tcase_add_test(tc, test_feed_whole);
	tcase_add_test(tc, test_feed_split);
	tcase_add_test(tc, test_feed_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("Rows");
	tcase_add_test(tc, test_wrap_widths);
	tcase_add_test(tc, test_wrap_rows);
	tcase_add_test(tc, test_wrap_moves);
	tcase_add_test(tc, test_wrap_marks_grow);
	suite_add_tcase(s, tc);

	tc = tcase_create("Result");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_flatten);
	tcase_add_test(tc, test_result_postfix);
	tcase_add_test(tc, test_result_gmail);
	tcase_add_test(tc, test_result_french);
	tcase_add_test(tc, test_result_same_as_cli);
	tcase_add_test(tc, test_result_not_bounce);
	tcase_add_test(tc, test_result_cancel);
	tcase_add_test(tc, test_result_long);
	tcase_add_test(tc, test_result_truncated);
	tcase_add_test(tc, test_job);
	tcase_add_test(tc, test_job_no_rules);
	tcase_add_test(tc, test_layout);
	tcase_add_test(tc, test_result_focus);
	tcase_add_test(tc, test_fold_rows);
	tcase_add_test(tc, test_fold_long);
	tcase_add_test(tc, test_fold_result);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	/* Wide characters are measured as a UTF-8 terminal would. */
	setlocale(LC_CTYPE, "C.UTF-8");
	return (run_suite(paste_suite()));
}
