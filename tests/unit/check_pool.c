/* Unit tests of the ordered thread pool. */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "pool.h"
#include "testutil.h"

/* What the callbacks saw, checked after the run. */
struct trace {
	pthread_mutex_t	 lock;
	size_t		 next_emit;	/* the item emit() expects next */
	size_t		 errors;
	size_t		 in_flight, max_in_flight;	/* claimed, not emitted */
	size_t		 workers_made, workers_freed;
	int		 jitter;	/* sleep a little, out of order */
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
}

static const struct pool_ops ops = { t_new, t_free, t_run, t_emit };

static void
run_case(size_t n, unsigned threads, size_t window, int jitter)
{
	struct trace	 t;

	memset(&t, 0, sizeof t);
	pthread_mutex_init(&t.lock, NULL);
	t.jitter = jitter;
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
	return (s);
}

int
main(void)
{
	return (run_suite(pool_suite()));
}
