/* Option parsing and data loading, shared by the CLI and the browser. */
#include "config.h"

#include <sys/stat.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "options.h"
#include "base/pool.h"
#include "diagnose/rules.h"
#include "base/utf8.h"
#include "base/when.h"

enum {
	OPT_CLASS = 256,
	OPT_CATEGORY,
	OPT_DATA,
	OPT_LIST_CATEGORIES,
	OPT_HELP_KEYS,
	OPT_JOBS,
	OPT_SUMMARY,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_DOMAIN,
	OPT_CHECK,
	OPT_RESOLVER,
	OPT_IP,
	OPT_TIMEOUT
};

static const struct option long_options[] = {
	{ "search",		no_argument,		NULL, 's' },
	{ "list",		no_argument,		NULL, 'l' },
	{ "class",		required_argument,	NULL, OPT_CLASS },
	{ "category",		required_argument,	NULL, OPT_CATEGORY },
	{ "list-categories",	no_argument,		NULL, OPT_LIST_CATEGORIES },
	{ "diagnose",		no_argument,		NULL, 'd' },
	{ "summary",		no_argument,		NULL, OPT_SUMMARY },
	{ "since",		required_argument,	NULL, OPT_SINCE },
	{ "until",		required_argument,	NULL, OPT_UNTIL },
	{ "domain",		required_argument,	NULL, OPT_DOMAIN },
	{ "check",		no_argument,		NULL, OPT_CHECK },
	{ "resolver",		required_argument,	NULL, OPT_RESOLVER },
	{ "ip",			required_argument,	NULL, OPT_IP },
	{ "timeout",		required_argument,	NULL, OPT_TIMEOUT },
	{ "browse",		no_argument,		NULL, 'b' },
	{ "json",		no_argument,		NULL, 'j' },
	{ "width",		required_argument,	NULL, 'w' },
	{ "jobs",		required_argument,	NULL, OPT_JOBS },
	{ "data",		required_argument,	NULL, OPT_DATA },
	{ "help",		no_argument,		NULL, 'h' },
	{ "help-keys",		no_argument,		NULL, OPT_HELP_KEYS },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL,			0,			NULL, 0 }
};

void
options_usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]... [CODE]...\n"), PACKAGE);
	fputs(_("Explain SMTP reply codes and diagnose bounced mail.\n"
	    "\n"
	    "With CODEs (550, 5.7.26, x.7.26), print what they mean and what "
	    "to do.\n"
	    "With no CODE on a terminal, open the browser.\n"
	    "\n"), f);
	fputs(_("With FILEs (a bounce, an mbox, a mail log; - for standard "
	    "input),\n"
	    "diagnose them: in the browser on a terminal (a mail log: its "
	    "summary),\n"
	    "else as text.\n"
	    "\n"), f);
	fputs(_(
"  -s, --search WORDS...    search the catalogue, best match first\n"
"  -l, --list               list the catalogue, grouped by class\n"
"      --class N            with --list: only class N (2, 3, 4 or 5)\n"
"      --category NAME      with --list: only category NAME\n"
"      --list-categories    list the category names\n"
"  -d, --diagnose [FILE]... diagnose the bounces in FILEs (default:\n"
"                             standard input), one report per recipient\n"), f);
	fputs(_(
"      --jobs N             with --diagnose: read and diagnose N files at\n"
"                             a time (default: one per CPU)\n"), f);
	fputs(_(
"      --check              with --diagnose: look up in the DNS what each\n"
"                             verdict's cause points to (SPF, DKIM, DMARC,\n"
"                             MX, PTR, blocklists); uses the network\n"
"      --resolver IP[:PORT] with --check or the browser's c key: ask this\n"
"                             DNS server (default: the system's, from\n"
"                             /etc/resolv.conf)\n"
"      --ip ADDR            with --check or the browser's c key: the\n"
"                             sending IP, when the bounce names none\n"
"      --timeout SECONDS    with --check or the browser's c key: wait this\n"
"                             long for each answer (1 to 60, default 2)\n"), f);
	fputs(_(
"      --summary [FILE]...  sum up the failures of mail logs and bounces\n"
"                             in FILEs (default: standard input) by reason,\n"
"                             then recipient domain\n"
"      --since TIME         with --summary: only failures at or after TIME\n"
"                             (2026-12-02, \"2026-12-02 15:00\", RFC 3339,\n"
"                             today, yesterday, or ago: 30m, 2h, 7d)\n"
"      --until TIME         with --summary: only failures at or before TIME\n"
"      --domain NAME        with --summary: only recipients at NAME or its\n"
"                             subdomains\n"), f);
	fputs(_(
"  -b, --browse [CODE]      open the browser, on CODE if given\n"
"  -j, --json               write JSON Lines (one object per line)\n"
"  -w, --width N            wrap text output at N columns\n"
"      --data PATH          read the data from PATH, a data directory or\n"
"                             one catalogue file\n"
"  -h, --help               display this help and exit\n"
"      --help-keys          list the browser's keys and exit\n"
"  -V, --version            output version information and exit\n"), f);
	fputs(_("\n"
"Exit status: 0 when something was found, 1 when nothing was,\n"
"2 for a usage error or a data file error, 128 + N when ended by\n"
"signal N (130 for Ctrl-C).\n"
"\n"
"Environment: SMTP_DOCTOR_DATA (data location), NO_COLOR (no colours),\n"
"COLUMNS (output width), XDG_STATE_HOME (browser history).\n"), f);
	fprintf(f, _("\nReport bugs to: %s\n"), PACKAGE_BUGREPORT);
	fprintf(f, _("%s home page: <%s>\n"), PACKAGE_NAME, PACKAGE_URL);
}

