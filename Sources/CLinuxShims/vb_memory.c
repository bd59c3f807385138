#define _GNU_SOURCE
#include "vb_memory.h"

#include <fcntl.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

int vb_madv_normal(void) { return MADV_NORMAL; }
int vb_madv_random(void) { return MADV_RANDOM; }
int vb_madv_sequential(void) { return MADV_SEQUENTIAL; }
int vb_madv_willneed(void) { return MADV_WILLNEED; }
int vb_madv_hugepage(void) { return MADV_HUGEPAGE; }
int vb_madv_nohugepage(void) { return MADV_NOHUGEPAGE; }
int vb_madv_populate_read(void) { return MADV_POPULATE_READ; }
int vb_map_populate(void) { return MAP_POPULATE; }

int vb_fallocate(int fd, off_t offset, off_t length) {
    return fallocate(fd, 0, offset, length);
}
