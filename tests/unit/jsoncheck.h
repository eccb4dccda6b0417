/* A strict JSON validator for the tests (RFC 8259, UTF-8 checked). */
#ifndef SD_JSONCHECK_H
#define SD_JSONCHECK_H

#include <string.h>

#include "base/utf8.h"

struct jc {
	const char	*s;
	size_t		 i, n;
	int		 depth;
};

static int jc_value(struct jc *);

static void
jc_ws(struct jc *j)
{
	while (j->i < j->n && strchr(" \t\r\n", j->s[j->i]) != NULL)
		j->i++;
}

static int
jc_lit(struct jc *j, const char *lit)
{
	size_t	 l = strlen(lit);

	if (j->n - j->i < l || memcmp(j->s + j->i, lit, l) != 0)
		return (0);
	j->i += l;
	return (1);
}

static int
jc_string(struct jc *j)
{
	uint32_t	 cp;
	size_t		 k;

	if (j->i >= j->n || j->s[j->i] != '"')
		return (0);
	j->i++;
	while (j->i < j->n) {
		unsigned char c = (unsigned char)j->s[j->i];
		if (c == '"') {
			j->i++;
			return (1);
		}
		if (c < 0x20)
			return (0);
		if (c == '\\') {
			if (++j->i >= j->n)
				return (0);
			c = (unsigned char)j->s[j->i];
			if (c == 'u') {
				for (k = 1; k <= 4; k++)
					if (j->i + k >= j->n || strchr(
					    "0123456789abcdefABCDEF",
					    j->s[j->i + k]) == NULL)
						return (0);
				j->i += 5;
				continue;
			}
			if (strchr("\"\\/bfnrt", c) == NULL)
				return (0);
			j->i++;
			continue;
		}
		k = utf8_decode(j->s + j->i, j->n - j->i, &cp);
		if (cp == UTF8_REPLACEMENT && k == 1)
			return (0);
		j->i += k;
	}
	return (0);
}

static int
jc_number(struct jc *j)
{
	size_t	 start = j->i;

	if (j->i < j->n && j->s[j->i] == '-')
		j->i++;
	while (j->i < j->n && strchr("0123456789.eE+-", j->s[j->i]) != NULL)
		j->i++;
	return (j->i > start);
}

static int
jc_value(struct jc *j)
{
	if (++j->depth > 64)
		return (0);
	jc_ws(j);
	if (j->i >= j->n)
		return (0);
	switch (j->s[j->i]) {
	case '{':
		j->i++;
		jc_ws(j);
		if (j->i < j->n && j->s[j->i] == '}') {
			j->i++;
			break;
		}
		for (;;) {
			jc_ws(j);
			if (!jc_string(j))
				return (0);
			jc_ws(j);
			if (j->i >= j->n || j->s[j->i++] != ':')
				return (0);
			if (!jc_value(j))
				return (0);
			jc_ws(j);
			if (j->i < j->n && j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			if (j->i < j->n && j->s[j->i] == '}') {
				j->i++;
				break;
			}
			return (0);
		}
		break;
	case '[':
		j->i++;
		jc_ws(j);
		if (j->i < j->n && j->s[j->i] == ']') {
			j->i++;
			break;
		}
		for (;;) {
			if (!jc_value(j))
				return (0);
			jc_ws(j);
			if (j->i < j->n && j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			if (j->i < j->n && j->s[j->i] == ']') {
				j->i++;
				break;
			}
			return (0);
		}
		break;
	case '"':
		if (!jc_string(j))
			return (0);
		break;
	case 't':
		if (!jc_lit(j, "true"))
			return (0);
		break;
	case 'f':
		if (!jc_lit(j, "false"))
			return (0);
		break;
	case 'n':
		if (!jc_lit(j, "null"))
			return (0);
		break;
	default:
		if (!jc_number(j))
			return (0);
	}
	j->depth--;
	return (1);
}

/* 1 when s[0..n) is exactly one JSON value. */
static int
json_valid(const char *s, size_t n)
{
	struct jc	 j = { s, 0, n, 0 };

	if (!jc_value(&j))
		return (0);
	jc_ws(&j);
	return (j.i == n);
}

#endif