static int
usage_error(void)
{
	utf8_eprintf(_("Try '%s --help' for more information.\n"),
	    PACKAGE);
	return (2);
}

static int
set_mode(struct options *o, enum run_mode m)
{
	if (o->mode != MODE_DEFAULT && o->mode != m) {
		utf8_eprintf(_("%s: only one of --search, --list, "
		    "--list-categories, --diagnose, --summary and --browse may "
		    "be given\n"), PACKAGE);
		return (usage_error());
	}
	o->mode = m;
	return (0);
}

/* --since or --until TIME (opt says which) into o; -1 when it is none. */
static int
parse_time(struct options *o, int opt, const char *arg)
{
	long long	 t;

	if (when_parse_arg(arg, (long long)time(NULL), &t) != 0) {
		utf8_eprintf(_("%1$s: %2$s takes a time such as 2026-12-02, "
		    "\"2026-12-02 15:00\", 2026-12-02T15:00:00Z, today or 2h "
		    "(ago), not '%3$s'\n"), PACKAGE, opt == OPT_SINCE ?
		    "--since" : "--until", arg);
		return (-1);
	}
	if (opt == OPT_SINCE) {
		o->has_since = 1;
		o->since = t;
	} else {
		o->has_until = 1;
		o->until = t;
	}
	return (0);
}

/*
 * Every operand is "-" or names a file that exists, and none is a code:
 * a file called 550 in the working directory does not hide the code.
 */
static int
operands_are_files(const struct options *o)
{
	struct stat	 st;
	int		 i;

	if (o->nargs == 0)
		return (0);
	for (i = 0; i < o->nargs; i++) {
		if (strcmp(o->args[i], "-") == 0)
			continue;
		if (code_is_any(o->args[i]) || stat(o->args[i], &st) != 0 ||
		    S_ISDIR(st.st_mode))
			return (0);
	}
	return (1);
}

/*
 * The rotation number of name as logrotate and newsyslog write it
 * ("mail.log.2.gz" is 2, "mail.log" 0), or -1 for a name of no log.
 */
static long
rotation(const char *name, size_t *baselen)
{
	const char	*p, *dot;
	char		*end;
	long		 n;

	*baselen = strlen(name);
	dot = strrchr(name, '.');
	if (dot != NULL && strcmp(dot, ".gz") == 0) {
		*baselen = (size_t)(dot - name);
		for (p = dot - 1; p > name && *p != '.'; p--)
			;
		if (p <= name || *p != '.')
			return (-1);
		dot = p;
	} else if (dot == NULL)
		return (0);
	n = strtol(dot + 1, &end, 10);
	if (end == dot + 1 || (*end != '\0' && strcmp(end, ".gz") != 0) ||
	    n < 0)
		return (0);
	*baselen = (size_t)(dot - name);
	return (n);
}

