/* The filter history file: where it lives, loading, atomic saving. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "buf.h"
#include "tui/view.h"

/* The newest filters kept; the file stays small and quick to read. */
#define HISTORY_KEEP	500

/* $XDG_STATE_HOME/smtp-doctor/history, or ~/.local/state/... */
char *
history_path(void)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b;

	buf_init(&b);
	/* The spec ignores a relative value. */
	if (state != NULL && state[0] == '/')
		buf_printf(&b, "%s/%s/history", state, PACKAGE);
	else if (home != NULL && home[0] != '\0')
		buf_printf(&b, "%s/.local/state/%s/history", home, PACKAGE);
	else
		return (NULL);
	return (buf_steal(&b));
}

/* mkdir -p for the directories above path, private to the user. */
static int
make_parents(char *path)
{
	char	*p;

	for (p = path + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return (-1);
		}
		*p = '/';
	}
	return (0);
}

void
history_load(void)
{
	char	*path = history_path();

	using_history();
	stifle_history(HISTORY_KEEP);
	/* A missing file is the normal first run. */
	if (path != NULL)
		read_history(path);
	free(path);
}

/*
 * Write the whole history to a temporary file beside the real one and
 * rename it over: a crash leaves either the old file or the new one.
 */
int
history_save(void)
{
	HIST_ENTRY	**list;
	char		 *path, *tmp = NULL;
	FILE		 *f = NULL;
	int		  fd = -1, i, saved, created = 0;
	struct buf	  b;

	if ((path = history_path()) == NULL) {
		errno = ENOENT;
		return (-1);
	}
	if (make_parents(path) != 0)
		goto fail;
	buf_init(&b);
	buf_printf(&b, "%s.XXXXXX", path);
	tmp = buf_steal(&b);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	created = 1;
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL)
		goto fail;
	fd = -1;
	if ((list = history_list()) != NULL) {
		for (i = 0; list[i] != NULL; i++)
			fprintf(f, "%s\n", list[i]->line);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f))
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	free(path);
	return (0);

fail:
	saved = errno;
	if (f != NULL)
		fclose(f);
	if (fd != -1)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	free(path);
	errno = saved;
	return (-1);
}
