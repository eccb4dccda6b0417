/* --diagnose's output: a verdict as wrapped text or as a JSON line. */
#include "config.h"

#include <string.h>

#include "i18n.h"
#include "json.h"
#include "utf8.h"
#include "verdict_out.h"

/* Append s word-wrapped to width, every line after the first indented. */
static void
wrap(struct buf *out, const char *s, size_t indent, size_t first, size_t width)
{
	struct buf	 safe;
	size_t		 col = first, i = 0, j, w;

	buf_init(&safe);
	utf8_sanitize(s, strlen(s), &safe, 0, 0);
	if (width < indent + 20)
		width = indent + 20;
	while (i < safe.len) {
		while (i < safe.len && safe.data[i] == ' ')
			i++;
		for (j = i; j < safe.len && safe.data[j] != ' '; j++)
			;
		if (j == i)
			break;
		w = utf8_display_width(safe.data + i, j - i);
		if (col > indent && col + 1 + w > width) {
			buf_printf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > first || (col > indent && col != first)) {
			buf_addc(out, ' ');
			col++;
		} else if (col == first && out->len != 0 &&
		    out->data[out->len - 1] != ' ' &&
		    out->data[out->len - 1] != '\n') {
			buf_addc(out, ' ');
			col++;
		}
		buf_add(out, safe.data + i, j - i);
		col += w;
		i = j;
	}
	buf_addc(out, '\n');
	buf_free(&safe);
}

static void
labelled(struct buf *out, const char *label, const char *value, size_t width)
{
	size_t	 w;

	buf_printf(out, "  %s", label);
	w = 2 + utf8_display_width(label, strlen(label));
	/* Continuation lines line up under the value, not the label. */
	wrap(out, value, w < 24 ? w : 4, w, width);
}

/* "  Truncated: a limit was reached..." when one cut the input. */
static void
truncation_text(struct buf *out, const struct bounce_doc *d, size_t width)
{
	struct buf	 line;

	if (!d->truncated)
		return;
	buf_init(&line);
	buf_adds(&line, _("a limit was reached: not all of it was read"));
	if (d->cut != 0) {
		buf_adds(&line, " (");
		bounce_cut_describe(d->cut, NULL, &line);
		buf_addc(&line, ')');
	}
	buf_addc(&line, '.');
	labelled(out, _("Truncated: "), line.data, width);
	buf_free(&line);
}

void
verdict_text(struct buf *out, const char *source, const struct verdict *v,
    const struct bounce_doc *d, size_t width)
{
	const struct bounce_rcpt	*r = v->rcpt;
	struct buf			 line, safe;
	size_t				 i;

	buf_init(&line);
	buf_init(&safe);
	utf8_sanitize(source, strlen(source), &safe, 0, 0);
	buf_add(out, safe.data, safe.len);
	buf_adds(out, ": ");
	if (r->recipient[0] != '\0')
		utf8_sanitize(r->recipient, strlen(r->recipient), out, 0, 0);
	else
		buf_adds(out, _("(no recipient named)"));
	buf_addc(out, '\n');
	truncation_text(out, d, width);
	/* An auto-reply, a feedback report or a delivery is no failure. */
	buf_printf(&line, "%s%s%s (%s)", v->reason, v->reason_title != NULL ?
	    " \xe2\x80\x94 " : "", v->reason_title != NULL ?
	    C_(v->reason_title) : "", r->kind == MSG_AUTOREPLY ||
	    r->kind == MSG_FEEDBACK || r->kind == MSG_DELIVERED ?
	    _("not a failure") : v->permanent ? _("permanent") :
	    _("temporary"));
	labelled(out, _("Verdict: "), line.data, width);
	if (v->provider != NULL)
		labelled(out, _("Provider: "), v->provider, width);
	buf_reset(&line);
	if (v->status[0] != '\0')
		buf_printf(&line, "%s%s  ", v->status, v->status_derived ?
		    _(" (derived)") : "");
	if (v->reply_code != 0)
		buf_printf(&line, _("reply %d  "), v->reply_code);
	if (r->command != NULL)
		buf_printf(&line, _("after %s"), r->command);
	if (line.len != 0)
		labelled(out, _("Codes: "), line.data, width);
	if (r->remote_mta != NULL)
		labelled(out, _("Remote MTA: "), r->remote_mta, width);
	if (r->diagnostic != NULL)
		labelled(out, _("Server said: "), r->diagnostic, width);
	buf_reset(&line);
	buf_adds(&line, _(retry_text(v->retry)));
	if (v->retry_note != NULL) {
		if (line.len > 0 && line.data[line.len - 1] != '.')
			buf_addc(&line, '.');
		buf_addc(&line, ' ');
		buf_adds(&line, C_(v->retry_note));
	}
	labelled(out, _("Retry: "), line.data, width);
	if (v->nsteps != 0) {
		buf_printf(out, "  %s\n", _("Next steps:"));
		for (i = 0; i < v->nsteps; i++) {
			buf_printf(out, "    %zu. ", i + 1);
			wrap(out, C_(v->steps[i]), 7, 7, width);
		}
	}
	for (i = 0; i < v->ncodes; i++) {
		buf_reset(&line);
		buf_printf(&line, "%s %s", v->codes[i]->code,
		    C_(v->codes[i]->title));
		labelled(out, i == 0 ? _("See: ") : "     ", line.data, width);
	}
	for (i = 0; i < v->nevidence; i++)
		labelled(out, i == 0 ? _("Evidence: ") : "          ",
		    v->evidence[i], width);
	buf_addc(out, '\n');
	buf_free(&line);
	buf_free(&safe);
}

