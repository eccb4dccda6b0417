/* Timing helpers for the benchmarks. */
#ifndef SD_BENCHUTIL_H
#define SD_BENCHUTIL_H

#include <stdlib.h>
#include <time.h>

#include "base/buf.h"

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

/*
 * The vocabulary of the generated catalogues: mail words, so that the
 * queries the benchmarks time match much of it (a worst case).
 */
static const char *words[] = {
	"mailbox", "relay", "denied", "spf", "dkim", "dmarc", "quota",
	"server", "message", "recipient", "sender", "domain", "policy",
	"blocked", "rate", "limit", "temporary", "permanent", "address",
	"unknown", "user", "network", "timeout", "connection", "tls",
	"certificate", "storage", "size", "content", "spam", "reputation",
	"listed", "authentication", "failed", "retry", "later", "queue",
	"expired", "routing", "dns", "record", "lookup", "greylisted",
	"throttled", "accepted", "rejected", "header", "syntax", "command",
	"protocol", "encryption", "required", "volume", "complaints"
};
#define NWORDS	(sizeof words / sizeof words[0])

/* Append n pseudo-random words and a full stop, reproducibly. */
static void
sentence(struct buf *b, unsigned *seed, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		buf_printf(b, "%s%s", i ? " " : "",
		    words[(*seed >> 8) % NWORDS]);
	}
	buf_adds(b, ".\n");
}

#endif
