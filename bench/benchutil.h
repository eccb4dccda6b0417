/* Timing helpers for the benchmarks. */
#ifndef SD_BENCHUTIL_H
#define SD_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* Median of n samples (sorts them). */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, dbl_cmp);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

#endif
