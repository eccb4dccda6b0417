/* Tests of the browser's summary of a log (sumlive.c): rows, tail -F. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "diagnose/analysis.h"
#include "diagnose/sumlive.h"
#include "testutil.h"

static const char *
sample(const char *name)
{
	static char	 path[1024];

	snprintf(path, sizeof path, "%s/log/samples/%s", TEST_SRCDIR, name);
	return (path);
}

static void
sleep_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait (10 s at most) until the sums hold at least n failures. */
static void
wait_failures(struct sumlive *l, struct sumlive_snap *sn, size_t n)
{
	struct sumlive_state	 st;
	int			 i;

	for (i = 0; i < 1000; i++) {
		sumlive_state(l, &st);
		sumlive_snap(l, sn);
		if (!st.loading && sn->failures >= n)
			return;
		sleep_ms(10);
	}
	ck_abort_msg("%zu failures, not %zu", sn->failures, n);
}

static char *
tmp_log(void)
{
	char	*p = xstrdup("/tmp/check_sumlive.XXXXXX");
	int	 fd = mkstemp(p);

	ck_assert_int_ge(fd, 0);
	close(fd);
	return (p);
}

static void
append(const char *path, const char *text)
{
	FILE	*f = fopen(path, "a");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

#define LINE_BOUNCE(user, n) \
	"Dec  2 15:09:0" #n " mx1 postfix/local[12348]: A5F61123" #n "E: " \
	"to=<" user "@example.org>, relay=local, delay=0.02, " \
	"delays=0.01/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: \"" \
	user "\")\n"

START_TEST(test_is_log)
{
	char	*p = tmp_log();

	ck_assert_int_eq(sumlive_is_log(sample("postfix-four.log")), 1);
	ck_assert_int_eq(sumlive_is_log(sample("exim-mainlog")), 1);
	append(p, "From: MAILER-DAEMON@example.org\nSubject: failure\n\n"
	    "<bob@example.net>: 550 5.1.1 User unknown\n");
	ck_assert_int_eq(sumlive_is_log(p), 0);
	unlink(p);
	errno = 0;
	ck_assert_int_eq(sumlive_is_log(p), -1);
	ck_assert_int_eq(errno, ENOENT);
	free(p);
}
END_TEST

START_TEST(test_groups_lines_diagnosis)
{
	struct sumlive		*l = sumlive_new(shipped_rules(),
				    shipped_catalog());
	struct sumlive_snap	 sn;
	struct sumlive_state	 st;
	struct analysis		 a;
	struct buf		 b;
	const char		*path = sample("postfix-four.log");
	size_t			 i, more, n;
	long			 nv;
	int			 yahoo = 0;

	sumlive_snap_init(&sn);
	ck_assert_int_eq(sumlive_start(l, &path, 1), 0);
	wait_failures(l, &sn, 4);
	ck_assert_uint_eq(sn.failures, 4);
	/* All of the file was read, and the state says so. */
	sumlive_state(l, &st);
	ck_assert(!st.loading && !st.following);
	ck_assert_int_gt(st.size, 0);
	ck_assert_int_eq(st.got, st.size);
	ck_assert_str_eq(st.path, path);
	ck_assert_int_eq(st.error, 0);
	ck_assert_uint_eq(sn.bounced, 3);
	ck_assert_uint_eq(sn.deferred, 1);
	ck_assert_uint_eq(sn.n, 4);
	analysis_init(&a);
	buf_init(&b);
	for (i = 0; i < sn.n; i++) {
		buf_reset(&b);
		n = sumlive_lines(l, sn.id[i], &b, &more);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(more, 0);
		/* The group's line is its example's. */
		ck_assert_ptr_nonnull(strstr(b.data, sn.g[i].ex_recipient));
		nv = sumlive_diagnose(l, sn.id[i], &a);
		ck_assert_int_eq(nv, 1);
		ck_assert_str_eq(a.doc.rcpts[0].recipient,
		    sn.g[i].ex_recipient);
		ck_assert_str_eq(a.v[0].reason, sn.g[i].reason);
		if (sn.g[i].domain != NULL &&
		    strcmp(sn.g[i].domain, "yahoo.com") == 0) {
			yahoo = 1;
			ck_assert_uint_eq(sn.g[i].deferred, 1);
		}
	}
	ck_assert(yahoo);
	ck_assert_int_eq(sumlive_diagnose(l, 99999, &a), -1);
	buf_free(&b);
	analysis_free(&a);
	sumlive_snap_free(&sn);
	sumlive_free(l);
}
END_TEST

/* Files read in order; one that cannot be read is said, not followed. */
START_TEST(test_files)
{
	struct sumlive		*l = sumlive_new(shipped_rules(), NULL);
	struct sumlive_snap	 sn;
	struct sumlive_state	 st;
	char			*four = xstrdup(sample("postfix-four.log"));
	char			*deferred;
	const char		*paths[3];

	deferred = xstrdup(sample("postfix-deferred.log"));
	paths[0] = four;
	paths[1] = deferred;
	paths[2] = "/nonexistent/mail.log";
	sumlive_snap_init(&sn);
	ck_assert_int_eq(sumlive_start(l, paths, 3), 0);
	wait_failures(l, &sn, 7);
	ck_assert_uint_eq(sn.failures, 7);
	sumlive_state(l, &st);
	ck_assert_int_eq(st.error, ENOENT);
	errno = 0;
	ck_assert_int_eq(sumlive_follow(l, 1), -1);
	ck_assert_int_eq(errno, EINVAL);
	sumlive_snap_free(&sn);
	sumlive_free(l);
	/* The first not found: no thread at all. */
	l = sumlive_new(shipped_rules(), NULL);
	ck_assert_int_eq(sumlive_start(l, &paths[2], 1), -1);
	ck_assert_int_eq(errno, ENOENT);
	sumlive_free(l);
	free(four);
	free(deferred);
}
END_TEST

START_TEST(test_lines_bounded)
{
	struct sumlive		*l = sumlive_new(shipped_rules(), NULL);
	struct sumlive_snap	 sn;
	struct buf		 b;
	char			*p = tmp_log();
	const char		*path = p;
	size_t			 i, more;

	for (i = 0; i < SUMLIVE_GROUP_LINES + 7; i++)
		append(p, LINE_BOUNCE("nobody", 1));
	sumlive_snap_init(&sn);
	ck_assert_int_eq(sumlive_start(l, &path, 1), 0);
	wait_failures(l, &sn, SUMLIVE_GROUP_LINES + 7);
	ck_assert_uint_eq(sn.n, 1);
	ck_assert_uint_eq(sn.g[0].count, SUMLIVE_GROUP_LINES + 7);
	buf_init(&b);
	ck_assert_uint_eq(sumlive_lines(l, sn.id[0], &b, &more),
	    SUMLIVE_GROUP_LINES);
	ck_assert_uint_eq(more, 7);
	buf_free(&b);
	sumlive_snap_free(&sn);
	sumlive_free(l);
	unlink(p);
	free(p);
}
END_TEST

/* n failing lines of mass bounces, each its own queue ID. */
static void
append_mass(const char *path, size_t from, size_t n)
{
	FILE	*f = fopen(path, "a");
	size_t	 i;

	ck_assert_ptr_nonnull(f);
	for (i = from; i < from + n; i++)
		fprintf(f, "Dec  2 15:09:01 mx1 postfix/smtp[1]: %010zX: "
		    "to=<u%zu@example.com>, relay=none, delay=1, "
		    "status=bounced (Host or domain name not found)\n",
		    i + 1048576, i);
	fclose(f);
}

/*
 * More failing lines than a parse's limit of records, read and then
 * followed: every one counts (the parse stops at the limit and the rest
 * is read next).
 */
START_TEST(test_mass_bounces)
{
	struct sumlive		*l = sumlive_new(shipped_rules(), NULL);
	struct sumlive_snap	 sn;
	char			*p = tmp_log();
	const char		*path = p;

	append_mass(p, 0, 25000);
	sumlive_snap_init(&sn);
	ck_assert_int_eq(sumlive_start(l, &path, 1), 0);
	wait_failures(l, &sn, 25000);
	ck_assert_uint_eq(sn.failures, 25000);
	ck_assert_int_eq(sumlive_follow(l, 1), 0);
	append_mass(p, 25000, 22000);
	wait_failures(l, &sn, 47000);
	ck_assert_uint_eq(sn.failures, 47000);
	sumlive_snap_free(&sn);
	sumlive_free(l);
	unlink(p);
	free(p);
}
END_TEST

START_TEST(test_follow)
{
	struct sumlive		*l = sumlive_new(shipped_rules(), NULL);
	struct sumlive_snap	 sn;
	struct sumlive_state	 st;
	char			*p = tmp_log(), *q;
	const char		*path = p;

	append(p, LINE_BOUNCE("ann", 1));
	sumlive_snap_init(&sn);
	ck_assert_int_eq(sumlive_start(l, &path, 1), 0);
	wait_failures(l, &sn, 1);
	ck_assert_int_eq(sumlive_follow(l, 1), 0);
	sumlive_state(l, &st);
	ck_assert(st.following);
	/* A line written in two pieces counts once, when it is whole. */
	append(p, "Dec  2 15:09:02 mx1 postfix/local[12348]: A5F6112");
	sleep_ms(3 * SUMLIVE_POLL_MS / 2);
	sumlive_snap(l, &sn);
	ck_assert_uint_eq(sn.failures, 1);
	append(p, "32E: to=<bob@example.org>, relay=local, delay=0.02, "
	    "delays=0.01/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: "
	    "\"bob\")\n");
	wait_failures(l, &sn, 2);
	ck_assert_uint_eq(sn.failures, 2);
	/* Rotated: the new file is read from its start. */
	q = xmalloc(strlen(p) + 3);
	snprintf(q, strlen(p) + 3, "%s.1", p);
	ck_assert_int_eq(rename(p, q), 0);
	append(p, LINE_BOUNCE("cid", 3));
	wait_failures(l, &sn, 3);
	sumlive_state(l, &st);
	ck_assert_int_eq(st.reopened, 1);
	/* Truncated (to less than was read): read again from the start. */
	ck_assert_int_eq(truncate(p, 0), 0);
	append(p, LINE_BOUNCE("d", 4));
	wait_failures(l, &sn, 4);
	sumlive_state(l, &st);
	ck_assert_int_eq(st.reopened, 2);
	ck_assert_int_eq(sumlive_follow(l, 0), 0);
	sumlive_state(l, &st);
	ck_assert(!st.following);
	append(p, LINE_BOUNCE("eve", 5));
	sleep_ms(3 * SUMLIVE_POLL_MS / 2);
	sumlive_snap(l, &sn);
	ck_assert_uint_eq(sn.failures, 4);
	sumlive_snap_free(&sn);
	sumlive_free(l);
	unlink(p);
	unlink(q);
	free(p);
	free(q);
}
END_TEST

/* Two reasons, three groups, made by hand: the rows apart from a log. */
START_TEST(test_rows)
{
	struct summary_group	 g[3];
	struct sumlive_snap	 sn;
	struct sumlive_row	*rows;
	const char		*folded[] = { "mailbox" };
	size_t			 n;

	memset(g, 0, sizeof g);
	g[0] = (struct summary_group){ .reason = "mailbox", .domain =
	    "example.org", .count = 3, .bounced = 3, .first = 10, .last = 20 };
	g[1] = (struct summary_group){ .reason = "mailbox", .domain =
	    "gmail.com", .provider = "Google", .count = 1, .bounced = 1,
	    .first = 5, .last = 5 };
	g[2] = (struct summary_group){ .reason = "blocked", .domain =
	    "yahoo.com", .count = 2, .deferred = 2, .first = -1,
	    .last = -1 };
	sumlive_snap_init(&sn);
	sn.g = g;
	sn.n = 3;
	n = sumlive_rows(&sn, NULL, 0, NULL, NULL, &rows);
	ck_assert_uint_eq(n, 5);
	ck_assert(rows[0].header);
	ck_assert_uint_eq(rows[0].count, 4);
	ck_assert_int_eq(rows[0].tfirst, 5);
	ck_assert_int_eq(rows[0].tlast, 20);
	ck_assert(!rows[1].header);
	ck_assert_uint_eq(rows[2].group, 1);
	ck_assert(rows[3].header);
	ck_assert_uint_eq(rows[3].deferred, 2);
	free(rows);
	/* Folded: the header only. */
	n = sumlive_rows(&sn, folded, 1, NULL, NULL, &rows);
	ck_assert_uint_eq(n, 3);
	ck_assert(rows[0].header && rows[1].header && !rows[2].header);
	free(rows);
	/* A query shows what holds it, folded or not, any case. */
	n = sumlive_rows(&sn, folded, 1, "GOOG", NULL, &rows);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rows[0].count, 1);
	ck_assert_uint_eq(rows[1].group, 1);
	free(rows);
	n = sumlive_rows(&sn, NULL, 0, "nothing such", NULL, &rows);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(rows);
}
END_TEST

static Suite *
sumlive_suite(void)
{
	Suite	*s = suite_create("sumlive");
	TCase	*tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_is_log);
	tcase_add_test(tc, test_groups_lines_diagnosis);
	tcase_add_test(tc, test_files);
	tcase_add_test(tc, test_lines_bounded);
	tcase_add_test(tc, test_follow);
	tcase_add_test(tc, test_mass_bounces);
	tcase_add_test(tc, test_rows);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(sumlive_suite()));
}
