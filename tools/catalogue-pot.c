/*
 * Write the PO template of the catalogue text domain: every translatable
 * string of the data files, read with the real loader so that msgids
 * match what the program looks up byte for byte.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/datadir.h"
#include "diagnose/rules.h"

struct msg {
	const char	*id;
	struct buf	 refs;
	const char	*comment;
};

static struct msg	*msgs;
static size_t		 nmsgs, capmsgs;
static const char	*datadir;

static struct msg *
find(const char *id)
{
	size_t	 i;

	/* Linear: a few thousand strings, run by maintainers only. */
	for (i = 0; i < nmsgs; i++) {
		if (strcmp(msgs[i].id, id) == 0)
			return (&msgs[i]);
	}
	return (NULL);
}

static void
add(const char *id, const char *file, unsigned line, const char *comment)
{
	struct msg	*m;
	size_t		 dl = strlen(datadir);

	if (id == NULL || *id == '\0')
		return;
	if ((m = find(id)) == NULL) {
		if (nmsgs == capmsgs) {
			capmsgs = capmsgs ? capmsgs * 2 : 1024;
			msgs = xreallocarray(msgs, capmsgs, sizeof *msgs);
		}
		m = &msgs[nmsgs++];
		m->id = id;
		m->comment = comment;
		buf_init(&m->refs);
	}
	if (file == NULL)
		return;
	if (strncmp(file, datadir, dl) == 0 && file[dl] == '/')
		file += dl + 1;
	buf_printf(&m->refs, " data/%s:%u", file, line);
}

static void
quote(const char *s)
{
	fputc('"', stdout);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n\"\n\"", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		default:
			fputc(*s, stdout);
		}
	}
	fputc('"', stdout);
}

int
main(int argc, char **argv)
{
	struct catalog		 c;
	struct rules		 rs;
	struct load_error	 err;
	size_t			 i, j;

	if (argc != 2) {
		fprintf(stderr, "usage: catalogue-pot DATADIR\n");
		return (2);
	}
	datadir = argv[1];
	catalog_init(&c);
	if (catalog_load_path(&c, datadir, &err) != 0) {
		fprintf(stderr, "%s:%u: %s\n", err.file, err.line, err.message);
		return (2);
	}
	rules_init(&rs);
	if (rules_load_dir(&rs, datadir, &err) != 0) {
		fprintf(stderr, "%s:%u: %s\n", err.file, err.line, err.message);
		return (2);
	}
	for (i = 0; i < ncategories; i++)
		add(categories[i].title, NULL, 0, "category");
	for (i = 0; i < c.n; i++) {
		const struct entry *e = &c.entries[i];

		add(e->title, e->file, e->line, "title");
		add(e->meaning, e->file, e->line, "meaning");
		for (j = 0; j < e->causes.n; j++)
			add(e->causes.v[j], e->file, e->line, "likely cause");
		for (j = 0; j < e->fixes.n; j++)
			add(e->fixes.v[j], e->file, e->line,
			    "fix step (keep `commands` as they are)");
		add(e->retry_note, e->file, e->line, "retry advice");
		add(e->note, e->file, e->line, "note");
		for (j = 0; j < e->nproviders; j++)
			add(e->providers[j].text, e->file, e->line,
			    "what a provider means");
		add(e->source, e->file, e->line, "defining document");
	}
	/* The diagnosis speaks in the same domain: reasons and next steps. */
	for (i = 0; i < rs.nreasons; i++) {
		const struct reason_def *r = &rs.reasons[i];

		add(r->title, r->file, r->line, "diagnosis: what happened");
		add(r->retry_note, r->file, r->line, "diagnosis: retry advice");
		add(r->retry_note_transient, r->file, r->line,
		    "diagnosis: retry advice for a transient failure");
		for (j = 0; j < r->nsteps; j++)
			add(r->steps[j], r->file, r->line,
			    "diagnosis: next step (keep `commands` as they are)");
		add(r->delayed_title, r->file, r->line,
		    "diagnosis: what happened, for a delay notice");
		for (j = 0; j < r->ndelayed_steps; j++)
			add(r->delayed_steps[j], r->file, r->line,
			    "diagnosis: next step for a delay notice (keep "
			    "`commands` as they are)");
	}
	for (i = 0; i < rs.n; i++) {
		add(rs.v[i].title, rs.v[i].file, rs.v[i].line,
		    "diagnosis: what happened");
		for (j = 0; j < rs.v[i].nsteps; j++)
			add(rs.v[i].steps[j], rs.v[i].file, rs.v[i].line,
			    "diagnosis: next step (keep `commands` as they are)");
	}
	printf("# Catalogue text of smtp-doctor (text domain %s-catalogue).\n"
	    "# Codes, field names and reply strings are not translated.\n"
	    "msgid \"\"\nmsgstr \"\"\n"
	    "\"Project-Id-Version: %s %s\\n\"\n"
	    "\"Report-Msgid-Bugs-To: %s\\n\"\n"
	    "\"Language: \\n\"\n"
	    "\"MIME-Version: 1.0\\n\"\n"
	    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	    "\"Content-Transfer-Encoding: 8bit\\n\"\n\n",
	    PACKAGE, PACKAGE, VERSION, PACKAGE_BUGREPORT);
	for (i = 0; i < nmsgs; i++) {
		printf("#. %s\n", msgs[i].comment);
		if (msgs[i].refs.len != 0)
			printf("#:%s\n", msgs[i].refs.data);
		if (strchr(msgs[i].id, '%') != NULL)
			printf("#, no-c-format\n");
		fputs("msgid ", stdout);
		quote(msgs[i].id);
		fputs("\nmsgstr \"\"\n\n", stdout);
		buf_free(&msgs[i].refs);
	}
	free(msgs);
	rules_free(&rs);
	catalog_free(&c);
	return (0);
}
