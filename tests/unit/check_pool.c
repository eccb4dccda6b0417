/* Unit tests of the ordered thread pool. */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/pool.h"
#include "testutil.h"

/* What the callbacks saw, checked after the run. */
struct trace {
	pthread_mutex_t	 lock;
	size_t		 next_emit;	/* the item emit() expects next */
	size_t		 errors;
	size_t		 in_flight, max_in_flight;	/* claimed, not emitted */
	size_t		 workers_made, workers_freed;
	int		 jitter;	/* sleep a little, out of order */
	unsigned char	*ran;		/* times each item was run, or NULL */
	size_t		 stop_run;	/* item whose run raises stop */
	size_t		 stop_emit;	/* item whose emit raises stop */
	atomic_int	 stop;		/* what the stop hook answers */
};

static void *
t_new(void *arg)
{
	struct trace	*t = arg;
	size_t		*mine = malloc(sizeof *mine);

	pthread_mutex_lock(&t->lock);
	t->workers_made++;
	pthread_mutex_unlock(&t->lock);
	*mine = 0;
	return (mine);
}

static void
t_free(void *state, void *arg)
{
	struct trace	*t = arg;

	pthread_mutex_lock(&t->lock);
	t->workers_freed++;
	pthread_mutex_unlock(&t->lock);
	free(state);
}

static long
t_run(void *state, size_t i, struct buf *out, void *arg)
{
	struct trace	*t = arg;
	size_t		*mine = state;

	pthread_mutex_lock(&t->lock);
	if (++t->in_flight > t->max_in_flight)
		t->max_in_flight = t->in_flight;
	pthread_mutex_unlock(&t->lock);
	(*mine)++;
	/* Early items slowest, so later ones finish first. */
	if (t->jitter && i % 5 == 0) {
		struct timespec ts = { 0, (long)(200000 - (i % 17) * 10000) };
		nanosleep(&ts, NULL);
	}
	if (out->len != 0) {		/* a slot must come back empty */
		pthread_mutex_lock(&t->lock);
		t->errors++;
		pthread_mutex_unlock(&t->lock);
	}
	buf_printf(out, "item %zu\n", i);
	if (t->ran != NULL) {
		pthread_mutex_lock(&t->lock);
		t->ran[i]++;
		pthread_mutex_unlock(&t->lock);
	}
	if (i == t->stop_run) {
		/*
		 * As a signal would, in the middle of the run; the pause
		 * lets the other workers come back for more meanwhile.
		 */
		atomic_store(&t->stop, 1);
		if (t->jitter) {
			struct timespec ts = { 0, 2000000 };
			nanosleep(&ts, NULL);
		}
	}
	return ((long)i * 3);
}

static void
t_emit(size_t i, long result, struct buf *out, void *arg)
{
	struct trace	*t = arg;
	char		 want[32];

	snprintf(want, sizeof want, "item %zu\n", i);
	pthread_mutex_lock(&t->lock);
	if (i != t->next_emit || result != (long)i * 3 ||
	    strcmp(out->data, want) != 0)
		t->errors++;
	t->next_emit = i + 1;
	t->in_flight--;
	pthread_mutex_unlock(&t->lock);
	/* As the writer does when its reader has gone. */
	if (i == t->stop_emit)
		atomic_store(&t->stop, 1);
}

static int
t_stop(void *arg)
{
	struct trace	*t = arg;

	return (atomic_load(&t->stop));
}

static const struct pool_ops ops = { t_new, t_free, t_run, t_emit, NULL };
static const struct pool_ops stop_ops = {
	t_new, t_free, t_run, t_emit, t_stop
};

static void
trace_init(struct trace *t, int jitter)
{
	memset(t, 0, sizeof *t);
	pthread_mutex_init(&t->lock, NULL);
	t->jitter = jitter;
	t->stop_run = t->stop_emit = SIZE_MAX;
	atomic_init(&t->stop, 0);
}

