#!/usr/bin/env python3
# A scripted SMTP server for tests/log/postfix-log.sh: the replies of real
# providers, chosen per port and per recipient, for a real Postfix to log.
#
#   smtp-replies.py READY TRANSCRIPT BASEPORT PERSONA...
#
# Each PERSONA (mx or yahoo) listens on the first free loopback port from
# BASEPORT up; once all listen, READY holds "PERSONA PORT" lines (written
# whole, then renamed, so a reader never sees half of it).  TRANSCRIPT
# gets every command and reply, for the test's failure message.
#
# mx answers by the local part of the transaction's recipient:
#   unknown  550 5.1.1 at RCPT (Postfix's own smtpd wording)
#   dmarc    Gmail's multi-line 550-5.7.26 DMARC refusal after DATA, the
#            text of Google's published list (support.google.com/a/answer/
#            3726730) wrapped as Gmail wraps it, "domain-name" filled in
#   toobig   552 5.3.4 after DATA (RFC 5321 4.2.2 pairs 552 with storage
#            limits; RFC 3463 5.3.4 is "message too big for system")
#   slow     no answer ever to the end of DATA, for smtp_data_done_timeout
#   anything else is accepted.
# yahoo answers MAIL FROM with Yahoo's 421 4.7.0 [TSS04] deferral, as
# Yahoo sends it (postmaster.yahooinc.com/error-codes), and hangs up.
# rows answers RCPT TO:<rN@...> with line N of the file $SMTP_ROWS (a
# reply a line, "\n" between the lines of a multi-line one), hangs up
# after a 421, and keeps each message sent from <> (a bounce) as a file
# of the directory $SMTP_SINK.  With SMTP_ROWS_AT=data it accepts the
# recipient and gives the row at the end of DATA instead (a message to
# one recipient each), as servers that filter after the content do.
# Only the standard library: Debian's python3 has no aiosmtpd by default.

import asyncio
import os
import re
import socket
import sys

MAX_LINE = 4096

GMAIL_DMARC = [
    "550-5.7.26 Unauthenticated email from sender.test is not accepted due to",
    "550-5.7.26 domain's DMARC policy. Contact the administrator of sender.test",
    "550 5.7.26 domain if this was legitimate email. a1si12345 - gsmtp",
]
YAHOO_TSS04 = ("421 4.7.0 [TSS04] Messages from 127.0.0.1 temporarily deferred "
               "due to unexpected volume or user complaints - 4.16.55.1; see "
               "https://postmaster.yahooinc.com/error-codes")
USER_UNKNOWN = ("550 5.1.1 <{0}>: Recipient address rejected: User unknown in "
                "virtual mailbox table")
TOO_BIG = "552 5.3.4 Message size exceeds fixed maximum message size"

transcript = None
rows = []
rows_at_data = os.environ.get("SMTP_ROWS_AT") == "data"
sunk = 0


def reply_lines(reply):
    """A published reply as a server sends it: each line with its code,
    '-' after the code of all lines but the last."""
    lines = reply.split("\\n")
    code = lines[0][:3]
    out = []
    for i, line in enumerate(lines):
        if re.match(r"^[2-5][0-9][0-9]([ -]|$)", line):
            text = line[4:]
        else:
            text = line
        out.append(code + ("-" if i < len(lines) - 1 else " ") + text)
    return out


def note(port, direction, text):
    transcript.write("%d %s %s\n" % (port, direction, text))
    transcript.flush()


