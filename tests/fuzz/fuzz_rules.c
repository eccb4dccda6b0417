/* Fuzz target: the rules loader on arbitrary files. */
#include "config.h"

#include <stdlib.h>

#include "catalogue/catalog.h"
#include "fuzz.h"
#include "diagnose/rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules		 rs;
	struct load_error	 err;

	rules_init(&rs);
	err.message[0] = '\0';
	if (rules_parse(&rs, "fuzz", (const char *)data, size, &err) == 0)
		(void)rules_check(&rs, &err);
	else if (err.message[0] == '\0')
		abort();	/* an error must say what is wrong */
	rules_free(&rs);
	return (0);
}
