/* The findings of the DNS checks as styled lines, for the browser. */
#include "config.h"

#include <stdio.h>

#include "base/i18n.h"
#include "catalogue/render.h"
#include "check/dnscheck.h"

/* One finding: "fail spf example.com: detail", wrapped under itself. */
static void
render_finding(struct rdoc *d, const struct dnscheck_finding *f,
    size_t width, int raw)
{
	static const enum rstyle style[] = {
		[CHECK_OK] = RS_TEXT,
		[CHECK_FAIL] = RS_CHECK_FAIL,
		[CHECK_UNKNOWN] = RS_CHECK_UNKNOWN
	};
	struct buf	 prefix, text;
	size_t		 i;

	buf_init(&prefix);
	buf_init(&text);
	buf_printf(&prefix, "  %s %s ", dnscheck_result_name(f->result),
	    f->name);
	/* render_wrap() escapes what came from the bounce or the DNS. */
	if (*f->target != '\0')
		buf_printf(&text, "%s: ", f->target);
	buf_adds(&text, f->detail);
	if (f->cut) {
		buf_addc(&text, ' ');
		buf_printf(&text, _("(the answer was cut to %d records of %d "
		    "bytes)"), DNS_MAX_RR, DNS_MAX_TEXT);
	}
	render_wrap(d, style[f->result], prefix.data,
	    text.data != NULL ? text.data : "", width);
	buf_free(&prefix);
	buf_free(&text);
	for (i = 0; raw && i < f->nraw; i++)
		render_wrap(d, RS_EXAMPLE, "      ", f->raw[i], width);
}

void
dnscheck_render(struct rdoc *d, const struct dnscheck_list *l, size_t width,
    int raw)
{
	char	 more[96];
	size_t	 i;

	render_wrap(d, RS_BLANK, "", "", width);
	render_wrap(d, RS_HEADING, "", _("Checks"), width);
	if (l->n == 0)
		render_wrap(d, RS_TEXT, "  ", _("none for this reason"),
		    width);
	for (i = 0; i < l->n; i++)
		render_finding(d, &l->f[i], width, raw);
	if (l->cut) {
		snprintf(more, sizeof more, _("(findings past %d left out)"),
		    CHECK_MAX_FINDINGS);
		render_wrap(d, RS_TEXT, "  ", more, width);
	}
}
