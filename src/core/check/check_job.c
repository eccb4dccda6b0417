/* The DNS checks of one verdict in a thread of their own. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/datadir.h"
#include "base/pool.h"
#include "check/check_job.h"

struct cjob {
	pthread_mutex_t		 mu;
	pthread_t		 thread;
	int			 joinable;	/* a thread to join */
	int			 done;		/* it has finished */
	int			 cancelled;

	/* The request: the thread reads it, nobody writes it meanwhile. */
	char			*server;
	int			 timeout_ms;
	char			*datadir;
	struct arena		 strings;	/* the plan's */
	struct dnscheck_plan	 plan;
	unsigned long		 tag;

	/* The answer, the thread's until done. */
	struct dnscheck_list	*list;
	const char		*error;
};

struct cjob *
cjob_new(const char *server, int timeout_ms, const char *datadir)
{
	struct cjob	*j = xcalloc(1, sizeof *j);

	pthread_mutex_init(&j->mu, NULL);
	j->server = server != NULL ? xstrdup(server) : NULL;
	j->timeout_ms = timeout_ms;
	j->datadir = xstrdup(datadir);
	arena_init(&j->strings);
	return (j);
}

static void
drop_list(struct cjob *j)
{
	if (j->list != NULL) {
		dnscheck_list_free(j->list);
		free(j->list);
		j->list = NULL;
	}
}

/* Join a finished or running thread. */
static void
join(struct cjob *j)
{
	if (j->joinable) {
		pthread_join(j->thread, NULL);
		j->joinable = 0;
	}
}

void
cjob_free(struct cjob *j)
{
	if (j == NULL)
		return;
	join(j);
	drop_list(j);
	arena_free(&j->strings);
	pthread_mutex_destroy(&j->mu);
	free(j->server);
	free(j->datadir);
	free(j);
}

static void *
worker(void *arg)
{
	struct cjob		*j = arg;
	struct dnscheck_list	*l = xmalloc(sizeof *l);
	struct dns_resolver	*r;
	struct dns_source	 src;
	struct dnsbl_list	 bl;
	struct load_error	 err;
	const char		*why = NULL;
	int			 have_bl;

	dnscheck_list_init(l);
	memset(&bl, 0, sizeof bl);
	have_bl = dnsbl_load(&bl, j->datadir, &err) == 0;
	if ((r = dns_resolver_open(j->server, j->timeout_ms, &why)) != NULL) {
		dns_resolver_source(r, &src);
		dnscheck_run(&j->plan, &src, have_bl ? &bl : NULL, l);
		dns_resolver_close(r);
		why = NULL;
	} else
		why = N_("the DNS resolver cannot start");
	if (have_bl)
		dnsbl_free(&bl);
	pthread_mutex_lock(&j->mu);
	j->list = l;
	j->error = why;
	j->done = 1;
	pthread_mutex_unlock(&j->mu);
	return (NULL);
}

static const char *
copy(struct arena *a, const char *s)
{
	return (s != NULL ? arena_strdup(a, s) : NULL);
}

int
cjob_start(struct cjob *j, const struct dnscheck_plan *plan,
    unsigned long tag)
{
	if (cjob_busy(j))
		return (-1);
	join(j);
	arena_free(&j->strings);
	arena_init(&j->strings);
	j->plan.reason = copy(&j->strings, plan->reason);
	j->plan.rcpt_domain = copy(&j->strings, plan->rcpt_domain);
	j->plan.sender_domain = copy(&j->strings, plan->sender_domain);
	j->plan.ip = copy(&j->strings, plan->ip);
	j->plan.dkim_selector = copy(&j->strings, plan->dkim_selector);
	j->plan.dkim_domain = copy(&j->strings, plan->dkim_domain);
	j->tag = tag;
	j->done = j->cancelled = 0;
	j->error = NULL;
	if (thread_start_quiet(&j->thread, worker, j) != 0)
		return (-1);
	j->joinable = 1;
	return (0);
}

int
cjob_busy(struct cjob *j)
{
	int	 busy;

	if (j == NULL)
		return (0);
	pthread_mutex_lock(&j->mu);
	busy = j->joinable && (!j->done || j->list != NULL);
	pthread_mutex_unlock(&j->mu);
	return (busy);
}

void
cjob_cancel(struct cjob *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->mu);
	j->cancelled = 1;
	pthread_mutex_unlock(&j->mu);
}

struct dnscheck_list *
cjob_take(struct cjob *j, unsigned long *tag, const char **error)
{
	struct dnscheck_list	*l;
	int			 done;

	*error = NULL;
	if (j == NULL || !j->joinable)
		return (NULL);
	pthread_mutex_lock(&j->mu);
	done = j->done;
	pthread_mutex_unlock(&j->mu);
	if (!done)
		return (NULL);
	join(j);
	if (j->cancelled) {
		drop_list(j);
		return (NULL);
	}
	l = j->list;
	j->list = NULL;
	*tag = j->tag;
	*error = j->error;
	return (l);
}
