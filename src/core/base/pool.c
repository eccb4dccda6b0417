/* Several threads over numbered items, output in item order. */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/pool.h"

/* out first: pool_turn() and pool_flush() find the slot from it. */
struct slot {
	struct buf	 out;
	long		 result;
	int		 done;
	size_t		 item;
	struct pool	*pool;
};

struct pool {
	pthread_mutex_t		 lock;
	pthread_cond_t		 room;	/* a slot is free, or the pen */
	size_t			 n, next, emitted, window;
	int			 emitting; /* a thread holds the pen */
	int			 stopped; /* ops->stop said so once */
	struct slot		*slots;
	const struct pool_ops	*ops;
	void			*arg;
};

unsigned
pool_threads(size_t n)
{
	long		 cpus = sysconf(_SC_NPROCESSORS_ONLN);
#ifdef CPU_COUNT
	cpu_set_t	 set;

	/* A container or taskset may allow fewer CPUs than are online. */
	if (sched_getaffinity(0, sizeof set, &set) == 0 &&
	    CPU_COUNT(&set) > 0 && CPU_COUNT(&set) < cpus)
		cpus = CPU_COUNT(&set);
#endif
	if (cpus < 1)
		cpus = 1;
	if (cpus > POOL_MAX_THREADS)
		cpus = POOL_MAX_THREADS;
	if ((size_t)cpus > n)
		cpus = n > 0 ? (long)n : 1;
	return ((unsigned)cpus);
}

/*
 * Whether the run is to stop; called with the lock held.  The answer is
 * kept, so that a worker that was told to stop never sees the run go
 * on, whatever the hook says next.
 */
static int
stopping(struct pool *pl)
{
	if (!pl->stopped && pl->ops->stop != NULL && pl->ops->stop(pl->arg)) {
		pl->stopped = 1;
		/* Nothing will be emitted: no room will come for waiters. */
		pthread_cond_broadcast(&pl->room);
	}
	return (pl->stopped);
}

/*
 * Emit every finished item at the head, in order; called with the lock
 * held by the thread that finished an item.  There is no writer thread
 * to wake: whoever completes the head item prints it, and one thread at
 * a time holds the pen, so a worker only ever sleeps on a full window.
 */
static void
emit_ready(struct pool *pl)
{
	struct slot	*s;
	size_t		 i;

	if (pl->emitting)
		return;		/* the holder will see our item */
	pl->emitting = 1;
	while (pl->emitted < pl->n &&
	    (s = &pl->slots[pl->emitted % pl->window])->done &&
	    !stopping(pl)) {
		i = pl->emitted;
		pthread_mutex_unlock(&pl->lock);
		pl->ops->emit(i, s->result, &s->out, pl->arg);
		buf_reset(&s->out);
		pthread_mutex_lock(&pl->lock);
		s->done = 0;
		pl->emitted++;
		pthread_cond_broadcast(&pl->room);
	}
	pl->emitting = 0;
	/* An item waiting for its turn (pool_turn) may have it now. */
	pthread_cond_broadcast(&pl->room);
}

static void *
worker(void *p)
{
	struct pool	*pl = p;
	struct slot	*s;
	void		*state = NULL;
	size_t		 i;

	if (pl->ops->worker_new != NULL)
		state = pl->ops->worker_new(pl->arg);
	pthread_mutex_lock(&pl->lock);
	for (;;) {
		while (!pl->stopped && pl->next < pl->n &&
		    pl->next >= pl->emitted + pl->window)
			pthread_cond_wait(&pl->room, &pl->lock);
		if (pl->next >= pl->n || stopping(pl))
			break;
		i = pl->next++;
		pthread_mutex_unlock(&pl->lock);
		/*
		 * Item i's slot is this worker's alone until it says done:
		 * its last tenant, i - window, has been emitted.
		 */
		s = &pl->slots[i % pl->window];
		s->item = i;
		s->pool = pl;
		s->result = pl->ops->run(state, i, &s->out, pl->arg);
		pthread_mutex_lock(&pl->lock);
		s->done = 1;
		emit_ready(pl);
	}
	pthread_mutex_unlock(&pl->lock);
	if (pl->ops->worker_free != NULL)
		pl->ops->worker_free(state, pl->arg);
	return (NULL);
}

static struct slot *
slot_of(struct buf *out)
{
	return ((struct slot *)(void *)out);
}

int
pool_turn(struct buf *out)
{
	struct slot	*s = slot_of(out);
	struct pool	*pl = s->pool;
	int		 rc;

	pthread_mutex_lock(&pl->lock);
	while (!stopping(pl) && (pl->emitted != s->item || pl->emitting))
		pthread_cond_wait(&pl->room, &pl->lock);
	rc = pl->stopped ? -1 : 0;
	pthread_mutex_unlock(&pl->lock);
	return (rc);
}

int
pool_flush(struct buf *out, long result)
{
	struct slot	*s = slot_of(out);
	struct pool	*pl = s->pool;

	if (pool_turn(out) != 0)
		return (-1);
	pthread_mutex_lock(&pl->lock);
	/* Our turn holds: nothing but this item can be emitted now. */
	pl->emitting = 1;
	pthread_mutex_unlock(&pl->lock);
	pl->ops->emit(s->item, result, out, pl->arg);
	buf_reset(out);
	pthread_mutex_lock(&pl->lock);
	pl->emitting = 0;
	pthread_cond_broadcast(&pl->room);
	pthread_mutex_unlock(&pl->lock);
	return (0);
}

void
pool_run(size_t n, unsigned threads, size_t window,
    const struct pool_ops *ops, void *arg)
{
	struct pool	 pl;
	pthread_t	 tid[POOL_MAX_THREADS];
	unsigned	 started = 0, t;
	size_t		 i;

	if (threads > POOL_MAX_THREADS)
		threads = POOL_MAX_THREADS;
	if (threads < 1)
		threads = 1;
	if (window < threads)
		window = threads;
	memset(&pl, 0, sizeof pl);
	pl.n = n;
	pl.window = window;
	pl.ops = ops;
	pl.arg = arg;
	pl.slots = xcalloc(window, sizeof *pl.slots);
	for (i = 0; i < window; i++)
		buf_init(&pl.slots[i].out);
	pthread_mutex_init(&pl.lock, NULL);
	pthread_cond_init(&pl.room, NULL);
	/*
	 * The calling thread is one of the workers; a thread that cannot
	 * be started only means fewer of them.
	 */
	for (t = 1; t < threads && n > 1; t++)
		if (pthread_create(&tid[started], NULL, worker, &pl) == 0)
			started++;
	worker(&pl);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	pthread_cond_destroy(&pl.room);
	pthread_mutex_destroy(&pl.lock);
	for (i = 0; i < window; i++)
		buf_free(&pl.slots[i].out);
	free(pl.slots);
}

int
thread_start_quiet(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (rc == 0 ? 0 : -1);
}
