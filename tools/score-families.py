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
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scorelib import agrees, read_labels, read_results, record_for  # noqa: E402


def held_out(family):
    return int(hashlib.sha256(family.encode()).hexdigest(), 16) % 4 == 0


def main(labels_path, results_path):
    labels = read_labels(labels_path)
    with open(results_path, encoding="utf-8", errors="replace") as f:
        results = read_results(f)
    tally = {}
    for name, rows in labels.items():
        if rows[0]["reason"] == "NONE":
            continue
        for row in rows:
            t = tally.setdefault(row.get("smtpagent") or "(none)", [0, 0])
            r = record_for(row, rows, results.get(name, []))
            t[1] += 1
            t[0] += r is not None and agrees(r.get("reason"), row["reason"])
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
