/* Diagnosis rules: data files that map bounce text to reasons. */
#ifndef SD_RULES_H
#define SD_RULES_H

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#include "base/buf.h"
#include "catalogue/catalog.h"

/* Where a rule's pattern looks. */
enum rule_field {
	RF_DIAGNOSTIC,		/* the server's words about the recipient */
	RF_SUBJECT,		/* the report's Subject */
	RF_FROM,		/* the report's From */
	RF_REMOTE,		/* remote and reporting MTA names */
	RF_HEADERS,		/* the report's header as received */
	RF_DSN,			/* the DSN group's other fields */
	RF_MESSAGE,		/* the report's own text, its first 4 KiB */
	RF__COUNT
};

/*
 * The prefilter: a rule's regex runs only when the text holds the first
 * and last trigram of one of its required literals.  Trigrams of
 * lower-cased bytes hash to RULE_TRIGRAM_BITS bits; the multiplier
 * spreads letters, whose high bits are all alike, over the table.
 */
#define RULE_TRIGRAM_BITS	14
static inline uint16_t
rule_trigram(const unsigned char *p)
{
	uint32_t	 x = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];

	return ((uint16_t)((x * 2654435761u) >> (32 - RULE_TRIGRAM_BITS)));
}

#define RULE_TRIGRAM_BYTES	((1u << RULE_TRIGRAM_BITS) / 8)
#define RULE_TRIGRAM_WORDS	((1u << RULE_TRIGRAM_BITS) / 64)

#define RULE_MAX_CODES	16
#define RULE_MAX_STEPS	8
#define RULE_MAX_SOURCES	4
#define RULE_MAX_LITS	128
#define RULE_LIT_GRAMS	4
#define RULE_LIT_SHORT	6	/* four distinct trigrams from here on */
#define RULE_LIT_TEXT	7	/* bytes of a short literal, to look for */

struct rule_lit {
	unsigned char	 len;
	unsigned char	 text[RULE_LIT_TEXT];
};

struct rule {
	const char	*id;
	const char	*file;
	unsigned	 line;
	enum rule_field	 in;
	const char	*pattern;	/* the text as written, or NULL */
	void		*re;		/* pcre2_code_8 * */
	/*
	 * Its JIT-compiled copy, made once the rule has run RULE_JIT_AFTER
	 * times, by the thread whose run that was, and published with
	 * release order; until then, and under valgrind, the interpreter.
	 * A rule that seldom runs never pays for compiling (start-up of
	 * one diagnosis: 5.3 to about 3.5 ms).  The only fields that
	 * change once the rules are loaded: both atomic.
	 */
	_Atomic(void *)	 jit_re;
	atomic_uint	 runs;
	uint32_t	 minlen;	/* no match in a shorter text */
	/*
	 * Per top-level alternative, RULE_LIT_GRAMS trigrams spread over
	 * its longest required literal, first and last included: the text
	 * must hold all of some alternative's, or nlits == 0 (no
	 * prefilter).  Two were not enough: "ser" and "use" are everywhere.
	 */
	uint16_t	 lits[RULE_MAX_LITS][RULE_LIT_GRAMS];
	size_t		 nlits;
	/*
	 * And the literals themselves, lower case (malloc'd, nlits of
	 * them): a literal shorter than RULE_LIT_SHORT has fewer than four
	 * trigrams, one or two bits that a text sets by chance one time in
	 * a hundred, so its bytes are looked for too before the regex runs.
	 */
	struct rule_lit	*lit;
	const char	*status[RULE_MAX_CODES];  /* patterns: 5.1.1, 5.1.*, *.2.2 */
	size_t		 nstatus;
	const char	*reply[RULE_MAX_CODES];   /* 550, 55*, 4** */
	size_t		 nreply;
	const char	*agent[RULE_MAX_CODES];
	size_t		 nagent;
	const char	*command[RULE_MAX_CODES]; /* RCPT... or none */
	size_t		 ncommand;
	const char	*dtype[RULE_MAX_CODES];	/* x-unix, smtp... */
	size_t		 ndtype;
	unsigned	 kinds;		/* bit per enum msg_kind, 0 = any */
	const char	*action;	/* failed, delayed... or NULL */
	int		 no_status;	/* only when the report gave none */
	const char	*reason;	/* what it decides, or NULL */
	const char	*provider;
	const char	*format;	/* the report format it names */
	int		 permanent;	/* -1 unset, 0, 1 */
	/*
	 * The status class (4 or 5) the words imply when the report gives
	 * no code at all, or 0: a class rule decides nothing else.
	 */
	int		 klass;
	const char	*steps[RULE_MAX_STEPS];
	size_t		 nsteps;
	/* What happened, more precisely than its reason's title, or NULL. */
	const char	*title;
	/*
	 * Where the wording or the convention comes from: an RFC section,
	 * an MTA's source or manual, a provider's published list.  Never a
	 * sample bounce: a rule fitted to examples fails on the rest.
	 */
	const char	*sources[RULE_MAX_SOURCES];
	size_t		 nsources;
};

