/*
 * The analysis off the input path: one worker thread parses and
 * diagnoses the paste box's text while the browser keeps reading keys.
 * bounce_parse() keeps no global state, so one document per job is
 * safe; diagnose() is "not reentrant for one rules object", so the
 * rules belong to the worker alone (it loads them on its first job) and
 * jobs run one after the other.  The catalogue is only read.
 */
#ifndef SD_PASTE_JOB_H
#define SD_PASTE_JOB_H

#include <stddef.h>

#include "catalogue/catalog.h"
#include "paste/paste_result.h"

struct pjob;

/* datadir: where rules/ is; copied.  The catalogue must outlive it. */
struct pjob	*pjob_new(const struct catalog *, const char *datadir);
/* Stops the worker (waiting for a job under way) and frees everything. */
void		 pjob_free(struct pjob *);
/*
 * Analyse text (taken: freed by the job) as the box's version; replaces
 * any job not finished.  Returns 0, or -1 when no thread could start
 * (then the caller may use presult_build itself).
 */
int		 pjob_submit(struct pjob *, char *text, size_t len,
		    unsigned long version);
/* Give up on the job under way: its result will be thrown away. */
void		 pjob_cancel(struct pjob *);
/* The result of the last job submitted once it is ready, else NULL. */
struct presult	*pjob_take(struct pjob *);
/* A job is submitted and its result not taken yet. */
int		 pjob_busy(struct pjob *);

#endif
