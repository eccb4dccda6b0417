## The data: installed under $(pkgdatadir), read from the source tree
## when the binary runs uninstalled.
catalogdir = $(pkgdatadir)/catalogue
dist_catalog_DATA = \
	data/catalogue/reply.txt \
	data/catalogue/nonstandard.txt \
	data/catalogue/enhanced-0-4.txt \
	data/catalogue/enhanced-5-6.txt \
	data/catalogue/enhanced-7.txt \
	data/catalogue/provider-microsoft.txt
dist_pkgdata_DATA = data/README
## Diagnosis rules.
rulesdir = $(pkgdatadir)/rules
dist_rules_DATA = \
	data/rules/00-reasons.txt \
	data/rules/10-kinds.txt \
	data/rules/20-providers.txt \
	data/rules/25-gmail.txt \
	data/rules/25-microsoft.txt \
	data/rules/30-providers-reasons.txt \
	data/rules/40-wording.txt \
	data/rules/80-codes.txt \
	data/rules/90-fallback.txt
dist_rules_DATA += data/rules/README
