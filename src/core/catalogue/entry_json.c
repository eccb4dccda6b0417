/* A catalogue entry as one JSON object, every field. */
#include "config.h"

#include <string.h>

#include "base/json.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "catalogue/entry_json.h"

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
