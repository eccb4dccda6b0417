/*
 * Browser benchmarks, headless as tig's tests are: the screen is a
 * newterm() on /dev/null at 120x40.
 *   1. CPU time from process start to the first complete frame on the
 *      shipped catalogue (each run is a fresh process, so loading the
 *      libraries counts); goal 10 ms.
 *   2. Time to refilter and redraw after one keystroke in the filter
 *      prompt on a generated 10,000-entry catalogue; goal 1 ms.
 * Prints medians and worst cases.
 */
#include "config.h"

#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "benchutil.h"
#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/datadir.h"
#include "tui/view.h"

#define LINES_	40
#define COLS_	120
#define STARTS	21
#define ENTRIES	10000

extern char	**environ;

static double
cpu_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

/* n entries over every class and category, so the list has headers. */
static char *
generate(size_t n, size_t *len)
{
	static const int classes[] = { 2, 4, 5 };
	struct buf	 b;
	unsigned	 seed = 7;
	size_t		 i;
	int		 k, klass;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		klass = classes[i % 3];
		buf_printf(&b, "code: %d.%zu.%zu\nkind: enhanced\ncategory: %s\n"
		    "title: ", klass, 100 + i / 900, i % 900,
		    categories[i % ncategories].id);
		sentence(&b, &seed, 4);
		buf_adds(&b, "meaning: ");
		sentence(&b, &seed, 30);
		for (k = 0; k < 3; k++) {
			buf_adds(&b, "cause: ");
			sentence(&b, &seed, 12);
			buf_adds(&b, "fix: ");
			sentence(&b, &seed, 15);
		}
		buf_printf(&b, "retry: never\nfrequency: rare\nimportance: low\n"
		    "source: generated\nexample: 550 %d.%zu.%zu ", klass,
		    100 + i / 900, i % 900);
		sentence(&b, &seed, 10);
		buf_addc(&b, '\n');
	}
	*len = b.len;
	return (buf_steal(&b));
}

static int
open_headless(struct tui *t, struct catalog *c, FILE **in, FILE **out)
{
	*in = fopen("/dev/null", "r");
	*out = fopen("/dev/null", "w");
	if (*in == NULL || *out == NULL || tui_open(t, c, NULL, *in, *out,
	    1) != 0) {
		fputs("bench_tui: cannot open a headless screen\n", stderr);
		return (-1);
	}
	resizeterm(LINES_, COLS_);
	tui_key(t, KEY_RESIZE);
	return (0);
}

static void
close_headless(struct tui *t, FILE *in, FILE *out)
{
	tui_close(t);
	fclose(in);
	fclose(out);
}

/* One fresh process: load, set up, draw; print the CPU milliseconds. */
static int
first_frame(const char *data)
{
	struct catalog		 c;
	struct load_error	 err;
	struct tui		 t;
	FILE			*in, *out;

	setlocale(LC_ALL, "");
	catalog_init(&c);
	if (catalog_load_path(&c, data, &err) != 0) {
		fprintf(stderr, "%s:%u: %s\n", err.file, err.line, err.message);
		return (2);
	}
	if (open_headless(&t, &c, &in, &out) != 0)
		return (2);
	tui_frame(&t);
	printf("%.3f %zu\n", cpu_ms(), c.n);
	close_headless(&t, in, out);
	catalog_free(&c);
	return (0);
}

static int
bench_first_frame(const char *self, const char *data)
{
	double		 v[STARTS];
	size_t		 n = 0, entries = 0;
	int		 i;

	for (i = 0; i < STARTS; i++) {
		char	*argv[] = { (char *)self, (char *)"--first-frame",
			    (char *)data, NULL };
		char	 line[64];
		int	 fd[2], status;
		pid_t	 pid;
		FILE	*f;
		posix_spawn_file_actions_t fa;

		if (pipe(fd) != 0)
			return (-1);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
		posix_spawn_file_actions_addclose(&fa, fd[0]);
		if (posix_spawn(&pid, self, &fa, NULL, argv, environ) != 0)
			return (-1);
		posix_spawn_file_actions_destroy(&fa);
		close(fd[1]);
		f = fdopen(fd[0], "r");
		if (f != NULL && fgets(line, sizeof line, f) != NULL &&
		    sscanf(line, "%lf %zu", &v[n], &entries) == 2)
			n++;
		if (f != NULL)
			fclose(f);
		waitpid(pid, &status, 0);
	}
	if (n == 0)
		return (-1);
	qsort(v, n, sizeof *v, dbl_cmp);
	printf("first frame, shipped catalogue (%zu entries), %dx%d:\n"
	    "  CPU from process start: median %.2f ms, worst %.2f ms "
	    "(goal 10 ms)\n", entries, COLS_, LINES_, median(v, n), v[n - 1]);
	return (0);
}

