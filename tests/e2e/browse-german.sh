#!/bin/sh
# The German browser at 80x24: translated text, and no word cut in the
# middle by the layout (a cut word would be a fragment found nowhere in
# the texts; truncation must end in an ellipsis instead).
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 missing: skipped"; exit 77; }

start_shell 80 24
rm -f "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"
keys "clear; stty -g >'$e2e_tmp/stty.before'; LANGUAGE=de '$SMTP_DOCTOR'; \
echo rc=\$?; stty -g >'$e2e_tmp/stty.after'" Enter
wait_frame
wait_for 'Erfolg|Postfach|Authentifizierung' "German text"
: >"$e2e_tmp/screens"
screen >>"$e2e_tmp/screens"
# A few entries with long German titles and texts.
for code in 5.7.26 5.2.2 550 4.7.0 5.1.1; do
	keys Escape
	type_text "$code"
	keys Enter
	wait_for "│ $code  " "the detail of $code"
	screen >>"$e2e_tmp/screens"
	keys Tab
	keys PgDn
	sleep 0.2
	screen >>"$e2e_tmp/screens"
	keys Tab
done
keys '?'
wait_for 'q ' "the help overlay"
screen >>"$e2e_tmp/screens"
keys q
keys q
expect_exit 0

python3 - "$e2e_tmp/screens" "${top_srcdir:-.}" <<'PY' || fail "words cut by the layout"
import glob, re, sys
screens, top = sys.argv[1], sys.argv[2]
vocab = set()
word = re.compile(r"[A-Za-zÄÖÜäöüßÀ-ÿ]+")
texts = glob.glob(top + "/po/*.po") + glob.glob(top + "/po/catalogue/*.po") \
    + glob.glob(top + "/data/catalogue/*.txt") + glob.glob(top + "/data/rules/*.txt") \
    + glob.glob(top + "/src/*.c") + glob.glob(top + "/src/*/*.c")
for f in texts:
    vocab.update(w.lower() for w in word.findall(open(f, encoding="utf-8").read()))
bad = set()
for line in open(screens, encoding="utf-8"):
    # Split the two panes; drop tokens cut on purpose (ending in an ellipsis).
    for part in line.split("│"):
        for tok in re.findall(r"\S+", part):
            if tok.endswith("…"):
                continue
            for w in word.findall(tok):
                if len(w) >= 3 and w.lower() not in vocab:
                    bad.add(w)
if bad:
    print("fragments not found in any text:", " ".join(sorted(bad)))
    sys.exit(1)
print("no word cut in the German browser")
PY
echo "PASS: $e2e_name"
