## The data: installed under $(pkgdatadir), read from the source tree
## when the binary runs uninstalled.
catalogdir = $(pkgdatadir)/catalogue
dist_catalog_DATA = \
	data/catalogue/reply.txt \
	data/catalogue/nonstandard.txt \
	data/catalogue/enhanced-0-4.txt \
	data/catalogue/enhanced-5-6.txt \
	data/catalogue/enhanced-7.txt
dist_pkgdata_DATA = data/README
## Diagnosis rules.
