/*
 * Items 0..n-1 worked on by several threads, their output handed back
 * in item order: what `--diagnose` over many files needs to use every
 * core and still print exactly what one thread would.
 *
 * Workers run ahead of the writer by at most a window of items, so the
 * output held in memory is bounded by the window, not by n.  A run can
 * be stopped part way (a signal, a reader gone), and what was emitted is
 * then still a prefix of the items, in order.
 */
#ifndef SD_POOL_H
#define SD_POOL_H

#include <pthread.h>
#include <stddef.h>

#include "base/buf.h"

#define POOL_MAX_THREADS	16

struct pool_ops {
	/* A worker's own state (a document, match data...); may be NULL. */
	void	*(*worker_new)(void *arg);
	void	 (*worker_free)(void *state, void *arg);
	/* Work on item i, appending to out; the result goes to emit. */
	long	 (*run)(void *state, size_t i, struct buf *out, void *arg);
	/* For i = 0, 1, ... n-1 in order, one call at a time. */
	void	 (*emit)(size_t i, long result, struct buf *out, void *arg);
	/*
	 * May be NULL.  Asked before an item is handed out and before one
	 * is emitted, with the pool's lock held, so it must only look at a
	 * flag (one a signal handler or emit sets, say).  Once it returns
	 * non-zero, no item is started or emitted any more: the items
	 * being worked on are finished, their output is dropped, and
	 * pool_run returns, having emitted items 0..k-1 for some k.
	 */
	int	 (*stop)(void *arg);
};

/*
 * For an item whose output may be too big to hold (an mbox of a
 * million bounces), called from run() with the out it was given:
 * pool_turn() waits until every item before it has been emitted, and
 * pool_flush() then emits out as it is now (emit gets result) and
 * empties it, so that the item's output goes out as it is made.  Both
 * return -1, at once, when the run is stopping.  An item that waits
 * for its turn before it takes a shared resource cannot deadlock with
 * an earlier one: the head never waits.
 */
int	 pool_turn(struct buf *out);
int	 pool_flush(struct buf *out, long result);

/* The threads worth starting for n items: online CPUs, at most 16. */
unsigned	pool_threads(size_t n);
/*
 * Run ops over n items on threads workers, the calling thread one of
 * them (so 1 runs everything here), window items ahead at most.
 */
void		pool_run(size_t n, unsigned threads, size_t window,
		    const struct pool_ops *, void *arg);

/*
 * Start a background thread with every signal blocked: SIGINT, SIGTSTP
 * and SIGWINCH must wake the main thread out of its read, not this one.
 * 0, or -1 when the thread could not be made.
 */
int		thread_start_quiet(pthread_t *, void *(*fn)(void *), void *arg);

#endif
