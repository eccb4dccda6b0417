/* Command-line options and data loading shared by both front ends. */
#ifndef SD_OPTIONS_H
#define SD_OPTIONS_H

#include <stdio.h>

#include "base/buf.h"

struct catalog;
struct rules;
struct load_error;

enum run_mode {
	MODE_DEFAULT,		/* codes given: look up; none: browser or usage */
	MODE_SEARCH,
	MODE_LIST,
	MODE_LIST_CATEGORIES,
	MODE_DIAGNOSE,
	MODE_SUMMARY,
	MODE_BROWSE,
	MODE_HELP,
	MODE_HELP_KEYS,
	MODE_VERSION
};

struct options {
	enum run_mode	 mode;
	int		 json;
	int		 klass;		/* --class, or 0 */
	const char	*category;	/* --category, or NULL */
	const char	*data;		/* --data, or NULL */
	int		 width;		/* --width, or 0 for automatic */
	int		 jobs;		/* --jobs, or 0: one per CPU */
	int		 has_since;	/* --since given: since is set */
	long long	 since;		/* epoch seconds */
	int		 has_until;
	long long	 until;
	const char	*domain;	/* --domain, or NULL */
	int		 check;		/* --check: DNS checks of verdicts */
	const char	*resolver;	/* --resolver, or NULL: the system's */
	const char	*ip;		/* --ip, or NULL */
	int		 timeout;	/* --timeout seconds, or 0: default */
	char		**args;		/* operands */
	int		 nargs;
	/*
	 * Without a mode option, operands that name files ("-" standard
	 * input) are bounces or logs to diagnose, not codes or words.
	 */
	int		 files;
	/* A directory operand's files: the operands then, and their room. */
	char		**expanded;
	struct arena	 paths;
};

/* Returns 0, or 2 after printing a usage error to stderr. */
int	options_parse(int argc, char **argv, struct options *);
void	options_free(struct options *);
void	options_usage(FILE *);
/* The path of the running binary (for the uninstalled-build checks). */
const char *options_exe_path(void);
/* The data directory or file in force (for messages and the rules). */
const char *options_data_path(const struct options *);
/*
 * The data directory the diagnosis rules are read from: the one in force,
 * or, when --data names a single catalogue file (no rules beside it), the
 * default location.
 */
const char *options_rules_dir(const struct options *);
/*
 * The regular files of directory dir (not its subdirectories), a
 * rotated log's oldest first (mail.log.2.gz, mail.log.1, mail.log) so
 * that a summary's times and the queue-ID join run forward; appended to
 * *files (of *nfiles names, realloc'd), the names kept in names.  -1 with
 * errno when dir cannot be read.
 */
int	options_dir_files(const char *dir, struct arena *names, char ***files,
	    size_t *nfiles);
/* Print a data file error as file:line: message; returns 2, the status. */
int	options_data_error(const struct load_error *);
/* Load the catalogue; prints file:line: message and returns 2 on error. */
int	options_load_catalog(const struct options *, struct catalog *);
/* Load the rules of options_rules_dir(), the same way; rs is inited. */
int	options_load_rules(const struct options *, struct rules *rs);
/*
 * Both, the rules on a second thread: compiling their patterns is most
 * of the start-up of --diagnose.  c and rs are inited; on error, the
 * catalogue's is printed first, and 2 is returned.
 */
int	options_load_data(const struct options *, struct catalog *,
	    struct rules *rs);

#endif