void
verdict_json(struct buf *out, const char *source, const struct verdict *v,
    const struct bounce_doc *d)
{
	const struct bounce_rcpt	*r = v->rcpt;
	const char			*codes[VERDICT_MAX_CODES];
	const char			*cut[BOUNCE_CUT__COUNT];
	size_t				 i, ncut;
	int				 first = 1;

	buf_addc(out, '{');
	json_key(out, &first, "source");
	json_cstring(out, source);
	json_key(out, &first, "kind");
	json_cstring(out, msg_kind_name(r->kind));
	json_key(out, &first, "recipient");
	json_cstring(out, r->recipient);
	json_key(out, &first, "original_recipient");
	json_cstring(out, r->original);
	json_key(out, &first, "reason");
	json_cstring(out, v->reason);
	json_key(out, &first, "permanent");
	buf_adds(out, v->permanent ? "true" : "false");
	json_key(out, &first, "status");
	json_cstring(out, v->status[0] != '\0' ? v->status : NULL);
	json_key(out, &first, "status_derived");
	buf_adds(out, v->status_derived ? "true" : "false");
	json_key(out, &first, "reply_code");
	if (v->reply_code != 0)
		buf_printf(out, "%d", v->reply_code);
	else
		buf_adds(out, "null");
	json_key(out, &first, "action");
	json_cstring(out, r->action);
	json_key(out, &first, "command");
	json_cstring(out, r->command);
	json_key(out, &first, "provider");
	json_cstring(out, v->provider);
	json_key(out, &first, "remote_mta");
	json_cstring(out, r->remote_mta);
	json_key(out, &first, "reporting_mta");
	json_cstring(out, r->reporting_mta);
	json_key(out, &first, "diagnostic");
	json_cstring(out, r->diagnostic);
	if (r->feedback_type != NULL) {
		json_key(out, &first, "feedback_type");
		json_cstring(out, r->feedback_type);
	}
	json_key(out, &first, "codes");
	for (i = 0; i < v->ncodes; i++)
		codes[i] = v->codes[i]->code;
	json_string_array(out, codes, v->ncodes);
	json_key(out, &first, "evidence");
	json_string_array(out, v->evidence, v->nevidence);
	json_key(out, &first, "retry");
	json_cstring(out, retry_name(v->retry));
	json_key(out, &first, "retry_note");
	json_cstring(out, v->retry_note);
	json_key(out, &first, "next_steps");
	json_string_array(out, v->steps, v->nsteps);
	json_key(out, &first, "truncated");
	buf_adds(out, d->truncated ? "true" : "false");
	json_key(out, &first, "cut");
	ncut = bounce_cut_names(d->cut, cut, BOUNCE_CUT__COUNT);
	json_string_array(out, cut, ncut);
	buf_adds(out, "}\n");
}

void
verdict_none_text(struct buf *out, const char *source,
    const struct bounce_doc *d, size_t width)
{
	struct buf	 safe;

	buf_init(&safe);
	utf8_sanitize(source, strlen(source), &safe, 0, 0);
	buf_printf(out, _("%s: not a bounce: no failed recipient found\n"),
	    safe.data);
	truncation_text(out, d, width);
	buf_addc(out, '\n');
	buf_free(&safe);
}

