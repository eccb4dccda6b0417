/* Growable byte buffers and a bump allocator for long-lived strings. */
#ifndef SD_BUF_H
#define SD_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* A byte buffer that is always NUL-terminated once anything was added. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
int	 buf_reserve(struct buf *, size_t);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_adds(struct buf *, const char *);
int	 buf_addc_slow(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
char	*buf_steal(struct buf *);

/* One character: the parsers' inner loop, so the common case inline. */
static inline int
buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len >= 2) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return (0);
	}
	return (buf_addc_slow(b, c));
}

/*
 * Arena: strings and arrays that live as long as the catalogue.  One free
 * releases everything, which keeps the loader simple and valgrind quiet.
 */
struct arena_block;
struct arena {
	struct arena_block	*head;
	size_t			 used;	/* bytes handed out, for the benchmarks */
};

void	 arena_init(struct arena *);
void	 arena_free(struct arena *);
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);

/* Allocation that never returns NULL: out of memory ends the program. */
void	 out_of_memory(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
/*
 * Room for need elements of size bytes in the array p of *cap elements:
 * the capacity doubles, from at least XGROW_MIN_BYTES, until it holds
 * need, and *cap says the new one.  Returns the array, maybe moved;
 * aborts rather than overflow.  The one growth rule of every array.
 */
#define XGROW_MIN_BYTES	64
void	*xgrow(void *p, size_t *cap, size_t need, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
