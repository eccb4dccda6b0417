/* The paste analysis in a worker thread, one job at a time. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/datadir.h"
#include "base/pool.h"
#include "paste/paste_job.h"
#include "diagnose/rules.h"

struct pjob {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 thread;
	int			 started;
	int			 quit;

	/* Every submission or cancel makes a new generation. */
	unsigned long		 gen;
	char			*text;		/* the request, or NULL */
	size_t			 len;
	unsigned long		 version;
	int			 running;	/* a job of gen run_gen */
	unsigned long		 run_gen;
	struct presult		*res;		/* ready, of generation res_gen */
	unsigned long		 res_gen;

	/* The worker's own: only its thread touches them. */
	const struct catalog	*cat;
	char			*datadir;
	struct rules		 rules;
	int			 rules_state;	/* 0 unread, 1 loaded, -1 not */
	char			 rules_error[LOAD_ERROR_TEXT_MAX];
};

struct ticket {
	struct pjob	*j;
	unsigned long	 gen;
};

/* Polled by presult_build between its steps. */
static int
stale(void *arg)
{
	struct ticket	*t = arg;
	int		 gone;

	pthread_mutex_lock(&t->j->mu);
	gone = t->j->quit || t->j->gen != t->gen;
	pthread_mutex_unlock(&t->j->mu);
	return (gone);
}

static void
load_rules(struct pjob *j)
{
	struct load_error	 err;

	rules_init(&j->rules);
	if (rules_load_dir(&j->rules, j->datadir, &err) == 0) {
		j->rules_state = 1;
		return;
	}
	load_error_format(&err, NULL, j->rules_error, sizeof j->rules_error);
	rules_free(&j->rules);
	j->rules_state = -1;
}

static void *
worker(void *arg)
{
	struct pjob	*j = arg;
	struct ticket	 t = { j, 0 };
	struct presult	*res;
	char		*text;
	size_t		 len;
	unsigned long	 version;

	pthread_mutex_lock(&j->mu);
	for (;;) {
		while (!j->quit && j->text == NULL)
			pthread_cond_wait(&j->cv, &j->mu);
		if (j->quit)
			break;
		text = j->text;
		len = j->len;
		version = j->version;
		j->text = NULL;
		t.gen = j->run_gen = j->gen;
		j->running = 1;
		pthread_mutex_unlock(&j->mu);

		/* Not loaded, or broken last time: the file may be fixed. */
		if (j->rules_state <= 0)
			load_rules(j);
		res = presult_build(j->rules_state > 0 ? &j->rules : NULL,
		    j->rules_state < 0 ? j->rules_error : NULL, j->cat, text,
		    len, stale, &t);
		free(text);

		pthread_mutex_lock(&j->mu);
		j->running = 0;
		if (res != NULL && t.gen == j->gen) {
			res->version = version;
			presult_free(j->res);
			j->res = res;
			j->res_gen = t.gen;
		} else
			presult_free(res);
	}
	pthread_mutex_unlock(&j->mu);
	return (NULL);
}

struct pjob *
pjob_new(const struct catalog *c, const char *datadir)
{
	struct pjob	*j = xcalloc(1, sizeof *j);

	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	j->cat = c;
	j->datadir = xstrdup(datadir != NULL ? datadir : ".");
	return (j);
}

static int
start(struct pjob *j)
{
	if (thread_start_quiet(&j->thread, worker, j) != 0)
		return (-1);
	j->started = 1;
	return (0);
}

int
pjob_submit(struct pjob *j, char *text, size_t len, unsigned long version)
{
	if (!j->started && start(j) != 0)
		return (-1);
	pthread_mutex_lock(&j->mu);
	j->gen++;
	free(j->text);
	j->text = text;
	j->len = len;
	j->version = version;
	presult_free(j->res);
	j->res = NULL;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return (0);
}

void
pjob_cancel(struct pjob *j)
{
	pthread_mutex_lock(&j->mu);
	j->gen++;
	free(j->text);
	j->text = NULL;
	presult_free(j->res);
	j->res = NULL;
	pthread_mutex_unlock(&j->mu);
}

struct presult *
pjob_take(struct pjob *j)
{
	struct presult	*r = NULL;

	pthread_mutex_lock(&j->mu);
	if (j->res != NULL && j->res_gen == j->gen) {
		r = j->res;
		j->res = NULL;
	}
	pthread_mutex_unlock(&j->mu);
	return (r);
}

int
pjob_busy(struct pjob *j)
{
	int	 busy;

	pthread_mutex_lock(&j->mu);
	busy = j->text != NULL || (j->running && j->run_gen == j->gen) ||
	    (j->res != NULL && j->res_gen == j->gen);
	pthread_mutex_unlock(&j->mu);
	return (busy);
}

void
pjob_free(struct pjob *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->mu);
	j->quit = 1;
	j->gen++;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	if (j->started)
		pthread_join(j->thread, NULL);
	free(j->text);
	presult_free(j->res);
	if (j->rules_state > 0)
		rules_free(&j->rules);
	free(j->datadir);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	free(j);
}
