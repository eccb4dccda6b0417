/*
 * Mail log lines as bounce text: the failing deliveries that Postfix,
 * Exim, Sendmail, OpenSMTPD and qmail log, one entry each.
 *
 * A line is a syslog line (classic "Dec  2 15:06:04 host prog[pid]: ",
 * RFC 3339 "2026-12-02T15:06:04.123456+00:00 host prog[pid]: ", or
 * journalctl's short, short-precise and short-iso forms), an Exim main
 * log line ("2026-12-02 15:06:04 ") or a qmail multilog line
 * ("@4000000065... ").  The failures read are:
 *
 *   Postfix   QID: to=<>, orig_to=<>, relay=host[ip]:port, delay=,
 *             delays=, dsn=, status=bounced|deferred|expired|
 *             undeliverable (text); QID: from=<>, status=expired;
 *             NOQUEUE: reject: RCPT from host[ip]: 550 ...; from=<>
 *             to=<> (an incoming refusal; milter-reject too)
 *   Exim      ID ** rcpt <orig> R= T= H=host [ip]: text (failed),
 *             ID == rcpt ...: text (deferred), H=host [ip] F=<>
 *             rejected RCPT <rcpt>: text
 *   Sendmail  QID: to=<>,<>, delay=, relay=host. [ip], dsn=, stat=;
 *             QID: ruleset=check_rcpt, arg1=<>, relay=, reject=550 ...
 *   OpenSMTPD ID mta|mda delivery evpid= from=<> to=<> relay="ip
 *             (host)" result="PermFail|TempFail" stat="..."
 *   qmail     delivery N: failure:|deferral: text_with_underscores/
 *
 * Lines of the same queue ID are joined: the sender of Postfix's and
 * Sendmail's "from=" lines, the recipient of qmail's "starting delivery
 * N", the last deferral of a Postfix message that then expires.  The
 * table holds the MAILLOG_IDS most recent IDs, the oldest forgotten,
 * so memory stays bounded whatever the log.
 *
 * Lines are hostile: any length, any bytes; nothing is read past the
 * given length, no field is kept past its own bound, time is linear.
 */
#ifndef SD_MAILLOG_H
#define SD_MAILLOG_H

#include <stddef.h>

#define MAILLOG_IDS	4096	/* queue IDs remembered for the join */
/* Bytes of a line parsed; the caller says it cut a longer one. */
#define MAILLOG_MAX_LINE	(64u * 1024)

/* A stretch of bytes: of the line, or of the join table (stable). */
struct ml_str {
	const char	*p;
	size_t		 n;	/* 0: absent */
};

/* One failing delivery. */
struct maillog_entry {
	const char	*agent;		/* postfix, exim, sendmail... */
	const char	*action;	/* "failed" or "delayed" */
	const char	*command;	/* RCPT, DATA, MAIL, HELO, CONN, NULL */
	struct ml_str	 time;		/* the stamp as logged */
	long long	 epoch;		/* seconds since 1970, or -1 */
	struct ml_str	 host;		/* the logging host */
	struct ml_str	 queue_id;
	struct ml_str	 rcpt;		/* to= */
	struct ml_str	 orig;		/* orig_to= */
	struct ml_str	 sender;	/* from=, of the line or joined */
	struct ml_str	 relay;		/* the remote host's name */
	struct ml_str	 relay_ip;
	struct ml_str	 delay;
	struct ml_str	 dsn;		/* 5.1.1 */
	struct ml_str	 reply;		/* the remote's reply, or own text */
	int		 reply_code;	/* 0 if none */
	/* Field names for highlighting: "to=", "status=". */
	struct ml_str	 key_rcpt;
	struct ml_str	 key_status;
	/*
	 * The reply as a person reads it, when the log mangled it (qmail's
	 * underscores): NUL-terminated, in the state, valid until the next
	 * line; reply then points into it.
	 */
	int		 reply_rewritten;
};

struct maillog;

struct maillog	*maillog_new(void);
void		 maillog_free(struct maillog *);
/* Forget every queue ID: a new log. */
void		 maillog_reset(struct maillog *);

/*
 * Whether the input is a mail log: of its first eight lines (a
 * journal's "-- Logs begin" header and an Exim entry's indented lines
 * not counted) the first, and half, are log lines, and one at least is
 * surely a mail log's (Exim's lines that only their stamp tells, such as
 * "2026-12-02 21:35:52 TLS error on connection", count beside it).
 * Reads at most 64 KiB.
 */
int		 maillog_looks_like(const char *, size_t);

/*
 * The next line of buf[*pos..len) that may be a failure or a line to
 * join, found with memmem(3) for each key word over the whole buffer
 * rather than line by line: a log is mostly deliveries and noise.
 * Only the words of the MTAs that the buffer's first 64 lines name (and
 * any the log named before) are looked for; of all, when none is.
 * Returns 1 with the line in [*start, *end) (no LF) and *pos past it,
 * or 0 at the end.  The scan's state lives in the maillog; call
 * maillog_scan_begin() with each new buffer.
 */
void		 maillog_scan_begin(struct maillog *, const char *, size_t);
int		 maillog_scan_next(struct maillog *, const char *buf,
		    size_t len, size_t *pos, size_t *start, size_t *end);

/*
 * Parse one line (no LF): the join table is updated, and each failing
 * delivery is handed to cb (Sendmail may name several recipients on
 * one line).  now is the epoch time a classic stamp's year is inferred
 * from: the year of now, or the one before if the date would be more
 * than a day past now.  Returns the number of entries.
 */
typedef void	 maillog_cb(void *arg, const struct maillog_entry *);
size_t		 maillog_line(struct maillog *, const char *line, size_t len,
		    long long now, maillog_cb *cb, void *arg);

/*
 * A syslog-style stamp at the start of line: its length and the epoch
 * seconds (-1 when it has none); 0 when the line starts with none.
 */
size_t		 maillog_stamp(const char *line, size_t len, long long now,
		    long long *epoch);

#endif