class Session:
    def __init__(self, persona, port, reader, writer):
        self.persona = persona
        self.port = port
        self.reader = reader
        self.writer = writer
        self.rcpt = []
        self.sender = None

    async def send(self, *lines):
        for line in lines:
            note(self.port, "<", line)
            self.writer.write(line.encode() + b"\r\n")
        await self.writer.drain()

    async def readline(self):
        line = await self.reader.readline()
        if not line:
            return None
        text = line[:MAX_LINE].decode("utf-8", "replace").rstrip("\r\n")
        note(self.port, ">", text)
        return text

    def sink(self, message):
        global sunk
        sunk += 1
        path = os.path.join(os.environ["SMTP_SINK"], "%05d.eml" % sunk)
        with open(path + ".tmp", "wb") as f:
            f.write(message.replace(b"\r\n", b"\n"))
        os.rename(path + ".tmp", path)

    def local_part(self):
        if not self.rcpt:
            return ""
        return self.rcpt[0].split("@", 1)[0].lower()

    async def data(self):
        await self.send("354 End data with <CR><LF>.<CR><LF>")
        body = []
        while True:
            line = await self.reader.readline()
            if not line:
                return False
            if line.rstrip(b"\r\n") == b".":
                break
            body.append(line[1:] if line.startswith(b"..") else line)
        if self.persona == "rows" and self.sender == "":
            self.sink(b"".join(body))
        note(self.port, ">", "(end of data)")
        who = self.local_part()
        row = re.match(r"^r([0-9]+)$", who)
        if (rows_at_data and self.persona == "rows" and row and
                int(row.group(1)) < len(rows)):
            reply = rows[int(row.group(1))]
            await self.send(*reply_lines(reply))
            self.rcpt = []
            return not reply.startswith("421")
        if who == "dmarc":
            await self.send(*GMAIL_DMARC)
        elif who == "toobig":
            await self.send(TOO_BIG)
        elif who == "slow":
            # Postfix gives up after smtp_data_done_timeout and hangs up.
            while await self.reader.read(65536):
                pass
            return False
        else:
            await self.send("250 2.0.0 Ok: queued as 1TEST")
        self.rcpt = []
        return True

    async def command(self, line):
        verb = line.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            await self.send("250-mx.test", "250 8BITMIME")
        elif verb == "MAIL":
            if self.persona == "yahoo":
                await self.send(YAHOO_TSS04)
                return False
            m = re.search(r"<([^>]*)>", line)
            self.sender = m.group(1) if m else ""
            self.rcpt = []
            await self.send("250 2.1.0 Ok")
        elif verb == "RCPT":
            m = re.search(r"<([^>]*)>", line)
            addr = m.group(1) if m else ""
            local = addr.split("@", 1)[0].lower()
            row = re.match(r"^r([0-9]+)$", local)
            if (self.persona == "rows" and row and
                    int(row.group(1)) < len(rows) and not rows_at_data):
                reply = rows[int(row.group(1))]
                await self.send(*reply_lines(reply))
                return not reply.startswith("421")
            if local == "unknown":
                await self.send(USER_UNKNOWN.format(addr))
            else:
                self.rcpt.append(addr)
                await self.send("250 2.1.5 Ok")
        elif verb == "DATA":
            if not self.rcpt:
                await self.send("554 5.5.1 No valid recipients")
            else:
                return await self.data()
        elif verb in ("RSET", "NOOP"):
            self.rcpt = []
            await self.send("250 2.0.0 Ok")
        elif verb == "QUIT":
            await self.send("221 2.0.0 Bye")
            return False
        else:
            await self.send("502 5.5.2 Error: command not recognized")
        return True

    async def run(self):
        try:
            await self.send("220 mx.test ESMTP smtp-replies")
            while True:
                line = await self.readline()
                if line is None or not await self.command(line):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.writer.close()


def bind_free(port):
    while port < 65536:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen(16)
            return s
        except OSError:
            s.close()
            port += 1
    raise SystemExit("smtp-replies: no free port")


async def main(ready, base, personas):
    lines = []
    port = base
    for persona in personas:
        if persona not in ("mx", "yahoo", "rows"):
            raise SystemExit("smtp-replies: unknown persona " + persona)
        sock = bind_free(port)
        port = sock.getsockname()[1]

        def handler(reader, writer, persona=persona, port=port):
            return Session(persona, port, reader, writer).run()
        await asyncio.start_server(handler, sock=sock)
        lines.append("%s %d\n" % (persona, port))
        port += 1
    with open(ready + ".tmp", "w") as f:
        f.writelines(lines)
    os.rename(ready + ".tmp", ready)
    await asyncio.Event().wait()


if __name__ == "__main__":
    if len(sys.argv) < 5:
        raise SystemExit("usage: smtp-replies.py READY TRANSCRIPT BASEPORT "
                         "PERSONA...")
    transcript = open(sys.argv[2], "a")
    if "rows" in sys.argv[4:]:
        with open(os.environ["SMTP_ROWS"], encoding="utf-8") as f:
            rows = [line.rstrip("\n") for line in f]
    asyncio.run(main(sys.argv[1], int(sys.argv[3]), sys.argv[4:]))
