/* Decoding of mail text to UTF-8: transfer encodings, charsets, RFC 2047. */
#ifndef SD_TEXTDEC_H
#define SD_TEXTDEC_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Open iconv descriptors, kept so that a thousand parts or messages in
 * ISO-2022-JP cost one iconv_open (which searches gconv's module cache
 * and dlopens every time).  No globals: the caller owns it.
 */
#define TEXTDEC_CACHE	8
struct textdec {
	struct {
		char	 name[32];
		void	*cd;		/* iconv_t, or (void *)-1 */
	} cache[TEXTDEC_CACHE];
	size_t	 next;
	/*
	 * When not 0, textdec_charset stops converting through iconv once
	 * it has added about this many bytes: a charset such as TSCII
	 * makes twelve bytes of one, and the caller's budget (the room
	 * left in a document's text) must hold whatever the input.
	 */
	size_t	 max_out;
};

void	textdec_init(struct textdec *);
void	textdec_free(struct textdec *);

/*
 * The decoders below take in == NULL with len == 0, as buf_add does: an
 * empty struct buf has no data.  They leave out allocated and
 * NUL-terminated even when they add nothing.
 */

/* Append the decoded bytes; garbage characters are skipped. */
void	textdec_base64(const char *in, size_t len, struct buf *out);
/* Append the decoded bytes; in a header '_' is a space (RFC 2047). */
void	textdec_qp(const char *in, size_t len, struct buf *out, int header);

/*
 * Append UTF-8 text: valid sequences are copied, every invalid byte and
 * NUL becomes U+FFFD, so the result is always valid and NUL-free.
 */
void	textdec_utf8(const char *in, size_t len, struct buf *out);
void	textdec_latin1(const char *in, size_t len, struct buf *out);
/*
 * Append text in charset cs (NULL or "" when undeclared) as UTF-8.
 * UTF-8, ASCII and Latin-1 take fast paths; other charsets go through
 * iconv; what iconv cannot convert is replaced by U+FFFD.
 */
void	textdec_charset(struct textdec *, const char *cs, const char *in,
	    size_t len, struct buf *out);
/* Append a header value with its RFC 2047 encoded words decoded. */
void	textdec_header(struct textdec *, const char *in, size_t len,
	    struct buf *out);

#endif
