/* Keys from any common terminal, whatever TERM says. */
#include "config.h"

#include <curses.h>

#include "tui/action.h"
#include "tui/view.h"

/*
 * What PuTTY, rxvt, the Linux console, screen, tmux and xterm send for
 * the editing and function keys, in either cursor mode.  A TERM that
 * names another terminal (xterm-256color inside tmux, say) lists only
 * its own; like htop, teach ncurses the rest, never replacing a string
 * the terminfo entry already binds.
 */
static const struct {
	const char	*seq;
	int		 key;
} variants[] = {
	{ "\033[A", KEY_UP }, { "\033OA", KEY_UP },
	{ "\033[B", KEY_DOWN }, { "\033OB", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033OC", KEY_RIGHT },
	{ "\033[D", KEY_LEFT }, { "\033OD", KEY_LEFT },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	/* xterm and VT220 F1-F4, then rxvt and PuTTY's, then the console. */
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	{ "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	/* Shift and Ctrl arrows: xterm's modifier forms, then rxvt's. */
	{ "\033[1;2A", KEY_SR }, { "\033[1;2B", KEY_SF },
	{ "\033[1;2C", KEY_SRIGHT }, { "\033[1;2D", KEY_SLEFT },
	{ "\033[1;5A", KEY_UP }, { "\033[1;5B", KEY_DOWN },
	{ "\033[1;5C", KEY_RIGHT }, { "\033[1;5D", KEY_LEFT },
	{ "\033[1;3A", KEY_UP }, { "\033[1;3B", KEY_DOWN },
	{ "\033[1;3C", KEY_RIGHT }, { "\033[1;3D", KEY_LEFT },
	{ "\033[a", KEY_SR }, { "\033[b", KEY_SF },
	{ "\033[c", KEY_SRIGHT }, { "\033[d", KEY_SLEFT },
	{ "\033Oa", KEY_UP }, { "\033Ob", KEY_DOWN },
	{ "\033Oc", KEY_RIGHT }, { "\033Od", KEY_LEFT },
	{ "\033[1;2H", KEY_HOME }, { "\033[1;5H", KEY_HOME },
	{ "\033[1;2F", KEY_END }, { "\033[1;5F", KEY_END },
	{ "\033[5;5~", KEY_PPAGE }, { "\033[6;5~", KEY_NPAGE },
	{ "\033[3;5~", KEY_DC },
};

void
keys_init(void)
{
	size_t	 i;

	for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		/* 0: the string is no key yet; a prefix of one is left. */
		if (key_defined(variants[i].seq) == 0)
			define_key(variants[i].seq, variants[i].key);
	}
}

/* The rest of a sequence: bytes that arrived with its first ones. */
static int
pending(void)
{
	int	 c;

	nodelay(stdscr, TRUE);
	c = wgetch(stdscr);
	nodelay(stdscr, FALSE);
	return (c);
}

/*
 * ESC read by itself though more bytes came with it: ncurses found no
 * key for the sequence.  A CSI (ESC [ parameters, final byte @ to ~) or
 * SS3 (ESC O and one byte) is read to its end and thrown away whole, so
 * that "[4~" never lands in a prompt, the filter or the box as text.
 * Returns KEY_IGNORED for such a sequence; else key, with the byte read
 * after it pushed back (Esc then a letter is Meta-letter).
 */
int
keys_filter(int key)
{
	int	 c, n;

	if (key != KEY_ESC || (c = pending()) == ERR)
		return (key);
	if (c == 'O') {
		if ((c = pending()) == ERR) {
			ungetch('O');
			return (key);
		}
		return (KEY_IGNORED);
	}
	if (c != '[') {
		ungetch(c);
		return (key);
	}
	/* Bounded: a sequence longer than any terminal's is not one. */
	for (n = 0; n < KEYS_MAX_CSI; n++) {
		if ((c = pending()) == ERR)
			break;
		if (c >= 0x40 && c <= 0x7e)
			break;
	}
	return (KEY_IGNORED);
}
