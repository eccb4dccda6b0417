## The catalogue's own text domain (smtp-doctor-catalogue): data text is
## translated apart from the interface, as iso-codes does.  The .mo files
## of both domains are also laid out under locale/ in the build tree so
## that an uninstalled binary speaks the user's language.

CATALOGUE_LINGUAS = fr de
EXTRA_DIST += po/catalogue/smtp-doctor-catalogue.pot \
	po/catalogue/fr.po po/catalogue/de.po

all-local: locale-tree

locale-tree:
	@for l in $(CATALOGUE_LINGUAS); do \
	  d=locale/$$l/LC_MESSAGES; $(MKDIR_P) $$d || exit 1; \
	  po=$(srcdir)/po/catalogue/$$l.po; mo=$$d/$(PACKAGE)-catalogue.mo; \
	  if test -f $$po && { test ! -f $$mo || test $$po -nt $$mo; }; then \
	    $(MSGFMT) -c -o $$mo $$po || exit 1; \
	  fi; \
	  for g in po/$$l.gmo $(srcdir)/po/$$l.gmo; do \
	    if test -f $$g; then cp $$g $$d/$(PACKAGE).mo; break; fi; \
	  done; \
	done

install-data-local:
	@for l in $(CATALOGUE_LINGUAS); do \
	  mo=locale/$$l/LC_MESSAGES/$(PACKAGE)-catalogue.mo; \
	  if test -f $$mo; then \
	    $(MKDIR_P) $(DESTDIR)$(localedir)/$$l/LC_MESSAGES && \
	    $(INSTALL_DATA) $$mo $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/ || exit 1; \
	  fi; \
	done

uninstall-local:
	@for l in $(CATALOGUE_LINGUAS); do \
	  rm -f $(DESTDIR)$(localedir)/$$l/LC_MESSAGES/$(PACKAGE)-catalogue.mo; \
	done

clean-local:
	rm -rf locale

# Maintainers: refresh the template from the data, then merge it.
update-po-catalogue: tools/catalogue-pot$(EXEEXT)
	tools/catalogue-pot$(EXEEXT) $(srcdir)/data \
	  > $(srcdir)/po/catalogue/$(PACKAGE)-catalogue.pot
	@for l in $(CATALOGUE_LINGUAS); do \
	  $(MSGMERGE) --update --backup=none --no-fuzzy-matching \
	    $(srcdir)/po/catalogue/$$l.po \
	    $(srcdir)/po/catalogue/$(PACKAGE)-catalogue.pot || exit 1; \
	done

update-po: update-po-catalogue
	cd po && $(MAKE) update-po

.PHONY: locale-tree update-po-catalogue update-po
