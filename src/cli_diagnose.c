/* Placeholder until the diagnosis engine lands (issue 4). */
#include "config.h"

#include <stdio.h>

#include "cli.h"
#include "options.h"

int
cli_diagnose(const struct options *o, struct catalog *c, size_t width)
{
	(void)o;
	(void)c;
	(void)width;
	fputs("smtp-doctor: --diagnose is not built yet\n", stderr);
	return (2);
}
