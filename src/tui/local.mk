## The browser: one file per view behind struct view (see tui.h).
src_smtp_doctor_SOURCES += \
	src/tui/tui.c src/tui/tui.h
