#!/usr/bin/env python3
"""How a diagnosis holds when each corpus bounce is forwarded inline.

usage: score-forwarded.py SMTP-DOCTOR CORPUS-BOUNCES-DIR

Support staff get bounces forwarded by customers: the mail client keeps
the report's text parts (and prints a DSN part as text) under a
"Forwarded message" rule line and the report's From, Date, Subject and
To.  Each corpus file is forwarded so, both are diagnosed, and the
records (recipient, reason) of the two are compared.  Prints the count
of files that agree; the labels play no part.
"""
import collections, email, json, os, subprocess, sys, tempfile
from email import policy


def text_of(m):
    texts = []
    for part in m.walk():
        ct = part.get_content_type()
        if ct in ("message/rfc822", "text/rfc822-headers"):
            break
        if ct == "message/delivery-status":
            pl = part.get_payload()
            texts.append("\n".join(str(x) for x in pl)
                         if isinstance(pl, list) else str(pl))
        elif ct == "text/plain":
            b = part.get_payload(decode=True)
            if b is None:
                continue
            try:
                texts.append(b.decode(part.get_content_charset() or
                                      "utf-8", "replace"))
            except LookupError:
                texts.append(b.decode("utf-8", "replace"))
    return "\n".join(texts)


def forward(raw):
    m = email.message_from_bytes(raw, policy=policy.compat32)
    body = text_of(m)
    if not body:
        return None
    h = lambda k: str(m.get(k, "")).replace("\n", " ")
    return ("From: Customer <cust@client.example>\n"
            "To: support@example.com\nSubject: Fwd: %s\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
            "Hi, I got this, can you help?\n\n"
            "---------- Forwarded message ---------\n"
            "From: %s\nDate: %s\nSubject: %s\nTo: %s\n\n%s\n"
            % (h("Subject"), h("From"), h("Date"), h("Subject"), h("To"),
               body))


def records(sd, paths):
    out = subprocess.run([sd, "--diagnose", "--json", "--jobs", "1"] + paths,
                         capture_output=True).stdout.decode()
    by = collections.defaultdict(list)
    for line in out.splitlines():
        r = json.loads(line)
        by[os.path.basename(r["source"])].append(
            ((r["recipient"] or "").lower(), r["reason"]))
    return by


def main(sd, src):
    names = sorted(os.listdir(src))
    with tempfile.TemporaryDirectory() as tmp:
        made = []
        for f in names:
            t = forward(open(os.path.join(src, f), "rb").read())
            if t is not None:
                open(os.path.join(tmp, f), "w", encoding="utf-8").write(t)
                made.append(f)
        orig = records(sd, [os.path.join(src, f) for f in made])
        fwd = records(sd, [os.path.join(tmp, f) for f in made])
    compared = [f for f in made if orig.get(f)]
    same = sum(sorted(orig[f]) == sorted(fwd.get(f, [])) for f in compared)
    print("forwarded inline: %d of %d bounces give the same records "
          "(%.1f%%)" % (same, len(compared), 100.0 * same / len(compared)))


if __name__ == "__main__":
    main(*sys.argv[1:3])
