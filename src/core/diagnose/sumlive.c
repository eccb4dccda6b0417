/* A mail log summed up in a thread, snapshots for the browser, tail -F. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/pool.h"
#include "diagnose/sumlive.h"
#include "parse/maillog.h"
#include "parse/msgstream.h"

/* Bytes read of a followed file in one look, at most. */
#define FOLLOW_READ_MAX	(16u << 20)
#define FOLLOW_CHUNK	(64u << 10)

/* The lines kept of one group. */
struct glines {
	const char	**line;		/* SUMLIVE_GROUP_LINES, or NULL */
	size_t		 *len;
	size_t		  n;
	size_t		  more;		/* counted, not kept */
};

struct sumlive {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_t		 thread;
	int			 started;
	atomic_int		 quit;

	const struct rules	*rules;
	const struct catalog	*cat;
	char			**paths;
	size_t			 npaths;

	/* Under mu: the sums, the lines, the state. */
	struct summary		 s;
	struct glines		*gl;
	size_t			 glcap;
	size_t			 lines_bytes;
	struct arena		 larena;
	struct sumlive_state	 pub;
	int			 follow;	/* asked for */
	int			 followable;	/* the last file can be */

	/* The thread's own. */
	struct bounce_limits	 lim;
	struct analysis		 a;
	struct analyser		 an;
	struct rule_state	 st;
	struct msgstream	 ms;
	int			 fd;
	dev_t			 dev;
	ino_t			 ino;
	off_t			 off;
	struct buf		 pending;	/* a line not ended yet */

	/* The caller's, for sumlive_diagnose(). */
	struct rule_state	 ui_state;
};

static int
stopping(void *arg)
{
	struct sumlive	*l = arg;

	return (atomic_load(&l->quit));
}

int
sumlive_is_log(const char *path)
{
	struct msgstream	 ms;
	struct stat		 st;
	int			 fd, rc, saved;

	if ((fd = open(path, O_RDONLY)) == -1)
		return (-1);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		saved = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		close(fd);
		errno = saved;
		return (-1);
	}
	msgstream_init(&ms, 64u << 10);
	msgstream_start(&ms, fd, (long long)st.st_size);
	rc = msgstream_is_log(&ms);
	saved = errno;
	msgstream_free(&ms);
	close(fd);
	errno = saved;
	return (rc);
}

struct sumlive *
sumlive_new(const struct rules *rs, const struct catalog *c)
{
	struct sumlive	*l = xcalloc(1, sizeof *l);

	pthread_mutex_init(&l->mu, NULL);
	pthread_cond_init(&l->cv, NULL);
	atomic_init(&l->quit, 0);
	l->rules = rs;
	l->cat = c;
	summary_init(&l->s, NULL, 0);
	arena_init(&l->larena);
	bounce_limits_default(&l->lim);
	analysis_init(&l->a);
	rule_state_init(&l->st);
	rule_state_init(&l->ui_state);
	msgstream_init(&l->ms, l->lim.max_input);
	buf_init(&l->pending);
	l->fd = -1;
	l->pub.size = -1;
	l->an.rules = rs;
	l->an.state = &l->st;
	l->an.catalog = c;
	l->an.limits = &l->lim;
	l->an.flags = BOUNCE_BRIEF | BOUNCE_LOG_RESUME;
	l->an.cancel = stopping;
	l->an.arg = l;
	return (l);
}

/* Room for the lines of every group the summary has. */
static void
lines_room(struct sumlive *l)
{
	size_t	 old = l->glcap;

	if (l->s.ngroups <= l->glcap)
		return;
	l->gl = xgrow(l->gl, &l->glcap, l->s.ngroups, sizeof *l->gl);
	memset(l->gl + old, 0, (l->glcap - old) * sizeof *l->gl);
}

