/* The command-line front end: a thin layer over the core. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "cli.h"
#include "base/i18n.h"
#include "base/json.h"
#include "catalogue/entry_json.h"
#include "options.h"
#include "catalogue/render.h"
#include "catalogue/search.h"
#include "diagnose/rules.h"
#include "tui/tui.h"
#include "base/utf8.h"

#define MAX_MATCHES	64

static size_t
output_width(const struct options *o)
{
	struct winsize	 ws;
	const char	*cols;
	long		 v;

	if (o->width != 0)
		return ((size_t)o->width);
	if ((cols = getenv("COLUMNS")) != NULL && (v = atol(cols)) >= 20 &&
	    v <= 1000)
		return ((size_t)v);
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return (ws.ws_col);
	return (80);
}

static void
print_entry(const struct catalog *c, const struct entry *e, size_t width,
    int json, int *count)
{
	struct buf	 b;
	struct rdoc	 d;
	size_t		 i;

	buf_init(&b);
	if (json) {
		json_entry(&b, e);
		buf_addc(&b, '\n');
	} else {
		if (*count != 0)
			buf_addc(&b, '\n');
		rdoc_init(&d);
		render_entry(c, e, width, &d);
		for (i = 0; i < d.n; i++) {
			buf_adds(&b, d.v[i].text);
			buf_addc(&b, '\n');
		}
		rdoc_free(&d);
	}
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	(*count)++;
}

/* One summary line: code, title, category. */
static void
print_line(const struct entry *e, size_t width)
{
	struct buf	 b, line;
	size_t		 room;

	buf_init(&b);
	buf_init(&line);
	buf_printf(&b, "%-10s %s%s", e->code, C_(e->title),
	    e->kind == KIND_NONSTANDARD ? " *" : "");
	utf8_sanitize(b.data, b.len, &line, 0, 0);
	room = width;
	if (utf8_display_width(line.data, line.len) > room) {
		/* Cut on a character boundary, then mark the cut. */
		size_t i = 0, w = 0, n;
		uint32_t cp;
		while (i < line.len) {
			n = utf8_decode(line.data + i, line.len - i, &cp);
			int cw = utf8_cp_width(cp);
			if (w + (size_t)(cw < 0 ? 1 : cw) + 1 > room)
				break;
			w += (size_t)(cw < 0 ? 1 : cw);
			i += n;
		}
		line.len = i;
		buf_adds(&line, "\xe2\x80\xa6");
	}
	printf("%s\n", line.data);
	buf_free(&b);
	buf_free(&line);
}

/* Pull the code-looking words out of an operand: "550 5.7.1" -> two. */
static int
split_codes(const char *arg, char codes[][32], int max, int *other)
{
	const char	*s = arg, *e;
	int		 n = 0;
	char		 tok[32];

	*other = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',' || *s == '-')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != ',' && *e != '-'; e++)
			;
		if ((size_t)(e - s) < sizeof tok) {
			memcpy(tok, s, (size_t)(e - s));
			tok[e - s] = '\0';
			if (code_is_any(tok) && n < max)
				snprintf(codes[n++], 32, "%s", tok);
			else
				*other = 1;
		} else
			*other = 1;
		s = e;
	}
	return (n);
}

static int
run_search(struct catalog *c, const char *query, const struct options *o,
    size_t width)
{
	struct search_hit	*hits;
	size_t			 n, i;
	int			 count = 0;

	hits = xcalloc(c->n + 1, sizeof *hits);
	n = catalog_search(c, query, hits);
	for (i = 0; i < n; i++) {
		if (o->json)
			print_entry(c, &c->entries[hits[i].entry], width, 1,
			    &count);
		else
			print_line(&c->entries[hits[i].entry], width);
	}
	if (n == 0)
		utf8_eprintf(_("%s: nothing matches '%s'\n"), PACKAGE,
		    query);
	else if (!o->json && isatty(STDOUT_FILENO))
		printf(_("\n%zu found. For details: %s CODE\n"), n, PACKAGE);
	free(hits);
	return (n != 0 ? 0 : 1);
}

static int
join_args(const struct options *o, struct buf *q)
{
	int	 i;

	for (i = 0; i < o->nargs; i++) {
		if (i != 0)
			buf_addc(q, ' ');
		buf_adds(q, o->args[i]);
	}
	return (q->len != 0);
}

