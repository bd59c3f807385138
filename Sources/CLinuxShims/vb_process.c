#include "vb_process.h"

#include <sys/prctl.h>
#include <sys/resource.h>

int vb_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}

int vb_parent_death_signal(void) {
    int signal = 0;
    if (prctl(PR_GET_PDEATHSIG, (unsigned long)&signal, 0UL, 0UL, 0UL) == -1) return -1;
    return signal;
}

static uint64_t vb_from_rlim(rlim_t value) { return value == RLIM_INFINITY ? UINT64_MAX : (uint64_t)value; }
static rlim_t vb_to_rlim(uint64_t value) { return value == UINT64_MAX ? RLIM_INFINITY : (rlim_t)value; }

int vb_get_open_file_limit(uint64_t *soft, uint64_t *hard) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == -1) return -1;
    *soft = vb_from_rlim(limit.rlim_cur);
    *hard = vb_from_rlim(limit.rlim_max);
    return 0;
}

int vb_set_open_file_limit(uint64_t soft, uint64_t hard) {
    struct rlimit limit = { vb_to_rlim(soft), vb_to_rlim(hard) };
    return setrlimit(RLIMIT_NOFILE, &limit);
}
