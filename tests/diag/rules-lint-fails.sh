#!/bin/sh
# rules-lint.sh must be able to fail: on a copy of the shipped rules, a
# rule that decides something without a source is named by file:line,
# and the allowlist lets only the ids it lists pass.
. "${top_srcdir:-.}/tests/lib.sh"
lint=$top_srcdir/tests/diag/rules-lint.sh

mkdir "$tmp/data"
cp -R "$top_srcdir/data/rules" "$tmp/data/rules"
chmod -R u+w "$tmp/data"
run 0 sh "$lint" --data "$tmp/data"

# A new rule with a reason and no source: the lint fails and says where.
n=$(wc -l <"$tmp/data/rules/40-wording.txt")
printf '\nrule: lint-probe-reason\nmatch: lint probe words\nreason: blocked\n' \
	>>"$tmp/data/rules/40-wording.txt"
run 1 sh "$lint" --data "$tmp/data"
expect "$tmp/out" "40-wording.txt:$((n + 2)): rule 'lint-probe-reason'"

# Setting only a provider, or only 'permanent', is deciding too.
printf '\nrule: lint-probe-provider\nmatch: lint probe host\nprovider: Probe\n' \
	>"$tmp/data/rules/95-probe.txt"
printf '\nrule: lint-probe-permanent\nmatch: lint probe again\npermanent: no\n' \
	>>"$tmp/data/rules/95-probe.txt"
run 1 sh "$lint" --data "$tmp/data"
expect "$tmp/out" "95-probe.txt:2: rule 'lint-probe-provider'"
expect "$tmp/out" "95-probe.txt:6: rule 'lint-probe-permanent'"

# Listed in the allowlist, they pass; a source, indented or not, too.
cp "$top_srcdir/tests/diag/rules-lint.todo" "$tmp/todo"
printf 'lint-probe-reason\nlint-probe-provider  # a comment\n' >>"$tmp/todo"
printf 'source: RFC 5321,\n  section 4.2\n' >>"$tmp/data/rules/95-probe.txt"
run 0 sh "$lint" --data "$tmp/data" --todo "$tmp/todo"

# A comment line or a continuation that says "source:" is not a source.
printf '\nrule: lint-probe-comment\n# source: nowhere\nmatch: x y z\nreason: onhold\n  source: not a field\n' \
	>>"$tmp/data/rules/95-probe.txt"
run 1 sh "$lint" --data "$tmp/data" --todo "$tmp/todo"
expect "$tmp/out" "rule 'lint-probe-comment'"
refuse "$tmp/out" "rule 'lint-probe-reason'"

# An empty allowlist fails on an unsourced rule of the copy, and passes
# on the shipped rules: every one of them names its source.
: >"$tmp/none"
run 1 sh "$lint" --data "$tmp/data" --todo "$tmp/none"
expect "$tmp/out" "rule 'lint-probe-reason'"
run 0 sh "$lint" --todo "$tmp/none"
finish
