/* Shared helpers of the Check unit tests. */
#ifndef SD_TESTUTIL_H
#define SD_TESTUTIL_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "diagnose/rules.h"

/* The shipped catalogue, loaded once per test process. */
static inline struct catalog *
shipped_catalog(void)
{
	static struct catalog	 c;
	static int		 loaded;
	struct load_error	 err;

	if (!loaded) {
		catalog_init(&c);
		if (catalog_load_path(&c, TEST_DATADIR, &err) != 0)
			ck_abort_msg("%s:%u: %s", err.file, err.line,
			    err.message);
		loaded = 1;
	}
	return (&c);
}

/* The shipped diagnosis rules, loaded once per test process. */
static inline struct rules *
shipped_rules(void)
{
	static struct rules	 rs;
	static int		 loaded;
	struct load_error	 err;

	if (!loaded) {
		rules_init(&rs);
		if (rules_load_dir(&rs, TEST_DATADIR, &err) != 0)
			ck_abort_msg("%s:%u: %s", err.file, err.line,
			    err.message);
		loaded = 1;
	}
	return (&rs);
}

/* Rules from text, checked; the test stops on a loader error. */
static inline void
rules_from_text(struct rules *rs, const char *text)
{
	struct load_error	 err;

	rules_init(rs);
	if (rules_parse(rs, "t.txt", text, strlen(text), &err) != 0 ||
	    rules_check(rs, &err) != 0)
		ck_abort_msg("%s:%u: %s", err.file, err.line, err.message);
}

/* Parse text as one catalogue file; returns the loader's status. */
static inline int
parse_text(struct catalog *c, const char *text, struct load_error *err)
{
	catalog_init(c);
	if (catalog_parse(c, "t.txt", text, strlen(text), err) != 0)
		return (-1);
	return (catalog_finish(c, err));
}

static inline int
run_suite(Suite *s)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}

#endif
