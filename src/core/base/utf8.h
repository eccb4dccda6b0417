/* UTF-8 decoding, validation, case folding, display width and escaping. */
#ifndef SD_UTF8_H
#define SD_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define UTF8_REPLACEMENT	0xfffd

/*
 * Decode one code point from s (len > 0).  Returns the bytes consumed,
 * always at least 1; an invalid or truncated sequence yields
 * UTF8_REPLACEMENT and consumes one byte so that callers resynchronise.
 */
size_t	 utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Returns 1 if valid; else 0 and the offset of the first bad byte. */
int	 utf8_valid(const char *s, size_t len, size_t *bad);
size_t	 utf8_encode(uint32_t cp, char out[4]);
uint32_t utf8_fold_cp(uint32_t cp);
/* Append the case-folded form of s (locale independent). */
void	 utf8_fold(const char *s, size_t len, struct buf *out);
/* Display columns of one code point: 0, 1 or 2 (-1 for controls). */
int	 utf8_cp_width(uint32_t cp);
/* True for code points that must never reach a terminal raw. */
int	 utf8_cp_dangerous(uint32_t cp);

/*
 * Append s to out with every control character, C1 control, bidi
 * override and invalid byte replaced by a visible escape (^[, <U+202E>,
 * \xff).  Tabs are kept when keep_tab is set, newlines when keep_nl is.
 */
void	 utf8_sanitize(const char *s, size_t len, struct buf *out,
	    int keep_tab, int keep_nl);
/*
 * printf to standard error, the whole message through utf8_sanitize
 * (newlines and tabs kept): a file name, a search word or a data file's
 * line quoted in an error cannot put an escape on the user's terminal.
 * Standard output is flushed first, so the two interleave as written.
 */
void	 utf8_eprintf(const char *fmt, ...)
	    __attribute__((__format__(__printf__, 1, 2)));
/* Display width of s as utf8_sanitize would show it. */
size_t	 utf8_display_width(const char *s, size_t len);

#endif
