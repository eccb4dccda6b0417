/*
 * Named actions and the per-view key tables that map keys to them.  One
 * X-macro list yields the enum, the names, the status-line hints, the
 * help overlay and the man page's key list.
 */
#ifndef SD_TUI_ACTION_H
#define SD_TUI_ACTION_H

#include <stdio.h>

/*
 * X(id, name, hint, help): name is the stable, untranslated action
 * name; hint the one-word label for the status line (or NULL); help the
 * sentence for the help overlay.  Both are marked with N_().
 */
#define TUI_ACTIONS \
	X(NONE,		"none",		NULL,	NULL) \
	X(QUIT,		"quit",		N_("quit"), \
	    N_("Quit")) \
	X(HELP,		"help",		N_("help"), \
	    N_("Show or close this help")) \
	X(REDRAW,	"redraw",	NULL, \
	    N_("Redraw the screen")) \
	X(UP,		"move-up",	NULL, \
	    N_("Move up one line")) \
	X(DOWN,		"move-down",	NULL, \
	    N_("Move down one line")) \
	X(PAGE_UP,	"page-up",	NULL, \
	    N_("Move up one page")) \
	X(PAGE_DOWN,	"page-down",	NULL, \
	    N_("Move down one page")) \
	X(TOP,		"top",		NULL, \
	    N_("Go to the top")) \
	X(BOTTOM,	"bottom",	NULL, \
	    N_("Go to the bottom")) \
	X(ENTER,	"enter",	N_("open"), \
	    N_("Fold or unfold a group; on an entry, show its detail")) \
	X(TOGGLE,	"toggle",	NULL, \
	    N_("Fold or unfold a group; on an entry, page its detail")) \
	X(FOLD,		"fold",		NULL, \
	    N_("Fold the group, or go up to the group")) \
	X(UNFOLD,	"unfold",	NULL, \
	    N_("Unfold the group; on an entry, show its detail")) \
	X(FOLD_ALL,	"fold-all",	NULL, \
	    N_("Fold every group, or unfold them all")) \
	X(SWITCH_PANE,	"switch-pane",	N_("pane"), \
	    N_("Switch between the list and the detail")) \
	X(FILTER,	"filter",	N_("filter"), \
	    N_("Filter the list: type words, or a code to go to it")) \
	X(TYPE_CODE,	"type-code",	NULL, \
	    N_("Start typing a code to go to it")) \
	X(NEXT_MATCH,	"next-match",	NULL, \
	    N_("Go to the next entry shown, even in a folded group")) \
	X(PREV_MATCH,	"previous-match", NULL, \
	    N_("Go to the previous entry shown")) \
	X(CLASS_MENU,	"class-menu",	N_("class"), \
	    N_("Filter by class (2xx, 3xx, 4xx, 5xx)")) \
	X(CATEGORY_MENU, "category-menu", N_("category"), \
	    N_("Filter by category")) \
	X(BACK,		"back",		N_("back"), \
	    N_("Close, go back to the list, or clear the filters")) \
	X(HISTORY_BACK,	"history-back",	N_("return"), \
	    N_("Go back to the entry you followed a related code from")) \
	X(NEXT_LINK,	"next-link",	N_("next code"), \
	    N_("Select the next related code")) \
	X(PREV_LINK,	"previous-link", NULL, \
	    N_("Select the previous related code")) \
	X(FOLLOW_LINK,	"follow-link",	N_("follow"), \
	    N_("Go to the selected related code")) \
	X(SELECT,	"select",	N_("choose"), \
	    N_("Choose the highlighted item")) \
	X(ACCEPT,	"accept",	N_("keep"), \
	    N_("Keep the filter and return to the list")) \
	X(CANCEL,	"cancel",	N_("clear"), \
	    N_("Clear the filter and return to the list")) \
	X(PASTE,	"paste",	N_("paste"), \
	    N_("Paste or type a bounce to diagnose")) \
	X(EDIT,		"edit",		N_("edit"), \
	    N_("Edit the pasted text again")) \
	X(ANALYSE,	"analyse",	N_("diagnose"), \
	    N_("Diagnose the text in the box")) \
	X(CLOSE_BOX,	"close-box",	N_("close"), \
	    N_("Close the box; p or e brings the text back")) \
	X(NEWLINE,	"newline",	NULL, \
	    N_("Start a new line")) \
	X(RUBOUT,	"rubout",	NULL, \
	    N_("Erase the last character")) \
	X(ERASE_LINE,	"erase-line",	NULL, \
	    N_("Erase the last line")) \
	X(CLEAR_BOX,	"clear-box",	N_("clear"), \
	    N_("Erase all the text")) \
	X(RESULT_PANE,	"result-pane",	N_("pane"), \
	    N_("Switch between the text and the verdict")) \
	X(NEXT_ENTRY,	"next-entry",	N_("next code"), \
	    N_("Select the next catalogue entry of the verdict")) \
	X(PREV_ENTRY,	"previous-entry", NULL, \
	    N_("Select the previous catalogue entry of the verdict")) \
	X(OPEN_ENTRY,	"open-entry",	N_("open"), \
	    N_("Open the entry; in the text, fold or unfold headers")) \
	X(NEXT_PART,	"next-part",	N_("next part"), \
	    N_("Scroll the text to the next highlighted part")) \
	X(PREV_PART,	"previous-part", NULL, \
	    N_("Scroll the text to the previous highlighted part")) \
	X(CHECK,	"check-dns",	N_("check"), \
	    N_("Check in the DNS what the selected verdict points to " \
	    "(SPF, DKIM, DMARC, MX, PTR, blocklists); asks first")) \
	X(CHECK_RECORDS, "check-records", NULL, \
	    N_("Show or hide the DNS records the checks read")) \
	X(OPEN_GROUP,	"open-group",	N_("open"), \
	    N_("Fold or unfold a reason; on a domain, show the diagnosis " \
	    "of its example and its log lines")) \
	X(FOLLOW,	"follow",	N_("follow"), \
	    N_("Follow the log as it grows, as tail -F does; again stops")) \
	X(LOG_SUMMARY,	"log-summary",	NULL, \
	    N_("Go back to the summary of the mail log given"))

