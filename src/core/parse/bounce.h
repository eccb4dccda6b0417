/* Parsed bounce documents: decoded text, typed spans, recipient records. */
#ifndef SD_BOUNCE_H
#define SD_BOUNCE_H

#include <stddef.h>

#include "base/buf.h"
#include "parse/textdec.h"

struct maillog;

/* What a span of the decoded text is; the paste box colours by kind. */
enum span_kind {
	SPAN_REPLY,		/* SMTP reply code: 550 */
	SPAN_STATUS,		/* enhanced status code: 5.1.1 */
	SPAN_RECIPIENT,		/* an address that bounced */
	SPAN_SENDER,		/* the sender's address */
	SPAN_HOST,		/* remote host name */
	SPAN_IP,		/* IPv4 or IPv6 address */
	SPAN_URL,
	SPAN_TAG,		/* provider tag or tracking ID: gsmtp, (S3150) */
	SPAN_BLOCKLIST,		/* Spamhaus, Spamcop, Barracuda... */
	SPAN_FIELD_NAME,	/* DSN field name: Final-Recipient */
	SPAN_FIELD_VALUE,	/* DSN field value */
	SPAN_QUOTED,		/* a header line of the returned message */
	SPAN_DIAGNOSTIC,	/* the server's own words about the failure */
	SPAN__COUNT
};

struct span {
	size_t		 off;	/* byte offset into bounce_doc.text */
	size_t		 len;
	enum span_kind	 kind;
};

/*
 * A header block of the text, to show folded: a message's own header,
 * or the returned message's (a message/rfc822 or text/rfc822-headers
 * part, or the copy after a marker line such as "----- Original
 * message -----").  Whole lines, the blank line after them excluded.
 * MIME parts' own few header lines are not blocks.
 */
struct bounce_hblock {
	size_t		 off;		/* its first line in text */
	size_t		 end;		/* the start of the line after it */
	size_t		 lines;
	int		 returned;	/* the returned message's */
};

/* What one message of the input is. */
enum msg_kind {
	MSG_NOT_BOUNCE,
	MSG_BOUNCE,		/* a non-delivery or delay report */
	MSG_AUTOREPLY,		/* RFC 3834 auto-reply: vacation */
	MSG_FEEDBACK,		/* ARF feedback-loop report */
	MSG_DELIVERED,		/* a delivery success notice */
	MSG_REPLY,		/* a bare SMTP reply or transcript, pasted */
	MSG__COUNT
};

/*
 * An enhanced status code as text, NUL included: RFC 3463 allows three
 * digits in the subject and the detail ("5.123.456"), with room to spare.
 */
#define STATUS_MAX	16

/* One recipient that the report is about; strings are NUL-terminated. */
struct bounce_rcpt {
	const char	*recipient;	/* never NULL */
	const char	*original;	/* Original-Recipient, or NULL */
	const char	*action;	/* failed, delayed, delivered... or NULL */
	char		 status[STATUS_MAX]; /* as reported, or "" */
	int		 reply_code;	/* 0 when none */
	const char	*diagnostic;	/* one line, or NULL */
	const char	*diag_type;	/* smtp, x-unix... or NULL */
	const char	*remote_mta;	/* or NULL */
	const char	*reporting_mta;	/* or NULL */
	const char	*command;	/* RCPT, DATA, MAIL, HELO, CONN, or NULL */
	const char	*agent;		/* report format: postfix, exim... */
	const char	*feedback_type;	/* ARF: abuse, fraud... or NULL */
	/*
	 * The DSN group's other fields, "Name: value" lines as read
	 * (X-PowerMTA-BounceCategory: bad-mailbox), at most 1 KiB, or NULL.
	 */
	const char	*dsn_extra;
	size_t		 diag_off;	/* diagnostic in text, or len 0 */
	size_t		 diag_len;
	size_t		 msg;		/* index into msgs */
	enum msg_kind	 kind;
	int		 from_dsn;	/* had an RFC 3464 group */
	/*
	 * The Status field is the reporting MTA's translation of a bare
	 * reply code (Sendmail's 550 -> 5.1.1 when the server has no
	 * enhanced codes): it says no more than the reply code.
	 */
	int		 status_translated;
	int		 status_logged;	/* the status is the log's dsn= */
	/*
	 * A record of a mail log line (maillog.h); log_time is NULL and
	 * log_unix -1 for any other record, and each string may be NULL.
	 */
	const char	*log_time;	/* the stamp as logged */
	long long	 log_unix;	/* epoch seconds, or -1 if unknown */
	const char	*log_host;	/* the logging host */
	const char	*queue_id;	/* the MTA's ID of the message */
	const char	*relay_ip;	/* relay=host[ip]: the ip */
	const char	*delay;		/* delay=, as logged */
	const char	*log_sender;	/* from=, of this line or joined */
	size_t		 log_line;	/* 1-based line of the input, or 0 */
};

struct bounce_msg {
	size_t		 off;		/* the message in text */
	size_t		 len;
	enum msg_kind	 kind;
	const char	*from;		/* header values, decoded, or NULL */
	const char	*subject;
	const char	*orig_to;	/* of the returned message */
	const char	*orig_from;
	const char	*orig_subject;
	const char	*agent;		/* report format, or NULL */
	/*
	 * The top-level header as received (lines folded, words encoded),
	 * its first 8 KiB; NULL for a bare paste.
	 */
	const char	*headers;
	/*
	 * The report's own words: its text parts before the returned
	 * message (from the first to the last), the first 4 KiB, in text;
	 * len 0 if none.
	 */
	size_t		 text_off;
	size_t		 text_len;
};

