/*
 * The failures of many records summed up, for --summary: grouped by
 * reason, then by recipient domain (with the provider), each group with
 * its counts, bounced and deferred, first and last time and one example.
 *
 * Memory is bounded whatever the input: at most max_groups groups of a
 * named domain (each holding at most about 1.5 KiB), then one "other
 * domains" group per reason takes the rest, and the cut is said
 * (summary.cut_records).  Feeding is linear in the records.
 *
 * A caller gives each record of a parsed document to summary_want():
 * records that are no failure or that the filter leaves out are only
 * counted (a caller may ask before it diagnoses, to spare the work);
 * then the verdict on each one kept to summary_add().  One thread at a
 * time.
 */
#ifndef SD_SUMMARY_H
#define SD_SUMMARY_H

#include <stddef.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "diagnose/diagnose.h"

#define SUMMARY_MAX_GROUPS	10000
/* Bytes kept of a group's example reply and of a domain. */
#define SUMMARY_MAX_EXAMPLE	1024
#define SUMMARY_MAX_DOMAIN	255

struct summary_filter {
	int		 has_since;
	long long	 since;		/* epoch seconds, inclusive */
	int		 has_until;
	long long	 until;		/* inclusive */
	/*
	 * A domain and its subdomains ("example.com" takes mx.example.com
	 * too, not badexample.com), any case; NULL for all.
	 */
	const char	*domain;
};

struct summary_group {
	const char	*reason;	/* the rules' name */
	const char	*reason_title;	/* untranslated (C_() it), or NULL */
	const char	*domain;	/* lower case; NULL: other domains */
	const char	*provider;	/* the first one named, or NULL */
	size_t		 count;
	size_t		 bounced;
	size_t		 deferred;
	long long	 first;		/* epoch seconds, -1 when none known */
	long long	 last;
	/* The example: the group's first record. */
	const char	*ex_recipient;
	const char	*ex_diagnostic;	/* SUMMARY_MAX_EXAMPLE bytes, or NULL */
	char		 ex_status[16];	/* or "" */
	int		 ex_reply_code;	/* or 0 */
	const char	*ex_source;	/* the caller's string, by pointer */
	size_t		 ex_line;	/* its log line, or 0 */
	size_t		 ex_message;	/* its message, 1-based, if no line */
	unsigned	 hash;
};

struct summary {
	struct summary_filter	 filter;
	size_t			 max_groups;
	struct summary_group	*groups;
	size_t			 ngroups;	/* all, other buckets too */
	size_t			 nnamed;	/* those of a named domain */
	size_t			 cap;
	size_t			*table;		/* open addressing: index + 1 */
	size_t			 tcap;
	struct arena		 arena;
	/* Totals of what was summed. */
	size_t			 failures;
	size_t			 bounced;
	size_t			 deferred;
	long long		 first;		/* -1 when no time known */
	long long		 last;
	size_t			 no_time;	/* failures with no time */
	/* What was left out, so that it is said. */
	size_t			 not_failures;	/* deliveries, auto-replies */
	size_t			 outside_time;	/* out of since..until */
	size_t			 untimed_out;	/* no time, and a time filter */
	size_t			 outside_domain;
	size_t			 cut_records;	/* in "other domains" */
	size_t			 inputs_cut;	/* inputs a bounce limit cut */
	unsigned		 cut;		/* their BOUNCE_CUT_* bits */
	/* The index in groups of the one summary_add() last added to. */
	size_t			 last_group;
};

/* filter may be NULL for none; max_groups 0 for SUMMARY_MAX_GROUPS. */
void	summary_init(struct summary *, const struct summary_filter *,
	    size_t max_groups);
void	summary_free(struct summary *);

/* A record's time: its log line's, else its message's Date:, else -1. */
long long summary_record_time(const struct bounce_doc *, size_t i);
/*
 * Whether record i of doc is a failure the filter keeps: then 1, with
 * *when its time; else 0, and it is counted as left out.
 */
int	summary_want(struct summary *, const struct bounce_doc *, size_t i,
	    long long *when);
/*
 * Sum up the verdict on a record that summary_want() kept.  source
 * (the input's name) is kept by pointer: it must live as long as the
 * summary.  message is the record's message of that input, 1-based.
 */
void	summary_add(struct summary *, const struct verdict *,
	    const struct bounce_doc *, long long when, const char *source,
	    size_t message);
/* A document a limit cut (bounce_doc.truncated): counted and said. */
void	summary_note_cut(struct summary *, const struct bounce_doc *);

/*
 * The groups in the order they are shown: reasons by their total,
 * most first, then their domains by count, the other domains last.
 * Returns a malloc'd array of ngroups pointers (free it), or NULL
 * when there is no group.
 */
const struct summary_group **summary_sorted(const struct summary *);

/*
 * The summary as a table for a person, every line at most width
 * columns (at least 20), every outside string escaped for a terminal;
 * times in local time.
 */
void	summary_text(const struct summary *, struct buf *out, size_t width);
/*
 * The summary as JSON Lines: one {"type":"group"...} object per group,
 * in the order above, then one {"type":"totals"...} with the filters
 * in force.
 */
void	summary_json(const struct summary *, struct buf *out);

#endif
