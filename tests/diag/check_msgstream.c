/* Tests of msgstream: an input a message at a time, in bounded memory. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse/msgstream.h"
#include "../unit/testutil.h"

/* A file holding s, open for reading from its start. */
static int
file_of(const char *s, size_t n)
{
	FILE	*f = tmpfile();
	int	 fd;

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, n, f), n);
	fflush(f);
	fd = dup(fileno(f));
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	return (fd);
}

/*
 * Every message of s with the given limit and read size, joined by '|';
 * chunk 0 reads it as a regular file of known size.
 */
static char *
split(const char *s, size_t max, size_t chunk, int *ncut)
{
	struct msgstream	 ms;
	struct buf		 out;
	const char		*m;
	size_t			 len;
	int			 fd = file_of(s, strlen(s)), cut, rc, first = 1;

	buf_init(&out);
	buf_adds(&out, "");
	*ncut = 0;
	msgstream_init(&ms, max);
	msgstream_start(&ms, fd, chunk != 0 ? -1 : (long long)strlen(s));
	if (chunk != 0)
		ms.chunk = chunk;
	while ((rc = msgstream_next(&ms, &m, &len, &cut)) == 1) {
		if (!first)
			buf_addc(&out, '|');
		first = 0;
		buf_add(&out, m, len);
		*ncut += cut;
	}
	ck_assert_int_eq(rc, 0);
	msgstream_free(&ms);
	close(fd);
	return (out.data);
}

static const char mbox[] =
    "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\n>From here on\n\n"
    "From b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\nbody\n\n"
    "From c@x Mon Jan  1 00:00:00 2024\nSubject: 3\n\nlast\n";

START_TEST(test_one_message)
{
	char	*s;
	int	 cut;

	s = split("550 5.1.1 <a@b.example>: no such user\n", 1024, 0, &cut);
	ck_assert_str_eq(s, "550 5.1.1 <a@b.example>: no such user\n");
	ck_assert_int_eq(cut, 0);
	free(s);
	/* An empty input is one empty message, so it is reported on. */
	s = split("", 1024, 0, &cut);
	ck_assert_str_eq(s, "");
	free(s);
	/* "From " further down is no mbox if the input does not start so. */
	s = split("x\n\nFrom a@x\nb\n", 1024, 0, &cut);
	ck_assert_str_eq(s, "x\n\nFrom a@x\nb\n");
	free(s);
}
END_TEST

START_TEST(test_mbox_split)
{
	static const size_t	 chunks[] = { 0, 1, 2, 3, 7, 64 };
	char			*s;
	size_t			 i;
	int			 cut;

	/* The same messages whatever the reads' size: boundaries span them. */
	for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
		s = split(mbox, 4096, chunks[i], &cut);
		ck_assert_str_eq(s,
		    "From a@x Mon Jan  1 00:00:00 2024\nSubject: 1\n\n"
		    ">From here on\n\n|"
		    "From b@x Mon Jan  1 00:00:00 2024\nSubject: 2\n\nbody\n\n|"
		    "From c@x Mon Jan  1 00:00:00 2024\nSubject: 3\n\nlast\n");
		ck_assert_int_eq(cut, 0);
		free(s);
	}
	/* CRLF line ends split the same way. */
	s = split("From a\r\nX: 1\r\n\r\nFrom b\r\nX: 2\r\n", 4096, 3, &cut);
	ck_assert_str_eq(s, "From a\r\nX: 1\r\n\r\n|From b\r\nX: 2\r\n");
	free(s);
	/* "From " not after an empty line is body text (mboxo). */
	s = split("From a\nX: 1\nFrom b\n", 4096, 0, &cut);
	ck_assert_str_eq(s, "From a\nX: 1\nFrom b\n");
	free(s);
}
END_TEST

START_TEST(test_cut_at_limit)
{
	struct buf	 in;
	char		*s;
	size_t		 i;
	int		 cut;

	/* A long message of an mbox is cut, and the next one is intact. */
	buf_init(&in);
	buf_adds(&in, "From a\nX: 1\n\n");
	for (i = 0; i < 1000; i++)
		buf_adds(&in, "0123456789\n");
	buf_adds(&in, "\nFrom b\nX: 2\n");
	s = split(in.data, 100, 7, &cut);
	ck_assert_int_eq(cut, 1);
	ck_assert_uint_eq(strlen(s), 100 + 1 + strlen("From b\nX: 2\n"));
	ck_assert_str_eq(s + 101, "From b\nX: 2\n");
	free(s);
	/* One long message: its first max bytes, and nothing more read. */
	s = split(in.data + 7, 100, 0, &cut);
	ck_assert_int_eq(cut, 1);
	ck_assert_uint_eq(strlen(s), 100);
	free(s);
	buf_free(&in);
}
END_TEST

START_TEST(test_many_messages)
{
	struct msgstream	 ms;
	struct buf		 in;
	const char		*m;
	size_t			 i, n = 0, len;
	int			 fd, cut;

	/* 100,000 messages: every one comes out, in bounded memory. */
	buf_init(&in);
	for (i = 0; i < 100000; i++)
		buf_printf(&in, "From x\nSubject: %zu\n\nbody\n\n", i);
	fd = file_of(in.data, in.len);
	msgstream_init(&ms, 4096);
	msgstream_start(&ms, fd, -1);
	while (msgstream_next(&ms, &m, &len, &cut) == 1) {
		char want[64];

		snprintf(want, sizeof want, "From x\nSubject: %zu\n", n);
		ck_assert_int_eq(strncmp(m, want, strlen(want)), 0);
		n++;
	}
	ck_assert_uint_eq(n, 100000);
	/* The buffer holds a read and a message, not the whole input. */
	ck_assert_uint_lt(ms.b.cap, 4u << 20);
	ck_assert_uint_gt(in.len, 2u << 20);
	msgstream_free(&ms);
	close(fd);
	buf_free(&in);
}
END_TEST

