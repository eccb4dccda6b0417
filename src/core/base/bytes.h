/*
 * Byte searches over text that is not NUL-terminated: the reports and
 * logs are read as (pointer, length) and may hold NUL bytes.
 */
#ifndef SD_BYTES_H
#define SD_BYTES_H

#include <stddef.h>

/*
 * The first place of n (nl bytes) in h (hl bytes), ASCII letters in any
 * case and every other byte as it is; h itself when nl is 0, NULL when
 * n is not there.  Linear in hl for the short needles it is used with
 * (phrases of a report): each candidate costs at most nl compares.
 */
const char *memcasemem(const char *h, size_t hl, const char *n, size_t nl);

#endif
