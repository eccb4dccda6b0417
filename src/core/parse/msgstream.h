/*
 * An input read a message at a time, in bounded memory: an mbox of a
 * hundred thousand bounces costs the memory of its biggest message,
 * never of the whole file.
 *
 * An input that starts with an mbox "From " line is split where a
 * "From " line follows an empty line (mboxrd and mboxo alike, LF or
 * CRLF); any other input is one message.  A message longer than the
 * limit is cut there and the rest of it skipped (an mbox) or not read
 * (one message), and the cut is said.
 *
 * A mail log (maillog_looks_like() on its first 64 KiB) is handed out in
 * blocks of MSGSTREAM_LOG_BLOCK cut after a line end, however big the
 * log: each is parsed with BOUNCE_LOG_MORE after the first.  A gzip
 * input (told by its magic bytes, not its name: mail.log.2.gz) is
 * inflated as it is read, members one after the other; when it ends
 * early or is corrupt, what was inflated is handed out and gz_error
 * says so.
 */
#ifndef SD_MSGSTREAM_H
#define SD_MSGSTREAM_H

#include <stddef.h>

#include "base/buf.h"

#define MSGSTREAM_LOG_BLOCK	(4u << 20)

struct msgstream {
	int		 fd;
	size_t		 max;		/* bytes of one message kept */
	size_t		 chunk;		/* bytes asked of one read(2) */
	long long	 size;		/* a regular file's, or -1 */
	long long	 got;		/* bytes read of it */
	struct buf	 b;		/* data[start..len) not handed out */
	size_t		 start;
	int		 eof;
	int		 mbox;		/* -1 not known yet, 0, 1 */
	int		 skip;		/* the last message was cut */
	size_t		 nmsgs;
	int		 log;		/* -1 not known yet, 0, 1: a mail log */
	int		 gz;		/* gzip input, inflated as read */
	int		 gz_error;	/* it ended early or was corrupt */
	void		*z;		/* the inflate state, or NULL */
	struct buf	 zin;		/* compressed bytes not inflated yet */
	int		 raw_eof;	/* no more compressed bytes */
	size_t		 last;		/* bytes of the last log block */
	/*
	 * May be NULL: called before each read of an input of unknown size
	 * (a pipe, a terminal), to wait for data or give up (-1, errno set)
	 * when the caller's run is to end.
	 */
	int		(*wait)(int fd);
};

/*
 * A stream keeps its buffer from one input to the next: a thousand
 * small files cost one allocation.  max is at least 64 bytes.
 */
void	msgstream_init(struct msgstream *, size_t max);
/*
 * Start reading fd (not closed here).  size is a regular file's size,
 * or -1: a file that fits is read in one read(2), with no probe for
 * its end.
 */
void	msgstream_start(struct msgstream *, int fd, long long size);
void	msgstream_free(struct msgstream *);
/*
 * Whether the input is a mail log, told as msgstream_next() tells it
 * (the first 64 KiB read, inflated); 1, 0, or -1 with errno set on a
 * read error.  What it reads is handed out by msgstream_next() after.
 */
int	msgstream_is_log(struct msgstream *);
/*
 * The next message: 1 with *msg and *len set (valid until the next
 * call) and *cut set when the message went past max; 0 at the end; -1
 * with errno set on a read error.  An empty input is one empty message.
 */
int	msgstream_next(struct msgstream *, const char **msg, size_t *len,
	    int *cut);
/*
 * The last n bytes of the block of a log just handed out are handed out
 * again, first in the next block: the parser stopped there (its limit
 * of records met, BOUNCE_LOG_RESUME).  n no more than that block's.
 */
void	msgstream_unread(struct msgstream *, size_t n);

#endif
