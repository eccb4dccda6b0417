#!/usr/bin/env python3
# The records smtp-doctor --diagnose --json made of the log a real Postfix
# wrote (tests/log/postfix-log.sh), each against the log line it comes from.
#
#   check-records.py JSON MAILLOG ALONE T0 T1
#
# ALONE holds "RECIPIENT JSON" lines: the record smtp-doctor makes of the
# remote reply of that recipient pasted alone.  T0 and T1 bound the
# run in epoch seconds.  Prints a FAIL line per failed check, then
# "CHECKS FAILURES" as the last line, whatever happens.

import json
import os
import re
import runpy
import sys

# Recipient: action, status, reply code, reason, SMTP stage.  The reasons
# are what data/rules says of each reply: an unknown user, Gmail's
# authentication refusal, Yahoo's block, a message too big.  For Postfix's
# own timeout text and its access refusal no reason is written here: the
# record must get what the rules give to that text alone.
WANT = {
    "unknown@mx.test": ("failed", "5.1.1", 550, "userunknown", "RCPT"),
    "dmarc@mx.test": ("failed", "5.7.26", 550, "authfailure", "DATA"),
    "toobig@mx.test": ("failed", "5.3.4", 552, "emailtoolarge", "DATA"),
    "user@yahoo.test": ("delayed", "4.7.0", 421, "blocked", "MAIL"),
    "slow@slow.test": ("delayed", "4.4.2", None, None, "DATA"),
    "blocked@reject.test": ("failed", "5.7.1", 554, None, "RCPT"),
    "sd-nobody-e2e@pfx.test": ("failed", "5.1.1", None, "userunknown", None),
}

# Those that reached the recipient through an alias.
ORIGINAL = {"sd-nobody-e2e@pfx.test": "sd-alias@pfx.test"}

# What the diagnostic keeps of the reply: each remote reply, of Gmail's
# three lines the text of each (whether the codes of the continuation
# lines stay, as Postfix flattens them, is the engine's choice), Postfix's
# own words otherwise.
REPLIES = runpy.run_path(os.path.join(os.path.dirname(__file__),
                                      "smtp-replies.py"))
DIAGNOSTIC = {
    "unknown@mx.test": [REPLIES["USER_UNKNOWN"].format("unknown@mx.test")],
    "dmarc@mx.test": [l[len("550-5.7.26 "):] for l in REPLIES["GMAIL_DMARC"]],
    "toobig@mx.test": [REPLIES["TOO_BIG"]],
    "user@yahoo.test": [REPLIES["YAHOO_TSS04"]],
    "slow@slow.test": ["timed out while sending end of data"],
    "blocked@reject.test": ["554 5.7.1 <blocked@reject.test>: Recipient "
                            "address rejected: Access denied"],
    "sd-nobody-e2e@pfx.test": ['unknown user: "sd-nobody-e2e"'],
}
# Those whose ALONE record is of the remote reply exactly as sent; the
# others are of Postfix's own text.
PASTED_AS_LOGGED = ("unknown@mx.test", "dmarc@mx.test", "toobig@mx.test",
                    "user@yahoo.test")

# A classic syslog stamp (as postlogd writes it) or an RFC 3339 one, then
# the host name.
STAMP = re.compile(r"^(\w{3} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\S+) (\S+) ")

checks = failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: " + what)


def source_line(lines, rcpt):
    for n, line in enumerate(lines, 1):
        if "to=<%s>" % rcpt in line and (" status=" in line or
                                         "NOQUEUE: reject:" in line):
            return n, line
    return None, ""


def field(pattern, line):
    m = re.search(pattern, line)
    return m.group(1) if m else None


def check_log(rcpt, lg, n, line, t0, t1):
    def same(name, exp):
        got = lg.get(name)
        check(got == exp, "%s: log.%s is %r, want %r" % (rcpt, name, got, exp))
    stamp = STAMP.match(line)
    same("time", stamp.group(1) if stamp else None)
    same("host", stamp.group(2) if stamp else None)
    same("line", n)
    same("sender", "alice@sender.test")
    if "NOQUEUE: reject:" in line:
        check(lg.get("queue_id") in (None, "NOQUEUE"),
              "%s: log.queue_id is %r" % (rcpt, lg.get("queue_id")))
    else:
        same("queue_id", field(r": ([0-9A-Za-z]+): to=<", line))
        same("relay_ip", None if "relay=local," in line else "127.0.0.1")
        same("delay", field(r" delay=([0-9.]+),", line))
    u = lg.get("unix")
    check(isinstance(u, int) and t0 - 2 <= u <= t1 + 2,
          "%s: log.unix %r not within the run (%d..%d)" % (rcpt, u, t0, t1))


def check_record(rcpt, r, alone, lines, t0, t1):
    action, status, code, reason, command = WANT[rcpt]

    def same(name, exp):
        got = r.get(name)
        check(got == exp, "%s: %s is %r, want %r" % (rcpt, name, got, exp))
    same("action", action)
    same("permanent", action == "failed")
    same("status", status)
    same("reply_code", code)
    same("command", command)
    same("original_recipient", ORIGINAL.get(rcpt))
    pasted = alone.get(rcpt) or {}
    same("reason", reason or pasted.get("reason"))
    # The same engine: what the reply says alone, the log's record says.
    for name in ("reason", "provider"):
        check(name in pasted and pasted[name] == r.get(name),
              "%s: the reply alone gives %s %r, the record %r" %
              (rcpt, name, pasted.get(name), r.get(name)))
    # A remote reply pasted alone is the same text as in the log.
    if rcpt in PASTED_AS_LOGGED:
        same("diagnostic", pasted.get("diagnostic"))
    diag = r.get("diagnostic") or ""
    for piece in DIAGNOSTIC[rcpt]:
        check(piece in diag, "%s: %r not in the diagnostic %r" %
              (rcpt, piece, diag))
    n, line = source_line(lines, rcpt)
    check(n is not None, "%s: no line of the log names it" % rcpt)
    lg = r.get("log")
    if isinstance(lg, dict):
        check_log(rcpt, lg, n, line, t0, t1)
    else:
        check(False, "%s: log is %r, want an object" % (rcpt, lg))


def main():
    jsonf, logf, alonef, t0, t1 = sys.argv[1:6]
    t0, t1 = int(t0), int(t1)
    with open(logf, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    with open(alonef, encoding="utf-8") as f:
        alone = {}
        for l in f.read().splitlines():
            rcpt, record = l.split(" ", 1)
            alone[rcpt] = json.loads(record)
    recs = {}
    with open(jsonf, encoding="utf-8") as f:
        for l in f:
            r = json.loads(l)
            rcpt = r.get("recipient")
            check(rcpt not in recs, "two records for %r" % rcpt)
            recs[rcpt] = r
    check("ok@mx.test" not in recs, "a record for a delivered message")
    check(set(recs) == set(WANT), "records for %s, want %s" %
          (sorted(map(str, recs)), sorted(WANT)))
    for rcpt in WANT:
        if rcpt in recs:
            check_record(rcpt, recs[rcpt], alone, lines, t0, t1)
        else:
            check(False, "no record for " + rcpt)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:
        check(False, "check-records.py: %s: %s" % (type(e).__name__, e))
    print("%d %d" % (checks, failures))
