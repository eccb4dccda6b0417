#!/usr/bin/env python3
"""Leave one family out: how the rules do on each sending-MTA family of
the corpus when the rules whose sources are that family's own are taken
away, so that a family is only judged by rules written from elsewhere.

usage: score-lofo.py SMTP_DOCTOR DATA_DIR CORPUS_DIR

A family is the format that decoded the report (the labels'
smtpagent).  A rule is the family's own when one of its `source:` lines
names the family (its name or an alias below).  Prints each family's
agreement with the rules whole and without its own, and the totals.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scorelib import agrees, read_labels, read_results, record_for  # noqa: E402

# What a source line says when it is a family's own.
ALIASES = {
    "GSuite": ["google", "gmail"], "Gmail": ["google", "gmail"],
    "GoogleGroups": ["google groups", "groups.google"],
    "Office365": ["microsoft", "exchange online", "office 365", "outlook"],
    "Outlook": ["microsoft", "outlook"],
    "Exchange2003": ["exchange"], "Exchange2007": ["exchange"],
    "Aol": ["aol", "yahoo"], "Yahoo": ["yahoo"],
    "AmazonSES": ["amazon", "ses"], "ReceivingSES": ["amazon", "ses"],
    "AmazonWorkMail": ["workmail", "amazon"],
    "V5sendmail": ["sendmail"], "Sendmail": ["sendmail"],
    "MessagingServer": ["messaging server", "sun java", "oracle"],
    "Notes": ["domino", "notes"], "EZweb": ["ezweb", "au ", "kddi"],
    "KDDI": ["kddi", "ezweb"], "MailRu": ["mail.ru"], "GMX": ["gmx"],
    "EinsUndEins": ["1&1", "1und1"], "FML": ["fml"],
    "InterScanMSS": ["interscan"], "McAfee": ["mcafee"],
}


# Standards, not products: a rule written from RFC 3464 is no family's own.
STANDARDS = {"RFC3464", "RFC3834", "Feedback-Loop"}


def own(family, source):
    if family in STANDARDS:
        return False
    words = [family.lower()] + ALIASES.get(family, [])
    s = source.lower()
    return any(re.search(r"(?<![a-z0-9])" + re.escape(w.strip()) +
                         r"(?![a-z0-9])", s) for w in words)


def stanzas(text):
    return re.split(r"\n[ \t]*\n", text)


def without(data, family, tmp):
    """A copy of the data dir without the family's own rules."""
    dst = os.path.join(tmp, family)
    shutil.copytree(data, dst)
    dropped = 0
    rules = os.path.join(dst, "rules")
    for name in os.listdir(rules):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(rules, name)
        keep = []
        for st in stanzas(open(path, encoding="utf-8").read()):
            # A source goes on over its indented continuation lines.
            srcs = [m.replace("\n", " ") for m in re.findall(
                r"^source:\s*(.*(?:\n[ \t]+.*)*)", st, re.M)]
            if re.search(r"^rule:", st, re.M) and any(own(family, s)
                                                       for s in srcs):
                dropped += 1
                continue
            keep.append(st)
        out = "\n\n".join(keep).rstrip("\n")
        open(path, "w", encoding="utf-8").write(out + "\n" if out else "")
    return dst, dropped


def run(sd, data, files):
    out = subprocess.run([sd, "--data", data, "--diagnose", "--json"] + files,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if out.returncode not in (0, 1):
        sys.exit("smtp-doctor: " + out.stderr.decode(errors="replace"))
    return read_results(out.stdout.decode(errors="replace").splitlines())


def score(rows_by_file, got):
    ok = n = 0
    for name, rows in rows_by_file.items():
        for row in rows:
            n += 1
            r = record_for(row, rows, got.get(name, []))
            ok += r is not None and agrees(r.get("reason"), row["reason"])
    return ok, n


def main(sd, data, corpus):
    fams = collections.defaultdict(dict)
    for name, rows in read_labels(os.path.join(corpus, "labels.tsv")).items():
        if rows[0]["reason"] != "NONE":
            fams[rows[0].get("smtpagent") or "(none)"][name] = rows
    tot = [0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for fam in sorted(fams):
            files = [os.path.join(corpus, "bounces", f) for f in fams[fam]]
            whole, n = score(fams[fam], run(sd, data, files))
            d, dropped = without(data, fam, tmp)
            alone, _ = score(fams[fam], run(sd, d, files))
            tot[0] += whole
            tot[1] += alone
            tot[2] += n
            print("%-16s %3d rows  whole %5.1f%%  without its %2d own rules "
                  "%5.1f%%" % (fam, n, 100.0 * whole / n, dropped,
                               100.0 * alone / n))
    print("all families: whole %.1f%% (%d/%d), each without its own rules "
          "%.1f%% (%d/%d)" % (100.0 * tot[0] / tot[2], tot[0], tot[2],
                             100.0 * tot[1] / tot[2], tot[1], tot[2]))


if __name__ == "__main__":
    main(*sys.argv[1:4])