static void
run_case(size_t n, unsigned threads, size_t window, int jitter)
{
	struct trace	 t;

	trace_init(&t, jitter);
	pool_run(n, threads, window, &ops, &t);
	ck_assert_msg(t.errors == 0, "n=%zu threads=%u window=%zu: %zu "
	    "items out of order or wrong", n, threads, window, t.errors);
	ck_assert_uint_eq(t.next_emit, n);
	ck_assert_uint_eq(t.in_flight, 0);
	/* Never more items held than the window (or the threads, if more). */
	ck_assert_msg(t.max_in_flight <= (window > threads ? window : threads),
	    "%zu items in flight with a window of %zu", t.max_in_flight,
	    window);
	ck_assert_uint_ge(t.workers_made, 1);
	ck_assert_uint_le(t.workers_made, threads > 0 ? threads : 1);
	ck_assert_uint_eq(t.workers_made, t.workers_freed);
	pthread_mutex_destroy(&t.lock);
}

/*
 * A run stopped part way; returns the number of items emitted.  Whatever
 * the threads, what ran is items 0..m-1, each once, what was emitted is
 * 0..e-1 in order and intact, and no more was started than the window
 * allows past what was emitted: the workers did not carry on to n.
 */
static size_t
stop_case(size_t n, unsigned threads, size_t window, size_t at_run,
    size_t at_emit, int before, int jitter, size_t *ran)
{
	struct trace	 t;
	size_t		 i, m, e, room;

	trace_init(&t, jitter);
	t.ran = xcalloc(n, 1);
	t.stop_run = at_run;
	t.stop_emit = at_emit;
	if (before)
		atomic_store(&t.stop, 1);
	pool_run(n, threads, window, &stop_ops, &t);
	for (m = 0; m < n && t.ran[m] == 1; m++)
		;
	for (i = m; i < n; i++)
		ck_assert_msg(t.ran[i] == 0, "threads=%u: item %zu ran %u "
		    "times, item %zu %u times", threads, i, t.ran[i], m,
		    m < n ? t.ran[m] : 0);
	ck_assert_msg(t.errors == 0, "threads=%u window=%zu: %zu items out "
	    "of order or wrong", threads, window, t.errors);
	e = t.next_emit;
	ck_assert_uint_le(e, m);
	room = window > threads ? window : threads;
	ck_assert_msg(m <= e + room, "threads=%u window=%zu: %zu items run, "
	    "%zu emitted", threads, window, m, e);
	ck_assert_uint_eq(t.workers_made, t.workers_freed);
	free(t.ran);
	pthread_mutex_destroy(&t.lock);
	*ran = m;
	return (e);
}

START_TEST(test_stop_one_thread)
{
	size_t	 m;

	/* The item that raised the flag is finished but not emitted. */
	ck_assert_uint_eq(stop_case(1000, 1, 4, 10, SIZE_MAX, 0, 0, &m), 10);
	ck_assert_uint_eq(m, 11);
	ck_assert_uint_eq(stop_case(1000, 1, 4, 0, SIZE_MAX, 0, 0, &m), 0);
	ck_assert_uint_eq(m, 1);
	ck_assert_uint_eq(stop_case(1000, 1, 4, SIZE_MAX, 10, 0, 0, &m), 11);
	ck_assert_uint_eq(m, 11);
}
END_TEST

START_TEST(test_stop_many_threads)
{
	unsigned	 th;
	size_t		 m, e;

	for (th = 2; th <= 8; th++) {
		/* The writer stops: exactly what it had written. */
		ck_assert_uint_eq(stop_case(1000, th, 8, SIZE_MAX, 20, 0, 1,
		    &m), 21);
		ck_assert_uint_eq(stop_case(1000, th, 64, SIZE_MAX, 0, 0, 0,
		    &m), 1);
		/* A worker's flag: item 20 ran, and nothing past it shows. */
		e = stop_case(1000, th, 3, 20, SIZE_MAX, 0, 1, &m);
		ck_assert_uint_le(e, 20);
		ck_assert_uint_gt(m, 20);
		e = stop_case(1000, th, 64, 20, SIZE_MAX, 0, 1, &m);
		ck_assert_uint_le(e, 20);
		ck_assert_uint_gt(m, 20);
		/* Stopped before it started: nothing at all. */
		ck_assert_uint_eq(stop_case(1000, th, 16, SIZE_MAX, SIZE_MAX,
		    1, 0, &m), 0);
		ck_assert_uint_eq(m, 0);
	}
	/* The last item: the same as no stop. */
	ck_assert_uint_eq(stop_case(50, 4, 8, SIZE_MAX, 49, 0, 0, &m), 50);
}
END_TEST

