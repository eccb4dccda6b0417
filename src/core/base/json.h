/* A small JSON writer: strings are always valid, escaped UTF-8. */
#ifndef SD_JSON_H
#define SD_JSON_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Append s as a JSON string.  Invalid UTF-8 becomes U+FFFD; controls,
 * C1 controls, bidi overrides and line separators are \u escaped, so the
 * output is safe to print on a terminal too.
 */
void	json_string(struct buf *, const char *s, size_t len);
void	json_cstring(struct buf *, const char *s);	/* NULL -> null */
/* Begin a member of an object: a comma when needed, then "key": */
void	json_key(struct buf *, int *first, const char *key);
/* A member: "key":"s" (null for NULL), "key":true, "key":n or null. */
void	json_str(struct buf *, int *first, const char *key, const char *s);
void	json_bool(struct buf *, int *first, const char *key, int v);
void	json_int(struct buf *, int *first, const char *key, long long v,
	    int known);
void	json_string_array(struct buf *, const char *const *v, size_t n);

#endif
