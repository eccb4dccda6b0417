#!/usr/bin/env python3
"""A realistic Postfix mail log of about N MB, for bench-summary.

usage: gen_maillog.py MB REPLIES.tsv [SEED] > mail.log

Mostly accepted and delivered mail, as a busy relay logs it: smtpd's
connect / client= / disconnect, cleanup's message-id=, qmgr's from= and
removed, smtp's status=sent; some connections that send nothing; and 2%
of deliveries failing, bounced (5xx) or deferred (4xx), with replies
taken from the providers' published lists (the shared reference's
provider-messages.tsv) and the recipient domain of that provider.
Classic syslog stamps (no year), as pflogsumm reads them.  The same
seed gives the same log.
"""
import random
import sys

FAIL_RATE = 0.02

DOMAINS = {
    "Google": ["gmail.com", "googlemail.com"],
    "Microsoft": ["outlook.com", "hotmail.com", "live.com"],
    "Yahoo": ["yahoo.com", "aol.com"],
    "Apple": ["icloud.com", "me.com"],
}
MX = {
    "gmail.com": "gmail-smtp-in.l.google.com",
    "googlemail.com": "gmail-smtp-in.l.google.com",
    "outlook.com": "outlook-com.olc.protection.outlook.com",
    "hotmail.com": "hotmail-com.olc.protection.outlook.com",
    "live.com": "live-com.olc.protection.outlook.com",
    "yahoo.com": "mta5.am0.yahoodns.net",
    "aol.com": "mx-aol.mail.gm0.yahoodns.net",
    "icloud.com": "mx01.mail.icloud.com",
    "me.com": "mx02.mail.icloud.com",
}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def load_replies(path):
    out = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                continue
            provider, code, enh, text = cols[0], cols[1], cols[2], cols[3]
            if code[0] not in "45":
                continue
            domains = ["example.%s" % t for t in ("com", "net", "org")]
            for key, ds in DOMAINS.items():
                if key in provider:
                    domains = ds
            # Postfix flattens a multi-line reply into one line.
            parts = text.split("\\n")
            if text.startswith(code):
                reply = " ".join(parts)
            elif len(parts) > 1:
                reply = " ".join("%s-%s %s" % (code, enh, p) if enh else
                                 "%s-%s" % (code, p) for p in parts[:-1])
                reply += " %s %s%s" % (code, enh + " " if enh else "",
                                       parts[-1])
            else:
                reply = "%s %s%s" % (code, enh + " " if enh else "", text)
            out.append((reply.replace("  ", " "), enh or code[0] + ".0.0",
                        domains))
    return out


class Log:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.t = 0.0
        self.pid = 1000
        self.qn = 0

    def stamp(self):
        self.t += self.rnd.expovariate(40.0)
        s = int(self.t)
        day, s = divmod(s, 86400)
        return "%s %2d %02d:%02d:%02d" % ("Dec", 1 + day % 28, s // 3600,
                                          s // 60 % 60, s % 60)

    def qid(self):
        self.qn += 1
        return "%X%05X" % (self.rnd.randrange(16, 256), self.qn & 0xfffff)

    def ip(self):
        r = self.rnd.randrange
        return "%d.%d.%d.%d" % (r(1, 224), r(256), r(256), r(1, 255))


def message(log, out, replies):
    r = log.rnd
    host = "mx.relay.example"
    ip = log.ip()
    client = "client%d.isp%d.example" % (r.randrange(5000), r.randrange(50))
    spid = r.randrange(1000, 65000)
    q = log.qid()
    w = out.append
    w("%s %s postfix/smtpd[%d]: connect from %s[%s]\n" %
      (log.stamp(), host, spid, client, ip))
    if r.random() < 0.1:
        # A client that gives up, or is refused, sends nothing.
        w("%s %s postfix/smtpd[%d]: lost connection after EHLO from "
          "%s[%s]\n" % (log.stamp(), host, spid, client, ip))
        w("%s %s postfix/smtpd[%d]: disconnect from %s[%s] ehlo=1 "
          "commands=1\n" % (log.stamp(), host, spid, client, ip))
        return 0
    w("%s %s postfix/smtpd[%d]: %s: client=%s[%s]\n" %
      (log.stamp(), host, spid, q, client, ip))
    w("%s %s postfix/cleanup[%d]: %s: message-id=<%x.%d@%s>\n" %
      (log.stamp(), host, r.randrange(1000, 65000), q, r.getrandbits(48),
       r.randrange(10 ** 6), client))
    sender = "user%d@sender%d.example" % (r.randrange(10 ** 5),
                                           r.randrange(300))
    w("%s %s postfix/qmgr[%d]: %s: from=<%s>, size=%d, nrcpt=1 (queue "
      "active)\n" % (log.stamp(), host, 900, q, sender,
                     r.randrange(800, 200000)))
    w("%s %s postfix/smtpd[%d]: disconnect from %s[%s] ehlo=2 starttls=1 "
      "mail=1 rcpt=1 data=1 quit=1 commands=7\n" %
      (log.stamp(), host, spid, client, ip))
    failed = r.random() < FAIL_RATE
    if failed:
        reply, dsn, domains = r.choice(replies)
        dom = r.choice(domains)
    else:
        dom = r.choice(["gmail.com", "outlook.com", "yahoo.com",
                        "example.com", "example.net", "corp%d.example" %
                        r.randrange(2000)])
    rcpt = "rcpt%d@%s" % (r.randrange(10 ** 6), dom)
    mx = MX.get(dom, "mx.%s" % dom)
    rip = log.ip()
    d = [r.uniform(0, 0.2), r.uniform(0, 0.05), r.uniform(0, 0.4),
         r.uniform(0, 1.5)]
    delays = "/".join("%.2g" % x for x in d)
    smtp = "%s %s postfix/smtp[%d]: %s: to=<%s>, relay=%s[%s]:25, " \
        "delay=%.2g, delays=%s, " % (log.stamp(), host,
                                    r.randrange(1000, 65000), q, rcpt, mx,
                                    rip, sum(d), delays)
    if not failed:
        w(smtp + "dsn=2.0.0, status=sent (250 2.0.0 OK  %d %x - gsmtp)\n" %
          (r.randrange(10 ** 9), r.getrandbits(40)))
        w("%s %s postfix/qmgr[900]: %s: removed\n" % (log.stamp(), host, q))
        return 0
    stage = r.choice(["RCPT TO", "RCPT TO", "MAIL FROM", "end of DATA"])
    status = "deferred" if reply[0] == "4" else "bounced"
    w(smtp + "dsn=%s, status=%s (host %s[%s] said: %s (in reply to %s "
      "command))\n" % (dsn, status, mx, rip, reply, stage))
    if status == "bounced":
        w("%s %s postfix/bounce[%d]: %s: sender non-delivery notification: "
          "%s\n" % (log.stamp(), host, r.randrange(1000, 65000), q,
                    log.qid()))
        w("%s %s postfix/qmgr[900]: %s: removed\n" % (log.stamp(), host, q))
    return 1


def main():
    mb = float(sys.argv[1])
    replies = load_replies(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 13
    log = Log(seed)
    target = int(mb * 1048576)
    total = fails = 0
    outf = sys.stdout
    while total < target:
        out = []
        for _ in range(2000):
            fails += message(log, out, replies)
        chunk = "".join(out)
        outf.write(chunk)
        total += len(chunk.encode("utf-8"))
    sys.stderr.write("gen_maillog: %d bytes, %d failures\n" % (total, fails))


if __name__ == "__main__":
    main()
