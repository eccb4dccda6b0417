/* Translation macros: _() for the interface, C_() for catalogue text. */
#ifndef SD_I18N_H
#define SD_I18N_H

#include <libintl.h>

/* The catalogue and diagnosis texts have a text domain of their own. */
#define CATALOG_DOMAIN	PACKAGE "-catalogue"

#define _(s)	dgettext(PACKAGE, s)
#define N_(s)	(s)
#define C_(s)	dgettext(CATALOG_DOMAIN, s)

#endif
