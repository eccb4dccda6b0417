/*
 * The browser: terminal setup, the one event loop, the dispatcher and
 * the frame.  Every frame is drawn from the model; keys only change it.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "browse/browse.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "options.h"
#include "catalogue/render.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/tpaste.h"
#include "tui/tui.h"
#include "tui/view.h"

const struct view *const views[VIEW__COUNT] = {
	[VIEW_LIST] = &view_list,
	[VIEW_DETAIL] = &view_detail,
	[VIEW_HELP] = &view_help,
	[VIEW_MENU] = &view_menu,
	[VIEW_PASTE] = &view_paste,
	[VIEW_RESULT] = &view_result,
	[VIEW_SUMMARY] = &view_summary,
};

int
tui_body_mode(const struct tui *t)
{
	return (t->focus == VIEW_PASTE || t->focus == VIEW_RESULT ||
	    t->focus == VIEW_SUMMARY);
}

static const struct view *
focused(const struct tui *t)
{
	if (t->overlay >= 0)
		return (views[t->overlay]);
	return (views[t->focus]);
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
}

void
tui_open_detail(struct tui *t)
{
	t->focus = VIEW_DETAIL;
}

/*
 * Leave the detail: back to the diagnosis it was opened from, else to
 * the list (which a narrow terminal then shows again).
 */
void
tui_back(struct tui *t)
{
	if (t->from_result && tpaste_result(t->paste) != NULL)
		t->focus = VIEW_RESULT;
	else
		t->focus = VIEW_LIST;
	t->from_result = 0;
}

static void
pane_fit(struct pane_win *p, const struct rect *r, int force)
{
	if (!force && p->win != NULL && memcmp(&p->r, r, sizeof *r) == 0)
		return;
	if (p->win != NULL)
		delwin(p->win);
	p->win = NULL;
	p->r = *r;
	if (r->h > 0 && r->w > 0)
		p->win = newwin(r->h, r->w, r->y, r->x);
}

/* Windows follow the layout, itself a function of LINES and COLS. */
static void
relayout(struct tui *t, int force)
{
	static const struct rect none;
	struct rect		 r;
	int			 i;

	layout_compute(&t->lay, LINES, COLS, t->focus == VIEW_DETAIL);
	if (t->lay.too_small) {
		for (i = 0; i < PANE__COUNT; i++)
			pane_fit(&t->panes[i], &none, force);
		return;
	}
	pane_fit(&t->panes[PANE_TITLE], &t->lay.title, force);
	pane_fit(&t->panes[PANE_STATUS], &t->lay.status, force);
	if (tui_body_mode(t)) {
		/* The paste box or its result has the whole body. */
		pane_fit(&t->panes[PANE_SEP], &none, force);
		pane_fit(&t->panes[PANE_LIST], &none, force);
		pane_fit(&t->panes[PANE_DETAIL], &none, force);
		views[t->focus]->layout(t, &r);
		pane_fit(&t->panes[PANE_BODY], &r, force);
	} else {
		pane_fit(&t->panes[PANE_BODY], &none, force);
		pane_fit(&t->panes[PANE_SEP], t->lay.wide ? &t->lay.sep :
		    &none, force);
		for (i = VIEW_LIST; i <= VIEW_DETAIL; i++) {
			views[i]->layout(t, &r);
			pane_fit(&t->panes[views[i]->pane], &r, force);
		}
	}
	r = none;
	if (t->overlay >= 0)
		views[t->overlay]->layout(t, &r);
	pane_fit(&t->panes[PANE_OVERLAY], &r, force);
}

static void
draw_title(struct tui *t)
{
	WINDOW			*w = t->panes[PANE_TITLE].win;
	const struct entry	*e = browse_entry(&t->b);
	const char		*right = PACKAGE_VERSION, *what;
	char			 left[128];
	int			 rw, cols = t->lay.title.w;

	werase(w);
	draw_fill(w, 0, 0, cols, draw_attr(TS_BAR));
	if (!t->lay.wide && t->focus == VIEW_DETAIL && e != NULL)
		right = e->code;
	rw = draw_width(right) + 1;
	if (rw > cols / 2)
		rw = 0;
	if (t->focus == VIEW_PASTE)
		what = _("Paste a bounce");
	else if (t->focus == VIEW_RESULT)
		what = _("Diagnosis");
	else if (t->focus == VIEW_SUMMARY)
		what = _("Mail log summary");
	else
		what = _("SMTP reply codes");
	snprintf(left, sizeof left, " %s \xe2\x80\x94 %s", PACKAGE, what);
	draw_str(w, 0, 0, cols - rw - 1, left, draw_attr(TS_BAR) | A_BOLD);
	if (rw != 0)
		draw_str(w, 0, cols - rw, rw, right, draw_attr(TS_BAR));
	wnoutrefresh(w);
}

