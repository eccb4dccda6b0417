## The manual page: doc/smtp-doctor.1.in with the key list generated from
## the browser's action table, so the two cannot disagree.
man_MANS = doc/smtp-doctor.1
# The date of the release the page describes.
MAN_DATE = 2026-11-23
EXTRA_DIST += doc/smtp-doctor.1.in doc/rules.man
CLEANFILES += doc/smtp-doctor.1 doc/keys.man

doc/keys.man: tools/man-keys$(EXEEXT)
	$(MKDIR_P) doc
	tools/man-keys$(EXEEXT) > $@.tmp && mv $@.tmp $@

doc/smtp-doctor.1: $(srcdir)/doc/smtp-doctor.1.in doc/keys.man \
    $(srcdir)/doc/rules.man Makefile
	$(MKDIR_P) doc
	$(AWK) -v keys=doc/keys.man -v rules=$(srcdir)/doc/rules.man \
	  '/^%KEYS%$$/ { while ((getline l < keys) > 0) print l; next } \
	   /^%RULES%$$/ { while ((getline l < rules) > 0) print l; next } \
	   { print }' $(srcdir)/doc/smtp-doctor.1.in | \
	sed -e 's|%VERSION%|$(VERSION)|g' \
	    -e 's|%DATE%|$(MAN_DATE)|g' \
	    -e 's|%PKGDATADIR%|$(pkgdatadir)|g' \
	    -e 's|%PACKAGE_BUGREPORT%|$(PACKAGE_BUGREPORT)|g' > $@.tmp
	mv $@.tmp $@
