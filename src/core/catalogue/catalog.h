/* The code catalogue: entries, loading, lookup and grouping. */
#ifndef SD_CATALOG_H
#define SD_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/datadir.h"

enum entry_kind {
	KIND_REPLY,		/* basic reply code of an RFC */
	KIND_ENHANCED,		/* enhanced status code of the registry */
	KIND_SUBJECT,		/* class or subject row of the registry */
	KIND_NONSTANDARD,	/* folklore or one vendor's code */
	KIND_CLIENT,		/* an error of the sending side */
	KIND__COUNT
};

enum retry_advice {
	RETRY_NONE,		/* nothing to retry */
	RETRY_NEVER,
	RETRY_AFTER_FIX,
	RETRY_AUTO,
	RETRY__COUNT
};

enum frequency { FREQ_RARE, FREQ_OCCASIONAL, FREQ_COMMON, FREQ_FREQUENT,
	FREQ__COUNT };
enum importance { IMP_LOW, IMP_MEDIUM, IMP_HIGH, IMP__COUNT };

/* Where the browser lists an entry, in display order. */
enum entry_group {
	GROUP_2XX, GROUP_3XX, GROUP_4XX, GROUP_5XX,
	GROUP_NONSTANDARD, GROUP_CLIENT, GROUP_STRUCTURE,
	GROUP__COUNT
};

struct labelled {
	const char	*label;	/* provider name, or NULL */
	const char	*text;
};

struct strlist {
	const char	**v;
	size_t		  n;
};

struct entry {
	const char		*code;	   /* "550", "5.7.26", "X.7.YYY" */
	const char		*family;   /* "X.7.26" when expanded, or NULL */
	enum entry_kind		 kind;
	int			 klass;	   /* 2..5, or 0 when it spans classes */
	int			 category; /* index into categories[] */
	enum entry_group	 group;
	const char		*title;
	const char		*meaning;
	struct strlist		 causes;
	struct strlist		 fixes;
	enum retry_advice	 retry;
	const char		*retry_note;
	enum frequency		 frequency;
	enum importance		 importance;
	const char		*source;
	struct strlist		 related;
	const struct labelled	*examples;
	size_t			 nexamples;
	const struct labelled	*providers;
	size_t			 nproviders;
	const char		*note;
	const char		*guide_type;
	/*
	 * "4.7.500-4.7.699" when a provider documents a range of detail
	 * numbers as one: a lookup of any code in it that has no entry of
	 * its own finds this one.  NULL for most.
	 */
	const char		*range;
	unsigned		 range_lo, range_hi;	/* its detail numbers */
	const char		*file;	   /* where it was defined */
	unsigned		 line;
};

struct search_index;

struct catalog {
	struct entry		*entries;  /* in browsing order */
	size_t			 n;
	size_t			 cap;
	struct arena		 arena;
	uint32_t		*code_hash; /* open addressing, entry + 1 */
	size_t			 code_hash_size;
	struct search_index	*index;	   /* built on the first search */
	uint32_t		*ranges;   /* the entries with a range */
	size_t			 nranges;
};


void	catalog_init(struct catalog *);
/*
 * Load a catalogue from path: a directory (its catalogue/ *.txt files in
 * name order) or one file.  Finishes the catalogue.  0, or -1 with err
 * set.
 */
int	catalog_load_path(struct catalog *, const char *path,
	    struct load_error *err);
void	catalog_free(struct catalog *);
/*
 * Parse one catalogue file held in memory; name is used in errors and
 * kept in the entries.  Returns 0, or -1 with err filled in.  Call
 * catalog_finish() once every file is parsed.
 */
int	catalog_parse(struct catalog *, const char *name, const char *text,
	    size_t len, struct load_error *err);
int	catalog_load_file(struct catalog *, const char *path,
	    const char *display_name, struct load_error *err);
/* Sort, index, and check the related codes. */
int	catalog_finish(struct catalog *, struct load_error *err);

/*
 * Exact lookup of a code, case-insensitive: "550", "5.7.26", "x.7.26"
 * (every class), "X.7.YYY"; a status code with no entry of its own finds
 * the entry whose range holds it (4.7.555: 4.7.500's 4.7.500-4.7.699).
 * Fills out (up to cap) and returns the count.
 */
size_t	catalog_lookup(const struct catalog *, const char *code,
	    const struct entry **out, size_t cap);
/*
 * For an enhanced code missing from the catalogue (5.7.99), the entries
 * that still explain it: its subject row and its class row.
 */
size_t	catalog_fallback(const struct catalog *, const char *code,
	    const struct entry **out, size_t cap);

/* Syntax checks on code strings. */
int	code_is_reply(const char *);
int	code_is_enhanced(const char *);		/* 5.7.26 */
int	code_is_family(const char *);		/* X.7.26 */
int	code_is_subject(const char *);		/* X.7.YYY, 5.XXX.YYY */
int	code_is_any(const char *);

const char	*kind_name(enum entry_kind);
const char	*retry_name(enum retry_advice);
const char	*retry_text(enum retry_advice);
const char	*frequency_name(enum frequency);
const char	*importance_name(enum importance);
const char	*group_title(enum entry_group);
int		 kind_from_name(const char *);
int		 retry_from_name(const char *);
int		 frequency_from_name(const char *);
int		 importance_from_name(const char *);

#endif
