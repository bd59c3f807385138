#define _GNU_SOURCE
#include "vb_perf_event.h"

#include <linux/perf_event.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

_Static_assert(VB_PERF_FORMAT_GROUP == PERF_FORMAT_GROUP, "read_format bits follow the kernel ABI");
_Static_assert(VB_PERF_FORMAT_ID == PERF_FORMAT_ID, "read_format bits follow the kernel ABI");
_Static_assert(VB_PERF_TYPE_HW_CACHE == PERF_TYPE_HW_CACHE, "type ids follow the kernel ABI");

int vb_perf_event_open(const vb_perf_event_spec *spec, pid_t pid, int cpu, int group_fd) {
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = spec->type;
    attr.config = spec->config;
    attr.config1 = spec->config1;
    attr.config2 = spec->config2;
    attr.read_format = spec->read_format;
    attr.disabled = spec->disabled ? 1 : 0;
    attr.inherit = spec->inherit ? 1 : 0;
    attr.enable_on_exec = spec->enable_on_exec ? 1 : 0;
    attr.exclude_user = spec->exclude_user ? 1 : 0;
    attr.exclude_kernel = spec->exclude_kernel ? 1 : 0;
    attr.exclude_hv = spec->exclude_hv ? 1 : 0;
    attr.exclude_guest = spec->exclude_guest ? 1 : 0;
    attr.exclude_host = spec->exclude_host ? 1 : 0;
    attr.exclude_idle = spec->exclude_idle ? 1 : 0;
    attr.precise_ip = spec->precise_ip & 3;
    return (int)syscall(SYS_perf_event_open, &attr, pid, cpu, group_fd, PERF_FLAG_FD_CLOEXEC);
}

int vb_perf_event_enable(int fd, int whole_group) {
    return ioctl(fd, PERF_EVENT_IOC_ENABLE, whole_group ? PERF_IOC_FLAG_GROUP : 0);
}

int vb_perf_event_disable(int fd, int whole_group) {
    return ioctl(fd, PERF_EVENT_IOC_DISABLE, whole_group ? PERF_IOC_FLAG_GROUP : 0);
}

int vb_perf_event_reset(int fd, int whole_group) {
    return ioctl(fd, PERF_EVENT_IOC_RESET, whole_group ? PERF_IOC_FLAG_GROUP : 0);
}

int vb_perf_event_id(int fd, uint64_t *id) {
    return ioctl(fd, PERF_EVENT_IOC_ID, id);
}

uint32_t vb_perf_event_attr_size(void) { return (uint32_t)sizeof(struct perf_event_attr); }
