## The browser: one file per view behind struct view (see view.h);
## the benchmarks link all of it but the entry point, tui_main.c.
TUI_SOURCES = \
	src/tui/tui.c src/tui/tui.h src/tui/view.h \
	src/tui/action.c src/tui/action.h \
	src/tui/draw.c src/tui/draw.h \
	src/tui/scroll.c src/tui/scroll.h \
	src/tui/term.c \
	src/tui/keys.c \
	src/tui/prompt.c \
	src/tui/history.c \
	src/tui/view_list.c \
	src/tui/view_detail.c \
	src/tui/view_help.c \
	src/tui/view_menu.c \
	src/tui/tpaste.c src/tui/tpaste.h \
	src/tui/tresult.h \
	src/tui/paste_io.c \
	src/tui/view_paste.c \
	src/tui/view_result.c \
	src/tui/view_summary.c \
	src/tui/result_verdict.c
src_smtp_doctor_SOURCES += $(TUI_SOURCES) src/tui/tui_main.c
