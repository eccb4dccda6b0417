/* Reading an input a message at a time: mbox splitting in bounded memory. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "parse/maillog.h"
#include "parse/msgstream.h"

#define CHUNK	(1u << 20)
#define ZCHUNK	(256u << 10)	/* compressed bytes asked of one read(2) */
#define LOG_PEEK	65536	/* bytes that tell a mail log */

static void	gz_end(struct msgstream *);

void
msgstream_init(struct msgstream *ms, size_t max)
{
	memset(ms, 0, sizeof *ms);
	ms->fd = -1;
	ms->max = max < 64 ? 64 : max;
	ms->chunk = CHUNK;
	buf_init(&ms->b);
}

void
msgstream_start(struct msgstream *ms, int fd, long long size)
{
	ms->fd = fd;
	/* Files of /proc say 0 and hold more: their size is unknown. */
	ms->size = size > 0 ? size : -1;
	ms->got = 0;
	ms->chunk = ms->size >= 0 && ms->size < (long long)ms->max ?
	    (size_t)ms->size + 1 : CHUNK;
	ms->start = 0;
	ms->eof = 0;
	ms->mbox = -1;
	ms->skip = 0;
	ms->nmsgs = 0;
	ms->log = -1;
	gz_end(ms);
	ms->gz = ms->gz_error = ms->raw_eof = 0;
	buf_reset(&ms->b);
}

void
msgstream_free(struct msgstream *ms)
{
	gz_end(ms);
	buf_free(&ms->b);
	buf_free(&ms->zin);
}