enum action {
#define X(id, name, hint, help) ACT_##id,
	TUI_ACTIONS
#undef X
	ACT__COUNT
};

/* Key tables: each view reads keys through one of these. */
enum keymap {
	KM_GLOBAL,	/* the list and the detail fall back on it */
	KM_LIST,
	KM_DETAIL,
	KM_PROMPT,	/* keys the filter prompt keeps from readline */
	KM_HELP,
	KM_MENU,
	KM_PASTE,	/* the paste box: other keys are text */
	KM_RESULT,	/* the diagnosis of the pasted text */
	KM_SUMMARY,	/* the summary of a mail log */
	KM__COUNT
};

/* A key that stands for every digit, so "0-9" is one table row. */
#define TK_DIGIT	0x7fff0001
#define CTRL_KEY(c)	((c) & 0x1f)
#define KEY_ESC		27

const char	*action_name(enum action);
const char	*action_hint(enum action);	/* translated, or NULL */
const char	*action_help(enum action);	/* translated */

/* The action of a key in a keymap, trying its fallback; ACT_NONE if none. */
enum action	 keymap_lookup(enum keymap, int key);
/* The first key bound to an action in a keymap or its fallback, or -1. */
int		 keymap_key_for(enum keymap, enum action);
/* "Up", "Ctrl-F", "PgDn", "Space", "0-9"... */
const char	*key_label(int key, char *buf, size_t size);

/*
 * The key list of every keymap, as text lines for the help overlay:
 * calls fn for each section title (keys NULL) and each action row.
 */
void	keymap_each(void (*fn)(void *, const char *keys, const char *text),
	    void *arg);

#endif
