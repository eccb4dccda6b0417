/* The action table and the default key bindings of every view. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/action.h"
#include "tui/tui.h"

struct action_def {
	const char	*name;
	const char	*hint;
	const char	*help;
};

static const struct action_def actions[ACT__COUNT] = {
#define X(id, name, hint, help) { name, hint, help },
	TUI_ACTIONS
#undef X
};

struct keybind {
	int		 key;
	enum action	 action;
};

/*
 * The moving keys of less and vim, the same in every pane that scrolls;
 * each table lists them where they belong in its own order.
 */
#define KEYS_LINES \
	{ KEY_UP,		ACT_UP }, \
	{ 'k',			ACT_UP }, \
	{ KEY_DOWN,		ACT_DOWN }, \
	{ 'j',			ACT_DOWN }
#define KEYS_PAGES \
	{ KEY_PPAGE,		ACT_PAGE_UP }, \
	{ CTRL_KEY('b'),	ACT_PAGE_UP }, \
	{ KEY_NPAGE,		ACT_PAGE_DOWN }, \
	{ CTRL_KEY('f'),	ACT_PAGE_DOWN }
#define KEYS_ENDS \
	{ KEY_HOME,		ACT_TOP }, \
	{ 'g',			ACT_TOP }, \
	{ KEY_END,		ACT_BOTTOM }, \
	{ 'G',			ACT_BOTTOM }
/* A pager's keys: lines, pages (Space too, as in less) and ends. */
#define KEYS_SCROLL \
	KEYS_LINES, \
	KEYS_PAGES, \
	{ ' ',			ACT_PAGE_DOWN }, \
	KEYS_ENDS
/* A full-screen view of its own has no global table behind it. */
#define KEYS_VIEW \
	{ 'q',			ACT_QUIT }, \
	{ '?',			ACT_HELP }, \
	{ KEY_F(1),		ACT_HELP }, \
	{ CTRL_KEY('l'),	ACT_REDRAW }, \
	KEYS_SCROLL
/* Esc and every terminal's Backspace leave a view. */
#define KEYS_BACK \
	{ KEY_ESC,		ACT_BACK }, \
	{ KEY_BACKSPACE,	ACT_BACK }, \
	{ 127,			ACT_BACK }, \
	{ CTRL_KEY('h'),	ACT_BACK }

/*
 * The defaults.  'g' is "top" as in less and vim, so the category menu
 * is 'C', next to 'c' for the class menu.  Space is a fold key on a
 * header, and pages the detail (as in a pager) on an entry.
 */
static const struct keybind global_keys[] = {
	{ 'q',			ACT_QUIT },
	{ '?',			ACT_HELP },
	{ KEY_F(1),		ACT_HELP },
	{ CTRL_KEY('l'),	ACT_REDRAW },
	{ '\t',			ACT_SWITCH_PANE },
	{ '/',			ACT_FILTER },
	{ TK_DIGIT,		ACT_TYPE_CODE },
	{ 'n',			ACT_NEXT_MATCH },
	{ 'N',			ACT_PREV_MATCH },
	{ 'c',			ACT_CLASS_MENU },
	{ 'C',			ACT_CATEGORY_MENU },
	{ KEY_ESC,		ACT_BACK },
	{ KEY_BACKSPACE,	ACT_HISTORY_BACK },
	{ 127,			ACT_HISTORY_BACK },
	{ CTRL_KEY('h'),	ACT_HISTORY_BACK },
	{ 'p',			ACT_PASTE },
	{ 'e',			ACT_EDIT },
	{ 'L',			ACT_LOG_SUMMARY },
	{ 0,			ACT_NONE }
};

static const struct keybind list_keys[] = {
	KEYS_LINES,
	KEYS_PAGES,
	KEYS_ENDS,
	{ '\r',			ACT_ENTER },
	{ '\n',			ACT_ENTER },
	{ KEY_ENTER,		ACT_ENTER },
	{ ' ',			ACT_TOGGLE },
	{ KEY_LEFT,		ACT_FOLD },
	{ '-',			ACT_FOLD },
	{ 'h',			ACT_FOLD },
	{ KEY_RIGHT,		ACT_UNFOLD },
	{ '+',			ACT_UNFOLD },
	{ 'l',			ACT_UNFOLD },
	{ '*',			ACT_FOLD_ALL },
	{ 0,			ACT_NONE }
};

