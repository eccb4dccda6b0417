/* Unit tests of the JSON writer. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "base/json.h"
#include "catalogue/entry_json.h"
#include "jsoncheck.h"
#include "testutil.h"

static void
expect_json(const char *in, size_t len, const char *want)
{
	struct buf	 b;

	buf_init(&b);
	json_string(&b, in, len);
	ck_assert_msg(strcmp(b.data, want) == 0, "got %s, want %s", b.data,
	    want);
	ck_assert(json_valid(b.data, b.len));
	buf_free(&b);
}

START_TEST(test_escapes)
{
	expect_json("plain", 5, "\"plain\"");
	expect_json("q\"b\\", 4, "\"q\\\"b\\\\\"");
	expect_json("a\nb\tc\r", 6, "\"a\\nb\\tc\\r\"");
	expect_json("\x1b]0;t\x07", 6, "\"\\u001b]0;t\\u0007\"");
	expect_json("\0", 1, "\"\\u0000\"");
	expect_json("\x7f", 1, "\"\\u007f\"");
	expect_json("\xc2\x9b", 2, "\"\\u009b\"");
	expect_json("\xe2\x80\xae", 3, "\"\\u202e\"");
	expect_json("\xe2\x80\xa8", 3, "\"\\u2028\"");
	expect_json("caf\xc3\xa9", 5, "\"caf\xc3\xa9\"");
	/* Invalid UTF-8 never reaches the output. */
	expect_json("a\xff" "b\xc3", 4, "\"a\\ufffdb\\ufffd\"");
}
END_TEST

START_TEST(test_every_byte_pair)
{
	struct buf	 b;
	char		 in[2];
	int		 x, y;

	buf_init(&b);
	for (x = 0; x < 256; x++) {
		for (y = 0; y < 256; y++) {
			in[0] = (char)x;
			in[1] = (char)y;
			buf_reset(&b);
			json_string(&b, in, 2);
			ck_assert_msg(json_valid(b.data, b.len),
			    "bytes %02x %02x: %s", x, y, b.data);
		}
	}
	buf_free(&b);
}
END_TEST

START_TEST(test_objects)
{
	struct buf	 b;
	int		 first = 1;
	const char	*v[] = { "a", NULL, "c" };

	buf_init(&b);
	buf_addc(&b, '{');
	json_key(&b, &first, "k");
	json_cstring(&b, NULL);
	json_key(&b, &first, "list");
	json_string_array(&b, v, 3);
	buf_addc(&b, '}');
	ck_assert_str_eq(b.data, "{\"k\":null,\"list\":[\"a\",null,\"c\"]}");
	buf_free(&b);
}
END_TEST

START_TEST(test_every_entry)
{
	struct catalog	*c = shipped_catalog();
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < c->n; i++) {
		buf_reset(&b);
		json_entry(&b, &c->entries[i]);
		ck_assert_msg(json_valid(b.data, b.len), "%s: %s",
		    c->entries[i].code, b.data);
		ck_assert_ptr_null(memchr(b.data, '\n', b.len));
		ck_assert_ptr_nonnull(strstr(b.data, "\"fixes\":["));
		ck_assert_ptr_nonnull(strstr(b.data, "\"examples\":["));
	}
	buf_free(&b);
}
END_TEST

static Suite *
json_suite(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("writer");

	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_every_byte_pair);
	tcase_add_test(tc, test_objects);
	tcase_add_test(tc, test_every_entry);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	return (run_suite(json_suite()));
}
