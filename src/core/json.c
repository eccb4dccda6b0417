/* JSON output for scripts: JSON Lines of entries and diagnoses. */
#include "config.h"

#include <string.h>

#include "catalog.h"
#include "category.h"
#include "json.h"
#include "utf8.h"

void
json_string(struct buf *b, const char *s, size_t len)
{
	/* Printable ASCII but '"' and '\\': copied as they are. */
	static const unsigned char plain[256] = {	/* 128 to 255: 0 */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	};
	size_t		 i = 0, run, n;
	uint32_t	 cp;

	buf_reserve(b, len + 2);
	buf_addc(b, '"');
	while (i < len) {
		for (run = i; run < len && plain[(unsigned char)s[run]]; run++)
			;
		if (run > i) {
			buf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && n == 1)
			buf_adds(b, "\\ufffd");
		else if (cp == '"')
			buf_adds(b, "\\\"");
		else if (cp == '\\')
			buf_adds(b, "\\\\");
		else if (cp == '\n')
			buf_adds(b, "\\n");
		else if (cp == '\t')
			buf_adds(b, "\\t");
		else if (cp == '\r')
			buf_adds(b, "\\r");
		else if (utf8_cp_dangerous(cp))
			buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			buf_add(b, s + i, n);
		i += n;
	}
	buf_addc(b, '"');
}

void
json_cstring(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		json_string(b, s, strlen(s));
}

void
json_key(struct buf *b, int *first, const char *key)
{
	if (!*first)
		buf_addc(b, ',');
	*first = 0;
	json_cstring(b, key);
	buf_addc(b, ':');
}

void
json_string_array(struct buf *b, const char *const *v, size_t n)
{
	size_t	 i;

	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addc(b, ',');
		json_cstring(b, v[i]);
	}
	buf_addc(b, ']');
}

static void
json_labelled(struct buf *b, const struct labelled *v, size_t n,
    const char *label_key)
{
	size_t	 i;
	int	 first;

	buf_addc(b, '[');
	for (i = 0; i < n; i++) {
		if (i != 0)
			buf_addc(b, ',');
		first = 1;
		buf_addc(b, '{');
		json_key(b, &first, label_key);
		json_cstring(b, v[i].label);
		json_key(b, &first, "text");
		json_cstring(b, v[i].text);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
json_entry(struct buf *b, const struct entry *e)
{
	int	 first = 1;

	buf_addc(b, '{');
	json_key(b, &first, "code");
	json_cstring(b, e->code);
	json_key(b, &first, "family");
	json_cstring(b, e->family);
	json_key(b, &first, "kind");
	json_cstring(b, kind_name(e->kind));
	json_key(b, &first, "class");
	if (e->klass != 0)
		buf_printf(b, "%d", e->klass);
	else
		buf_adds(b, "null");
	json_key(b, &first, "category");
	json_cstring(b, categories[e->category].id);
	json_key(b, &first, "category_title");
	json_cstring(b, categories[e->category].title);
	json_key(b, &first, "group");
	json_cstring(b, group_title(e->group));
	json_key(b, &first, "title");
	json_cstring(b, e->title);
	json_key(b, &first, "meaning");
	json_cstring(b, e->meaning);
	json_key(b, &first, "causes");
	json_string_array(b, e->causes.v, e->causes.n);
	json_key(b, &first, "fixes");
	json_string_array(b, e->fixes.v, e->fixes.n);
	json_key(b, &first, "retry");
	json_cstring(b, retry_name(e->retry));
	json_key(b, &first, "retry_note");
	json_cstring(b, e->retry_note);
	json_key(b, &first, "frequency");
	json_cstring(b, frequency_name(e->frequency));
	json_key(b, &first, "importance");
	json_cstring(b, importance_name(e->importance));
	json_key(b, &first, "source");
	json_cstring(b, e->source);
	json_key(b, &first, "related");
	json_string_array(b, e->related.v, e->related.n);
	json_key(b, &first, "examples");
	json_labelled(b, e->examples, e->nexamples, "provider");
	json_key(b, &first, "providers");
	json_labelled(b, e->providers, e->nproviders, "provider");
	json_key(b, &first, "note");
	json_cstring(b, e->note);
	json_key(b, &first, "guide_type");
	json_cstring(b, e->guide_type);
	buf_addc(b, '}');
}
