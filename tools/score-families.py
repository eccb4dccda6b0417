#!/usr/bin/env python3
"""Agreement of a --diagnose --json run with the corpus labels, split by
sending-MTA family: the families the rules may be checked against while
they are written (dev), and a quarter kept aside (held out) whose
figure alone is printed, never their misses.

usage: score-families.py LABELS.tsv RESULTS.jsonl

A family is the format that decoded the report (the labels' smtpagent:
Postfix, Exim, GSuite...), read from the message, not its file name.
The held-out quarter is fixed by a hash of the family's name, so it is
the same in every run and nobody chose it by looking at the results.
"""
import collections, hashlib, json, sys

NEWER = {
    "authfailure": {"securityerror", "policyviolation", "rejected"},
    "badreputation": {"blocked"}, "requireptr": {"blocked"},
    "notcompliantrfc": {"rejected", "contenterror", "syntaxerror"},
    "speeding": {"toomanyconn", "blocked"},
    "ratelimited": {"toomanyconn", "blocked"},
    "failedstarttls": {"securityerror"}, "suppressed": {"filtered"},
    "emailtoolarge": {"mesgtoobig"},
}


def agrees(ours, label):
    ours = (ours or "").lower()
    return ours == label or label in NEWER.get(ours, ())


def held_out(family):
    return int(hashlib.sha256(family.encode()).hexdigest(), 16) % 4 == 0


def main(labels_path, results_path):
    labels = collections.defaultdict(list)
    with open(labels_path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            labels[row["file"]].append(row)
    results = collections.defaultdict(list)
    with open(results_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                results[str(r.get("source", "")).rsplit("/", 1)[-1]].append(r)
    tally = collections.defaultdict(lambda: [0, 0])
    for name, rows in labels.items():
        if rows[0]["reason"] == "NONE":
            continue
        got = results.get(name, [])
        by_rcpt = {str(r.get("recipient", "")).lower(): r for r in got}
        for row in rows:
            fam = row.get("smtpagent") or "(none)"
            r = by_rcpt.get(row["recipient"].lower())
            if r is None and len(rows) == 1 and len(got) == 1:
                r = got[0]
            t = tally[fam]
            t[1] += 1
            if r is not None and agrees(r.get("reason"), row["reason"]):
                t[0] += 1
    split = {"dev": [0, 0, 0], "held out": [0, 0, 0]}
    for fam, (ok, n) in tally.items():
        s = split["held out" if held_out(fam) else "dev"]
        s[0] += ok
        s[1] += n
        s[2] += 1
    for k in ("dev", "held out"):
        ok, n, fams = split[k]
        print("%-9s reason agreement: %5.1f%% (%d/%d) over %d families" %
              (k, 100.0 * ok / n if n else 0.0, ok, n, fams))
    print("held-out families:", " ".join(sorted(f for f in tally
                                                if held_out(f))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