static const struct keybind detail_keys[] = {
	KEYS_SCROLL,
	{ ']',			ACT_NEXT_LINK },
	{ '[',			ACT_PREV_LINK },
	{ '\r',			ACT_FOLLOW_LINK },
	{ '\n',			ACT_FOLLOW_LINK },
	{ KEY_ENTER,		ACT_FOLLOW_LINK },
	{ KEY_LEFT,		ACT_BACK },
	{ 0,			ACT_NONE }
};

/* Everything else in the prompt goes to readline. */
static const struct keybind prompt_keys[] = {
	{ '\r',			ACT_ACCEPT },
	{ '\n',			ACT_ACCEPT },
	{ KEY_ENTER,		ACT_ACCEPT },
	{ KEY_ESC,		ACT_CANCEL },
	{ KEY_UP,		ACT_UP },
	{ KEY_DOWN,		ACT_DOWN },
	{ KEY_PPAGE,		ACT_PAGE_UP },
	{ KEY_NPAGE,		ACT_PAGE_DOWN },
	{ CTRL_KEY('l'),	ACT_REDRAW },
	{ 0,			ACT_NONE }
};

static const struct keybind help_keys[] = {
	KEYS_SCROLL,
	{ '?',			ACT_BACK },
	{ 'q',			ACT_BACK },
	{ KEY_ESC,		ACT_BACK },
	{ KEY_F(1),		ACT_BACK },
	{ CTRL_KEY('l'),	ACT_REDRAW },
	{ 0,			ACT_NONE }
};

static const struct keybind menu_keys[] = {
	KEYS_LINES,
	KEYS_ENDS,
	{ '\r',			ACT_SELECT },
	{ '\n',			ACT_SELECT },
	{ KEY_ENTER,		ACT_SELECT },
	{ ' ',			ACT_SELECT },
	{ KEY_ESC,		ACT_BACK },
	{ 'q',			ACT_BACK },
	{ CTRL_KEY('l'),	ACT_REDRAW },
	{ 0,			ACT_NONE }
};

/*
 * The paste box takes every other key as text, Enter and Tab included,
 * so finishing is Ctrl-D (end of input, as in a shell) or F2, and help
 * is F1 only.
 */
static const struct keybind paste_keys[] = {
	{ CTRL_KEY('d'),	ACT_ANALYSE },
	{ KEY_F(2),		ACT_ANALYSE },
	{ KEY_ESC,		ACT_CLOSE_BOX },
	{ '\r',			ACT_NEWLINE },
	{ '\n',			ACT_NEWLINE },
	{ KEY_ENTER,		ACT_NEWLINE },
	{ KEY_BACKSPACE,	ACT_RUBOUT },
	{ 127,			ACT_RUBOUT },
	{ CTRL_KEY('h'),	ACT_RUBOUT },
	{ CTRL_KEY('u'),	ACT_ERASE_LINE },
	{ CTRL_KEY('k'),	ACT_CLEAR_BOX },
	{ KEY_UP,		ACT_UP },
	{ KEY_DOWN,		ACT_DOWN },
	{ KEY_PPAGE,		ACT_PAGE_UP },
	{ KEY_NPAGE,		ACT_PAGE_DOWN },
	{ KEY_HOME,		ACT_TOP },
	{ KEY_END,		ACT_BOTTOM },
	{ KEY_F(1),		ACT_HELP },
	{ CTRL_KEY('l'),	ACT_REDRAW },
	{ 0,			ACT_NONE }
};

/* The keys move in the focused pane: the text, or the verdict. */
static const struct keybind result_keys[] = {
	KEYS_VIEW,
	{ '\t',			ACT_RESULT_PANE },
	{ ']',			ACT_NEXT_ENTRY },
	{ '[',			ACT_PREV_ENTRY },
	{ 'n',			ACT_NEXT_PART },
	{ 'N',			ACT_PREV_PART },
	{ 'c',			ACT_CHECK },
	{ 'r',			ACT_CHECK_RECORDS },
	{ '\r',			ACT_OPEN_ENTRY },
	{ '\n',			ACT_OPEN_ENTRY },
	{ KEY_ENTER,		ACT_OPEN_ENTRY },
	{ 'e',			ACT_EDIT },
	{ 'p',			ACT_PASTE },
	KEYS_BACK,
	{ 0,			ACT_NONE }
};