/* Oldest first: mail.log.3.gz, mail.log.2.gz, mail.log.1, mail.log. */
static int
by_rotation(const void *a, const void *b)
{
	const char	*x = strrchr(*(char *const *)a, '/') + 1;
	const char	*y = strrchr(*(char *const *)b, '/') + 1;
	size_t		 xl, yl;
	long		 xn = rotation(x, &xl), yn = rotation(y, &yl);
	int		 c;

	if ((c = strncmp(x, y, xl < yl ? xl : yl)) != 0 || xl != yl)
		return (c != 0 ? c : (xl < yl ? -1 : 1));
	return (xn > yn ? -1 : xn < yn ? 1 : 0);
}

int
options_dir_files(const char *dir, struct arena *names, char ***files,
    size_t *nfiles)
{
	struct dirent	*de;
	struct stat	 st;
	struct buf	 path;
	char		**v = *files;
	size_t		 n = *nfiles, cap = n, first = n;
	DIR		*dp;

	if ((dp = opendir(dir)) == NULL)
		return (-1);
	buf_init(&path);
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if (stat(path.data, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = arena_strdup(names, path.data);
	}
	closedir(dp);
	buf_free(&path);
	if (n > first)
		qsort(v + first, n - first, sizeof *v, by_rotation);
	*files = v;
	*nfiles = n;
	return (0);
}

/*
 * A directory operand of --summary stands for its files, as
 * options_dir_files() lists them.  (--diagnose opens its operands on its
 * workers and lists a directory there: a stat of every operand here, in
 * the one thread, cost 6% of a run over thousands of files.)
 */
static int
expand_dirs(struct options *o)
{
	struct stat	 st;
	char		**v = NULL;
	size_t		 n = 0, cap = 0;
	int		 i, dirs = 0;

	for (i = 0; i < o->nargs; i++)
		dirs += stat(o->args[i], &st) == 0 && S_ISDIR(st.st_mode);
	if (dirs == 0)
		return (0);
	for (i = 0; i < o->nargs; i++) {
		if (stat(o->args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = o->args[i];
			continue;
		}
		/* The array holds n at least: a cap of n is safe. */
		if (options_dir_files(o->args[i], &o->paths, &v, &n) != 0) {
			utf8_eprintf("%s: %s: %s\n", PACKAGE, o->args[i],
			    strerror(errno));
			free(v);
			return (2);
		}
		cap = n;
	}
	o->expanded = v;
	o->args = v;
	o->nargs = (int)n;
	return (0);
}

void
options_free(struct options *o)
{
	free(o->expanded);
	o->expanded = NULL;
	arena_free(&o->paths);
}

int
options_parse(int argc, char **argv, struct options *o)
{
	unsigned char	 addr[16];
	char		*end;
	long		 v;
	int		 c;

	memset(o, 0, sizeof *o);
	arena_init(&o->paths);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":sldbjw:hV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 's':
			if (set_mode(o, MODE_SEARCH) != 0)
				return (2);
			break;
		case 'l':
			if (set_mode(o, MODE_LIST) != 0)
				return (2);
			break;
		case OPT_LIST_CATEGORIES:
			if (set_mode(o, MODE_LIST_CATEGORIES) != 0)
				return (2);
			break;
		case 'd':
			if (set_mode(o, MODE_DIAGNOSE) != 0)
				return (2);
			break;
		case 'b':
			if (set_mode(o, MODE_BROWSE) != 0)
				return (2);
			break;
		case OPT_SUMMARY:
			if (set_mode(o, MODE_SUMMARY) != 0)
				return (2);
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (parse_time(o, c, optarg) != 0)
				return (usage_error());
			break;
		case OPT_DOMAIN:
			if (optarg[0] == '\0' || strlen(optarg) > 255) {
				utf8_eprintf(_("%s: --domain takes a domain "
				    "name, not '%s'\n"), PACKAGE, optarg);
				return (usage_error());
			}
			o->domain = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		case OPT_CHECK:
			o->check = 1;
			break;
		case OPT_RESOLVER:
			o->resolver = optarg;
			break;
		case OPT_IP:
			if (inet_pton(AF_INET, optarg, addr) != 1 &&
			    inet_pton(AF_INET6, optarg, addr) != 1) {
				utf8_eprintf(_("%s: --ip takes an IPv4 or "
				    "IPv6 address, not '%s'\n"), PACKAGE,
				    optarg);
				return (usage_error());
			}
			o->ip = optarg;
			break;
		case OPT_TIMEOUT:
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 ||
			    v > 60) {
				utf8_eprintf(_("%s: --timeout takes a number "
				    "of seconds from 1 to 60, not '%s'\n"),
				    PACKAGE, optarg);
				return (usage_error());
			}
			o->timeout = (int)v;
			break;
		case OPT_CLASS:
			if (strlen(optarg) != 1 || optarg[0] < '2' ||
			    optarg[0] > '5') {
				utf8_eprintf(_("%s: --class takes 2, 3, 4 "
				    "or 5, not '%s'\n"), PACKAGE, optarg);
				return (usage_error());
			}
			o->klass = optarg[0] - '0';
			break;
		case OPT_CATEGORY:
			if (category_find(optarg) < 0) {
				size_t i;
				utf8_eprintf(_("%s: unknown category '%s'; "
				    "the categories are:"), PACKAGE, optarg);
				for (i = 0; i < ncategories; i++)
					utf8_eprintf(" %s", categories[i].id);
				utf8_eprintf("\n");
				return (2);
			}
			o->category = optarg;
			break;
		case 'w':
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 20 ||
			    v > 1000) {
				utf8_eprintf(_("%s: --width takes a number "
				    "from 20 to 1000, not '%s'\n"), PACKAGE,
				    optarg);
				return (usage_error());
			}
			o->width = (int)v;
			break;
		case OPT_DATA:
			o->data = optarg;
			break;
		case OPT_JOBS:
			v = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || v < 1 ||
			    v > POOL_MAX_THREADS) {
				utf8_eprintf(_("%s: --jobs takes a number "
				    "from 1 to %d, not '%s'\n"), PACKAGE,
				    POOL_MAX_THREADS, optarg);
				return (usage_error());
			}
			o->jobs = (int)v;
			break;
		case 'h':
			o->mode = MODE_HELP;
			return (0);
		case 'V':
			o->mode = MODE_VERSION;
			return (0);
		case OPT_HELP_KEYS:
			o->mode = MODE_HELP_KEYS;
			return (0);
		case ':':
			utf8_eprintf(_("%s: option '%s' needs an argument\n"),
			    PACKAGE, argv[optind - 1]);
			return (usage_error());
		default:
			if (optopt != 0)
				utf8_eprintf(_("%s: unknown option '-%c'\n"),
				    PACKAGE, optopt);
			else
				utf8_eprintf(_("%s: unknown option '%s'\n"),
				    PACKAGE, argv[optind - 1]);
			return (usage_error());
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if ((o->klass != 0 || o->category != NULL) && o->mode != MODE_LIST &&
	    o->mode != MODE_BROWSE) {
		utf8_eprintf(_("%s: --class and --category go with --list "
		    "or --browse\n"), PACKAGE);
		return (usage_error());
	}
	if (o->jobs != 0 && o->mode != MODE_DIAGNOSE) {
		utf8_eprintf(_("%s: --jobs goes with --diagnose\n"),
		    PACKAGE);
		return (usage_error());
	}
	if (o->check && o->mode != MODE_DIAGNOSE) {
		utf8_eprintf(_("%s: --check goes with --diagnose\n"),
		    PACKAGE);
		return (usage_error());
	}
	if ((o->has_since || o->has_until || o->domain != NULL) &&
	    o->mode != MODE_SUMMARY) {
		utf8_eprintf(_("%s: --since, --until and --domain go with "
		    "--summary\n"), PACKAGE);
		return (usage_error());
	}
	if (o->has_since && o->has_until && o->since > o->until) {
		utf8_eprintf(_("%s: --since is after --until\n"), PACKAGE);
		return (usage_error());
	}
	if (o->mode == MODE_SEARCH && o->nargs == 0) {
		utf8_eprintf(_("%s: --search needs words to search for\n"),
		    PACKAGE);
		return (usage_error());
	}
	if ((o->mode == MODE_DEFAULT || o->mode == MODE_BROWSE) &&
	    operands_are_files(o))
		o->files = 1;
	if (o->mode == MODE_SUMMARY && expand_dirs(o) != 0)
		return (2);
	/* The browser runs the checks on its c key: they are its too. */
	if ((o->resolver != NULL || o->ip != NULL || o->timeout != 0) &&
	    !o->check && o->mode != MODE_BROWSE && (o->mode != MODE_DEFAULT ||
	    (o->nargs != 0 && !o->files))) {
		utf8_eprintf(_("%s: --resolver, --ip and --timeout go with "
		    "--check or the browser\n"), PACKAGE);
		return (usage_error());
	}
	if (o->mode == MODE_BROWSE && o->nargs > 1) {
		utf8_eprintf(o->files ? _("%s: --browse opens one file\n") :
		    _("%s: --browse takes at most one code\n"), PACKAGE);
		return (usage_error());
	}
	return (0);
}