static const char log_line[] =
    "Dec  2 15:06:04 mx1 postfix/qmgr[1]: ABCDE%07zu: from=<a@example.org>, "
    "size=1, nrcpt=1 (queue active)\n";

/* A big log comes in blocks that end on a line end, in bounded memory. */
START_TEST(test_log_blocks)
{
	struct msgstream	 ms;
	struct buf		 in;
	const char		*m;
	size_t			 len, i, total = 0, blocks = 0;
	int			 fd, cut;

	buf_init(&in);
	for (i = 0; in.len < 3 * MSGSTREAM_LOG_BLOCK + 1000; i++)
		buf_printf(&in, log_line, i);
	fd = file_of(in.data, in.len);
	msgstream_init(&ms, 1u << 20);
	msgstream_start(&ms, fd, (long long)in.len);
	while (msgstream_next(&ms, &m, &len, &cut) == 1) {
		ck_assert_int_eq(cut, 0);
		ck_assert_uint_le(len, MSGSTREAM_LOG_BLOCK);
		ck_assert_int_eq(m[len - 1], '\n');
		ck_assert(strncmp(m, "Dec  2 15:06:04", 15) == 0);
		ck_assert_int_eq(memcmp(m, in.data + total, len), 0);
		total += len;
		blocks++;
	}
	ck_assert_int_eq(ms.log, 1);
	ck_assert_uint_eq(total, in.len);
	ck_assert_uint_eq(blocks, 4);
	/* More than the message limit, yet never cut: a log has none. */
	ck_assert_uint_le(ms.b.cap, 2 * MSGSTREAM_LOG_BLOCK);
	msgstream_free(&ms);
	close(fd);
	buf_free(&in);
}
END_TEST

/*
 * The rest of a block the parser did not read (its limit of records
 * met) comes first in the next block; more than the block is clamped.
 */
START_TEST(test_log_unread)
{
	struct msgstream	 ms;
	struct buf		 in;
	const char		*m;
	size_t			 len, i, total = 0, first = 0;
	int			 fd, cut;

	buf_init(&in);
	for (i = 0; in.len < MSGSTREAM_LOG_BLOCK + 1000; i++)
		buf_printf(&in, log_line, i);
	fd = file_of(in.data, in.len);
	msgstream_init(&ms, 1u << 20);
	msgstream_start(&ms, fd, (long long)in.len);
	ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 1);
	first = len;
	msgstream_unread(&ms, 3 * sizeof log_line);
	ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 1);
	ck_assert_int_eq(memcmp(m, in.data + first - 3 * sizeof log_line,
	    len), 0);
	total = first - 3 * sizeof log_line + len;
	/* Asked for more than the block: the whole block again. */
	msgstream_unread(&ms, len + 12345);
	ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 1);
	ck_assert_uint_eq(first - 3 * sizeof log_line + len, total);
	ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 0);
	msgstream_free(&ms);
	close(fd);
	buf_free(&in);
}
END_TEST

/* gzip's bytes are inflated; a cut gzip hands out what came before. */
START_TEST(test_gzip)
{
	static const unsigned char gz[] = {
		/* printf 'From x\n\nhello\n' | gzip -n */
		0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
		0x73, 0x2b, 0xca, 0xcf, 0x55, 0xa8, 0xe0, 0xe2, 0xca, 0x48,
		0xcd, 0xc9, 0xc9, 0xe7, 0x02, 0x00, 0x11, 0x94, 0x80, 0xc5,
		0x0e, 0x00, 0x00, 0x00,
	};
	struct msgstream	 ms;
	const char		*m;
	size_t			 len;
	int			 fd, cut, cutlen;

	for (cutlen = 0; cutlen < 2; cutlen++) {
		size_t n = cutlen ? sizeof gz - 6 : sizeof gz;

		fd = file_of((const char *)gz, n);
		msgstream_init(&ms, 4096);
		msgstream_start(&ms, fd, (long long)n);
		ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 1);
		ck_assert_uint_eq(len, 14);
		ck_assert_int_eq(memcmp(m, "From x\n\nhello\n", 14), 0);
		ck_assert_int_eq(msgstream_next(&ms, &m, &len, &cut), 0);
		ck_assert_int_eq(ms.gz, 1);
		ck_assert_int_eq(ms.gz_error, cutlen);
		msgstream_free(&ms);
		close(fd);
	}
}
END_TEST

static Suite *
msgstream_suite(void)
{
	Suite	*s = suite_create("msgstream");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_one_message);
	tcase_add_test(tc, test_mbox_split);
	tcase_add_test(tc, test_cut_at_limit);
	tcase_add_test(tc, test_many_messages);
	tcase_add_test(tc, test_log_blocks);
	tcase_add_test(tc, test_log_unread);
	tcase_add_test(tc, test_gzip);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(msgstream_suite()));
}