static int
hint_applies(const struct tui *t, enum action a)
{
	const struct entry	*e = browse_entry(&t->b);

	switch (a) {
	case ACT_BACK:
		return (t->overlay >= 0 || t->focus == VIEW_DETAIL ||
		    t->focus == VIEW_RESULT || browse_filtered(&t->b));
	case ACT_CLEAR_BOX:
		return (t->paste != NULL &&
		    tpaste_text(t->paste)->text.len != 0);
	case ACT_NEXT_ENTRY:
	case ACT_OPEN_ENTRY:
		return (tresult_has_link(t) && !tpaste_analysing(t->paste));
	case ACT_RESULT_PANE:
	case ACT_EDIT:
		return (t->paste != NULL && !tpaste_analysing(t->paste));
	case ACT_CHECK:
		return (t->paste != NULL && !tpaste_analysing(t->paste) &&
		    !tpaste_checking(t->paste) && tpaste_result(t->paste) !=
		    NULL && tpaste_result(t->paste)->an.nv != 0);
	case ACT_HISTORY_BACK:
		return (t->b.nhistory != 0);
	case ACT_LOG_SUMMARY:
		return (t->sum != NULL);
	case ACT_OPEN_GROUP:
	case ACT_FILTER:
		return (!tsum_detail(t));
	case ACT_NEXT_LINK:
	case ACT_FOLLOW_LINK:
		return (e != NULL && e->related.n != 0);
	case ACT_ENTER:
		return (t->b.nrows != 0);
	default:
		return (1);
	}
}

/* "/spf  class 5xx  category auth", or nothing. */
static void
filter_text(const struct tui *t, char *buf, size_t size)
{
	size_t	 len;

	buf[0] = '\0';
	if (t->b.query[0] != '\0')
		snprintf(buf, size, "/%s  ", t->b.query);
	len = strlen(buf);
	if (t->b.klass != 0 && len < size)
		snprintf(buf + len, size - len, _("class %dxx  "), t->b.klass);
	len = strlen(buf);
	if (t->b.category >= 0 && len < size)
		snprintf(buf + len, size - len, _("category %s  "),
		    categories[t->b.category].id);
}

/* The right of the status line in the paste box and the result. */
static void
body_status(const struct tui *t, char *buf, size_t size)
{
	struct tpaste	*p = t->paste;
	size_t		 len;

	buf[0] = '\0';
	if (t->focus == VIEW_SUMMARY) {
		tsum_status(t, buf, size);
		return;
	}
	if (p == NULL)
		return;
	if (t->focus == VIEW_PASTE) {
		len = tpaste_text(p)->text.len;
		if (len < 1024)
			snprintf(buf, size, _(" %zu bytes "), len);
		else if (len < 1048576)
			snprintf(buf, size, _(" %.1f KiB "), len / 1024.0);
		else
			snprintf(buf, size, _(" %.1f MiB "), len / 1048576.0);
	} else if (tpaste_analysing(p))
		snprintf(buf, size, _(" %.1f s "), tpaste_seconds(p));
	else if (tpaste_checking(p))
		snprintf(buf, size, _(" Checking DNS\xe2\x80\xa6 %.1f s "),
		    tpaste_check_seconds(p));
	else if (tpaste_result(p) != NULL)
		snprintf(buf, size, _(" in %.2f s "), tpaste_seconds(p));
}

