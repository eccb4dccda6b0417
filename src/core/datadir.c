/* Finding the data files: option, environment, build tree, pkgdatadir. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "catalog.h"
#include "datadir.h"

int
path_is_dir(const char *p)
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
	    path_is_dir(ABS_TOP_BUILDDIR "/locale"))
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
	if (datadir_uninstalled(exe_path) && path_is_dir(ABS_TOP_SRCDIR "/data"))
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
catalog_load_path(struct catalog *c, const char *path, struct load_error *err)
{
	char	**files;
	int	  n, i, rc = 0;

	if (!path_is_dir(path)) {
		if (catalog_load_file(c, path, path, err) != 0)
			return (-1);
		return (catalog_finish(c, err));
	}
	if ((n = datadir_list(path, "catalogue", &files)) < 0) {
		snprintf(err->file, sizeof err->file, "%s/catalogue", path);
		err->line = 0;
		if (errno == ENOENT)
			snprintf(err->message, sizeof err->message,
			    "not a data directory: it has no catalogue/ folder");
		else
			snprintf(err->message, sizeof err->message, "%s",
			    strerror(errno));
		return (-1);
	}
	if (n == 0) {
		snprintf(err->file, sizeof err->file, "%s/catalogue", path);
		err->line = 0;
		snprintf(err->message, sizeof err->message,
		    "no catalogue files (*.txt) found");
		rc = -1;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = catalog_load_file(c, files[i], files[i], err);
	datadir_free_list(files, n);
	if (rc == 0)
		rc = catalog_finish(c, err);
	return (rc);
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