START_TEST(test_order_one_thread)
{
	run_case(1000, 1, 4, 0);
}
END_TEST

START_TEST(test_order_many_threads)
{
	unsigned	 th;

	for (th = 2; th <= 8; th++) {
		run_case(2000, th, 64, 0);
		run_case(300, th, 3, 1);	/* a window smaller than threads */
		run_case(300, th, 16, 1);
	}
}
END_TEST

START_TEST(test_edges)
{
	run_case(0, 4, 8, 0);
	run_case(1, 4, 8, 0);
	run_case(2, 16, 1, 1);
	run_case(50, 100, 8, 0);	/* more than POOL_MAX_THREADS asked */
}
END_TEST

START_TEST(test_threads_guess)
{
	ck_assert_uint_eq(pool_threads(0), 1);
	ck_assert_uint_eq(pool_threads(1), 1);
	ck_assert_uint_ge(pool_threads(1000), 1);
	ck_assert_uint_le(pool_threads(1000), POOL_MAX_THREADS);
}
END_TEST

/*
 * Streaming: every item whose number is a multiple of 7 waits for its
 * turn, then emits its output in five pieces as it makes them; the
 * whole output must still be the items in order, piece by piece.
 */
struct stream {
	pthread_mutex_t	 lock;
	struct buf	 got;	/* what emit() was handed, in order */
	size_t		 emits;
};

static long
s_run(void *state, size_t i, struct buf *out, void *arg)
{
	size_t	 k;

	(void)state;
	(void)arg;
	if (i % 7 != 0) {
		buf_printf(out, "%zu;", i);
		return (1);
	}
	if (pool_turn(out) != 0)
		return (-1);
	for (k = 0; k < 4; k++) {
		buf_printf(out, "%zu.%zu;", i, k);
		if (pool_flush(out, 1) != 0)
			return (-1);
		/* Flushed: the slot is empty again for the next piece. */
		if (out->len != 0)
			return (-1);
	}
	buf_printf(out, "%zu;", i);
	return (1);
}

static void
s_emit(size_t i, long result, struct buf *out, void *arg)
{
	struct stream	*st = arg;

	(void)i;
	ck_assert_int_eq(result, 1);
	pthread_mutex_lock(&st->lock);
	buf_add(&st->got, out->data != NULL ? out->data : "", out->len);
	st->emits++;
	pthread_mutex_unlock(&st->lock);
}

START_TEST(test_stream_in_turn)
{
	static const struct pool_ops sops = { NULL, NULL, s_run, s_emit, NULL };
	struct stream	 st;
	struct buf	 want;
	unsigned	 threads;
	size_t		 i, k, n = 200;

	buf_init(&want);
	for (i = 0; i < n; i++) {
		if (i % 7 == 0)
			for (k = 0; k < 4; k++)
				buf_printf(&want, "%zu.%zu;", i, k);
		buf_printf(&want, "%zu;", i);
	}
	for (threads = 1; threads <= 8; threads++) {
		pthread_mutex_init(&st.lock, NULL);
		buf_init(&st.got);
		buf_adds(&st.got, "");
		st.emits = 0;
		pool_run(n, threads, 4, &sops, &st);
		ck_assert_str_eq(st.got.data, want.data);
		ck_assert_uint_eq(st.emits, n + 4 * ((n + 6) / 7));
		buf_free(&st.got);
		pthread_mutex_destroy(&st.lock);
	}
	buf_free(&want);
}
END_TEST

static Suite *
pool_suite(void)
{
	Suite	*s = suite_create("pool");
	TCase	*tc = tcase_create("ordered");

	tcase_add_test(tc, test_order_one_thread);
	tcase_add_test(tc, test_order_many_threads);
	tcase_add_test(tc, test_edges);
	tcase_add_test(tc, test_threads_guess);
	suite_add_tcase(s, tc);
	tc = tcase_create("stop");
	tcase_add_test(tc, test_stop_one_thread);
	tcase_add_test(tc, test_stop_many_threads);
	suite_add_tcase(s, tc);
	tc = tcase_create("stream");
	tcase_add_test(tc, test_stream_in_turn);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(pool_suite()));
}
