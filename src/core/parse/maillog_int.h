/* Internals shared by the mail log parsers; not an API. */
#ifndef SD_MAILLOG_INT_H
#define SD_MAILLOG_INT_H

#include <stddef.h>

#include "parse/maillog.h"

#define ML_NKEYS	12

/* The MTAs, as bits. */
#define ML_POSTFIX	0x01
#define ML_EXIM		0x02
#define ML_SENDMAIL	0x04
#define ML_OPENSMTPD	0x08
#define ML_QMAIL	0x10
#define ML_SCRATCH	4096	/* a rewritten reply, at most */

/* What one queue ID has told so far; each string bounded, NUL-ended. */
struct ml_id {
	char		 qid[32];
	char		 sender[256];
	char		 rcpt[256];	/* the last deferred recipient */
	char		 reply[512];	/* its reply */
	char		 dsn[16];
	char		 ref[32];	/* qmail: the msg of a delivery */
	const char	*command;
	int		 next;		/* in its hash chain, or -1 */
	int		 used;
};

/* Chains of the queue-ID table: twice the IDs kept. */
#define ML_HASH		8192

struct maillog {
	struct ml_id	*ids;		/* MAILLOG_IDS, a ring */
	int		*heads;		/* ML_HASH chains */
	size_t		 nadded;	/* the ring's next slot, mod */
	size_t		 keypos[ML_NKEYS];
	unsigned	 mtas;		/* ML_* the log has named */
	char		 scratch[ML_SCRATCH];
};

/* A line cut into its prefix and its message. */
struct ml_line {
	const char	*p, *end;
	struct ml_str	 time, host, prog;
	long long	 epoch;
	const char	*msg;		/* after "prog[pid]: " or the stamp */
	int		 syslog;	/* had host and prog */
};

struct ml_id	*ml_id_find(struct maillog *, const char *, size_t);
struct ml_id	*ml_id_get(struct maillog *, const char *, size_t);
void		 ml_copy(char *dst, size_t size, const char *, size_t);
struct ml_str	 ml_s(const char *);
const char	*ml_find(const char *p, const char *end, const char *s);
const char	*ml_find_last(const char *p, const char *end, const char *s);
int		 ml_starts(const char *p, const char *end, const char *s);
const char	*ml_stage(const char *p, size_t n);
int		 ml_reply_code(const char *p, size_t n);
int		 ml_is_ipchar(int c);
void		 ml_entry_init(struct maillog_entry *, const struct ml_line *);
/* Parse "host[ip]:port" or "host [ip]": into host and ip. */
void		 ml_host_ip(const char *p, const char *end, struct ml_str *,
		    struct ml_str *);

size_t	ml_postfix(struct maillog *, const struct ml_line *, maillog_cb *,
	    void *);
size_t	ml_exim(struct maillog *, const struct ml_line *, maillog_cb *,
	    void *);
size_t	ml_sendmail(struct maillog *, const struct ml_line *, maillog_cb *,
	    void *);
size_t	ml_opensmtpd(struct maillog *, const struct ml_line *, maillog_cb *,
	    void *);
size_t	ml_qmail(struct maillog *, const struct ml_line *, maillog_cb *,
	    void *);

#endif