static int
bench_keystroke(void)
{
	static const char	*queries[] = { "spf", "dkim fail", "550",
				    "5.7", "mailbox quota", "relay" };
	struct catalog		 c;
	struct load_error	 err;
	struct tui		 t;
	FILE			*in, *out;
	char			*text;
	size_t			 len, q, k, n = 0;
	double			*v, *cpu, t0, c0, first, index_ms;
	int			 round;

	text = generate(ENTRIES, &len);
	catalog_init(&c);
	if (catalog_parse(&c, "generated", text, len, &err) != 0 ||
	    catalog_finish(&c, &err) != 0) {
		fprintf(stderr, "generated:%u: %s\n", err.line, err.message);
		return (-1);
	}
	free(text);
	if (open_headless(&t, &c, &in, &out) != 0)
		return (-1);
	t0 = cpu_ms();
	tui_frame(&t);
	first = cpu_ms() - t0;
	t0 = cpu_ms();
	catalog_index(&c);
	index_ms = cpu_ms() - t0;
	v = calloc(4096, sizeof *v);
	cpu = calloc(4096, sizeof *cpu);
	for (round = 0; round < 10; round++) {
		for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
			tui_key(&t, '/');
			tui_frame(&t);
			/* Type the query, then rub it out: 2 x len keys. */
			for (k = 0; queries[q][k] != '\0'; k++) {
				t0 = now_ms();
				c0 = cpu_ms();
				tui_key(&t, (unsigned char)queries[q][k]);
				tui_frame(&t);
				cpu[n] = cpu_ms() - c0;
				v[n++] = now_ms() - t0;
			}
			for (k = 0; queries[q][k] != '\0'; k++) {
				t0 = now_ms();
				c0 = cpu_ms();
				tui_key(&t, 127);
				tui_frame(&t);
				cpu[n] = cpu_ms() - c0;
				v[n++] = now_ms() - t0;
			}
			tui_key(&t, 27);
			tui_frame(&t);
		}
	}
	qsort(v, n, sizeof *v, dbl_cmp);
	qsort(cpu, n, sizeof *cpu, dbl_cmp);
	printf("generated catalogue, %zu entries, %dx%d:\n"
	    "  first frame %.2f ms; search index built after it %.2f ms\n"
	    "  keystroke in the filter prompt (refilter + redraw), %zu keys, "
	    "goal 1 ms:\n"
	    "    wall: median %.3f ms, p95 %.3f ms, worst %.3f ms\n"
	    "    CPU:  median %.3f ms, p95 %.3f ms, worst %.3f ms\n",
	    c.n, COLS_, LINES_, first, index_ms, n, median(v, n),
	    v[n * 95 / 100], v[n - 1], median(cpu, n), cpu[n * 95 / 100],
	    cpu[n - 1]);
	free(v);
	free(cpu);
	close_headless(&t, in, out);
	catalog_free(&c);
	return (0);
}

int
main(int argc, char **argv)
{
	const char	*data;

	if (argc == 3 && strcmp(argv[1], "--first-frame") == 0)
		return (first_frame(argv[2]));
	if (argc != 2) {
		fputs("usage: bench_tui DATADIR\n", stderr);
		return (2);
	}
	data = argv[1];
	setlocale(LC_ALL, "");
	if (bench_first_frame(argv[0], data) != 0 || bench_keystroke() != 0)
		return (1);
	return (0);
}
