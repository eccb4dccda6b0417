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
		json_str(b, &first, "text", v[i].text);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

void
json_entry(struct buf *b, const struct entry *e)
{
	int	 first = 1;

	buf_addc(b, '{');
	json_str(b, &first, "code", e->code);
	json_str(b, &first, "family", e->family);
	json_str(b, &first, "kind", kind_name(e->kind));
	json_int(b, &first, "class", e->klass, e->klass != 0);
	json_str(b, &first, "category", categories[e->category].id);
	json_str(b, &first, "category_title", categories[e->category].title);
	json_str(b, &first, "group", group_title(e->group));
	json_str(b, &first, "title", e->title);
	json_str(b, &first, "meaning", e->meaning);
	json_key(b, &first, "causes");
	json_string_array(b, e->causes.v, e->causes.n);
	json_key(b, &first, "fixes");
	json_string_array(b, e->fixes.v, e->fixes.n);
	json_str(b, &first, "retry", retry_name(e->retry));
	json_str(b, &first, "retry_note", e->retry_note);
	json_str(b, &first, "frequency", frequency_name(e->frequency));
	json_str(b, &first, "importance", importance_name(e->importance));
	json_str(b, &first, "source", e->source);
	json_key(b, &first, "related");
	json_string_array(b, e->related.v, e->related.n);
	json_key(b, &first, "examples");
	json_labelled(b, e->examples, e->nexamples, "provider");
	json_key(b, &first, "providers");
	json_labelled(b, e->providers, e->nproviders, "provider");
	json_str(b, &first, "note", e->note);
	json_str(b, &first, "guide_type", e->guide_type);
	json_str(b, &first, "range", e->range);
	buf_addc(b, '}');
}
