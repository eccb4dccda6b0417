## The data: installed under $(pkgdatadir), read from the source tree
## when the binary runs uninstalled.
catalogdir = $(pkgdatadir)/catalogue
dist_catalog_DATA = \
	data/catalogue/reply.txt \
	data/catalogue/nonstandard.txt \
	data/catalogue/enhanced-0-4.txt \
	data/catalogue/enhanced-5-6.txt \
	data/catalogue/enhanced-7.txt \
	data/catalogue/provider-microsoft.txt \
	data/catalogue/provider-others.txt
dist_pkgdata_DATA = data/README
## Diagnosis rules.
rulesdir = $(pkgdatadir)/rules
dist_rules_DATA = \
	data/rules/00-reasons.txt \
	data/rules/10-kinds.txt \
	data/rules/25-gmail.txt \
	data/rules/25-microsoft.txt \
	data/rules/27-mta2.txt \
	data/rules/28-mta.txt \
	data/rules/30-providers-reasons.txt \
	data/rules/40-wording.txt \
	data/rules/80-codes.txt \
	data/rules/85-class-wording.txt \
	data/rules/90-fallback.txt
dist_rules_DATA += data/rules/README
## The providers other than Gmail and Microsoft, one file each.
dist_rules_DATA += \
	data/rules/25-aliyun.txt \
	data/rules/25-att.txt \
	data/rules/25-barracuda.txt \
	data/rules/25-cisco.txt \
	data/rules/25-cloudflare.txt \
	data/rules/25-comcast.txt \
	data/rules/25-cox.txt \
	data/rules/25-docomo.txt \
	data/rules/25-fastmail.txt \
	data/rules/25-gmx.txt \
	data/rules/25-godaddy.txt \
	data/rules/25-icloud.txt \
	data/rules/25-interia.txt \
	data/rules/25-ionos.txt \
	data/rules/25-libero.txt \
	data/rules/25-mailru.txt \
	data/rules/25-mimecast.txt \
	data/rules/25-netease.txt \
	data/rules/25-orange.txt \
	data/rules/25-proofpoint.txt \
	data/rules/25-qq.txt \
	data/rules/25-rackspace.txt \
	data/rules/25-ses.txt \
	data/rules/25-seznam.txt \
	data/rules/25-sfr.txt \
	data/rules/25-spectrum.txt \
	data/rules/25-symantec.txt \
	data/rules/25-t-online.txt \
	data/rules/25-trendmicro.txt \
	data/rules/25-verizon.txt \
	data/rules/25-yahoo.txt \
	data/rules/25-yandex.txt \
	data/rules/25-zoho.txt
## The DNS blocklists --check asks (issue 15).
checksdir = $(pkgdatadir)/checks
dist_checks_DATA = data/checks/dnsbl.txt
