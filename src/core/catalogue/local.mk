## The catalogue: loading, categories, the code index, search, an
## entry laid out as lines.
src_core_libcore_a_SOURCES += \
	src/core/catalogue/catalog.c \
	src/core/catalogue/catalog.h \
	src/core/catalogue/catalog_load.c \
	src/core/catalogue/category.c \
	src/core/catalogue/category.h \
	src/core/catalogue/entry_json.c \
	src/core/catalogue/entry_json.h \
	src/core/catalogue/render.c \
	src/core/catalogue/render.h \
	src/core/catalogue/search.c \
	src/core/catalogue/search.h
