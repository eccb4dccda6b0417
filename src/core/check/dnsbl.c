/* The DNS blocklists the checks ask, read from data/checks/dnsbl.txt. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalog.h"
#include "check/dnscheck.h"
#include "base/datadir.h"
#include "base/stanza.h"

#define DNSBL_MAX	16	/* blocklists asked: the findings' room */

static const struct stanza_format format = {
	.paragraphs = 0,
	.max_value = 1024,
	.max_fields = 8,
};

struct loader {
	struct dnsbl_list	*l;
	struct stanza_reader	*rd;
	struct dnsbl		 cur;
	unsigned		 line;
};

static int
field(void *arg, const struct stanza_item *it)
{
	static const char *const names[] = { "name", "zone", "removal",
	    "source" };
	struct loader	*ld = arg;
	char		**slot[4];
	size_t		 i;

	slot[0] = &ld->cur.name;
	slot[1] = &ld->cur.zone;
	slot[2] = &ld->cur.removal;
	slot[3] = &ld->cur.source;
	if (ld->line == 0)
		ld->line = it->line;
	for (i = 0; i < 4; i++) {
		if (it->namelen != strlen(names[i]) ||
		    strncmp(it->name, names[i], it->namelen) != 0)
			continue;
		if (*slot[i] != NULL)
			return (stanza_fail(ld->rd, it->line,
			    "'%s' given twice", names[i]));
		*slot[i] = xstrdup(it->value);
		return (0);
	}
	return (stanza_unknown(ld->rd, it));
}

static void
dnsbl_clear(struct dnsbl *b)
{
	free(b->name);
	free(b->zone);
	free(b->removal);
	free(b->source);
	memset(b, 0, sizeof *b);
}

static int
end(void *arg)
{
	struct loader	*ld = arg;
	struct dnsbl	*b = &ld->cur;
	size_t		 cap;

	if (b->name == NULL || b->zone == NULL || b->removal == NULL ||
	    b->source == NULL) {
		dnsbl_clear(b);
		return (stanza_fail(ld->rd, ld->line, "a blocklist needs "
		    "name, zone, removal and source"));
	}
	if (strspn(b->zone, "abcdefghijklmnopqrstuvwxyz0123456789.-") !=
	    strlen(b->zone)) {
		dnsbl_clear(b);
		return (stanza_fail(ld->rd, ld->line, "zone is not a "
		    "lower-case domain name"));
	}
	if (ld->l->n == DNSBL_MAX) {
		dnsbl_clear(b);
		return (stanza_fail(ld->rd, ld->line, "more than %d "
		    "blocklists", DNSBL_MAX));
	}
	cap = ld->l->n;
	ld->l->v = xreallocarray(ld->l->v, cap + 1, sizeof *ld->l->v);
	ld->l->v[ld->l->n++] = *b;
	memset(b, 0, sizeof *b);
	ld->line = 0;
	return (0);
}

int
dnsbl_load(struct dnsbl_list *l, const char *dir, struct load_error *err)
{
	static const struct stanza_ops	 ops = { field, end };
	static const char		 name[] = "checks/dnsbl.txt";
	struct stanza_reader		 rd;
	struct loader			 ld;
	struct buf			 path;
	char				*text;
	size_t				 len;
	int				 rc;

	memset(l, 0, sizeof *l);
	buf_init(&path);
	buf_printf(&path, "%s/%s", dir, name);
	rc = datafile_read(path.data, name, &text, &len, err);
	buf_free(&path);
	if (rc != 0)
		return (-1);
	memset(&ld, 0, sizeof ld);
	ld.l = l;
	ld.rd = &rd;
	if ((rc = stanza_open(&rd, &format, name, text, len, err)) == 0)
		rc = stanza_read(&rd, &ops, &ld);
	stanza_close(&rd);
	dnsbl_clear(&ld.cur);
	free(text);
	if (rc != 0)
		dnsbl_free(l);
	return (rc);
}

void
dnsbl_free(struct dnsbl_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		dnsbl_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}