static void
draw_status(struct tui *t)
{
	WINDOW			*w = t->panes[PANE_STATUS].win;
	const struct view	*v = focused(t);
	const struct rdoc	*d;
	const enum action	*a;
	char			 right[64], filters[512], label[32], hint[128];
	int			 cols = t->lay.status.w, x, rw;
	attr_t			 bar = draw_attr(TS_BAR);

	werase(w);
	if (t->prompting) {
		prompt_draw(t, w, &t->lay.status);
		wnoutrefresh(w);
		return;
	}
	draw_fill(w, 0, 0, cols, bar);
	snprintf(right, sizeof right, " %zu/%zu ", t->b.nshown, t->cat->n);
	if (tui_body_mode(t))
		body_status(t, right, sizeof right);
	else if (t->focus == VIEW_DETAIL && t->lay.show_detail &&
	    (d = browse_doc(&t->b, t->b.doc_width)) != NULL &&
	    d->n > (size_t)t->lay.detail.h) {
		size_t pct = (t->b.dtop + (size_t)t->lay.detail.h) * 100 / d->n;
		snprintf(right, sizeof right, " %zu%%  %zu/%zu ",
		    pct > 100 ? (size_t)100 : pct, t->b.nshown, t->cat->n);
	}
	rw = draw_width(right);
	if (rw > cols / 2)
		rw = 0;
	else
		draw_str(w, 0, cols - rw, rw, right, bar | A_BOLD);
	x = 1;
	if (t->msg[0] != '\0') {
		draw_str(w, 0, x, cols - rw - x, t->msg, draw_attr(TS_WARN));
		wnoutrefresh(w);
		return;
	}
	/* The list's filters mean nothing in the paste box or its result. */
	filters[0] = '\0';
	if (!tui_body_mode(t))
		filter_text(t, filters, sizeof filters);
	if (filters[0] != '\0')
		x += draw_str(w, 0, x, cols - rw - x, filters, bar | A_BOLD);
	for (a = v->hints; *a != ACT_NONE && x < cols - rw; a++) {
		int key = keymap_key_for(v->keymap, *a);

		if (key == -1 || action_hint(*a) == NULL ||
		    !hint_applies(t, *a))
			continue;
		snprintf(hint, sizeof hint, "%s %s",
		    key_label(key, label, sizeof label), action_hint(*a));
		/* A hint that does not fit whole is left out. */
		if (draw_width(hint) > cols - rw - x - 1)
			break;
		x += draw_str(w, 0, x, cols - rw - x, hint, bar) + 2;
	}
	wnoutrefresh(w);
}

static void
draw_pane(struct tui *t, const struct view *v)
{
	struct pane_win	*p = &t->panes[v->pane];

	if (p->win == NULL)
		return;
	werase(p->win);
	v->draw(t, p->win, &p->r);
	wnoutrefresh(p->win);
}

static void
draw_too_small(struct tui *t)
{
	const char	*msg;
	char		 need[64];
	int		 y = LINES / 2 - 1;

	werase(stdscr);
	if (y < 0)
		y = 0;
	msg = _("Terminal too small");
	if (draw_width(msg) > COLS)
		msg = _("Too small");
	snprintf(need, sizeof need, _("%dx%d < %dx%d"), COLS, LINES,
	    LAYOUT_MIN_COLS, LAYOUT_MIN_LINES);
	draw_str(stdscr, y, 0, COLS, msg, A_BOLD);
	draw_str(stdscr, y + 1, 0, COLS, need, A_NORMAL);
	(void)t;
	wnoutrefresh(stdscr);
}

/* In the paste box, the cursor goes back to the end of its text. */
static int
box_cursor(struct tui *t)
{
	struct pane_win	*p = &t->panes[PANE_BODY];
	int		 y, x;

	if (t->focus != VIEW_PASTE || t->overlay >= 0 ||
	    !tbox_cursor(t, &y, &x) || p->win == NULL)
		return (0);
	wmove(p->win, y, x);
	wnoutrefresh(p->win);
	return (1);
}

void
tui_frame(struct tui *t)
{
	struct pane_win	*sep;
	int		 i;

	relayout(t, 0);
	if (t->redraw_all) {
		clearok(curscr, TRUE);
		t->redraw_all = 0;
	}
	if (t->lay.too_small) {
		curs_set(0);
		draw_too_small(t);
		doupdate();
		pasteio_sync(t);
		return;
	}
	/* stdscr is where keys are read: keep wgetch() from painting it. */
	wnoutrefresh(stdscr);
	draw_title(t);
	if (tui_body_mode(t))
		draw_pane(t, views[t->focus]);
	else {
		for (i = VIEW_LIST; i <= VIEW_DETAIL; i++)
			draw_pane(t, views[i]);
	}
	sep = &t->panes[PANE_SEP];
	if (sep->win != NULL) {
		werase(sep->win);
		draw_vline(sep->win, sep->r.h);
		wnoutrefresh(sep->win);
	}
	if (t->overlay >= 0)
		draw_pane(t, views[t->overlay]);
	/* Last, so that the cursor ends in the prompt. */
	draw_status(t);
	curs_set(t->prompting || box_cursor(t) ? 1 : 0);
	doupdate();
	/* The terminal's paste mode is on exactly while the box is open. */
	pasteio_sync(t);
}

