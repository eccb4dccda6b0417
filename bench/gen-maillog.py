#!/usr/bin/env python3
"""A Postfix mail log of about SIZE megabytes, written to standard output:
mostly deliveries (smtpd, cleanup, qmgr, smtp status=sent, removed) and
a share of failures (bounced and deferred, with the replies of the big
providers as they publish them).  The same seed gives the same log."""
import random
import sys

size = int(sys.argv[1]) << 20 if len(sys.argv) > 1 else 100 << 20
fail_share = float(sys.argv[2]) if len(sys.argv) > 2 else 0.02
rnd = random.Random(13)
out = sys.stdout
replies = [
    ("bounced", "5.1.1", "gmail-smtp-in.l.google.com[142.250.102.27]",
     "550-5.1.1 The email account that you tried to reach does not exist. "
     "Please try 550-5.1.1 double-checking the recipient's email address "
     "for typos or 550-5.1.1 unnecessary spaces. For more information, go to "
     "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si - gsmtp",
     "RCPT TO", "gmail.com"),
    ("bounced", "5.7.26", "gmail-smtp-in.l.google.com[142.250.102.27]",
     "550-5.7.26 Unauthenticated email from example.org is not accepted due "
     "to domain's 550-5.7.26 DMARC policy. 550 5.7.26 "
     "https://support.google.com/mail/?p=DmarcRejection b2si - gsmtp",
     "end of DATA", "gmail.com"),
    ("bounced", "5.7.1",
     "outlook-com.olc.protection.outlook.com[52.101.68.10]",
     "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. "
     "Please contact your Internet service provider since part of their "
     "network is on our block list (S3140).", "MAIL FROM", "outlook.com"),
    ("deferred", "4.7.0", "mta7.am0.yahoodns.net[67.195.228.94]",
     "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due "
     "to unexpected volume or user complaints - 4.16.55.1; see "
     "https://postmaster.yahooinc.com/error-codes", "MAIL FROM", "yahoo.com"),
    ("bounced", "5.2.2", "mx.example.net[192.0.2.20]",
     "552 5.2.2 <{r}>: Mailbox full", "RCPT TO", "example.net"),
]
domains = ["gmail.com", "outlook.com", "yahoo.com", "example.net",
           "example.com"]
written = 0
n = 0
sec = 0
while written < size:
    n += 1
    sec += rnd.randint(0, 2)
    h, m, s = (sec // 3600) % 24, (sec // 60) % 60, sec % 60
    t = "Dec  2 %02d:%02d:%02d mx1" % (h, m, s)
    qid = "%010X" % (0x1000000000 + n)
    pid = 1000 + n % 30000
    user = "user%d" % rnd.randint(1, 50000)
    lines = [
        "%s postfix/smtpd[%d]: connect from client%d.example.org[198.51.100.%d]"
        % (t, pid, n % 500, n % 250),
        "%s postfix/smtpd[%d]: %s: client=client%d.example.org[198.51.100.%d]"
        % (t, pid, qid, n % 500, n % 250),
        "%s postfix/cleanup[%d]: %s: message-id=<%d.%d@example.org>"
        % (t, pid + 1, qid, n, pid),
        "%s postfix/qmgr[999]: %s: from=<sender%d@example.org>, size=%d, "
        "nrcpt=1 (queue active)" % (t, qid, n % 900, rnd.randint(900, 90000)),
    ]
    if rnd.random() < fail_share:
        st, dsn, relay, reply, stage, dom = rnd.choice(replies)
        rcpt = "%s@%s" % (user, dom)
        lines.append(
            "%s postfix/smtp[%d]: %s: to=<%s>, relay=%s:25, delay=1.2, "
            "delays=0.1/0/0.5/0.6, dsn=%s, status=%s (host %s said: %s "
            "(in reply to %s command))" % (t, pid + 2, qid, rcpt, relay, dsn,
                                           st, relay, reply.replace("{r}", rcpt),
                                           stage))
    else:
        dom = rnd.choice(domains)
        lines.append(
            "%s postfix/smtp[%d]: %s: to=<%s@%s>, relay=mx.%s[192.0.2.%d]:25,"
            " delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 "
            "2.0.0 OK  %d %s - gsmtp)" % (t, pid + 2, qid, user, dom, dom,
                                         n % 250, n, qid))
    lines.append("%s postfix/qmgr[999]: %s: removed" % (t, qid))
    lines.append("%s postfix/smtpd[%d]: disconnect from client%d.example.org"
                 "[198.51.100.%d] ehlo=1 mail=1 rcpt=1 data=1 quit=1 "
                 "commands=5" % (t, pid, n % 500, n % 250))
    block = "\n".join(lines) + "\n"
    out.write(block)
    written += len(block)
