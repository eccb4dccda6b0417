#!/bin/sh
# Translations: French and German output, English fallback per string,
# and complete message catalogues.
. "${top_srcdir:-.}/tests/lib.sh"
sd=$SMTP_DOCTOR
export LC_ALL=C.UTF-8

LANGUAGE=fr run 0 "$sd" 550
expect "$tmp/out" "550  Action demandée non effectuée"
expect "$tmp/out" "Boîte aux lettres et adresse"
LANGUAGE=de run 0 "$sd" 5.2.2
expect "$tmp/out" "5.2.2  Postfach voll"
expect "$tmp/out" "Größe und Speicherplatz"
# The interface too: headings and the help.
LANGUAGE=fr run 0 "$sd" 550
refuse "$tmp/out" "Meaning"
refuse "$tmp/out" "What to do"
LANGUAGE=fr run 0 "$sd" --help
refuse "$tmp/out" "Usage:"
LANGUAGE=de run 0 "$sd" --help
expect "$tmp/out" "Aufruf:"
LANGUAGE=de run 2 "$sd" --bogus
refuse "$tmp/err" "Try '"
LANGUAGE=de run 0 "$sd" --list-categories
expect "$tmp/out" "Postfach und Adresse"
# Codes and reply strings are never translated.
LANGUAGE=fr run 0 "$sd" 5.7.26
expect "$tmp/out" "550-5.7.26"
# JSON stays English whatever the language: scripts rely on it.
LANGUAGE=fr run 0 "$sd" --json 5.2.2
expect "$tmp/out" '"title":"Mailbox full"'

# A string without a translation falls back to English, per string.
printf 'code: 550\nkind: reply\ncategory: mailbox\ntitle: Not translated anywhere\nmeaning: Plain English.\nretry: never\nfrequency: rare\nimportance: low\nsource: RFC 5321, section 4.2.3\n' >"$tmp/one.txt"
LANGUAGE=fr run 0 "$sd" --data "$tmp/one.txt" 550
expect "$tmp/out" "550  Not translated anywhere"
expect "$tmp/out" "Plain English."
expect "$tmp/out" "Boîte aux lettres et adresse"
# An unknown language is English.
LANGUAGE=xx run 0 "$sd" 5.2.2
expect "$tmp/out" "5.2.2  Mailbox full"

# Every message catalogue compiles cleanly; the UI ones are complete.
if command -v msgfmt >/dev/null 2>&1; then
	for po in "$top_srcdir"/po/*.po "$top_srcdir"/po/catalogue/*.po; do
		[ -f "$po" ] || continue
		checks=$((checks + 1))
		stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po" 2>&1) ||
			fail "msgfmt -c $po: $stats"
		echo "${po#$top_srcdir/}: $stats"
		case $po in
		*/catalogue/*) ;;
		*)	case $stats in
			*untranslated*|*fuzzy*) fail "$po is incomplete: $stats" ;;
			esac ;;
		esac
	done
fi
finish