/* What a reason means for the sender, from the reason stanzas. */
struct reason_def {
	const char		*name;
	const char		*title;
	int			 permanent;	/* default when no code says */
	int			 permanent_unknown; /* "unknown": no default */
	enum retry_advice	 retry;
	const char		*retry_note;
	const char		*retry_note_transient;
	int			 pseudo;	/* X.0.9NN when no status */
	int			 pseudo_perm;	/* 5.0.9NN even when temporary */
	const char		*steps[RULE_MAX_STEPS];
	size_t			 nsteps;
	/* For a delay notice (Action: delayed), when they differ. */
	const char		*delayed_title;
	const char		*delayed_steps[RULE_MAX_STEPS];
	size_t			 ndelayed_steps;
	const char		*file;
	unsigned		 line;
};

/* The format found for the last message seen: diagnose()'s memo. */
struct format_memo {
	const struct bounce_doc	*doc;
	unsigned long		 gen;
	size_t			 msg;
	const char		*format;	/* or NULL */
};

/*
 * What matching writes: PCRE2's match data, the format memo and the
 * record's candidates.  The rules themselves stay read-only once loaded
 * (but for the atomic JIT fields of struct rule), so threads can share
 * them, each with a state of its own.
 */
struct rule_state {
	void			*md;	/* pcre2_match_data_8 * */
	struct format_memo	 memo;
	/*
	 * rule_candidates()' answer for the diagnostic text: a bit per
	 * rule whose literals passed (ncand words), the text's trigrams
	 * and the distinct ones, in the order first seen.
	 */
	uint64_t		*cand;
	size_t			 ncand;
	unsigned char		 bits[RULE_TRIGRAM_BYTES];
	uint16_t		*grams;
	size_t			 grams_cap;
};

/*
 * A literal of a rule, filed under one of its trigrams, with a copy of
 * them all and of its text: the index is walked without reading the
 * rules themselves.
 */
struct rule_key {
	uint32_t		 rule;
	uint16_t		 grams[RULE_LIT_GRAMS];
	struct rule_lit		 lit;
};

