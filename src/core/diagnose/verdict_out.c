/* --diagnose's output: a verdict's lines as text, or a JSON line. */
#include "config.h"

#include <string.h>

#include "base/json.h"
#include "catalogue/render.h"
#include "diagnose/verdict_out.h"
#include "diagnose/verdict_render.h"

/* The lines of d: the title at the margin, the rest indented under it. */
static void
print_lines(struct buf *out, const struct rdoc *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].style != RS_TITLE && d->v[i].text[0] != '\0')
			buf_adds(out, "  ");
		buf_adds(out, d->v[i].text);
		buf_addc(out, '\n');
	}
	buf_addc(out, '\n');
}

/* The report's width: the two columns of the indent are not the text's. */
static size_t
text_width(size_t width)
{
	return ((width < VERDICT_TEXT_MIN ? VERDICT_TEXT_MIN : width) - 2);
}

/* The report of record v, or with v NULL of a doc that gave none. */
static void
report(struct buf *out, const char *source, const struct verdict *v,
    const struct bounce_doc *d, size_t width)
{
	struct rdoc	 lines;
	struct buf	 label;

	rdoc_init(&lines);
	buf_init(&label);
	buf_adds(&label, source);
	buf_adds(&label, ": ");
	if (v != NULL)
		verdict_render(&lines, label.data, v, d, text_width(width), 0);
	else
		verdict_render_none(&lines, label.data, d, text_width(width));
	print_lines(out, &lines);
	buf_free(&label);
	rdoc_free(&lines);
}

/* The log line's fields, or null for a record of no log. */
static void
log_json(struct buf *out, const struct bounce_rcpt *r)
{
	int	 first = 1;

	if (r->log_line == 0) {
		buf_adds(out, "null");
		return;
	}
	buf_addc(out, '{');
	json_str(out, &first, "time", r->log_time);
	json_int(out, &first, "unix", r->log_unix, r->log_unix >= 0);
	json_str(out, &first, "host", r->log_host);
	json_str(out, &first, "queue_id", r->queue_id);
	json_str(out, &first, "relay_ip", r->relay_ip);
	json_str(out, &first, "delay", r->delay);
	json_str(out, &first, "sender", r->log_sender);
	json_key(out, &first, "line");
	buf_printf(out, "%zu", r->log_line);
	buf_addc(out, '}');
}

void
verdict_text(struct buf *out, const char *source, const struct verdict *v,
    const struct bounce_doc *d, size_t width)
{
	report(out, source, v, d, width);
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
	json_str(out, &first, "source", source);
	json_str(out, &first, "kind", msg_kind_name(r->kind));
	json_str(out, &first, "recipient", r->recipient);
	json_str(out, &first, "original_recipient", r->original);
	json_str(out, &first, "reason", v->reason);
	/* null: the report says nothing of it (an unrecognised one). */
	if (v->permanence_unknown) {
		json_key(out, &first, "permanent");
		buf_adds(out, "null");
	} else
		json_bool(out, &first, "permanent", v->permanent);
	json_str(out, &first, "status",
	    v->status[0] != '\0' ? v->status : NULL);
	json_bool(out, &first, "status_derived", v->status_derived);
	json_int(out, &first, "reply_code", v->reply_code, v->reply_code != 0);
	json_str(out, &first, "action", r->action);
	json_str(out, &first, "command", r->command);
	json_str(out, &first, "provider", v->provider);
	json_str(out, &first, "remote_mta", r->remote_mta);
	json_str(out, &first, "reporting_mta", r->reporting_mta);
	json_str(out, &first, "diagnostic", r->diagnostic);
	if (r->feedback_type != NULL) {
		json_str(out, &first, "feedback_type", r->feedback_type);
	}
	json_key(out, &first, "codes");
	for (i = 0; i < v->ncodes; i++)
		codes[i] = v->codes[i]->code;
	json_string_array(out, codes, v->ncodes);
	json_key(out, &first, "evidence");
	json_string_array(out, v->evidence, v->nevidence);
	json_str(out, &first, "retry", retry_name(v->retry));
	json_str(out, &first, "retry_note", v->retry_note);
	json_key(out, &first, "next_steps");
	json_string_array(out, v->steps, v->nsteps);
	json_key(out, &first, "log");
	log_json(out, r);
	json_bool(out, &first, "truncated", d->truncated);
	json_key(out, &first, "cut");
	ncut = bounce_cut_names(d->cut, cut, BOUNCE_CUT__COUNT);
	json_string_array(out, cut, ncut);
	buf_adds(out, "}\n");
}

void
verdict_none_text(struct buf *out, const char *source,
    const struct bounce_doc *d, size_t width)
{
	report(out, source, NULL, d, width);
}