/*
 * The summary of a log: a list as the codes' is, and its diagnosis
 * pane, which Esc, Backspace or Left leaves.  F is tail's -F.
 */
static const struct keybind summary_keys[] = {
	KEYS_VIEW,
	{ '\r',			ACT_OPEN_GROUP },
	{ '\n',			ACT_OPEN_GROUP },
	{ KEY_ENTER,		ACT_OPEN_GROUP },
	{ KEY_LEFT,		ACT_FOLD },
	{ '-',			ACT_FOLD },
	{ 'h',			ACT_FOLD },
	{ KEY_RIGHT,		ACT_UNFOLD },
	{ '+',			ACT_UNFOLD },
	{ 'l',			ACT_UNFOLD },
	{ '*',			ACT_FOLD_ALL },
	{ '/',			ACT_FILTER },
	{ 'F',			ACT_FOLLOW },
	KEYS_BACK,
	{ 'p',			ACT_PASTE },
	{ 0,			ACT_NONE }
};

static const struct {
	const struct keybind	*keys;
	int			 fallback;	/* a keymap, or -1 */
	const char		*title;
} keymaps[KM__COUNT] = {
	[KM_GLOBAL] = { global_keys, -1,
	    N_("Everywhere (list and detail)") },
	[KM_LIST] = { list_keys, KM_GLOBAL, N_("List") },
	[KM_DETAIL] = { detail_keys, KM_GLOBAL, N_("Detail") },
	[KM_PROMPT] = { prompt_keys, -1,
	    N_("Filter prompt (other keys edit the line as in bash)") },
	[KM_HELP] = { help_keys, -1, N_("This help") },
	[KM_MENU] = { menu_keys, -1, N_("Class and category menus") },
	[KM_PASTE] = { paste_keys, -1,
	    N_("Paste box (other keys type text; a paste goes in whole)") },
	[KM_RESULT] = { result_keys, -1, N_("Diagnosis of the pasted text") },
	[KM_SUMMARY] = { summary_keys, -1,
	    N_("Summary of a mail log (a log file given to open)") },
};

/* The order of the sections in the help and the man page. */
static const enum keymap help_order[] = {
	KM_GLOBAL, KM_LIST, KM_DETAIL, KM_PROMPT, KM_PASTE, KM_RESULT,
	KM_SUMMARY, KM_MENU, KM_HELP
};

/* Readline keys worth knowing: they are readline's, not in a table. */
static const char *prompt_notes[][2] = {
	{ "Ctrl-R", N_("Search the filter history") },
	{ "Ctrl-P, Ctrl-N", N_("Previous or next filter in the history") },
	{ "Ctrl-U", N_("Erase the line") },
};

const char *
action_name(enum action a)
{
	return (actions[a].name);
}

const char *
action_hint(enum action a)
{
	return (actions[a].hint != NULL ? _(actions[a].hint) : NULL);
}

const char *
action_help(enum action a)
{
	return (actions[a].help != NULL ? _(actions[a].help) : "");
}

static int
key_matches(int bound, int key)
{
	if (bound == TK_DIGIT)
		return (key >= '0' && key <= '9');
	return (bound == key);
}

enum action
keymap_lookup(enum keymap km, int key)
{
	const struct keybind	*k;
	int			 m = (int)km;

	while (m >= 0) {
		for (k = keymaps[m].keys; k->action != ACT_NONE; k++) {
			if (key_matches(k->key, key))
				return (k->action);
		}
		m = keymaps[m].fallback;
	}
	return (ACT_NONE);
}

int
keymap_key_for(enum keymap km, enum action a)
{
	const struct keybind	*k;
	int			 m = (int)km;

	while (m >= 0) {
		for (k = keymaps[m].keys; k->action != ACT_NONE; k++) {
			if (k->action == a)
				return (k->key);
		}
		m = keymaps[m].fallback;
	}
	return (-1);
}

