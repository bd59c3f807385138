#ifndef VB_PROCESS_H
#define VB_PROCESS_H

// prctl(2) is variadic, which Swift cannot call: these wrap the two
// requests vecbench needs. Both return -1 and set errno on failure.

// PR_SET_PDEATHSIG: deliver `signal` to this process when the thread that
// created it exits (for a process spawned from a long-lived thread, when the
// parent process dies). Kept across execve (except set-user-ID programs).
int vb_set_parent_death_signal(int signal);

// PR_GET_PDEATHSIG: the signal set above, 0 when none.
int vb_parent_death_signal(void);

// getrlimit / setrlimit of RLIMIT_NOFILE: glibc types the resource as an
// enum or an int depending on feature macros, which Swift sees differently
// per build. Limits are returned as UINT64_MAX for RLIM_INFINITY.
// Both return -1 and set errno on failure.
#include <stdint.h>
int vb_get_open_file_limit(uint64_t *soft, uint64_t *hard);
int vb_set_open_file_limit(uint64_t soft, uint64_t hard);

#endif
