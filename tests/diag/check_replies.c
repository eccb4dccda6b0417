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

/* One list: its rows diagnosed; the misses counted and printed. */
static void
check_list(const char *path, const char *name, size_t *rows, size_t *misses)
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
	size_t		 rows = 0, misses = 0, lists = 0, len;

	snprintf(dir, sizeof dir, "%s/diag/replies", TEST_SRCDIR);
	if ((dp = opendir(dir)) == NULL)
		ck_abort_msg("cannot open %s", dir);
	while ((e = readdir(dp)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		check_list(path, e->d_name, &rows, &misses);
		lists++;
	}
	closedir(dp);
	printf("all lists: %zu of %zu right (%.1f%%)\n", rows - misses, rows,
	    rows != 0 ? 100.0 * (double)(rows - misses) / (double)rows : 0.0);
	fflush(stdout);
	ck_assert_uint_gt(lists, 0);
	ck_assert_msg(misses == 0, "%zu of %zu published replies misdiagnosed",
	    misses, rows);
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