static int
inside(const struct rect *r, int y, int x)
{
	return (r->h > 0 && y >= r->y && y < r->y + r->h && x >= r->x &&
	    x < r->x + r->w);
}

static void
handle_mouse(struct tui *t)
{
	MEVENT			 ev;
	const struct rect	*r;
	int			 i;

	if (getmouse(&ev) != OK || t->lay.too_small)
		return;
	if (t->overlay >= 0) {
		r = &t->panes[PANE_OVERLAY].r;
		if (inside(r, ev.y, ev.x))
			views[t->overlay]->mouse(t, r, ev.y - r->y, ev.x - r->x,
			    ev.bstate);
		else if (ev.bstate & BUTTON1_PRESSED)
			t->overlay = -1;
		return;
	}
	if (tui_body_mode(t)) {
		r = &t->panes[PANE_BODY].r;
		if (inside(r, ev.y, ev.x))
			views[t->focus]->mouse(t, r, ev.y - r->y, ev.x - r->x,
			    ev.bstate);
		return;
	}
	for (i = VIEW_LIST; i <= VIEW_DETAIL; i++) {
		r = &t->panes[views[i]->pane].r;
		if (!inside(r, ev.y, ev.x))
			continue;
		/* While typing a filter, clicks only move in the list. */
		if (t->prompting && i != VIEW_LIST &&
		    !(ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)))
			return;
		views[i]->mouse(t, r, ev.y - r->y, ev.x - r->x, ev.bstate);
		if (t->prompting)
			t->focus = VIEW_LIST;
		return;
	}
}

/* Actions every view shares, when the view did not take them. */
static void
global_action(struct tui *t, enum action a, int key)
{
	switch (a) {
	case ACT_QUIT:
		t->quit = 1;
		t->exit_status = 0;
		break;
	case ACT_HELP:
		help_open(t);
		break;
	case ACT_REDRAW:
		t->redraw_all = 1;
		break;
	case ACT_SWITCH_PANE:
		t->focus = t->focus == VIEW_LIST ? VIEW_DETAIL : VIEW_LIST;
		t->from_result = 0;
		break;
	case ACT_PASTE:
	case ACT_EDIT:
		tpaste_open(t);
		break;
	case ACT_FILTER:
		prompt_open(t, 0);
		break;
	case ACT_TYPE_CODE:
		prompt_open(t, key);
		break;
	case ACT_NEXT_MATCH:
	case ACT_PREV_MATCH:
		if (browse_next_match(&t->b, a == ACT_NEXT_MATCH ? 1 : -1) != 0)
			tui_message(t, "%s", _("No entry to go to."));
		break;
	case ACT_CLASS_MENU:
		menu_open(t, MENU_CLASS);
		break;
	case ACT_CATEGORY_MENU:
		menu_open(t, MENU_CATEGORY);
		break;
	case ACT_LOG_SUMMARY:
		if (t->sum != NULL)
			t->focus = VIEW_SUMMARY;
		else
			tui_message(t, "%s", _("No mail log was given to sum "
			    "up."));
		break;
	case ACT_BACK:
		if (t->focus == VIEW_DETAIL)
			tui_back(t);
		else if (browse_clear_filters(&t->b))
			tui_message(t, "%s", _("Filters cleared."));
		break;
	case ACT_HISTORY_BACK:
		if (browse_back(&t->b) == 0)
			break;
		/* Nothing followed since the diagnosis opened the entry. */
		if (t->from_result && t->focus == VIEW_DETAIL)
			tui_back(t);
		else
			tui_message(t, "%s", _("No followed code to go back "
			    "from."));
		break;
	default:
		break;
	}
}

