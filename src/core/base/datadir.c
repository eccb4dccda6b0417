/* Finding the data files: option, environment, build tree, pkgdatadir. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/datadir.h"
#include "base/utf8.h"

int
load_error_vset(struct load_error *err, const char *file, unsigned line,
    const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof err->file, "%s", file);
	err->line = line;
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	return (-1);
}

static int	file_error(struct load_error *, const char *, unsigned,
		    const char *, ...) __attribute__((format(printf, 4, 5)));

static int
file_error(struct load_error *err, const char *name, unsigned line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	load_error_vset(err, name, line, fmt, ap);
	va_end(ap);
	return (-1);
}

int
datafile_read(const char *path, const char *name, char **text, size_t *len,
    struct load_error *err)
{
	struct stat	 st;
	FILE		*f;
	char		 msg[128];
	size_t		 n;

	*text = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return (file_error(err, name, 0, "%s", strerror(errno)));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return (file_error(err, name, 0, "not a regular file"));
	}
	if ((unsigned long long)st.st_size > DATAFILE_MAX) {
		fclose(f);
		snprintf(msg, sizeof msg, "file too large (%lld bytes; the "
		    "limit is %u)", (long long)st.st_size, DATAFILE_MAX);
		return (file_error(err, name, 0, "%s", msg));
	}
	*text = xmalloc((size_t)st.st_size + 1);
	n = fread(*text, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
		fclose(f);
		free(*text);
		*text = NULL;
		return (file_error(err, name, 0, "%s", msg));
	}
	fclose(f);
	(*text)[n] = '\0';
	*len = n;
	return (0);
}

int
datafile_check(const char *name, const char *text, size_t len,
    struct load_error *err)
{
	char		 msg[64];
	const char	*nul;
	size_t		 i, bad;
	unsigned	 line = 1;

	if (!utf8_valid(text, len, &bad))
		snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x)",
		    (unsigned char)text[bad]);
	else if ((nul = memchr(text, '\0', len)) != NULL) {
		bad = (size_t)(nul - text);
		snprintf(msg, sizeof msg, "NUL byte in a text file");
	} else
		return (0);
	for (i = 0; i < bad; i++)
		line += text[i] == '\n';
	return (file_error(err, name, line, "%s", msg));
}

int
datadir_is_dir(const char *p)
{
	struct stat	 st;

	return (stat(p, &st) == 0 && S_ISDIR(st.st_mode));
}

int
datadir_uninstalled(const char *exe_path)
{
	return (exe_path != NULL &&
	    strcmp(exe_path, ABS_TOP_BUILDDIR "/src/smtp-doctor") == 0);
}

const char *
datadir_localedir(const char *exe_path)
{
	if (datadir_uninstalled(exe_path) &&
	    datadir_is_dir(ABS_TOP_BUILDDIR "/locale"))
		return (ABS_TOP_BUILDDIR "/locale");
	return (LOCALEDIR);
}

const char *
datadir_resolve(const char *explicit_path, const char *env,
    const char *exe_path)
{
	if (explicit_path != NULL && *explicit_path != '\0')
		return (explicit_path);
	if (env != NULL && *env != '\0')
		return (env);
	/*
	 * An uninstalled binary must use the data beside its sources, not
	 * whatever an older "make install" left in pkgdatadir.
	 */
	if (datadir_uninstalled(exe_path) && datadir_is_dir(ABS_TOP_SRCDIR "/data"))
		return (ABS_TOP_SRCDIR "/data");
	return (PKGDATADIR);
}

static int
txt_filter(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return (d->d_name[0] != '.' && n > 4 &&
	    strcmp(d->d_name + n - 4, ".txt") == 0);
}

int
datadir_list(const char *dir, const char *sub, char ***out)
{
	struct dirent	**names;
	struct buf	  path;
	char		**v;
	int		  n, i;

	buf_init(&path);
	buf_printf(&path, "%s/%s", dir, sub);
	if ((n = scandir(path.data, &names, txt_filter, alphasort)) < 0) {
		buf_free(&path);
		return (-1);
	}
	v = xcalloc((size_t)n + 1, sizeof *v);
	for (i = 0; i < n; i++) {
		struct buf f;

		buf_init(&f);
		buf_printf(&f, "%s/%s", path.data, names[i]->d_name);
		v[i] = buf_steal(&f);
		free(names[i]);
	}
	free(names);
	buf_free(&path);
	*out = v;
	return (n);
}

void
datadir_free_list(char **v, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
datadir_files(const char *dir, const char *sub, char ***out,
    struct load_error *err)
{
	char	 where[sizeof err->file];
	int	 n;

	snprintf(where, sizeof where, "%s/%s", dir, sub);
	if ((n = datadir_list(dir, sub, out)) < 0) {
		if (errno == ENOENT)
			return (file_error(err, where, 0, "not a data "
			    "directory: it has no %s/ folder", sub));
		return (file_error(err, where, 0, "%s", strerror(errno)));
	}
	if (n == 0) {
		datadir_free_list(*out, 0);
		*out = NULL;
		return (file_error(err, where, 0, "no %s files (*.txt) found",
		    sub));
	}
	return (n);
}

void
load_error_format(const struct load_error *err, const char *prog, char *out,
    size_t size)
{
	if (err->line != 0)
		snprintf(out, size, "%s:%u: %s", err->file, err->line,
		    err->message);
	else if (prog != NULL)
		snprintf(out, size, "%s: %s: %s", prog, err->file,
		    err->message);
	else
		snprintf(out, size, "%s: %s", err->file, err->message);
}