struct rules {
	struct rule		*v;
	size_t			 n, cap;
	size_t			 nformats;	/* rules that name a format */
	struct reason_def	*reasons;
	size_t			 nreasons, reasons_cap;
	struct arena		 arena;
	struct rule_state	*own;	/* for callers on one thread */
	int			 no_jit;	/* under valgrind */
	/*
	 * The prefilter's index (rules_index()), so that a record visits
	 * only the rules its text may match: the literals of the rules on
	 * the diagnostic text, each under its key, the trigram of its four
	 * that fewest literals share (sorted by key), and a bit per rule
	 * found that way (nwords words).  A literal passes only when all its
	 * trigrams are in the text, its key among them: walking the keys
	 * of the text's trigrams finds every rule that may match.  Before,
	 * each record tried each rule's literals: 360 rules a record, 15%
	 * of the time of --diagnose.
	 */
	struct rule_key		*keys;
	/*
	 * Compact, to stay in the cache between records: a bit per
	 * trigram some literal is filed under (most have none), the set
	 * bits before each word, and the first key of each such trigram's
	 * bucket in trigram order, then the number of keys.
	 */
	uint64_t		 key_bits[RULE_TRIGRAM_WORDS];
	uint32_t		 key_rank[RULE_TRIGRAM_WORDS];
	uint32_t		*key_head;
	uint64_t		*indexed;
	size_t			 nwords;
};

#define RULE_JIT_AFTER	8	/* runs before a rule is JIT-compiled */

/*
 * Loading (rules_load.c): the rules files are parsed by the stanza
 * reader, each rule's pattern compiled and its prefilter built, and the
 * whole set checked; any mistake is a load_error "file:line: message".
 * Once loaded, the rules are read-only but for the JIT fields.
 */
void	rules_init(struct rules *);
void	rules_free(struct rules *);
/* Parse one rules file held in memory; 0, or -1 with err set. */
int	rules_parse(struct rules *, const char *name, const char *text,
	    size_t len, struct load_error *err);
int	rules_load_file(struct rules *, const char *path, const char *name,
	    struct load_error *err);
/* Every <datadir>/rules/ *.txt in name order, then rules_check(). */
int	rules_load_dir(struct rules *, const char *datadir,
	    struct load_error *err);
/* Every reason a rule names must be defined; 0 or -1. */
int	rules_check(struct rules *, struct load_error *err);
const struct reason_def *rules_reason(const struct rules *, const char *);

/*
 * Matching (rules_match.c), the hot path of the diagnosis: first the
 * prefilter's proof that a pattern cannot match, then PCRE2.
 */
void	rule_state_init(struct rule_state *);
void	rule_state_free(struct rule_state *);
/*
 * Fill r's prefilter (lits, nlits) from r->pattern: the loader's last
 * step for a rule with a pattern.
 */
void	rule_prefilter(struct rule *r);
/* Build rs's prefilter index anew: after rules are added. */
void	rules_index(struct rules *rs);
void	rules_index_free(struct rules *rs);
/*
 * The rules that may match the diagnostic text, in st: for
 * rule_candidate() and rule_next(), until the next call.
 */
void	rule_candidates(const struct rules *, struct rule_state *st,
	    const char *text, size_t len);
/* Rule i may match: not found by the index, or a candidate. */
int	rule_candidate(const struct rules *, const struct rule_state *,
	    size_t i);
/* The first rule from i on that rule_candidate() lets run, or rs->n. */
size_t	rule_next(const struct rules *, const struct rule_state *, size_t i);
/* Set bits to the trigrams of text (ASCII folded to lower case). */
void	rule_trigrams(const char *text, size_t len,
	    unsigned char bits[RULE_TRIGRAM_BYTES]);
/* 0 when the prefilter proves the regex cannot match a text of bits. */
int	rule_may_match(const struct rule *,
	    const unsigned char bits[RULE_TRIGRAM_BYTES]);
/* The same, and one literal whose trigrams passed is in the text too. */
int	rule_may_match_text(const struct rule *,
	    const unsigned char bits[RULE_TRIGRAM_BYTES], const char *text,
	    size_t len);
/*
 * Match text with rule r: the JIT copy once there is one (compiling it
 * on the RULE_JIT_AFTER-th run), else the interpreter.  Thread-safe for
 * one rules object, with a match data per thread.  PCRE2's result.
 */
int	rule_match(const struct rules *, const struct rule *r,
	    const char *text, size_t len, void *match_data);
/* The retry advice names of catalog.h: never, after-fix, auto, none. */

#endif
