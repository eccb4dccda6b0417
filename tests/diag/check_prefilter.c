/*
 * The rules' trigram prefilter must never skip a rule whose pattern
 * matches: checked on tricky patterns, then on every shipped rule against
 * every line and diagnostic of the samples and of the shared corpus.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <check.h>
#include <dirent.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "base/datadir.h"
#include "diagutil.h"
#include "../unit/testutil.h"
#include "diagnose/rules.h"

static int
regex_matches(const struct rule *r, const char *text, size_t len)
{
	static pcre2_match_data	*md;

	if (md == NULL)
		md = pcre2_match_data_create(4, NULL);
	return (pcre2_match(r->re, (PCRE2_SPTR)text, len, 0, 0, md, NULL) >=
	    0);
}

static const struct {
	const char	*pattern;
	const char	*text;		/* matches the pattern */
	int		 filtered;	/* a prefilter is expected */
} patterns[] = {
	{ "5\\.4\\.1 .{0,80}Access denied", "5.4.1 x Access denied", 1 },
	{ "5\\.4\\.1 .{0,80}Access denied", "5.4.1 Access denied", 1 },
	{ "ab?cdef", "acdef", 1 },
	{ "colou?r blind", "color blind", 1 },
	{ "x[abc]yz more", "xbyz more", 1 },
	{ "[]x]yz abc", "]yz abc", 1 },
	{ "(?:foo|bar)baz qux", "barbaz qux", 1 },
	{ "\\bword\\b here", "word here", 1 },
	{ "LPN\\w*[-_]417\\b", "LPN007_417", 1 },
	{ "a+bcd", "aaabcd", 1 },
	{ "(?<![@\\w.-])[a-z0-9-]+(?:\\.[a-z0-9-]+)+\\.? does not exist",
	    "553 mx.example.com does not exist", 1 },
	{ "user \\S+ unknown", "user bob unknown", 1 },
	{ "foo\\.bar|baz\\-qux", "baz-qux", 1 },
	{ "ABC{2}DEF", "abccdef", 1 },
	{ "x{1,3}yzw", "xxyzw", 1 },
	{ "tab\\tsep", "tab\tsep", 1 },
	{ "Mailbox FULL", "mailbox full", 1 },
	{ "caf\xc3\xa9 ferm\xc3\xa9", "CAF\xc3\xa9 FERM\xc3\xa9", 1 },
	{ "[[:alpha:]]xyz", "axyz", 1 },
	/* Found by fuzz_prefilter: a brace that starts no quantifier. */
	{ "uABC{D}EFU{2D|||}EF", "ser", 0 },
	{ "wwj[[:]|", "", 0 },		/* "[:]" is no POSIX class */
	{ "abc\\cAdef", "abc\001def", 0 },	/* \c takes the next byte */
	{ "(?x)a b c", "abc", 0 },	/* spaces mean nothing */
	{ "a.c", "abc", 0 },		/* no literal of three bytes */
	{ "abc|x", "x", 0 },		/* one alternative without */
	/* Only a group's literals: one of its alternatives' is needed. */
	{ "(?:abc|abd)", "abd", 1 },
	{ "(?<![\\w-])(?:att\\.net|bellsouth\\.net)\\b",
	    "at bellsouth.net", 1 },
	{ "(?<n>abc|def) x", "def x", 1 },
	{ "((?:abc|def)ghi|jkl)", "defghi", 1 },
	{ "(?:a(?:bcd|efg))", "aefg", 1 },
	{ "(?:abc|def)+x", "defabcx", 1 },
	{ "(?i)foo bar", "FOO BAR", 1 },
	{ "(?-i:MSEXCH|RESOLVER\\.[A-Z]{3}\\.)", "RESOLVER.ADR.", 1 },
	/* A group that may be absent, or holds no text, requires nothing. */
	{ "(?:abc|abd)?xy", "xy", 0 },
	{ "(?:abc|abd)*xy", "xy", 0 },
	{ "(?:abc|abd){0,2}xy", "xy", 0 },
	{ "(?=abcd)ab", "abcd", 0 },
	{ "(?<=abcd)ef", "abcdef", 0 },
	{ "x(?:abc|d)", "xd", 0 },	/* one alternative without */
};

START_TEST(test_patterns)
{
	struct rules		 rs;
	struct load_error	 err;
	struct buf		 t;
	unsigned char		 bits[RULE_TRIGRAM_BYTES];
	const char		*text = patterns[_i].text;
	size_t			 k;
	int			 all_short;

	buf_init(&t);
	buf_printf(&t, "rule: t\nmatch: %s\nreason: x\n", patterns[_i].pattern);
	rules_init(&rs);
	ck_assert_msg(rules_parse(&rs, "t.txt", t.data, t.len, &err) == 0,
	    "%s", err.message);
	ck_assert_uint_eq(rs.n, 1);
	ck_assert_msg(regex_matches(&rs.v[0], text, strlen(text)),
	    "the test is wrong: %s does not match %s", patterns[_i].pattern,
	    text);
	rule_trigrams(text, strlen(text), bits);
	ck_assert_msg(rule_may_match(&rs.v[0], bits),
	    "prefilter of %s skips %s", patterns[_i].pattern, text);
	ck_assert_msg((rs.v[0].nlits != 0) == patterns[_i].filtered,
	    "%s: %zu literals", patterns[_i].pattern, rs.v[0].nlits);
	ck_assert(rule_may_match_text(&rs.v[0], bits, text, strlen(text)));
	/* And it does skip a text without the literals. */
	rule_trigrams("zzzz qqqq", 9, bits);
	if (patterns[_i].filtered)
		ck_assert(!rule_may_match(&rs.v[0], bits));
	/*
	 * Every trigram present, as a chance collision makes it for a short
	 * literal: the bytes themselves still rule the text out.
	 */
	memset(bits, 0xff, sizeof bits);
	for (k = 0, all_short = rs.v[0].nlits != 0; k < rs.v[0].nlits; k++)
		all_short &= rs.v[0].lit[k].len < RULE_LIT_SHORT;
	if (all_short)
		ck_assert(!rule_may_match_text(&rs.v[0], bits, "zzzz qqqq",
		    9));
	rules_free(&rs);
	buf_free(&t);
}
END_TEST

