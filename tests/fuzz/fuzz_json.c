/* Fuzz target: whatever the bytes, json_string writes valid JSON. */
#include "config.h"

#include <stdlib.h>

#include "base/buf.h"
#include "fuzz.h"
#include "base/json.h"
#include "../unit/jsoncheck.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	json_string(&b, (const char *)data, size);
	if (!json_valid(b.data, b.len))
		abort();
	/* Nothing a terminal would act on survives the escaping. */
	for (i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		if (c < 0x20 || c == 0x7f)
			abort();
	}
	buf_free(&b);
	return (0);
}
