/* The fixed set of categories every catalogue entry belongs to. */
#ifndef SD_CATEGORY_H
#define SD_CATEGORY_H

#include <stddef.h>

struct category {
	const char	*id;	/* used in data files and --category */
	const char	*title;	/* English; translated in the catalogue domain */
};

extern const struct category categories[];
extern const size_t ncategories;

/* Index of the category with this id (case-insensitive), or -1. */
int	category_find(const char *id);

#endif