/* The line of record i kept in its group, or counted. */
static void
line_keep(struct sumlive *l, size_t id, const struct bounce_doc *d,
    size_t i)
{
	const struct bounce_rcpt	*r = &d->rcpts[i];
	struct glines			*g;
	const char			*p;
	size_t				 len;

	lines_room(l);
	g = &l->gl[id];
	if (r->msg >= d->nmsgs || g->n == SUMLIVE_GROUP_LINES ||
	    l->lines_bytes >= SUMLIVE_LINES_BYTES) {
		g->more++;
		return;
	}
	p = d->text.data + d->msgs[r->msg].off;
	len = d->msgs[r->msg].len;
	if (len > SUMLIVE_LINE_MAX) {
		len = SUMLIVE_LINE_MAX;
		while (len > 0 && ((unsigned char)p[len] & 0xc0) == 0x80)
			len--;
	}
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	if (g->line == NULL) {
		g->line = xcalloc(SUMLIVE_GROUP_LINES, sizeof *g->line);
		g->len = xcalloc(SUMLIVE_GROUP_LINES, sizeof *g->len);
	}
	g->line[g->n] = arena_strndup(&l->larena, p, len);
	g->len[g->n++] = len;
	l->lines_bytes += len + 1;
}

/* The verdicts of the block analysed, into the sums. */
static void
sum_block(struct sumlive *l, const char *source)
{
	struct analysis	*a = &l->a;
	long long	 when;
	size_t		 i;

	pthread_mutex_lock(&l->mu);
	summary_note_cut(&l->s, &a->doc);
	for (i = 0; i < a->nv; i++) {
		if (!summary_want(&l->s, &a->doc, i, &when))
			continue;
		summary_add(&l->s, &a->v[i], &a->doc, when, source, 0);
		line_keep(l, l->s.last_group, &a->doc, i);
	}
	if (l->pub.loading)
		l->pub.got = l->ms.got;
	l->pub.gen++;
	pthread_mutex_unlock(&l->mu);
}

/* Analyse len bytes of the log; 0, or -1 when asked to stop. */
static int
analyse(struct sumlive *l, const char *p, size_t len, int more)
{
	struct analyser	 an = l->an;

	if (more)
		an.flags |= BOUNCE_LOG_MORE;
	return (analysis_run(&l->a, &an, p, len) < 0 ? -1 : 0);
}

static void
set_reading(struct sumlive *l, const char *path, long long size)
{
	pthread_mutex_lock(&l->mu);
	l->pub.path = path;
	l->pub.size = size;
	l->pub.got = 0;
	pthread_mutex_unlock(&l->mu);
}

/*
 * One file through the stream.  The last is kept open, at its end, to
 * be followed when it can be.
 */
static void
read_file(struct sumlive *l, size_t k)
{
	const char	*path = l->paths[k], *msg;
	struct stat	 st;
	size_t		 len;
	int		 fd, rc, cut, more = 0, err = 0;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) != 0) {
		err = errno;
		if (fd != -1)
			close(fd);
		pthread_mutex_lock(&l->mu);
		l->pub.error = err;
		pthread_mutex_unlock(&l->mu);
		return;
	}
	set_reading(l, path, S_ISREG(st.st_mode) ? (long long)st.st_size : -1);
	msgstream_start(&l->ms, fd, S_ISREG(st.st_mode) ?
	    (long long)st.st_size : -1);
	while (!atomic_load(&l->quit) &&
	    (rc = msgstream_next(&l->ms, &msg, &len, &cut)) == 1) {
		if (analyse(l, msg, len, more) != 0)
			break;
		more = l->ms.log == 1;
		/* A block of mass bounces met the limit: the rest comes next. */
		msgstream_unread(&l->ms, l->a.doc.log_unread);
		if (cut) {
			l->a.doc.truncated = 1;
			l->a.doc.cut |= BOUNCE_CUT_INPUT;
		}
		sum_block(l, path);
	}
	if (rc < 0)
		err = errno != 0 ? errno : EIO;
	pthread_mutex_lock(&l->mu);
	l->pub.got = l->ms.got;
	if (err != 0)
		l->pub.error = err;
	if (l->ms.gz_error)
		l->pub.gz_error = 1;
	/* A gzip is told by its first block: there is nothing to follow. */
	l->followable = k + 1 == l->npaths && !l->ms.gz &&
	    S_ISREG(st.st_mode) && err == 0;
	pthread_mutex_unlock(&l->mu);
	if (k + 1 < l->npaths || !l->followable) {
		close(fd);
		return;
	}
	l->fd = fd;
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	l->off = lseek(fd, 0, SEEK_CUR);
}

