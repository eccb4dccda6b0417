/* Reading an input a message at a time: mbox splitting in bounded memory. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "msgstream.h"

#define CHUNK	(1u << 20)

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
	buf_reset(&ms->b);
}

void
msgstream_free(struct msgstream *ms)
{
	buf_free(&ms->b);
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
	if (ms->size < 0 && ms->wait != NULL && ms->wait(ms->fd) != 0)
		return (-1);
	do
		n = read(ms->fd, ms->b.data + ms->b.len, ms->chunk);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return (-1);
	if (n == 0) {
		ms->eof = 1;
		return (0);
	}
	ms->b.len += (size_t)n;
	ms->b.data[ms->b.len] = '\0';
	/* A regular file read to its size needs no read for the end. */
	ms->got += n;
	if (ms->size >= 0) {
		if (ms->got >= ms->size)
			ms->eof = 1;
		ms->chunk = CHUNK;
	}
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
