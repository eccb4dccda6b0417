/* The categories, in the order the browser shows them. */
#include "config.h"

#include <strings.h>

#include "catalogue/category.h"

/*
 * A small fixed set chosen for someone fixing mail: where to look
 * (mailbox, DNS, authentication...) rather than how the RFCs group codes.
 */
const struct category categories[] = {
	{ "success",	"Success and information" },
	{ "mailbox",	"Mailbox and address" },
	{ "auth",	"Authentication (SPF, DKIM, DMARC, login)" },
	{ "policy",	"Policy, spam and reputation" },
	{ "content",	"Content and format" },
	{ "size",	"Size and storage" },
	{ "network",	"Network and connection" },
	{ "ratelimit",	"Rate limiting and volume" },
	{ "protocol",	"Protocol and syntax" },
	{ "routing",	"DNS and routing" },
	{ "tls",	"Encryption and TLS" },
	{ "system",	"Server-side faults" },
};
const size_t ncategories = sizeof categories / sizeof categories[0];

int
category_find(const char *id)
{
	size_t	 i;

	for (i = 0; i < ncategories; i++) {
		if (strcasecmp(categories[i].id, id) == 0)
			return ((int)i);
	}
	return (-1);
}