/* The whole lines of what is pending analysed; a too long one as well. */
static void
pending_flush(struct sumlive *l)
{
	const char	*nl;
	size_t		 n, done;

	if (l->pending.len == 0)
		return;
	nl = memrchr(l->pending.data, '\n', l->pending.len);
	if (nl != NULL)
		n = (size_t)(nl - l->pending.data) + 1;
	else if (l->pending.len > MAILLOG_MAX_LINE)
		n = l->pending.len;
	else
		return;
	/* A run of mass bounces past the limit of records: in turns. */
	while (n > 0) {
		if (analyse(l, l->pending.data, n, 1) != 0)
			return;
		sum_block(l, l->paths[l->npaths - 1]);
		if ((done = n - l->a.doc.log_unread) == 0)
			break;
		memmove(l->pending.data, l->pending.data + done,
		    l->pending.len - done);
		l->pending.len -= done;
		l->pending.data[l->pending.len] = '\0';
		n -= done;
	}
}

/*
 * What was added to the followed file since the last look, at most
 * FOLLOW_READ_MAX: returns 1 when there may be more.
 */
static int
read_new(struct sumlive *l)
{
	char		 chunk[FOLLOW_CHUNK];
	ssize_t		 n;
	size_t		 total = 0;

	while (total < FOLLOW_READ_MAX && !atomic_load(&l->quit)) {
		n = read(l->fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(&l->pending, chunk, (size_t)n);
		l->off += n;
		total += (size_t)n;
		pending_flush(l);
	}
	pthread_mutex_lock(&l->mu);
	l->pub.got = l->off;
	l->pub.size = l->off;
	pthread_mutex_unlock(&l->mu);
	return (total >= FOLLOW_READ_MAX);
}

/* Read the file again from its start: fd, if not -1, is its new one. */
static void
restart(struct sumlive *l, int fd, const struct stat *st)
{
	if (fd != -1) {
		close(l->fd);
		l->fd = fd;
		l->dev = st->st_dev;
		l->ino = st->st_ino;
	} else
		(void)lseek(l->fd, 0, SEEK_SET);
	l->off = 0;
	buf_reset(&l->pending);
	pthread_mutex_lock(&l->mu);
	l->pub.reopened++;
	pthread_mutex_unlock(&l->mu);
}

/*
 * One look, as tail -F takes it: rotated, truncated, or grown.  Returns
 * 1 when the file grew faster than one look reads: look again at once.
 */
static int
follow_look(struct sumlive *l)
{
	const char	*path = l->paths[l->npaths - 1];
	struct stat	 st, now;
	int		 fd;

	if (stat(path, &st) == 0 && (st.st_dev != l->dev ||
	    st.st_ino != l->ino)) {
		/* The rest of the old file first, then the new one. */
		if (read_new(l))
			return (1);
		pending_flush(l);
		if ((fd = open(path, O_RDONLY)) == -1)
			return (0);
		if (fstat(fd, &now) != 0 || !S_ISREG(now.st_mode)) {
			close(fd);
			return (0);
		}
		restart(l, fd, &now);
	} else if (fstat(l->fd, &now) == 0 && now.st_size < l->off)
		restart(l, -1, NULL);
	return (read_new(l));
}

static void *
worker(void *arg)
{
	struct sumlive	*l = arg;
	struct timespec	 ts;
	size_t		 k;
	int		 more = 0;

	for (k = 0; k < l->npaths && !atomic_load(&l->quit); k++)
		read_file(l, k);
	pthread_mutex_lock(&l->mu);
	l->pub.loading = 0;
	l->pub.gen++;
	while (!atomic_load(&l->quit)) {
		if (!l->follow || l->fd == -1) {
			pthread_cond_wait(&l->cv, &l->mu);
			continue;
		}
		if (!more) {
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += (long)SUMLIVE_POLL_MS * 1000000L;
			ts.tv_sec += ts.tv_nsec / 1000000000L;
			ts.tv_nsec %= 1000000000L;
			pthread_cond_timedwait(&l->cv, &l->mu, &ts);
		}
		if (atomic_load(&l->quit) || !l->follow) {
			more = 0;
			continue;
		}
		pthread_mutex_unlock(&l->mu);
		more = follow_look(l);
		pthread_mutex_lock(&l->mu);
	}
	pthread_mutex_unlock(&l->mu);
	return (NULL);
}

int
sumlive_start(struct sumlive *l, const char *const *paths, size_t n)
{
	size_t	 i;
	int	 fd;

	if (n == 0 || l->paths != NULL) {
		errno = EINVAL;
		return (-1);
	}
	if ((fd = open(paths[0], O_RDONLY)) == -1)
		return (-1);
	close(fd);
	l->paths = xcalloc(n, sizeof *l->paths);
	for (i = 0; i < n; i++)
		l->paths[i] = xstrdup(paths[i]);
	l->npaths = n;
	l->pub.loading = 1;
	l->pub.path = l->paths[0];
	if (thread_start_quiet(&l->thread, worker, l) != 0) {
		l->pub.loading = 0;
		errno = EAGAIN;
		return (-1);
	}
	l->started = 1;
	return (0);
}

void
sumlive_free(struct sumlive *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	pthread_mutex_lock(&l->mu);
	atomic_store(&l->quit, 1);
	pthread_cond_signal(&l->cv);
	pthread_mutex_unlock(&l->mu);
	if (l->started)
		pthread_join(l->thread, NULL);
	if (l->fd != -1)
		close(l->fd);
	for (i = 0; i < l->glcap; i++) {
		free(l->gl[i].line);
		free(l->gl[i].len);
	}
	free(l->gl);
	for (i = 0; i < l->npaths; i++)
		free(l->paths[i]);
	free(l->paths);
	summary_free(&l->s);
	arena_free(&l->larena);
	analysis_free(&l->a);
	rule_state_free(&l->st);
	rule_state_free(&l->ui_state);
	msgstream_free(&l->ms);
	buf_free(&l->pending);
	pthread_cond_destroy(&l->cv);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

void
sumlive_state(struct sumlive *l, struct sumlive_state *st)
{
	pthread_mutex_lock(&l->mu);
	*st = l->pub;
	st->following = l->follow && (l->pub.loading || l->followable);
	pthread_mutex_unlock(&l->mu);
}

int
sumlive_follow(struct sumlive *l, int on)
{
	int	 rc = 0;

	pthread_mutex_lock(&l->mu);
	if (on && !l->pub.loading && !l->followable) {
		errno = EINVAL;
		rc = -1;
	} else {
		l->follow = on;
		pthread_cond_signal(&l->cv);
	}
	pthread_mutex_unlock(&l->mu);
	return (rc);
}

void
sumlive_snap_init(struct sumlive_snap *sn)
{
	memset(sn, 0, sizeof *sn);
	sn->gen = (unsigned long)-1;
}

void
sumlive_snap_free(struct sumlive_snap *sn)
{
	free(sn->g);
	free(sn->id);
	sumlive_snap_init(sn);
}

int
sumlive_snap(struct sumlive *l, struct sumlive_snap *sn)
{
	const struct summary_group	**sorted;
	size_t				  i;

	pthread_mutex_lock(&l->mu);
	if (sn->gen == l->pub.gen) {
		pthread_mutex_unlock(&l->mu);
		return (0);
	}
	free(sn->g);
	free(sn->id);
	sn->g = NULL;
	sn->id = NULL;
	sn->n = l->s.ngroups;
	if ((sorted = summary_sorted(&l->s)) != NULL) {
		sn->g = xcalloc(sn->n, sizeof *sn->g);
		sn->id = xcalloc(sn->n, sizeof *sn->id);
		for (i = 0; i < sn->n; i++) {
			sn->g[i] = *sorted[i];
			sn->id[i] = (size_t)(sorted[i] - l->s.groups);
		}
		free(sorted);
	}
	sn->failures = l->s.failures;
	sn->bounced = l->s.bounced;
	sn->deferred = l->s.deferred;
	sn->not_failures = l->s.not_failures;
	sn->cut_records = l->s.cut_records;
	sn->inputs_cut = l->s.inputs_cut;
	sn->gen = l->pub.gen;
	pthread_mutex_unlock(&l->mu);
	return (1);
}

size_t
sumlive_lines(struct sumlive *l, size_t id, struct buf *out, size_t *more)
{
	struct glines	*g;
	size_t		 i, n = 0;

	*more = 0;
	pthread_mutex_lock(&l->mu);
	if (id < l->glcap) {
		g = &l->gl[id];
		for (i = 0; i < g->n; i++) {
			buf_add(out, g->line[i], g->len[i]);
			buf_addc(out, '\n');
		}
		n = g->n;
		*more = g->more;
	}
	pthread_mutex_unlock(&l->mu);
	return (n);
}

long
sumlive_diagnose(struct sumlive *l, size_t id, struct analysis *a)
{
	struct analyser	 an;
	char		*line = NULL;
	size_t		 len = 0;
	long		 n;

	pthread_mutex_lock(&l->mu);
	if (id < l->glcap && l->gl[id].n != 0) {
		len = l->gl[id].len[0];
		line = xstrndup(l->gl[id].line[0], len);
	}
	pthread_mutex_unlock(&l->mu);
	if (line == NULL)
		return (-1);
	memset(&an, 0, sizeof an);
	an.rules = l->rules;
	an.state = &l->ui_state;
	an.catalog = l->cat;
	an.limits = &l->lim;
	an.flags = BOUNCE_SPANS;
	n = analysis_run(a, &an, line, len);
	free(line);
	return (n);
}

int
sumlive_folded(const char *const *folded, size_t n, const char *reason)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(folded[i], reason) == 0)
			return (1);
	return (0);
}

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Whether s holds q, ASCII letters of any case. */
static int
holds(const char *s, const char *q)
{
	size_t	 i;

	if (s == NULL)
		return (0);
	for (; *s != '\0'; s++) {
		for (i = 0; q[i] != '\0' && s[i] != '\0' &&
		    lower((unsigned char)s[i]) == lower((unsigned char)q[i]);
		    i++)
			;
		if (q[i] == '\0')
			return (1);
	}
	return (0);
}

