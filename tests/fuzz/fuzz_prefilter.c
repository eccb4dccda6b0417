/*
 * Fuzz target: the rules' literal prefilter against PCRE2 itself.  The
 * input is a pattern, a newline, then a text; whenever the pattern
 * matches the text, the prefilter must let the rule run.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "fuzz.h"
#include "diagnose/rules.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*in = (const char *)data, *nl;
	struct rules		 rs;
	struct load_error	 err;
	struct buf		 t;
	unsigned char		 bits[RULE_TRIGRAM_BYTES];
	pcre2_match_data	*md;
	size_t			 plen, tlen;

	if ((nl = memchr(in, '\n', size)) == NULL)
		return (0);
	plen = (size_t)(nl - in);
	tlen = size - plen - 1;
	/* A pattern the rule format can hold: one line, not blank. */
	if (plen == 0 || memchr(in, '\r', plen) != NULL || in[0] == ' ' ||
	    in[0] == '\t')
		return (0);
	buf_init(&t);
	buf_adds(&t, "rule: f\nmatch: ");
	buf_add(&t, in, plen);
	buf_adds(&t, "\nreason: x\n");
	rules_init(&rs);
	if (rules_parse(&rs, "fuzz", t.data, t.len, &err) == 0 &&
	    rs.n == 1 && rs.v[0].re != NULL && rs.v[0].nlits != 0) {
		rule_trigrams(nl + 1, tlen, bits);
		md = pcre2_match_data_create(4, NULL);
		if (pcre2_match(rs.v[0].re, (PCRE2_SPTR)(nl + 1), tlen, 0, 0,
		    md, NULL) >= 0 && (!rule_may_match(&rs.v[0], bits) ||
		    !rule_may_match_text(&rs.v[0], bits, nl + 1, tlen)))
			abort();	/* the prefilter would skip a match */
		pcre2_match_data_free(md);
	}
	rules_free(&rs);
	buf_free(&t);
	return (0);
}
