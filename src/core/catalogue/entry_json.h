/* A catalogue entry as JSON, for --list and lookups with --json. */
#ifndef SD_ENTRY_JSON_H
#define SD_ENTRY_JSON_H

#include "base/buf.h"

struct entry;

/* One catalogue entry as a JSON object with every field (no newline). */
void	json_entry(struct buf *, const struct entry *);

#endif
