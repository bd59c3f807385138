#ifndef VB_PERF_EVENT_H
#define VB_PERF_EVENT_H

#include <stdint.h>
#include <sys/types.h>

// perf_event_open(2) and its ioctls, reached through a plain description
// struct instead of `struct perf_event_attr`: libpfm4 ships its own copy of
// that struct (perfmon/perf_event.h), and exposing the kernel's copy here too
// would give Swift two unrelated types with one name. The C side builds the
// kernel struct, so the ABI size always matches the headers we compiled with.

// attr.type values (linux/perf_event.h, enum perf_type_id).
enum {
    VB_PERF_TYPE_HARDWARE = 0,
    VB_PERF_TYPE_SOFTWARE = 1,
    VB_PERF_TYPE_TRACEPOINT = 2,
    VB_PERF_TYPE_HW_CACHE = 3,
    VB_PERF_TYPE_RAW = 4,
    VB_PERF_TYPE_BREAKPOINT = 5,
};

// attr.read_format bits (enum perf_event_read_format).
enum {
    VB_PERF_FORMAT_TOTAL_TIME_ENABLED = 1u << 0,
    VB_PERF_FORMAT_TOTAL_TIME_RUNNING = 1u << 1,
    VB_PERF_FORMAT_ID = 1u << 2,
    VB_PERF_FORMAT_GROUP = 1u << 3,
};

// What to count and how; zero-initialise, then set what matters.
typedef struct vb_perf_event_spec {
    uint32_t type;
    uint64_t config;
    uint64_t config1;
    uint64_t config2;
    uint64_t read_format;
    uint8_t disabled;
    uint8_t inherit;
    uint8_t enable_on_exec;
    uint8_t exclude_user;
    uint8_t exclude_kernel;
    uint8_t exclude_hv;
    uint8_t exclude_guest;
    uint8_t exclude_host;
    uint8_t exclude_idle;
    uint8_t precise_ip; // 0..3
} vb_perf_event_spec;

// perf_event_open(2) via syscall(2), always with PERF_FLAG_FD_CLOEXEC so
// counter descriptors never leak into spawned commands. Returns the fd, or -1
// with errno set.
int vb_perf_event_open(const vb_perf_event_spec *spec, pid_t pid, int cpu, int group_fd);

// PERF_EVENT_IOC_ENABLE / DISABLE / RESET; `whole_group` adds
// PERF_IOC_FLAG_GROUP so the leader's ioctl reaches every member at once.
// Return 0, or -1 with errno set.
int vb_perf_event_enable(int fd, int whole_group);
int vb_perf_event_disable(int fd, int whole_group);
int vb_perf_event_reset(int fd, int whole_group);

// PERF_EVENT_IOC_ID: the kernel's id for the event (what PERF_FORMAT_ID
// reports), used to match group-read entries to events. 0, or -1/errno.
int vb_perf_event_id(int fd, uint64_t *id);

// sizeof(struct perf_event_attr) as compiled (PERF_ATTR_SIZE_VER*).
uint32_t vb_perf_event_attr_size(void);

#endif
