/*
 * The DNS checks of one verdict off the input path: a thread runs
 * dnscheck_run() while the browser keeps reading keys.  The job owns a
 * copy of everything it reads (the plan's strings, the resolver's
 * address, the data dir), so the verdict it came from may be freed
 * while it runs.  One job at a time; each opens its own resolver, so a
 * machine without network waits one timeout per job, not per check.
 */
#ifndef SD_CHECK_JOB_H
#define SD_CHECK_JOB_H

#include "check/dnscheck.h"

struct cjob;

/*
 * server: as dns_resolver_open() takes it, or NULL for the system's;
 * datadir: where checks/dnsbl.txt is.  Both copied.
 */
struct cjob	*cjob_new(const char *server, int timeout_ms,
		    const char *datadir);
/* Waits for a job under way (one timeout at most), frees everything. */
void		 cjob_free(struct cjob *);
/*
 * Run the checks of plan (copied) in a new thread; tag comes back with
 * the findings.  0, or -1 when a job is under way or no thread starts.
 */
int		 cjob_start(struct cjob *, const struct dnscheck_plan *,
		    unsigned long tag);
/* A job is under way, or its findings are not taken yet. */
int		 cjob_busy(struct cjob *);
/* Give up on the job under way: cjob_take() will throw it away. */
void		 cjob_cancel(struct cjob *);
/*
 * The findings of a finished job, taken (dnscheck_list_free and free
 * them), with its tag; NULL while it runs, when none was started, or
 * when it was cancelled.  *error is set to a message (static, not
 * translated yet: pass it to _()) when the resolver could not start,
 * else NULL.
 */
struct dnscheck_list *cjob_take(struct cjob *, unsigned long *tag,
		    const char **error);

#endif