/* Compressed bytes: wait for them if the caller asked, retry EINTR. */
static ssize_t
raw_read(struct msgstream *ms, char *p, size_t n)
{
	ssize_t	 r;

	if (ms->size < 0 && ms->wait != NULL && ms->wait(ms->fd) != 0)
		return (-1);
	do
		r = read(ms->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		ms->got += r;
	return (r);
}

/* The bytes read so far, p, are gzip's: inflate from them on. */
static int
gz_start(struct msgstream *ms, const char *p, size_t n)
{
	z_stream	*z = xcalloc(1, sizeof *z);

	/* 15 + 16: a gzip header and trailer, checked. */
	if (inflateInit2(z, 15 + 16) != Z_OK) {
		free(z);
		errno = ENOMEM;
		return (-1);
	}
	ms->z = z;
	ms->gz = 1;
	ms->raw_eof = ms->eof;
	ms->eof = 0;
	ms->chunk = CHUNK;
	buf_reset(&ms->zin);
	if (buf_reserve(&ms->zin, n > ZCHUNK ? n : ZCHUNK) != 0)
		return (-1);
	memcpy(ms->zin.data, p, n);
	ms->zin.len = n;
	z->next_in = (Bytef *)ms->zin.data;
	z->avail_in = (uInt)n;
	return (0);
}

/*
 * Inflate at least one byte into b, or reach the end: 1, 0 at the end,
 * -1 on a read error.  Members follow one another (gzip -c a b); an
 * input that ends inside a member, or bytes that are no deflate data,
 * end the input with gz_error set.
 */
static int
gz_fill(struct msgstream *ms)
{
	z_stream	*z = ms->z;
	size_t		 made;
	ssize_t		 n;
	int		 rc, ended = 0;

	for (;;) {
		if (z->avail_in == 0 && !ms->raw_eof) {
			if ((n = raw_read(ms, ms->zin.data, ZCHUNK)) < 0)
				return (-1);
			if (n == 0 || (ms->size >= 0 && ms->got >= ms->size))
				ms->raw_eof = 1;
			z->next_in = (Bytef *)ms->zin.data;
			z->avail_in = (uInt)n;
		}
		if (z->avail_in == 0 && ms->raw_eof) {
			/* A member begun and not finished: cut short. */
			if (z->total_in != 0 && !ended)
				ms->gz_error = 1;
			ms->eof = 1;
			return (0);
		}
		z->next_out = (Bytef *)ms->b.data + ms->b.len;
		z->avail_out = (uInt)ms->chunk;
		rc = inflate(z, Z_NO_FLUSH);
		made = ms->chunk - z->avail_out;
		ms->b.len += made;
		ended = 0;
		if (rc == Z_STREAM_END) {
			inflateReset(z);
			ended = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			ms->gz_error = 1;
			ms->eof = 1;
		}
		if (made > 0 || ms->eof) {
			ms->b.data[ms->b.len] = '\0';
			return (made > 0);
		}
	}
}

static void
gz_end(struct msgstream *ms)
{
	if (ms->z != NULL) {
		inflateEnd(ms->z);
		free(ms->z);
		ms->z = NULL;
	}
}

/* Read one chunk more; 0 at the end of the input, -1 on error. */
static int
fill(struct msgstream *ms)
{
	ssize_t	 n;

	if (ms->eof)
		return (0);
	/* What was handed out goes: the buffer holds one message at most. */
	if (ms->start > 0) {
		memmove(ms->b.data, ms->b.data + ms->start,
		    ms->b.len - ms->start);
		ms->b.len -= ms->start;
		ms->start = 0;
	}
	if (buf_reserve(&ms->b, ms->chunk) != 0)
		return (-1);
	if (ms->gz)
		return (gz_fill(ms));
	if ((n = raw_read(ms, ms->b.data + ms->b.len, ms->chunk)) < 0)
		return (-1);
	if (n == 0) {
		ms->eof = 1;
		return (0);
	}
	/* A regular file read to its size needs no read for the end. */
	if (ms->size >= 0) {
		if (ms->got >= ms->size)
			ms->eof = 1;
		ms->chunk = CHUNK;
	}
	/* gzip is told by its first bytes, whatever the file is named. */
	if (ms->got == n && n >= 2 &&
	    (unsigned char)ms->b.data[ms->b.len] == 0x1f &&
	    (unsigned char)ms->b.data[ms->b.len + 1] == 0x8b) {
		if (gz_start(ms, ms->b.data + ms->b.len, (size_t)n) != 0)
			return (-1);
		if (buf_reserve(&ms->b, ms->chunk) != 0)
			return (-1);
		return (gz_fill(ms));
	}
	ms->b.len += (size_t)n;
	ms->b.data[ms->b.len] = '\0';
	return (1);
}

/*
 * The offset of the next "From " line at or after from that follows an
 * empty line (LF or CRLF), or (size_t)-1.  A match needs the bytes
 * before from, so callers start from at least 1.
 */
static size_t
boundary(const char *s, size_t from, size_t len)
{
	const char	*p = s + from, *end = s + len, *q;

	while (p < end && (q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		q++;
		if (end - q < 5)
			return ((size_t)-1);
		if (memcmp(q, "From ", 5) == 0 && q - s >= 2 &&
		    (q[-2] == '\n' || (q[-2] == '\r' && q - s >= 3 &&
		    q[-3] == '\n')))
			return ((size_t)(q - s));
		p = q;
	}
	return ((size_t)-1);
}

/* Skip what is left of a message cut at the limit, to the next boundary. */
static int
skip_rest(struct msgstream *ms)
{
	size_t	 at, keep;
	int	 rc;

	for (;;) {
		at = boundary(ms->b.data, ms->start + 1, ms->b.len);
		if (at != (size_t)-1) {
			ms->start = at;
			return (0);
		}
		/* Keep the tail that could begin a boundary: "\r\n\r\nFrom". */
		keep = ms->b.len - ms->start < 8 ? ms->b.len - ms->start : 8;
		ms->start = ms->b.len - keep;
		if ((rc = fill(ms)) <= 0) {
			ms->start = ms->b.len;
			return (rc);
		}
	}
}

/*
 * A block of a mail log: up to MSGSTREAM_LOG_BLOCK bytes, cut after its
 * last line end (a line longer than a block is cut where it must be).
 */
static int
log_block(struct msgstream *ms, const char **msg, size_t *len)
{
	const char	*nl;
	size_t		 n;
	int		 rc;

	while (ms->b.len - ms->start < MSGSTREAM_LOG_BLOCK && !ms->eof)
		if ((rc = fill(ms)) < 0)
			return (-1);
	n = ms->b.len - ms->start;
	/* A full block not at the end is cut after its last line end. */
	if (n > MSGSTREAM_LOG_BLOCK ||
	    (n == MSGSTREAM_LOG_BLOCK && !ms->eof)) {
		n = MSGSTREAM_LOG_BLOCK;
		if ((nl = memrchr(ms->b.data + ms->start, '\n', n)) != NULL)
			n = (size_t)(nl + 1 - (ms->b.data + ms->start));
	}
	*msg = ms->b.data != NULL ? ms->b.data + ms->start : "";
	*len = n;
	ms->start += n;
	ms->last = n;
	ms->nmsgs++;
	return (1);
}

void
msgstream_unread(struct msgstream *ms, size_t n)
{
	if (ms->log != 1 || n == 0)
		return;
	if (n > ms->last)
		n = ms->last;
	/* The block's bytes are still in b: nothing moves between calls. */
	ms->start -= n;
	ms->last -= n;
}

int
msgstream_is_log(struct msgstream *ms)
{
	int	 rc;

	if (ms->log >= 0)
		return (ms->log);
	while (ms->mbox < 0 && ms->b.len < 5 && (rc = fill(ms)) != 0)
		if (rc < 0)
			return (-1);
	if (ms->mbox < 0)
		ms->mbox = ms->b.len >= 5 &&
		    memcmp(ms->b.data, "From ", 5) == 0;
	if (ms->mbox) {
		ms->log = 0;
		return (0);
	}
	while (ms->b.len - ms->start < LOG_PEEK && (rc = fill(ms)) != 0)
		if (rc < 0)
			return (-1);
	ms->log = ms->b.data != NULL && maillog_looks_like(ms->b.data +
	    ms->start, ms->b.len - ms->start);
	return (ms->log);
}

int
msgstream_next(struct msgstream *ms, const char **msg, size_t *len, int *cut)
{
	size_t	 rel = 1, at, n, avail;
	int	 rc;

	*cut = 0;
	if (ms->skip) {
		ms->skip = 0;
		if (skip_rest(ms) < 0)
			return (-1);
	}
	/* Enough to tell an mbox from one message. */
	while (ms->mbox < 0 && ms->b.len < 5 && (rc = fill(ms)) != 0)
		if (rc < 0)
			return (-1);
	if (ms->mbox < 0)
		ms->mbox = ms->b.len >= 5 && memcmp(ms->b.data, "From ", 5) == 0;
	if (ms->start >= ms->b.len && ms->eof && ms->nmsgs > 0)
		return (0);
	if (!ms->mbox && ms->log < 0 && msgstream_is_log(ms) < 0)
		return (-1);
	if (ms->log == 1)
		return (log_block(ms, msg, len));
	for (;;) {
		avail = ms->b.len - ms->start;
		at = ms->mbox ? boundary(ms->b.data, ms->start + rel,
		    ms->b.len) : (size_t)-1;
		if (at != (size_t)-1) {
			n = at - ms->start;
			break;
		}
		/* No boundary in max bytes and the few after: cut. */
		if (avail >= ms->max + 8) {
			n = avail;
			break;
		}
		rel = avail > 8 ? avail - 8 : 1;
		if ((rc = fill(ms)) < 0)
			return (-1);
		if (rc == 0) {
			n = ms->b.len - ms->start;
			break;
		}
	}
	if (n > ms->max) {
		n = ms->max;
		*cut = 1;
		if (ms->mbox)
			ms->skip = 1;
		else {
			/* One message: what follows it is not read. */
			ms->eof = 1;
			ms->b.len = ms->start + n;
		}
	}
	*msg = ms->b.data != NULL ? ms->b.data + ms->start : "";
	*len = n;
	ms->start += n;
	ms->nmsgs++;
	return (1);
}

