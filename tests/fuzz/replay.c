/*
 * A main() for fuzz targets built without libFuzzer: runs the target on
 * every file named, or with no argument on its regression inputs, so
 * that "make check" replays them on every build, sanitizers or not.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "fuzz.h"

static int
replay_file(const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return (1);
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
	buf_free(&b);
	return (0);
}

static int
replay_path(const char *path, int *count)
{
	struct stat	 st;
	struct dirent	*d;
	DIR		*dir;
	char		 sub[4096];
	int		 rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return (1);
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return (replay_file(path));
	}
	if ((dir = opendir(path)) == NULL) {
		perror(path);
		return (1);
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, d->d_name);
		rc |= replay_path(sub, count);
	}
	closedir(dir);
	return (rc);
}

int
main(int argc, char **argv)
{
	int	 i, rc = 0, count = 0;

	if (argc == 1) {
		rc |= replay_path(FUZZ_REGRESS "/" FUZZ_NAME, &count);
		/* The shipped catalogue is the loader's best seed. */
		if (strcmp(FUZZ_NAME, "catalog") == 0)
			rc |= replay_path(FUZZ_DATADIR "/catalogue", &count);
		if (strcmp(FUZZ_NAME, "rules") == 0)
			rc |= replay_path(FUZZ_DATADIR "/rules", &count);
	}
	for (i = 1; i < argc; i++)
		rc |= replay_path(argv[i], &count);
	printf("%s: replayed %d inputs\n", argv[0], count);
	return (rc);
}
