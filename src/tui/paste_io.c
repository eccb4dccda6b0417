/*
 * The terminal side of a paste.  While the box is open the terminal's
 * bracketed-paste mode is on, so a paste arrives between ESC [ 200 ~
 * and ESC [ 201 ~.  ncurses reports the start as a key; the text itself
 * is then read straight from the terminal in large reads, because
 * wgetch() takes one byte per read(2) and 10 MB would take seconds.
 * Bytes read past the end marker are decoded into keys and handed out
 * before wgetch()'s own.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "tui/tpaste.h"
#include "tui/view.h"

#define READ_SIZE	65536
/* Read for at most this long before the loop looks at signals again. */
#define PUMP_MS		20
/* Progress frames while a paste comes in. */
#define FRAME_MS	100
/* A paste whose end marker never comes ends after this much silence. */
#define IDLE_MS		3000

/* Keys read past the end of a paste, handed out before wgetch()'s. */
#define PASTE_KEYQ	512

/* The reader's own: a bracketed paste coming in, and the keys after it. */
struct pasteio {
	int			 receiving;
	struct paste_end	 end;
	struct timespec		 last_read;
	size_t			 received;	/* raw bytes, for progress */
	size_t			 box_before;	/* box size at its start */
	size_t			 dropped_before; /* box.dropped at its start */
	int			 mode_on;	/* the terminal's paste mode */
	int			 keyq[PASTE_KEYQ];
	size_t			 keyq_at, keyq_n;
};

static const char	*mode_on_seq;
static const char	*mode_off_seq;
static struct timespec	 last_frame;

static struct pasteio *
io(struct tui *t)
{
	if (t->pio == NULL)
		t->pio = xcalloc(1, sizeof *t->pio);
	return (t->pio);
}

static struct paste *
box_text(struct tui *t)
{
	return (tpaste_text(tpaste_get(t)));
}

static double
ms_since(const struct timespec *then)
{
	return (tpaste_elapsed(then) * 1e3);
}

/* A capability, or NULL when the terminal has none. */
static const char *
cap(const char *name)
{
	char	*s = tigetstr(name);

	return (s == NULL || s == (char *)-1 ? NULL : s);
}

void
pasteio_init(struct tui *t)
{
	const char	*cup = cap("cup");

	/*
	 * Terminfo names the mode BE/BD in recent xterm entries only; any
	 * terminal whose cursor moves with ESC [ takes the DEC private mode
	 * or ignores it.  Others (dumb) get no mode, and a paste comes as
	 * typed keys, which the box takes too.
	 */
	mode_on_seq = cap("BE");
	mode_off_seq = cap("BD");
	if (mode_on_seq == NULL && cup != NULL && strncmp(cup, "\033[", 2) == 0) {
		mode_on_seq = "\033[?2004h";
		mode_off_seq = "\033[?2004l";
	}
	if (mode_off_seq == NULL)
		mode_on_seq = NULL;
	if (t->headless)
		mode_on_seq = mode_off_seq = NULL;
	define_key(PASTE_START_SEQ, KEY_PASTE_START);
	define_key(PASTE_END_SEQ, KEY_PASTE_END);
}

