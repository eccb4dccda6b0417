#!/bin/sh
# Speed of --diagnose --json: the corpus copied ten times against Sisimai
# (one Perl process) and cat, all in the same run; then generated pastes
# of 15, 30 and 60 MB (under the 64 MiB a message may be) to show the rate
# and that it grows linearly.
# usage: diagnose.sh SMTP_DOCTOR CORPUS_DIR [COPIES]
set -e
bin=$1
corpus=$2
copies=${3:-10}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sd-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

i=0
while [ "$i" -lt "$copies" ]; do
	mkdir "$tmp/c$i"
	cp "$corpus"/* "$tmp/c$i/"
	i=$((i + 1))
done
n=$(ls "$tmp"/c*/* | wc -l)
bytes=$(cat "$tmp"/c*/* | wc -c)

now() { date +%s.%N; }
# Best of five, to keep a busy shared machine's noise out.
best() {
	b=
	for k in 1 2 3 4 5; do
		t0=$(now)
		"$@" >/dev/null 2>&1 || true
		t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then
			b=$t
		fi
	done
	echo "$b"
}

# The file names are expanded once, here: a shell globbing 3,940 names
# inside the timed command (3 ms) is no tool's work.  Each command
# still gets them all as arguments, as a user would give them.
set -- "$tmp"/c*/*
cat "$@" >/dev/null		# warm the page cache
t_cat=$(best cat "$@")
t_sd=$(best "$bin" --diagnose --json "$@")
if perl -MSisimai -e 1 2>/dev/null; then
	t_sis=$(best perl -MSisimai -e \
	    'for (@ARGV) { Sisimai->make($_, delivered => 1) }' "$@")
else
	t_sis=
fi

rate() { echo "scale=0; $n / $1" | bc -l; }
printf '%d messages, %d bytes, %s CPUs (smtp-doctor uses them all;\n' \
    "$n" "$bytes" "$(nproc)"
printf 'Sisimai and cat use one)\n'
printf '%-22s %8.3f s  %8d msg/s\n' "cat" "$t_cat" "$(rate "$t_cat")"
printf '%-22s %8.3f s  %8d msg/s\n' "smtp-doctor --diagnose" "$t_sd" \
    "$(rate "$t_sd")"
if [ -n "$t_sis" ]; then
	printf '%-22s %8.3f s  %8d msg/s\n' "Sisimai->make" "$t_sis" \
	    "$(rate "$t_sis")"
	printf 'smtp-doctor / Sisimai rate: %.1fx (goal >= 40x)\n' \
	    "$(echo "$t_sis / $t_sd" | bc -l)"
fi
printf 'smtp-doctor / cat time:     %.2fx (goal <= 1.5x)\n' \
    "$(echo "$t_sd / $t_cat" | bc -l)"

# A pasted transcript: MTA reply lines with recipients, repeated.
gen() {
	awk -v mb="$1" 'BEGIN {
		for (i = 0; tot < mb * 1048576; i++) {
			s = sprintf("<user%d@example.com>: host mx%d.example.net[192.0.2.%d] said: 550 5.1.1 <user%d@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)\n    Remote host said: 552 5.2.2 Mailbox full; see https://postmaster.example.net/%d\n", i, i % 7, i % 250, i, i);
			printf "%s", s; tot += length(s)
		}
	}' > "$tmp/paste$1"
}
for mb in 15 30 60; do
	gen "$mb"
	t=$(best sh -c "'$bin' --diagnose --json < $tmp/paste$mb")
	printf 'paste %3d MB: %7.3f s  %6.0f MB/s (goal >= 200 MB/s)\n' \
	    "$mb" "$t" "$(echo "$mb / $t" | bc -l)"
	rm -f "$tmp/paste$mb"
done
