/*
 * harness.h: what every libFuzzer harness of lib/ shares.
 *
 * lib/ ends a tool with exit() on bad data (sg_die, sg_data_error).  A
 * fuzzer must survive that and go on to the next input, so:
 *
 *   - an sg_atdie() hook longjmps back into the harness instead of letting
 *     exit() run (SG_TRY / SG_CATCH below);
 *   - every malloc, calloc, realloc and free of lib/ and of zlib and expat
 *     (linked statically for this) goes through the wrappers below
 *     (-Wl,--wrap=malloc,...), which remember the blocks live during one
 *     input, so that after a longjmp the blocks the dead code path still
 *     held are freed, and descriptors it opened are closed.  Without this,
 *     each error input would leak a megabyte (the reader's buffer), and
 *     the fuzzer would run out of memory within seconds.
 *
 * Forking per input would be simpler but loses the coverage feedback
 * (the child's counters die with it), so libFuzzer could not steer.
 */
#ifndef SG_FUZZ_HARNESS_H
#define SG_FUZZ_HARNESS_H

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sg.h"

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	 __real_free(void *);

#define TRACK_SLOTS	(1u << 18)
static void	*track[TRACK_SLOTS];
static size_t	 used[TRACK_SLOTS / 2];	/* slots filled this input */
static size_t	 nused;
static int	 tracking;
static size_t	 ntracked;

static size_t
track_slot(void *p)
{
	uintptr_t h = (uintptr_t)p;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 32) & (TRACK_SLOTS - 1);
}

static void
track_add(void *p)
{
	size_t i;

	if (p == NULL || !tracking)
		return;
	if (nused >= TRACK_SLOTS / 2) {
		/* Too many for the table: stop tracking this input (after a
		 * longjmp its blocks would leak, which no check sees). */
		tracking = 0;
		return;
	}
	for (i = track_slot(p); track[i] != NULL && track[i] != (void *)1;
	    i = (i + 1) & (TRACK_SLOTS - 1))
		;
	track[i] = p;
	used[nused++] = i;
	ntracked++;
}

static void
track_del(void *p)
{
	size_t i;

	if (p == NULL || ntracked == 0)
		return;
	for (i = track_slot(p); track[i] != NULL; i = (i + 1) & (TRACK_SLOTS - 1))
		if (track[i] == p) {
			track[i] = (void *)1;	/* tombstone */
			ntracked--;
			return;
		}
}

void *
__wrap_malloc(size_t n)
{
	void *p = __real_malloc(n);

	track_add(p);
	return p;
}

void *
__wrap_calloc(size_t n, size_t s)
{
	void *p = __real_calloc(n, s);

	track_add(p);
	return p;
}

void *
__wrap_realloc(void *old, size_t n)
{
	void *p = __real_realloc(old, n);

	if (p != NULL || n == 0)
		track_del(old);
	track_add(p);
	return p;
}

void
__wrap_free(void *p)
{
	track_del(p);
	__real_free(p);
}

static jmp_buf	 harness_jmp;
static int	 harness_hooked;
static int	 harness_fd0;

static void
harness_die_hook(void)
{
	harness_hooked = 0;	/* err.c popped this hook */
	longjmp(harness_jmp, 1);
}

/* Starts tracking an input; the lowest free descriptor is remembered. */
static void
harness_begin(void)
{
	while (nused > 0)
		track[used[--nused]] = NULL;
	ntracked = 0;
	tracking = 1;
	harness_fd0 = dup(0);
	if (harness_fd0 >= 0)
		close(harness_fd0);
	if (!harness_hooked) {
		sg_atdie(harness_die_hook);
		harness_hooked = 1;
	}
}

/* After a longjmp: frees what the abandoned path held, closes its fds. */
static void
harness_cleanup(void)
{
	size_t i;
	int fd;

	tracking = 0;
	sg_msg_forget();
	sg_io_forget();
	for (i = 0; i < TRACK_SLOTS && ntracked > 0; i++)
		if (track[i] != NULL && track[i] != (void *)1) {
			__real_free(track[i]);
			track[i] = NULL;
			ntracked--;
		}
	for (fd = harness_fd0; fd >= 0 && fd < harness_fd0 + 16; fd++)
		close(fd);
}

/* Ends tracking after a normal return: everything must have been freed
 * by the code itself (ASan's leak check sees anything that was not). */
static void
harness_end(void)
{
	tracking = 0;
}

/*
 * Use as:
 *	harness_begin();
 *	if (setjmp(harness_jmp) == 0) {
 *		code that may end in sg_die();
 *		harness_end();
 *	} else
 *		harness_cleanup();
 * Variables changed inside and read after a longjmp must be volatile.
 */

#endif