void
tui_key(struct tui *t, int key)
{
	const struct view	*v;
	enum action		 a;
	long			 n;

	if (key == KEY_RESIZE) {
		/* The one resize site: LINES and COLS are new already. */
		relayout(t, 1);
		return;
	}
	/* A paste goes into the box whatever is on screen. */
	if (key == KEY_PASTE_START && !t->prompting) {
		t->msg[0] = '\0';
		pasteio_begin(t);
		return;
	}
	if (key == KEY_PASTE_END || key == KEY_PASTE_START ||
	    key == KEY_IGNORED)
		return;
	t->msg[0] = '\0';
	if (key == KEY_MOUSE) {
		handle_mouse(t);
		return;
	}
	if (t->prompting) {
		prompt_key(t, key);
		return;
	}
	v = focused(t);
	a = keymap_lookup(v->keymap, key);
	if (t->lay.too_small) {
		/* Nothing is on screen to act on: quit or redraw only. */
		if (a == ACT_QUIT || a == ACT_REDRAW)
			global_action(t, a, key);
		return;
	}
	if (a == ACT_NONE && !v->text)
		return;
	if (v->motion != NULL && scroll_motion(a, v->page(t), &n)) {
		v->motion(t, n);
		return;
	}
	if (!v->key(t, a, key))
		global_action(t, a, key);
}

static int
locale_is_utf8(void)
{
	const char	*cs = nl_langinfo(CODESET);

	return (cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0));
}

/* Folded groups kept between runs: short names on one line. */
#define FOLDS_STATE	"folds"
#define FOLDS_MAX	256

/* The failures in view on the first run; the user's folds after. */
static void
open_folds(struct tui *t)
{
	char	*line = state_load(FOLDS_STATE, FOLDS_MAX);

	if (line == NULL)
		browse_open_on_failures(&t->b);
	else
		browse_folds_load(&t->b, line);
	free(line);
}

/* Not worth a message on the way out: the next run opens as the first. */
static void
save_folds(struct tui *t)
{
	char	*line = browse_folds_save(&t->b);
	struct buf b;

	buf_init(&b);
	buf_printf(&b, "%s\n", line);
	(void)state_save(FOLDS_STATE, b.data, b.len);
	buf_free(&b);
	free(line);
}

int
tui_open(struct tui *t, struct catalog *c, const struct options *o,
    FILE *in, FILE *out, int headless)
{
	int	 cat, rc;

	memset(t, 0, sizeof *t);
	t->cat = c;
	t->overlay = -1;
	t->focus = VIEW_LIST;
	t->headless = headless;
	t->utf8 = locale_is_utf8();
	draw_set_utf8(t->utf8);
	browse_init(&t->b, c);
	/* A class or category asked for is shown open. */
	if (!headless && (o == NULL || (o->klass == 0 && o->category == NULL)))
		open_folds(t);
	if (o != NULL) {
		if (o->klass != 0)
			browse_set_class(&t->b, o->klass);
		if (o->category != NULL &&
		    (cat = category_find(o->category)) >= 0)
			browse_set_category(&t->b, cat);
		if (o->nargs > 0 && o->args[0] != NULL && !o->files) {
			if (browse_select_code(&t->b, o->args[0]) == 0)
				tui_open_detail(t);
			else
				tui_message(t, _("%s: no such code in the "
				    "catalogue"), o->args[0]);
		}
	}

	if (!headless && (rc = term_check(fileno(out))) != 0) {
		browse_free(&t->b);
		return (rc);
	}
	/* Ours first: ncurses then leaves SIGINT, SIGTSTP... alone. */
	if (!headless)
		term_signals();
	t->screen = newterm(headless ? "xterm" : NULL, out, in);
	if (t->screen == NULL) {
		browse_free(&t->b);
		return (-1);
	}
	set_term(t->screen);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	t->in_fd = fileno(in);
	t->out_fd = fileno(out);
	pasteio_init(t);
	keys_init();
	/* Press, not click: clicks would wait for the release. */
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	t->color = draw_init();
	if (!headless)
		history_load();
	relayout(t, 1);
	return (0);
}

void
tui_close(struct tui *t)
{
	int	 i;

	if (!t->headless)
		save_folds(t);

	prompt_cleanup();
	tsum_free(t);
	tpaste_free(t);
	free(t->datadir);
	t->datadir = NULL;
	free(t->resolver);
	t->resolver = NULL;
	free(t->check_ip);
	t->check_ip = NULL;
	for (i = 0; i < PANE__COUNT; i++) {
		if (t->panes[i].win != NULL)
			delwin(t->panes[i].win);
		t->panes[i].win = NULL;
	}
	if (t->screen != NULL) {
		if (!isendwin())
			endwin();
		delscreen(t->screen);
		t->screen = NULL;
	}
	browse_free(&t->b);
}
