/* JSON output for scripts: escaped strings, keys and arrays. */
#include "config.h"

#include <string.h>

#include "base/json.h"
#include "base/utf8.h"

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
json_str(struct buf *b, int *first, const char *key, const char *s)
{
	json_key(b, first, key);
	json_cstring(b, s);
}

void
json_bool(struct buf *b, int *first, const char *key, int v)
{
	json_key(b, first, key);
	buf_adds(b, v ? "true" : "false");
}

void
json_int(struct buf *b, int *first, const char *key, long long v, int known)
{
	json_key(b, first, key);
	if (known)
		buf_printf(b, "%lld", v);
	else
		buf_adds(b, "null");
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
