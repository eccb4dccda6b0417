/* Signals, inputs and whole-line writes of the batch commands. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_io.h"

/* The signals that end a run between two records. */
static const int	 stop_signals[CLI_NSTOP] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP		CLI_NSTOP

/*
 * The signal that asked the run to end, or 0.  A lock-free atomic: the
 * handler's store is async-signal-safe (C11 7.14.1.1 allows no other
 * kind), and the workers and the writer read it on other threads
 * without a data race.
 */
static atomic_int	 got_signal;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "atomic_int must be lock-free");

static void
on_signal(int sig)
{
	atomic_store(&got_signal, sig);
}

int
cli_signal(void)
{
	return (atomic_load(&got_signal));
}

/*
 * SIGINT, SIGTERM and SIGHUP only raise the flag: the pool starts no
 * input after it, and the writer ends standard output on a record.
 * SA_RESTART spares the reads and stdio's messages on stderr an EINTR
 * (stdio does not try again); the writes and the reads of a pipe cope
 * with one anyway.  SA_RESETHAND lets a second signal of the same kind
 * end the process at once, should a reader that never reads hold the
 * last write for ever.  A signal ignored when we started stays ignored
 * (nohup, a script's background job).  SIGPIPE keeps its default: the
 * reader is gone, so dying at once, quietly, loses nothing it would
 * have read.
 */
void
cli_signals_catch(struct sigaction old[CLI_NSTOP])
{
	struct sigaction	 sa;
	size_t			 i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART | SA_RESETHAND;
	for (i = 0; i < NSTOP; i++) {
		memset(&old[i], 0, sizeof old[i]);
		old[i].sa_handler = SIG_DFL;
		if (sigaction(stop_signals[i], NULL, &old[i]) == 0 &&
		    old[i].sa_handler != SIG_IGN)
			sigaction(stop_signals[i], &sa, NULL);
	}
}

void
cli_signals_restore(const struct sigaction old[CLI_NSTOP])
{
	size_t	 i;

	for (i = 0; i < NSTOP; i++)
		sigaction(stop_signals[i], &old[i], NULL);
}

/*
 * End as the signal would have ended us, now that the output is whole:
 * the shell says 128 + its number, and a script's loop stops as well,
 * where an exit(130) would have it go on to the next command.
 */
int
cli_signals_raise(int sig)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	raise(sig);
	return (128 + sig);
}

int
cli_input_open(const char *path, off_t *size, int *is_dir)
{
	struct stat	 st;
	int		 fd;

	*size = -1;
	if (is_dir != NULL)
		*is_dir = 0;
	if (strcmp(path, "-") == 0)
		return (STDIN_FILENO);
	if ((fd = open(path, O_RDONLY)) < 0)
		return (-1);
	if (fstat(fd, &st) == 0) {
		if (S_ISREG(st.st_mode))
			*size = st.st_size;
		else if (is_dir != NULL && S_ISDIR(st.st_mode))
			*is_dir = 1;
	}
	return (fd);
}

/*
 * Wait until fd, not a regular file, has something to read, or the run
 * is to end: standard input at a terminal or a quiet pipe would hold a
 * worker, and so the run, for ever after a signal.  The signal may have
 * gone to another thread, so the flag is looked at every quarter of a
 * second as well.  Returns -1 (EINTR) when the run is to end.
 */
int
cli_input_wait(int fd)
{
	struct pollfd	 pfd;
	int		 n;

	pfd.fd = fd;
	pfd.events = POLLIN;
	while (atomic_load(&got_signal) == 0) {
		/* Ready, or an error that read() will report. */
		if ((n = poll(&pfd, 1, 250)) > 0 || (n < 0 && errno != EINTR))
			return (0);
	}
	errno = EINTR;
	return (-1);
}

/*
 * All of p to standard output.  The records go out with write(2), not
 * stdio, so that what reaches fd 1 ends on a record whenever a write
 * returns: stdio writes its buffer out each time 4 kB have gathered, in
 * the middle of a line, so a process ended between two of those writes
 * (a second signal, the SIGKILL after a grace period, a crash) leaves
 * half a record; and glibc's stdio gives up on EINTR.  A short write (a
 * pipe taking part of it) or EINTR goes on where it stopped: a signal
 * never cuts a record here.  Returns 0 or an errno.
 */
int
cli_output_write(const char *p, size_t len)
{
	struct pollfd	 pfd;
	ssize_t		 n;

	while (len > 0) {
		if ((n = write(STDOUT_FILENO, p, len)) > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			/* We were handed a non-blocking descriptor: wait. */
			pfd.fd = STDOUT_FILENO;
			pfd.events = POLLOUT;
			poll(&pfd, 1, -1);
			continue;
		}
		return (n < 0 ? errno : EIO);
	}
	return (0);
}