const char *
key_label(int key, char *buf, size_t size)
{
	static const struct {
		int		 key;
		const char	*label;
	} names[] = {
		{ KEY_UP, N_("Up") }, { KEY_DOWN, N_("Down") },
		{ KEY_LEFT, N_("Left") }, { KEY_RIGHT, N_("Right") },
		{ KEY_PPAGE, N_("PgUp") }, { KEY_NPAGE, N_("PgDn") },
		{ KEY_HOME, N_("Home") }, { KEY_END, N_("End") },
		{ KEY_ENTER, N_("Enter") }, { '\r', N_("Enter") },
		{ '\n', N_("Enter") }, { ' ', N_("Space") },
		{ '\t', N_("Tab") }, { KEY_ESC, N_("Esc") },
		{ KEY_BACKSPACE, N_("Backspace") }, { 127, N_("Backspace") },
		{ CTRL_KEY('h'), N_("Backspace") }, { TK_DIGIT, "0-9" },
		{ KEY_DC, N_("Delete") },
	};
	size_t	 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			/* TRANSLATORS: key names as printed on keyboards. */
			snprintf(buf, size, "%s", _(names[i].label));
			return (buf);
		}
	}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else if (key >= 0 && key < 32)
		/* TRANSLATORS: a control key, as in Ctrl-L. */
		snprintf(buf, size, _("Ctrl-%c"), key + 'A' - 1);
	else if (key > 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "<%d>", key);
	return (buf);
}

/* "j, Down" for one action in one table, without repeated labels. */
static void
keys_of(const struct keybind *keys, enum action a, char *out, size_t size)
{
	const struct keybind	*k;
	char			 label[32];
	size_t			 len;

	out[0] = '\0';
	for (k = keys; k->action != ACT_NONE; k++) {
		if (k->action != a)
			continue;
		key_label(k->key, label, sizeof label);
		/* Enter and Backspace have several codes. */
		len = strlen(label);
		if (strstr(out, label) != NULL) {
			const char *p = strstr(out, label);
			if ((p == out || p[-1] == ' ') &&
			    (p[len] == '\0' || p[len] == ','))
				continue;
		}
		if (out[0] != '\0')
			strncat(out, ", ", size - strlen(out) - 1);
		strncat(out, label, size - strlen(out) - 1);
	}
}

void
keymap_each(void (*fn)(void *, const char *, const char *), void *arg)
{
	char	 keys[128];
	size_t	 i, j;
	int	 a;

	for (i = 0; i < sizeof help_order / sizeof help_order[0]; i++) {
		const struct keybind *t = keymaps[help_order[i]].keys;

		fn(arg, NULL, _(keymaps[help_order[i]].title));
		for (a = 1; a < ACT__COUNT; a++) {
			keys_of(t, (enum action)a, keys, sizeof keys);
			if (keys[0] != '\0')
				fn(arg, keys, action_help((enum action)a));
		}
		if (help_order[i] != KM_PROMPT)
			continue;
		for (j = 0; j < sizeof prompt_notes / sizeof prompt_notes[0];
		    j++)
			fn(arg, prompt_notes[j][0], _(prompt_notes[j][1]));
	}
}

struct plain {
	FILE	*f;
	int	 sections;
};

static void
print_plain(void *arg, const char *keys, const char *text)
{
	struct plain	*p = arg;

	if (keys == NULL)
		fprintf(p->f, "%s%s\n", p->sections++ != 0 ? "\n" : "", text);
	else
		fprintf(p->f, "  %-20s %s\n", keys, text);
}

void
tui_print_keys(FILE *f)
{
	struct plain	 p = { f, 0 };

	keymap_each(print_plain, &p);
}

/* Text safe for roff: backslashes, leading dots and hyphens escaped. */
static void
roff_text(FILE *f, const char *s, int hyphens)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '"')
			fputs("\\(dq", f);
		else if (*s == '-' && hyphens)
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void
print_man(void *arg, const char *keys, const char *text)
{
	FILE	*f = arg;

	if (keys == NULL) {
		fputs(".SS \"", f);
		roff_text(f, text, 0);
		fputs("\"\n", f);
		return;
	}
	fputs(".TP 16\n.B \"", f);
	roff_text(f, keys, 1);
	fputs("\"\n", f);
	roff_text(f, text, 0);
	fputc('\n', f);
}

void
tui_print_keys_man(FILE *f)
{
	keymap_each(print_man, f);
}
