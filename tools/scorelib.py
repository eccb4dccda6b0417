"""What the corpus scoring scripts share: reading the labels and a
--diagnose --json run, and telling whether a reason agrees with a label.
The newer-name table is the one ../shared/corpus/score documents
(REASONS.md): a newer Sisimai name agrees with the 4.25 label it
replaced."""
import collections
import json
import os

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


def read_labels(path):
    """The label rows by file name."""
    labels = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            labels[row["file"]].append(row)
    return labels


def read_results(lines):
    """A run's records by the base name of their source."""
    got = collections.defaultdict(list)
    for line in lines:
        if line.strip():
            r = json.loads(line)
            got[os.path.basename(str(r.get("source", "")))].append(r)
    return got


def record_for(row, rows, got):
    """The record a label row is about: same recipient, or the only one."""
    by = {str(r.get("recipient", "")).lower(): r for r in got}
    r = by.get(row["recipient"].lower())
    if r is None and len(rows) == 1 and len(got) == 1:
        r = got[0]
    return r