/*
 * Limits that bound memory and time whatever the input.  Input past
 * max_input is not read; parts past max_parts, nesting past max_depth,
 * text past max_text, records past max_rcpts and spans past max_spans
 * are dropped; each sets truncated and its bit in cut, so that what
 * was left out is said.  Decoding never grows the text past max_text,
 * so one parse holds at most about max_input three times (the bytes,
 * their LF form, a decoded part) plus max_text: 256 MiB by default.
 */
struct bounce_limits {
	size_t	 max_input;	/* bytes of one input: 64 MiB */
	size_t	 max_text;	/* decoded text: 64 MiB */
	size_t	 max_parts;	/* MIME parts per message: 1,000 */
	size_t	 max_depth;	/* MIME nesting: 16 */
	size_t	 max_quoted;	/* returned message body kept: 64 KiB */
	size_t	 max_rcpts;	/* records per input: 10,000 */
	size_t	 max_spans;	/* 1,000,000 */
	size_t	 max_msgs;	/* messages of an mbox: 100,000 */
};

/* Which limit cut what: bounce_doc.cut. */
#define BOUNCE_CUT_INPUT	0x01
#define BOUNCE_CUT_TEXT		0x02
#define BOUNCE_CUT_PARTS	0x04
#define BOUNCE_CUT_DEPTH	0x08
#define BOUNCE_CUT_RCPTS	0x10
#define BOUNCE_CUT_SPANS	0x20
#define BOUNCE_CUT_MSGS		0x40
#define BOUNCE_CUT_LINE		0x80	/* a log line past 64 KiB */
#define BOUNCE_CUT__COUNT	8

#define BOUNCE_SPANS	0x1	/* find every span, for display */
/*
 * Batch diagnosis: the text holds only the parts the diagnosis reads
 * (the report's own text and DSN fields), not headers, MIME delimiters
 * or the returned message.  Records are the same; it is faster.
 */
#define BOUNCE_BRIEF	0x2
/*
 * The input goes on with the mail log of the last parse (the next block
 * of a big log, msgstream.h): its queue IDs stay joined and its lines
 * counted on.  Without it a log starts afresh.
 */
#define BOUNCE_LOG_MORE	0x4
/*
 * The caller reads a log in blocks and can hand a block's rest again
 * (msgstream_unread): a block whose failing lines meet max_rcpts stops
 * at the next line, not cut, and log_unread says how many of its bytes
 * were not read.  Without it the rest is cut, and the cut said.
 */
#define BOUNCE_LOG_RESUME	0x8

struct bounce_doc {
	struct buf		 text;	 /* decoded, valid UTF-8, LF ends */
	struct span		*spans;	 /* in span_order() */
	size_t			 nspans;
	struct bounce_rcpt	*rcpts;
	size_t			 nrcpts;
	struct bounce_msg	*msgs;
	size_t			 nmsgs;
	/*
	 * The header blocks, sorted and disjoint, with BOUNCE_SPANS only;
	 * counted against max_spans.
	 */
	struct bounce_hblock	*hblocks;
	size_t			 nhblocks;
	int			 truncated; /* a limit was hit */
	unsigned		 cut;	 /* which: BOUNCE_CUT_* bits */
	struct arena		 arena;	 /* every string above */
	size_t			 span_cap, rcpt_cap, msg_cap, hblock_cap;
	unsigned long		 gen;	 /* differs for every parse */
	/*
	 * Kept from one parse to the next, so that a thousand files cost
	 * one growth: open iconv descriptors, the parser's scratch.
	 */
	struct textdec		 td;
	struct buf		 scratch[4];
	/*
	 * Mail logs: "now" in epoch seconds for the year of a classic
	 * syslog stamp, which has none (0: the clock's), set by the
	 * caller and kept by a parse; the join state kept from one block
	 * of a log to the next (maillog.h), NULL until a log is read; the
	 * lines of the log read so far (BOUNCE_LOG_MORE).
	 */
	long long		 log_now;
	struct maillog		*log;
	size_t			 log_lines;
	size_t			 log_unread;	/* BOUNCE_LOG_RESUME */
};

void	bounce_limits_default(struct bounce_limits *);
void	bounce_doc_init(struct bounce_doc *);
void	bounce_doc_free(struct bounce_doc *);

/*
 * Parse any bytes: one reply line, a transcript, a whole message, an
 * mbox or a mail log (maillog.h: a record per failing delivery, the
 * log_* fields set).  Linear time.  limits may be NULL for the defaults;
 * flags are BOUNCE_* bits.  The doc is reset first.  Returns the record
 * count.  A paste with no header that names no recipient is one record
 * when it holds a reply or status code, or when it is short (1 KiB) and
 * in an MTA's words of a failure ("connect to HOST: Connection refused",
 * "retry timeout exceeded"); other text is no record.
 */
size_t	bounce_parse(struct bounce_doc *, const char *in, size_t len,
	    const struct bounce_limits *, int flags);
/*
 * The order of bounce_doc.spans, a qsort comparator: by offset, the
 * longer first, a container (diagnostic, field value, quoted) before
 * what it contains on the same bytes, then by kind.
 */
int	span_order(const void *, const void *);

/*
 * The name of each limit in cut, for JSON ("input", "text", "parts",
 * "depth", "recipients", "spans", "messages", "line"): up to max of them into
 * names; returns the count.
 */
size_t		 bounce_cut_names(unsigned cut, const char **names, size_t max);
/*
 * What was left out, in words for a person, translated: "input past
 * 64 MiB, MIME parts past 1000".  Appended to out; nothing when
 * cut is 0.
 */
void		 bounce_cut_describe(unsigned cut,
		    const struct bounce_limits *, struct buf *out);

const char	*span_kind_name(enum span_kind);
const char	*msg_kind_name(enum msg_kind);

#endif
