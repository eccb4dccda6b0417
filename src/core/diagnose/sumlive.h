/*
 * A mail log summed up off the input path, for the browser's summary
 * view: one thread reads the files (msgstream.h: blocks of a big log,
 * gzip inflated), diagnoses every failure and sums it up (summary.h),
 * the same sums as --summary; the view takes a snapshot of them when it
 * draws, so that it never waits for the reader.
 *
 * Each group keeps the first SUMLIVE_GROUP_LINES log lines of its
 * records, each cut at SUMLIVE_LINE_MAX bytes, and all of them at most
 * SUMLIVE_LINES_BYTES: past those the lines are only counted, so that
 * what is left out is said.  The group's example is its first line.
 *
 * Following (tail -F): once the last file is read, the thread looks at
 * it every SUMLIVE_POLL_MS; lines added to it are summed up as they
 * come, whole lines only, and a file replaced (rotated) or cut short
 * (truncated) is read again from its start.  A gzip file or anything
 * but a regular file is not followed.
 *
 * The rules and the catalogue are only read, by the thread and by
 * sumlive_diagnose() on the caller's, each with its own match state.
 */
#ifndef SD_SUMLIVE_H
#define SD_SUMLIVE_H

#include <stddef.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "diagnose/analysis.h"
#include "diagnose/rules.h"
#include "diagnose/summary.h"

#define SUMLIVE_GROUP_LINES	50
#define SUMLIVE_LINE_MAX	1024
#define SUMLIVE_LINES_BYTES	(16u << 20)
#define SUMLIVE_POLL_MS		500

struct sumlive;

/* Where the reading is. */
struct sumlive_state {
	long long	 got;		/* bytes read (inflated: of the file) */
	long long	 size;		/* of the file being read, or -1 */
	const char	*path;		/* the file being read */
	int		 loading;	/* the files are not all read yet */
	int		 following;
	int		 error;		/* errno of a failed read, or 0 */
	int		 gz_error;	/* a gzip file ended early */
	int		 reopened;	/* times a followed file was replaced */
	unsigned long	 gen;		/* changes with every block summed */
};

/*
 * The groups as summary_sorted() orders them, copied: their strings
 * live as long as the sumlive.  id[i] names group i for the calls
 * below.
 */
struct sumlive_snap {
	struct summary_group	*g;
	size_t			*id;
	size_t			 n;
	size_t			 failures, bounced, deferred;
	size_t			 not_failures, cut_records, inputs_cut;
	unsigned long		 gen;
};

/*
 * Whether path is a mail log as --summary and --diagnose tell one
 * (msgstream_is_log()): 1, 0, or -1 with errno set.
 */
int	 sumlive_is_log(const char *path);

/* rules and catalogue (may be NULL) must outlive it. */
struct sumlive	*sumlive_new(const struct rules *, const struct catalog *);
/*
 * Sum up the files in order, in a thread; the paths are copied.
 * 0, or -1 with errno set when the first cannot be opened or no thread
 * can start.  One start per sumlive.
 */
int	 sumlive_start(struct sumlive *, const char *const *paths, size_t n);
/* Stops the thread (at once, even part way through a block); frees. */
void	 sumlive_free(struct sumlive *);

void	 sumlive_state(struct sumlive *, struct sumlive_state *);
/*
 * Follow the last file, or stop: 0, or -1 with errno set when it
 * cannot be followed (EINVAL: gzip or not a regular file).
 */
int	 sumlive_follow(struct sumlive *, int on);

/* The snapshot made again when the sums changed since: 1 if it was. */
int	 sumlive_snap(struct sumlive *, struct sumlive_snap *);
void	 sumlive_snap_init(struct sumlive_snap *);
void	 sumlive_snap_free(struct sumlive_snap *);

/*
 * The log lines kept of group id appended to out, each ending in a
 * newline (raw: escape them to show them); returns the lines kept, and
 * *more those counted but not kept.
 */
size_t	 sumlive_lines(struct sumlive *, size_t id, struct buf *out,
	    size_t *more);
/*
 * The example of group id (its first line) analysed into a, with the
 * spans: the number of verdicts, or -1 when the group has no line.
 */
long	 sumlive_diagnose(struct sumlive *, size_t id, struct analysis *a);

/*
 * The rows of a foldable list: a header per reason, then its groups
 * unless the reason is folded.  With a query, only the groups that
 * contain it (any case) in their reason, title (also as title_fn
 * gives it, if not NULL), domain or provider, and their headers, are
 * rows, folded or not.  Counts of a header are those of its groups
 * shown.
 */
struct sumlive_row {
	int		 header;
	size_t		 first;		/* a header: its first group in snap */
	size_t		 group;		/* a group: its index in snap */
	size_t		 count, bounced, deferred;
	long long	 tfirst, tlast;
	size_t		 ngroups;	/* a header: its groups shown */
};

int	 sumlive_folded(const char *const *folded, size_t n,
	    const char *reason);
/* Returns the rows in *rows (malloc'd, free it), their count. */
size_t	 sumlive_rows(const struct sumlive_snap *, const char *const *folded,
	    size_t nfolded, const char *query,
	    const char *(*title_fn)(const char *), struct sumlive_row **rows);

#endif
