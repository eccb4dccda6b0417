#!/bin/sh
# Every code of ../shared/reference is in the catalogue, and every real
# provider reply listed there is an example on some entry.
. "${top_srcdir:-.}/tests/lib.sh"
ref=${SHARED_DIR:-$top_srcdir/../shared}/reference
if [ ! -d "$ref" ]; then
	echo "SKIP: $ref is absent (the shared reference files are not shipped)"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 is needed to read the reference tables"
	exit 77
fi
"$SMTP_DOCTOR" --list --json >"$tmp/all.jsonl" || { echo "FAIL: --list"; exit 1; }
python3 - "$ref" "$tmp/all.jsonl" <<'PY'
import csv, json, sys
ref, cat = sys.argv[1], sys.argv[2]
entries = [json.loads(l) for l in open(cat, encoding="utf-8")]
codes = {e["code"].lower() for e in entries}
families = {e["family"].lower() for e in entries if e["family"]}
examples = "\n".join(x["text"] for e in entries for x in e["examples"])
missing, checked = [], 0

def rows(name):
    with open(f"{ref}/{name}", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))

for name in ("reply-codes.tsv", "enhanced-status-codes.tsv", "seed-codes.tsv"):
    for r in rows(name):
        c = r["code"].strip().lower()
        checked += 1
        if c not in codes and c not in families:
            missing.append(f"{name}: {r['code']}")
for r in rows("provider-messages.tsv"):
    text = r["response_text"].replace("\\n", "\n").strip()
    checked += 1
    if text not in examples:
        missing.append(f"provider-messages.tsv: {r['provider']}: {text[:60]}")
for m in missing:
    print("MISSING", m)
print(f"{checked - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
PY