static void
write_all(int fd, const char *s)
{
	size_t	 len = strlen(s);
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

void
pasteio_mode(struct tui *t, int on)
{
	struct pasteio	*p = t->pio;

	/* Never on: nothing to turn off. */
	if ((p == NULL && !on) || mode_on_seq == NULL)
		return;
	p = io(t);
	if (p->mode_on == on)
		return;
	write_all(t->out_fd, on ? mode_on_seq : mode_off_seq);
	p->mode_on = on;
}

void
pasteio_free(struct tui *t)
{
	pasteio_mode(t, 0);
	free(t->pio);
	t->pio = NULL;
}

void
pasteio_sync(struct tui *t)
{
	pasteio_mode(t, t->focus == VIEW_PASTE && !isendwin());
}

int
pasteio_receiving(const struct tui *t)
{
	return (t->pio != NULL && t->pio->receiving);
}

size_t
pasteio_received(const struct tui *t)
{
	return (t->pio != NULL ? t->pio->received : 0);
}

static void
push_key(struct pasteio *p, int key)
{
	if (p->keyq_at + p->keyq_n >= PASTE_KEYQ) {
		memmove(p->keyq, p->keyq + p->keyq_at,
		    p->keyq_n * sizeof *p->keyq);
		p->keyq_at = 0;
	}
	if (p->keyq_n < PASTE_KEYQ)
		p->keyq[p->keyq_at + p->keyq_n++] = key;
}

int
pasteio_next_key(struct tui *t)
{
	struct pasteio	*p = t->pio;

	if (p == NULL || p->keyq_n == 0)
		return (ERR);
	p->keyq_n--;
	return (p->keyq[p->keyq_at++]);
}

void
pasteio_begin(struct tui *t)
{
	struct pasteio	*p = io(t);
	struct paste	*b = box_text(t);

	if (t->focus != VIEW_PASTE || t->overlay >= 0)
		tpaste_open(t);
	p->receiving = 1;
	p->end.matched = 0;
	p->received = 0;
	p->dropped_before = b->dropped;
	p->box_before = b->text.len;
	tbox_follow(t);
	clock_gettime(CLOCK_MONOTONIC, &p->last_read);
	last_frame = p->last_read;
}

static void
human_size(size_t n, char *buf, size_t size)
{
	if (n < 1024)
		snprintf(buf, size, _("%zu bytes"), n);
	else if (n < 1024 * 1024)
		snprintf(buf, size, _("%.1f KiB"), n / 1024.0);
	else
		snprintf(buf, size, _("%.1f MiB"), n / 1048576.0);
}

static void
finish(struct tui *t, int ended)
{
	struct pasteio	*p = io(t);
	struct paste	*b = box_text(t);
	char		 size[32], lost[32];

	p->receiving = 0;
	tbox_follow(t);
	human_size(b->text.len - p->box_before + b->dropped -
	    p->dropped_before, size, sizeof size);
	if (b->dropped > p->dropped_before) {
		human_size(b->dropped - p->dropped_before, lost,
		    sizeof lost);
		tui_message(t, _("The box is full: %1$s of the paste were not "
		    "taken (at most %2$u MiB)."), lost, PASTE_MAX >> 20);
	} else if (!ended)
		tui_message(t, _("The paste never ended; kept the %s that "
		    "came."), size);
	else
		tui_message(t, _("Pasted %s; Ctrl-D diagnoses it."), size);
}

/* What came after the end marker: keys, or another paste. */
static void
leftover(struct tui *t, const char *s, size_t n)
{
	struct pasteio	*p = io(t);
	char		 seq[17];
	size_t		 used, k, len;
	int		 done, key;

	while (n > 0) {
		if (p->receiving) {
			used = paste_feed(box_text(t), &p->end, s, n, &done);
			if (done)
				finish(t, 1);
			s += used;
			n -= used;
			continue;
		}
		len = strlen(PASTE_START_SEQ);
		if (n >= len && memcmp(s, PASTE_START_SEQ, len) == 0) {
			pasteio_begin(t);
			s += len;
			n -= len;
			continue;
		}
		/* The longest key sequence ncurses knows, else one byte. */
		key = (unsigned char)s[0];
		used = 1;
		for (k = n < sizeof seq - 1 ? n : sizeof seq - 1;
		    s[0] == '\033' && k > 1; k--) {
			int code;

			memcpy(seq, s, k);
			seq[k] = '\0';
			if ((code = key_defined(seq)) > 0) {
				key = code;
				used = k;
				break;
			}
		}
		push_key(p, key);
		s += used;
		n -= used;
	}
}

int
pasteio_pump(struct tui *t)
{
	struct pasteio	*p = io(t);
	struct pollfd	 pfd;
	struct timespec	 start;
	char		 buf[READ_SIZE];
	ssize_t		 n;
	size_t		 used;
	int		 done, wait = 50, rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pfd.fd = t->in_fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		rc = poll(&pfd, 1, wait);
		if (rc < 0 && errno == EINTR)
			return (0);	/* a signal: the loop sees to it */
		if (rc == 0) {
			if (ms_since(&p->last_read) > IDLE_MS) {
				finish(t, 0);
				return (1);
			}
			break;
		}
		n = rc < 0 ? -1 : read(t->in_fd, buf, sizeof buf);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return (0);
		if (n <= 0) {
			/* The terminal is gone: keep what came. */
			finish(t, 0);
			return (1);
		}
		clock_gettime(CLOCK_MONOTONIC, &p->last_read);
		p->received += (size_t)n;
		used = paste_feed(box_text(t), &p->end, buf, (size_t)n, &done);
		if (done) {
			finish(t, 1);
			leftover(t, buf + used, (size_t)n - used);
			return (1);
		}
		if (ms_since(&start) > PUMP_MS)
			break;
		wait = 0;
	}
	if (ms_since(&last_frame) < FRAME_MS)
		return (0);
	clock_gettime(CLOCK_MONOTONIC, &last_frame);
	return (1);
}