const char *
options_exe_path(void)
{
	static char	 exe[PATH_MAX];
	ssize_t		 n;

	if (exe[0] == '\0') {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		exe[n > 0 ? n : 0] = '\0';
	}
	return (exe);
}

const char *
options_data_path(const struct options *o)
{
	return (datadir_resolve(o->data, getenv(DATA_ENV), options_exe_path()));
}

const char *
options_rules_dir(const struct options *o)
{
	const char	*path = options_data_path(o);

	if (!datadir_is_dir(path)) {
		path = datadir_resolve(NULL, getenv(DATA_ENV),
		    options_exe_path());
		if (!datadir_is_dir(path))
			path = datadir_resolve(NULL, NULL, options_exe_path());
	}
	return (path);
}

int
options_data_error(const struct load_error *err)
{
	char	 msg[LOAD_ERROR_TEXT_MAX];

	load_error_format(err, PACKAGE, msg, sizeof msg);
	utf8_eprintf("%s\n", msg);
	return (2);
}

int
options_load_catalog(const struct options *o, struct catalog *c)
{
	struct load_error	 err;

	if (catalog_load_path(c, options_data_path(o), &err) != 0)
		return (options_data_error(&err));
	return (0);
}

int
options_load_rules(const struct options *o, struct rules *rs)
{
	struct load_error	 err;

	if (rules_load_dir(rs, options_rules_dir(o), &err) != 0)
		return (options_data_error(&err));
	return (0);
}

struct rules_loader {
	const char		*dir;
	struct rules		*rs;
	struct load_error	 err;
	int			 failed;
};

static void *
rules_loader_run(void *arg)
{
	struct rules_loader	*l = arg;

	l->failed = rules_load_dir(l->rs, l->dir, &l->err) != 0;
	return (NULL);
}

int
options_load_data(const struct options *o, struct catalog *c,
    struct rules *rs)
{
	struct rules_loader	 l;
	struct load_error	 err;
	pthread_t		 t;
	int			 threaded, cat_failed;

	/* Both paths are found here: the exe path's cache is not shared. */
	memset(&l, 0, sizeof l);
	l.dir = options_rules_dir(o);
	l.rs = rs;
	threaded = thread_start_quiet(&t, rules_loader_run, &l) == 0;
	cat_failed = catalog_load_path(c, options_data_path(o), &err) != 0;
	if (threaded)
		pthread_join(t, NULL);
	else
		rules_loader_run(&l);
	/* Told in a fixed order, whichever thread finished first. */
	if (cat_failed)
		return (options_data_error(&err));
	if (l.failed)
		return (options_data_error(&l.err));
	return (0);
}