static int
group_matches(const struct summary_group *g, const char *q,
    const char *(*title_fn)(const char *))
{
	if (q == NULL || *q == '\0')
		return (1);
	return (holds(g->reason, q) || holds(g->reason_title, q) ||
	    (title_fn != NULL && g->reason_title != NULL &&
	    holds(title_fn(g->reason_title), q)) || holds(g->domain, q) ||
	    holds(g->provider, q));
}

static void
span_add(long long *first, long long *last, long long a, long long b)
{
	if (a >= 0 && (*first < 0 || a < *first))
		*first = a;
	if (b >= 0 && (*last < 0 || b > *last))
		*last = b;
}

size_t
sumlive_rows(const struct sumlive_snap *sn, const char *const *folded,
    size_t nfolded, const char *query, const char *(*title_fn)(const char *),
    struct sumlive_row **rows)
{
	struct sumlive_row	*out, *h;
	size_t			 i, j, k, n = 0;
	int			 q = query != NULL && *query != '\0', open;

	*rows = NULL;
	if (sn->n == 0)
		return (0);
	/* At most a header per group and the group. */
	out = xcalloc(2 * sn->n, sizeof *out);
	for (i = 0; i < sn->n; i = j) {
		for (j = i; j < sn->n && strcmp(sn->g[j].reason,
		    sn->g[i].reason) == 0; j++)
			;
		h = &out[n++];
		h->header = 1;
		h->first = i;
		h->tfirst = h->tlast = -1;
		open = q || !sumlive_folded(folded, nfolded, sn->g[i].reason);
		for (k = i; k < j; k++) {
			if (!group_matches(&sn->g[k], query, title_fn))
				continue;
			h->ngroups++;
			h->count += sn->g[k].count;
			h->bounced += sn->g[k].bounced;
			h->deferred += sn->g[k].deferred;
			span_add(&h->tfirst, &h->tlast, sn->g[k].first,
			    sn->g[k].last);
			if (!open)
				continue;
			out[n].group = k;
			out[n].count = sn->g[k].count;
			out[n].bounced = sn->g[k].bounced;
			out[n].deferred = sn->g[k].deferred;
			out[n].tfirst = sn->g[k].first;
			out[n].tlast = sn->g[k].last;
			n++;
		}
		/* A reason none of whose groups matches is no row at all. */
		if (h->ngroups == 0)
			n = (size_t)(h - out);
	}
	if (n == 0) {
		free(out);
		return (0);
	}
	*rows = out;
	return (n);
}