static size_t	 checked, skipped;

/*
 * Every diagnostic-text rule the prefilter skips on text must not match;
 * and the index finds exactly the rules whose literals pass.
 */
static void
check_text(const char *text, size_t len, const char *where)
{
	static struct rule_state st;
	const struct rules	*rs = shipped_rules();
	unsigned char		 bits[RULE_TRIGRAM_BYTES];
	size_t			 i, next;
	int			 may;

	if (st.md == NULL)
		rule_state_init(&st);
	rule_trigrams(text, len, bits);
	rule_candidates(rs, &st, text, len);
	next = rule_next(rs, &st, 0);
	for (i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];

		if (r->re == NULL || r->in != RF_DIAGNOSTIC || r->nlits == 0) {
			if (!rule_candidate(rs, &st, i) || next != i)
				ck_abort_msg("%s: rule %s, found by no literal, "
				    "is not visited", where, r->id);
			next = rule_next(rs, &st, i + 1);
			continue;
		}
		checked++;
		may = rule_may_match_text(r, bits, text, len);
		if (may != rule_candidate(rs, &st, i) || (may && next != i) ||
		    (!may && next == i))
			ck_abort_msg("%s: rule %s: the index says %d, its "
			    "literals %d: %.*s", where, r->id,
			    rule_candidate(rs, &st, i), may, (int)len, text);
		if (may)
			next = rule_next(rs, &st, i + 1);
		if (may)
			continue;
		skipped++;
		/*
		 * Check logs every passing ck_assert to its fork's pipe file;
		 * a million of them took 60 s under TSan. Assert on failure.
		 */
		if (regex_matches(r, text, len))
			ck_abort_msg("%s: rule %s (%s:%u) matches, yet the "
			    "prefilter skips it: %.*s", where, r->id, r->file,
			    r->line, (int)len, text);
	}
}

/* Each line of the file, and each diagnostic the parser finds in it. */
static void
check_file(const char *path)
{
	struct bounce_doc	 d;
	struct buf		 b;
	char			 chunk[8192];
	const char		*p, *q, *end;
	size_t			 n, i;
	FILE			*f;

	if ((f = fopen(path, "rb")) == NULL)
		return;
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (b.data == NULL) {
		buf_free(&b);
		return;
	}
	end = b.data + b.len;
	for (p = b.data; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		check_text(p, (size_t)(q - p), path);
	}
	bounce_doc_init(&d);
	bounce_parse(&d, b.data, b.len, NULL, BOUNCE_BRIEF);
	for (i = 0; i < d.nrcpts; i++)
		if (d.rcpts[i].diagnostic != NULL)
			check_text(d.rcpts[i].diagnostic,
			    strlen(d.rcpts[i].diagnostic), path);
	bounce_doc_free(&d);
	buf_free(&b);
}

static void
check_dir(const char *dir)
{
	struct dirent	*de;
	char		 path[2048];
	DIR		*dp;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		check_file(path);
	}
	closedir(dp);
}

START_TEST(test_shipped_rules_never_skip_a_match)
{
	char		 path[2048];
	const char	*shared = getenv("SHARED_DIR");
	size_t		 i;

	checked = skipped = 0;
	snprintf(path, sizeof path, "%s/diag/samples", TEST_SRCDIR);
	check_dir(path);
	/* The corpus beside the clone, when there is one. */
	if (shared != NULL) {
		snprintf(path, sizeof path, "%s/corpus/bounces", shared);
		check_dir(path);
	}
	/* Each rule's own wording, as the data files' comments quote it. */
	for (i = 0; i < shipped_rules()->n; i++)
		if (shipped_rules()->v[i].pattern != NULL)
			check_text(shipped_rules()->v[i].pattern,
			    strlen(shipped_rules()->v[i].pattern), "patterns");
	ck_assert_uint_gt(checked, 1000);
	/* A prefilter that never skips would be no prefilter at all. */
	ck_assert_msg(skipped * 10 > checked * 9, "skipped only %zu of %zu",
	    skipped, checked);
}
END_TEST

static Suite *
prefilter_suite(void)
{
	Suite	*s = suite_create("prefilter");
	TCase	*tc = tcase_create("prefilter");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_patterns, 0,
	    sizeof patterns / sizeof patterns[0]);
	tcase_add_test(tc, test_shipped_rules_never_skip_a_match);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(prefilter_suite()));
}
