#ifndef VB_MEMORY_H
#define VB_MEMORY_H

#include <stddef.h>
#include <sys/types.h>

// madvise advice values, so Swift need not depend on which glibc headers
// define MADV_HUGEPAGE / MADV_POPULATE_READ (the latter is Linux 5.14+).
int vb_madv_normal(void);
int vb_madv_random(void);
int vb_madv_sequential(void);
int vb_madv_willneed(void);
int vb_madv_hugepage(void);
int vb_madv_nohugepage(void);
int vb_madv_populate_read(void);
int vb_map_populate(void);

// fallocate(2) with mode 0 (allocate, extend size); -1/errno on failure.
int vb_fallocate(int fd, off_t offset, off_t length);

#endif
