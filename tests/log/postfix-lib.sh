# A private Postfix instance on loopback for the end-to-end tests:
# sourced after tests/lib.sh, not run.  Its own config, queue and data
# directories and its own log file, written by postlogd (no syslog).
# Root is needed to start Postfix (CI runs as root); without it,
# Postfix 3.4 or later (maillog_file) or python3, the test is skipped.
#
#   pf_init            check what is needed, make $pf, $conf, $log
#   pf_server ARGS     start tests/log/smtp-replies.py ARGS (its READY
#                      file is $pf/ports), wait until it listens
#   pf_port PERSONA    the port the scripted server gave PERSONA
#   pf_main_cf         the base main.cf (relays by $conf/transport)
#   pf_start [LINE]    write master.cf (LINE: an extra service, such as
#                      an smtpd), start the instance
#   pf_send_rows N     submit one message from alice@sender.test to each
#                      of r0@r.test .. rN-1@r.test (the rows persona's)
#   wait_for WHAT CMD  poll CMD until it succeeds or the DEADLINE passes
#   free_port N        the first port from N up that nobody listens on
#   die MESSAGE        show the log and transcript, fail the whole test
here=${top_srcdir:-.}/tests/log
: "${DEADLINE:=30}"

skip() {
	echo "SKIP: $*"
	exit 77
}

pf_init() {
	command -v python3 >/dev/null 2>&1 || skip "no python3"
	[ "$(id -u)" = 0 ] ||
		skip "not root: a private Postfix needs root to start"
	PATH=$PATH:/usr/sbin:/sbin
	for t in postfix postconf sendmail; do
		command -v $t >/dev/null 2>&1 ||
			skip "no $t (Debian's postfix package)"
	done
	daemons=$(postconf -dh daemon_directory)
	[ -x "$daemons/postlogd" ] || skip "no postlogd: Postfix older than 3.4"
	id postfix >/dev/null 2>&1 || skip "no postfix user"
	getent group postdrop >/dev/null 2>&1 || skip "no postdrop group"

	pf=$tmp/pf
	conf=$pf/conf
	log=$pf/maillog
	mkdir -p "$conf" "$pf/queue" "$pf/data"
	# Postfix's daemons run as the postfix user and reach the queue
	# through this directory; mktemp made it private to root.
	chmod 755 "$tmp" "$pf"
	chown postfix "$pf/data"
	server_pid=
	queue=$(cd "$pf/queue" && pwd -P)
	trap pf_cleanup EXIT
	trap 'exit 1' INT TERM HUP
	start=$(date +%s)
}

# Postfix's daemons work in its queue directory: a process there is one
# of this instance's, and none other is.
queue_procs() {
	find /proc -mindepth 2 -maxdepth 2 -name cwd -lname "$queue" \
	    2>/dev/null | cut -d/ -f3
}

# Stop the instance and the scripted server, then remove everything,
# whatever way the test ends.
pf_cleanup() {
	if [ -f "$pf/queue/pid/master.pid" ]; then
		postfix -c "$conf" abort >/dev/null 2>&1 ||
			postfix -c "$conf" stop >/dev/null 2>&1
		# A daemon ends when it sees the master gone, or when its
		# current timeout (5 s at most) lets it look.
		n=0
		while [ -n "$(queue_procs)" ] && [ $n -lt 60 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		for p in $(queue_procs); do
			kill -9 "$p" 2>/dev/null
		done
	fi
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	rm -rf "$tmp"
}

# Show what happened, then fail the whole test: nothing after a broken
# harness would mean anything.
die() {
	echo "FAIL: $*"
	echo "--- maillog (tail)"
	tail -n 40 "$log" 2>/dev/null | sed 's/^/  /'
	echo "--- scripted server (tail)"
	tail -n 40 "$pf/transcript" 2>/dev/null | sed 's/^/  /'
	checks=$((checks + 1))
	failures=$((failures + 1))
	finish
	exit 1
}

wait_for() {
	what=$1
	shift
	until "$@"; do
		[ $(($(date +%s) - start)) -lt $DEADLINE ] ||
			die "timed out waiting for $what"
		sleep 0.1
	done
}

free_port() {
	python3 -c '
import socket, sys
p = int(sys.argv[1])
while True:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        break
    except OSError:
        p += 1
    finally:
        s.close()
print(p)' "$1"
}

server_up() {
	kill -0 "$server_pid" 2>/dev/null ||
		die "scripted server exited: $(cat "$pf/server.err")"
	[ -f "$pf/ports" ]
}

# The scripted servers listen on ports from a fixed base up, the first
# free ones, below Linux's ephemeral range so that no outgoing
# connection holds one.
pf_server() {
	python3 "$here/smtp-replies.py" "$pf/ports" "$pf/transcript" "$@" \
	    2>"$pf/server.err" &
	server_pid=$!
	wait_for "the scripted server" server_up
}

pf_port() {
	sed -n "s/^$1 //p" "$pf/ports" | head -n 1
}

# Short timeouts, and no second attempt at a deferred message while the
# test runs (backoff of an hour): each delivery is logged exactly once.
pf_main_cf() {
	cat <<EOF2
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $log
maillog_file_prefixes = $pf
myhostname = pfx.test
mydomain = pfx.test
myorigin = pfx.test
mydestination = pfx.test
relay_domains =
relayhost =
biff = no
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
transport_maps = texthash:$conf/transport
default_transport = error:5.1.2 no route in this test
smtp_tls_security_level = none
smtputf8_enable = no
in_flow_delay = 0
smtp_connect_timeout = 2s
smtp_helo_timeout = 5s
smtp_mail_timeout = 5s
smtp_rcpt_timeout = 5s
smtp_data_init_timeout = 5s
smtp_data_xfer_timeout = 5s
smtp_data_done_timeout = 2s
smtp_quit_timeout = 2s
minimal_backoff_time = 3600s
maximal_backoff_time = 3600s
queue_run_delay = 3600s
EOF2
}

# No chroot: the queue is a temporary directory without a copy of /etc.
pf_write_master() {
	{
		[ -n "${1:-}" ] && echo "$1"
		cat <<EOF2
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
local     unix  -       n       n       -       -       local
postlog   unix-dgram n  -       n       -       1       postlogd
EOF2
	} >"$conf/master.cf"
}

pf_start() {
	pf_write_master "${1:-}"
	postfix -c "$conf" start >"$pf/start.out" 2>&1
}

pf_send_rows() {
	_i=0
	while [ $_i -lt "$1" ]; do
		printf 'From: alice@sender.test\nTo: r%d@r.test\nSubject: row %d\n\nhello\n' \
		    $_i $_i | sendmail -C "$conf" -f alice@sender.test -- \
		    r$_i@r.test || die "sendmail to r$_i@r.test"
		_i=$((_i + 1))
	done
}
