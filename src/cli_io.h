/*
 * What the batch commands (--diagnose, --summary) share: the signals
 * that end a run between two records, the opening and waiting on an
 * input, and writes to standard output that never cut a line.
 */
#ifndef SD_CLI_IO_H
#define SD_CLI_IO_H

#include <signal.h>
#include <sys/types.h>

/* The signals that end a run between two records, and how many. */
#define CLI_NSTOP	3

/*
 * SIGINT, SIGTERM and SIGHUP then only raise a flag (cli_signal()):
 * the run stops at its next record and ends its output whole.  old
 * keeps what was there, for cli_signals_restore().
 */
void	cli_signals_catch(struct sigaction old[CLI_NSTOP]);
void	cli_signals_restore(const struct sigaction old[CLI_NSTOP]);
/* The signal that asked the run to end, or 0; any thread may ask. */
int	cli_signal(void);
/* End as that signal would have; returns 128 + sig if we live on. */
int	cli_signals_raise(int sig);

/*
 * Open path ("-": stdin); *size is a regular file's size, else -1, and
 * *is_dir (when not NULL) says whether it is a directory.
 */
int	cli_input_open(const char *path, off_t *size, int *is_dir);
/*
 * A msgstream's wait hook: wait until fd has something to read, or
 * return -1 (EINTR) once the run is to end.
 */
int	cli_input_wait(int fd);
/*
 * All of p to standard output with write(2), going on after a short
 * write or EINTR: what reaches fd 1 ends where p ends.  0 or an errno.
 */
int	cli_output_write(const char *p, size_t len);

#endif
