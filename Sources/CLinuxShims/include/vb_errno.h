#ifndef VB_ERRNO_H
#define VB_ERRNO_H

#include <errno.h>

// errno is a macro over a thread-local; Swift's Glibc overlay exposes it, but
// reading and clearing it through one function keeps the syscall funnel honest.
static inline int vb_errno(void) { return errno; }
static inline void vb_set_errno(int value) { errno = value; }

#endif
