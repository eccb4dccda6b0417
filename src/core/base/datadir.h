/* Where the data lives, and loading a whole data directory. */
#ifndef SD_DATADIR_H
#define SD_DATADIR_H

#include <stdarg.h>
#include <stddef.h>

/* A load error: file:line: message.  */
struct load_error {
	char		 file[512];
	unsigned	 line;
	char		 message[256];
};

/* Room for a load_error as load_error_format() writes it. */
#define LOAD_ERROR_TEXT_MAX	(512 + 256 + 64)

#define DATA_ENV	"SMTP_DOCTOR_DATA"

/*
 * Pick the data location: explicit (--data) first, then the environment
 * value env (may be NULL), then the source tree when exe_path is the
 * uninstalled binary of this build tree, then PKGDATADIR.  Returns a
 * pointer to a static or caller string.
 */
/* True when exe_path is the binary of this build tree, not installed. */
int		 datadir_uninstalled(const char *exe_path);
/* Where the message catalogues are: the build tree's or LOCALEDIR. */
const char	*datadir_localedir(const char *exe_path);
const char	*datadir_resolve(const char *explicit_path, const char *env,
		    const char *exe_path);
/*
 * The sorted *.txt files of dir/sub; returns the count and a malloc'd
 * array of malloc'd full paths (free with datadir_free_list), or -1.
 */
int		 datadir_list(const char *dir, const char *sub, char ***out);
/*
 * A data file error as "file:line: message", or "file: message" when it
 * concerns no line; prog, when not NULL, goes in front of the latter.
 */
void		 load_error_format(const struct load_error *,
		    const char *prog,
		    char *out, size_t size);
/* Fill a load_error: file, line (0: none) and the formatted message. */
int		 load_error_vset(struct load_error *, const char *file,
		    unsigned line, const char *fmt, va_list)
		    __attribute__((format(printf, 4, 0)));
void		 datadir_free_list(char **, int);
/*
 * datadir_list for a loader: a missing or unreadable dir/sub, or one
 * without a *.txt file, is an error in err.  The count (at least 1),
 * or -1.
 */
int		 datadir_files(const char *dir, const char *sub, char ***out,
		    struct load_error *err);
/* The largest data file read: a catalogue or rules file. */
#define DATAFILE_MAX	(64u * 1024 * 1024)
/*
 * Read a data file whole for the catalogue and the rules alike: a
 * regular file of at most DATAFILE_MAX bytes, NUL-terminated in a
 * malloc'd *text.  name is what errors call it.  0, or -1 with err set.
 */
int		 datafile_read(const char *path, const char *name,
		    char **text, size_t *len, struct load_error *err);
/*
 * The bytes every data file must hold: valid UTF-8 and no NUL (other
 * controls are escaped wherever a field is shown).  0, or -1 with err
 * set to the first bad byte's line.
 */
int		 datafile_check(const char *name, const char *text,
		    size_t len, struct load_error *err);
/* True when p names a directory. */
int		 datadir_is_dir(const char *p);

#endif
