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

#include "base/buf.h"
#include "tui/view.h"

/* The newest filters kept; the file stays small and quick to read. */
#define HISTORY_KEEP	500

/* $XDG_STATE_HOME/smtp-doctor/NAME, or ~/.local/state/smtp-doctor/NAME */
char *
state_path(const char *name)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	struct buf	 b;

	buf_init(&b);
	/* The spec ignores a relative value. */
	if (state != NULL && state[0] == '/')
		buf_printf(&b, "%s/%s/%s", state, PACKAGE, name);
	else if (home != NULL && home[0] != '\0')
		buf_printf(&b, "%s/.local/state/%s/%s", home, PACKAGE, name);
	else
		return (NULL);
	return (buf_steal(&b));
}

char *
history_path(void)
{
	return (state_path("history"));
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
 * Write text to a temporary file beside the state file NAME and rename
 * it over: a crash leaves either the old file or the new one.
 */
int
state_save(const char *name, const char *text, size_t len)
{
	char		*path, *tmp = NULL;
	int		 fd = -1, saved, created = 0;
	struct buf	 b;
	ssize_t		 n;
	size_t		 done = 0;

	if ((path = state_path(name)) == NULL) {
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
	if (fchmod(fd, 0600) != 0)
		goto fail;
	while (done < len) {
		if ((n = write(fd, text + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	free(path);
	return (0);

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	if (created)
		unlink(tmp);
	free(tmp);
	free(path);
	errno = saved;
	return (-1);
}

/* The first line of state file NAME, at most max bytes, or NULL. */
char *
state_load(const char *name, size_t max)
{
	char		*path = state_path(name), *line = NULL;
	struct buf	 b;
	FILE		*f;
	int		 c;

	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		free(path);
		return (NULL);
	}
	buf_init(&b);
	while ((c = getc(f)) != EOF && c != '\n' && b.len < max) {
		char ch = (char)c;
		buf_add(&b, &ch, 1);
	}
	fclose(f);
	free(path);
	line = buf_steal(&b);
	return (line);
}

int
history_save(void)
{
	HIST_ENTRY	**list;
	struct buf	  b;
	int		  i, rc;

	buf_init(&b);
	if ((list = history_list()) != NULL) {
		for (i = 0; list[i] != NULL; i++)
			buf_printf(&b, "%s\n", list[i]->line);
	}
	rc = state_save("history", b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return (rc);
}
