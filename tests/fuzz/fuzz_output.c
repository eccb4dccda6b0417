/*
 * Fuzz target: the --diagnose output path, parse -> diagnose -> the
 * text report and the JSON line, on arbitrary bytes and an arbitrary
 * input name.  The text must hold no control character but newline,
 * no DEL, no C1 control and no bidi control, and must be valid UTF-8;
 * every JSON line must parse and hold none of them raw either.  The
 * --summary table and JSON Lines of the same records too, and every
 * line of the table fits the width.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "diagnose/diagnose.h"
#include "fuzz.h"
#include "diagnose/rules.h"
#include "diagnose/summary.h"
#include "base/utf8.h"
#include "diagnose/verdict_out.h"
#include "../unit/jsoncheck.h"

static struct catalog	 cat;
static struct rules	 rules;
static int		 loaded;

/* What a terminal may be sent: see verdict_out.h. */
static void
check_terminal_safe(const struct buf *b)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	if (!utf8_valid(b->data != NULL ? b->data : "", b->len, NULL))
		abort();
	while (i < b->len) {
		n = utf8_decode(b->data + i, b->len - i, &cp);
		if (cp != '\n' && utf8_cp_dangerous(cp))
			abort();
		i += n;
	}
}

static void
check_json_lines(const struct buf *b)
{
	const char	*p, *end, *nl;

	check_terminal_safe(b);
	if (b->len == 0)
		return;
	p = b->data;
	end = b->data + b->len;
	if (end[-1] != '\n')
		abort();
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!json_valid(p, (size_t)(nl - p)))
			abort();
	}
}

/* No line of the summary's table wider than width columns. */
static void
check_width(const struct buf *b, size_t width)
{
	const char	*p, *end, *nl;

	if (b->len == 0)
		return;
	end = b->data + b->len;
	for (p = b->data; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			abort();
		if (utf8_display_width(p, (size_t)(nl - p)) > width)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_error	 err;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 scratch;
	struct buf		 text, json;
	struct summary		 sum;
	long long		 when;
	char			 source[65];
	const char		*in = (const char *)data, *nl;
	size_t			 i, width = 80, n;

	if (!loaded) {
		catalog_init(&cat);
		rules_init(&rules);
		if (catalog_load_path(&cat, FUZZ_DATADIR, &err) != 0 ||
		    rules_load_dir(&rules, FUZZ_DATADIR, &err) != 0)
			abort();
		loaded = 1;
	}
	/* The first byte picks the width; an odd one, a hostile name too. */
	snprintf(source, sizeof source, "bounce.eml");
	if (size > 0) {
		width = 20 + data[0] % 180;
		if ((data[0] & 1) && (nl = memchr(in + 1, '\n',
		    size - 1)) != NULL) {
			n = (size_t)(nl - in - 1);
			n = n < sizeof source - 1 ? n : sizeof source - 1;
			memcpy(source, in + 1, n);
			source[n] = '\0';
			size -= (size_t)(nl + 1 - in);
			in = nl + 1;
		} else {
			in++;
			size--;
		}
	}
	bounce_doc_init(&d);
	buf_init(&text);
	buf_init(&json);
	bounce_parse(&d, in, size, NULL, BOUNCE_BRIEF);
	arena_init(&scratch);
	summary_init(&sum, NULL, 4);
	for (i = 0; i < d.nrcpts; i++) {
		diagnose(&rules, &cat, &d, i, &v, &scratch);
		verdict_text(&text, source, &v, &d, width);
		verdict_json(&json, source, &v, &d);
		if (summary_want(&sum, &d, i, &when))
			summary_add(&sum, &v, &d, when, source, 1);
	}
	if (d.nrcpts == 0)
		verdict_none_text(&text, source, &d, width);
	arena_free(&scratch);
	check_terminal_safe(&text);
	check_json_lines(&json);
	summary_note_cut(&sum, &d);
	buf_reset(&text);
	buf_reset(&json);
	summary_text(&sum, &text, width);
	summary_json(&sum, &json);
	check_terminal_safe(&text);
	check_width(&text, width);
	check_json_lines(&json);
	summary_free(&sum);
	buf_free(&text);
	buf_free(&json);
	bounce_doc_free(&d);
	return (0);
}