static int
run_lookup(struct catalog *c, const struct options *o, size_t width)
{
	const struct entry	*found[MAX_MATCHES];
	char			 codes[8][32];
	struct buf		 words;
	size_t			 n, k;
	int			 i, j, ncodes, other, count = 0, missing = 0;

	buf_init(&words);
	for (i = 0; i < o->nargs; i++) {
		ncodes = split_codes(o->args[i], codes, 8, &other);
		if (ncodes == 0) {
			if (words.len != 0)
				buf_addc(&words, ' ');
			buf_adds(&words, o->args[i]);
			continue;
		}
		for (j = 0; j < ncodes; j++) {
			n = catalog_lookup(c, codes[j], found, MAX_MATCHES);
			if (n == 0 &&
			    (n = catalog_fallback(c, codes[j], found,
			    MAX_MATCHES)) != 0)
				utf8_eprintf(_("%s: %s is not in the "
				    "catalogue; here is what its class and "
				    "subject say\n"), PACKAGE, codes[j]);
			if (n == 1 && found[0]->range != NULL &&
			    strcasecmp(found[0]->code, codes[j]) != 0)
				utf8_eprintf(_("%1$s: %2$s has no entry of its "
				    "own; %3$s stands for the codes %4$s\n"),
				    PACKAGE, codes[j], found[0]->code,
				    found[0]->range);
			if (n == 0) {
				utf8_eprintf(_("%s: %s: no such code in the "
				    "catalogue\n"), PACKAGE, codes[j]);
				missing = 1;
			}
			for (k = 0; k < n; k++)
				print_entry(c, found[k], width, o->json, &count);
		}
	}
	if (words.len != 0) {
		/* Words that are not codes: the user wants a search. */
		if (count == 0 && !missing) {
			int rc = run_search(c, words.data, o, width);
			buf_free(&words);
			return (rc);
		}
		utf8_eprintf(_("%s: '%s' is not a code (use --search to "
		    "search the text)\n"), PACKAGE, words.data);
	}
	buf_free(&words);
	return (count != 0 ? 0 : 1);
}

static int
run_list(struct catalog *c, const struct options *o, size_t width)
{
	size_t	 i;
	int	 cat = o->category != NULL ? category_find(o->category) : -1;
	int	 count = 0, last_group = -1, last_cat = -1;

	for (i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i];

		if (o->klass != 0 && e->klass != o->klass)
			continue;
		if (cat >= 0 && e->category != cat)
			continue;
		if (o->json) {
			print_entry(c, e, width, 1, &count);
			continue;
		}
		if ((int)e->group != last_group || e->category != last_cat) {
			printf("%s%s \xe2\x80\x94 %s\n", count != 0 ? "\n" : "",
			    _(group_title(e->group)),
			    C_(categories[e->category].title));
			last_group = (int)e->group;
			last_cat = e->category;
		}
		printf("  ");
		print_line(e, width - 2);
		count++;
	}
	return (count != 0 ? 0 : 1);
}

static int
run_list_categories(const struct options *o)
{
	struct buf	 b;
	size_t		 i;
	int		 first;

	buf_init(&b);
	for (i = 0; i < ncategories; i++) {
		if (o->json) {
			first = 1;
			buf_addc(&b, '{');
			json_key(&b, &first, "id");
			json_cstring(&b, categories[i].id);
			json_key(&b, &first, "title");
			json_cstring(&b, C_(categories[i].title));
			buf_adds(&b, "}\n");
		} else
			buf_printf(&b, "%-10s %s\n", categories[i].id,
			    C_(categories[i].title));
	}
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return (0);
}

int
cli_main(const struct options *o)
{
	struct catalog	 c;
	struct rules	 rs;
	struct buf	 q;
	size_t		 width = output_width(o);
	int		 rc;

	switch (o->mode) {
	case MODE_HELP:
		options_usage(stdout);
		return (0);
	case MODE_HELP_KEYS:
		tui_print_keys(stdout);
		return (0);
	case MODE_VERSION:
		printf("%s %s\n", PACKAGE, VERSION);
		puts("Copyright (C) 2026 the smtp-doctor authors.");
		puts(_("License GPLv3+: GNU GPL version 3 or later "
		    "<https://gnu.org/licenses/gpl.html>.\n"
		    "This is free software: you are free to change and "
		    "redistribute it.\n"
		    "There is NO WARRANTY, to the extent permitted by law."));
		return (0);
	case MODE_LIST_CATEGORIES:
		return (run_list_categories(o));
	case MODE_DEFAULT:
		if (o->nargs == 0) {
			options_usage(stderr);
			return (2);
		}
		break;
	default:
		break;
	}

	catalog_init(&c);
	rules_init(&rs);
	if (o->mode == MODE_DIAGNOSE || o->mode == MODE_SUMMARY)
		rc = options_load_data(o, &c, &rs);
	else
		rc = options_load_catalog(o, &c);
	if (rc != 0) {
		rules_free(&rs);
		catalog_free(&c);
		return (rc);
	}
	switch (o->mode) {
	case MODE_SEARCH:
		buf_init(&q);
		join_args(o, &q);
		rc = run_search(&c, q.data, o, width);
		buf_free(&q);
		break;
	case MODE_LIST:
		rc = run_list(&c, o, width);
		break;
	case MODE_DIAGNOSE:
		rc = cli_diagnose(o, &c, &rs, width);
		break;
	case MODE_SUMMARY:
		rc = cli_summary(o, &c, &rs, width);
		break;
	default:
		rc = run_lookup(&c, o, width);
		break;
	}
	rules_free(&rs);
	catalog_free(&c);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		utf8_eprintf("%s: %s: %s\n", PACKAGE, _("write error"),
		    strerror(errno));
		return (2);
	}
	return (rc);
}
