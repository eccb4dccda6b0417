/* Internals shared by the files of the bounce parser; not an API. */
#ifndef SD_BOUNCE_INT_H
#define SD_BOUNCE_INT_H

#include <stddef.h>

#include "parse/bounce.h"
#include "parse/textdec.h"

/* The header fields the parser keeps, of a message or a returned one. */
enum hdr_id {
	H_FROM, H_TO, H_SUBJECT, H_CONTENT_TYPE, H_AUTO_SUBMITTED,
	H_X_FAILED, H_PRECEDENCE, H_X_AUTOREPLY, H_X_AUTORESPOND, H_X_MAILER,
	H_RETURN_PATH, H_X_SES, H_X_ORIGINAL_TO, H_DELIVERED_TO, H_X_MLSERVER,
	H_X_HMXMR_RCPT, H__COUNT
};

enum part_type {
	PT_TEXT,		/* human-readable text */
	PT_DSN,			/* message/delivery-status */
	PT_FEEDBACK,		/* message/feedback-report */
	PT_HEADERS,		/* headers of the returned message */
	PT_QUOTED,		/* body of the returned message */
	PT_OTHER		/* an attachment, not decoded */
};

/* The report's own words kept for rules 'in: message'. */
#define MSG_TEXT_MAX	(4u * 1024)

struct bpart {
	enum part_type	 type;
	size_t		 off;	/* in doc->text */
	size_t		 len;
	int		 returned;
};

/* One message being parsed. */
struct bmsg {
	size_t		 off;
	const char	*h[H__COUNT];	/* top-level header values */
	const char	*orig[H__COUNT]; /* of the returned message */
	const char	*headers;	/* the top-level header, raw */
	struct bpart	*parts;
	size_t		 nparts, cap;
	size_t		 quoted;	/* returned body bytes kept */
	int		 report;	/* multipart/report */
	char		 report_type[32];
	int		 has_headers;	/* a mail, not a bare paste */
	size_t		 first_rcpt;	/* its first record in the doc */
	/*
	 * The raw start of the first message/rfc822 part (its headers),
	 * and whether the text's records are only guesses: the returned
	 * message's To, or one record that names nobody.
	 */
	const char	*embedded;
	int		 weak_rcpts;
	/* DSN fields printed in the text part, read by dsn.c from there. */
	int		 dsn_in_text;
	/*
	 * DSN groups whose Final-Recipient names no address (Exim's
	 * "/var/mail/file" delivery): the first one, and how many.  The
	 * text's one recipient takes its fields.
	 */
	struct {
		char		 status[STATUS_MAX];
		const char	*action, *remote, *reporting;
		size_t		 n;
	} orphan;
};

struct parser {
	struct bounce_doc		*doc;
	const struct bounce_limits	*lim;
	int				 flags;
	struct textdec			*td;	/* the document's */
	struct buf			 tmp, tmp2;
	size_t				 nparts;	/* of the current message */
	int				 full;		/* max_text hit */
	int				 quiet;		/* BOUNCE_BRIEF: emit nothing */
	int				 forwarded;	/* in a forward */
	/*
	 * spans.c: the records' addresses hashed (record + 1, or 0), for
	 * telling a recipient from a sender in constant time; holds the
	 * first rset_n records.  Freed by bounce_parse.
	 */
	size_t				*rset;
	size_t				 rset_cap, rset_n;
};

/* mime.c: headers and the MIME tree of one message into text and parts. */
void	mime_message(struct parser *, struct bmsg *, const char *p,
	    const char *end);
void	parser_emit(struct parser *, const char *, size_t);
void	parser_emit_raw(struct parser *, const char *, size_t);

/* dsn.c and bounce_text.c: recipients of one message. */
void	dsn_scan(struct parser *, struct bmsg *, size_t msgi);
void	text_scan(struct parser *, struct bmsg *, size_t msgi);
void	ses_scan(struct parser *, struct bmsg *, size_t msgi);
/* ml.c: a mailing-list manager's notice of a refused post. */
void	ml_scan(struct parser *, struct bmsg *, size_t msgi);
/* jmrp.c: an Outlook.com junk complaint (Junk Mail Reporting Program). */
void	jmrp_scan(struct parser *, struct bmsg *, size_t msgi);
struct bounce_rcpt *parser_add_rcpt(struct parser *, size_t msgi,
	    const char *addr, size_t len);
void	parser_add_span(struct parser *, enum span_kind, size_t off,
	    size_t len);
/* "Name:" opens the line p..e: a header field's first line. */
int	parser_field_line(const char *p, const char *e);
/* The n bytes at p start with one of names, in any ASCII case. */
int	prefix_in(const char *p, size_t n, const char *const *names,
	    size_t nnames);
/*
 * A header block of the text, [off, end) in whole lines (BOUNCE_SPANS
 * only); bounce_parse sorts them and drops any inside another.
 */
void	parser_add_hblock(struct parser *, size_t off, size_t end,
	    int returned);
void	parser_settle_hblocks(struct bounce_doc *);
/* bounce_reply.c: a multi-line reply made whole, then joined. */
#define MAX_COMPLETE	32	/* records of a message completed */
const char *reply_complete(struct parser *, size_t off, const char *diag);
const char *reply_join(struct parser *, const char *diag);
/*
 * Exim prints a reply's non-ASCII bytes as octal escapes ("Google\342\200
 * \231s", string_printing() in string.c): those that make UTF-8
 * characters are read as them again; any other escape stays.
 */
const char *reply_unescape_utf8(struct parser *, const char *diag);
/*
 * bounce.c: the record's status settled against the server's words: a
 * precise code there ("451 timeout (#4.4.2)") beats a vague status of
 * the same class (4.0.0); see bounce.c.
 */
void	rcpt_refine_status(struct bounce_rcpt *);
/* bounce_log.c: a mail log, a record per failing delivery. */
void	log_scan(struct parser *, const char *in, size_t len);
/* spans.c: the spans found in a stretch of text. */
void	spans_scan(struct parser *, size_t off, size_t len);
/* Helpers over text. */
const char *addr_find(const char *s, size_t len, size_t *alen);
/* Addresses compared and hashed without regard to ASCII case (FNV-1a). */
int	same_addr(const char *a, size_t al, const char *b, size_t bl);
unsigned addr_hash(const char *a, size_t al);
int	reply_find(const char *s, size_t len, size_t *at);
int	reply_find_class(const char *s, size_t len, int k);
int	status_find(const char *s, size_t len, char out[STATUS_MAX],
	    size_t *at);

#endif
