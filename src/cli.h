/* The command-line front end: lookup, search, list, diagnose. */
#ifndef SD_CLI_H
#define SD_CLI_H

#include <stddef.h>

struct catalog;
struct options;
struct rules;

int	cli_main(const struct options *);
/* --diagnose: one report (or JSON line) per bounced recipient. */
int	cli_diagnose(const struct options *, struct catalog *,
	    struct rules *, size_t width);
/*
 * --summary: the failures of every input summed up by reason and
 * domain, one table (or JSON Lines) at the end.
 */
int	cli_summary(const struct options *, struct catalog *,
	    struct rules *, size_t width);

#endif
