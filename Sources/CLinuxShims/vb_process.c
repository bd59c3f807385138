#include "vb_process.h"

#include <sys/prctl.h>

int vb_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}

int vb_parent_death_signal(void) {
    int signal = 0;
    if (prctl(PR_GET_PDEATHSIG, (unsigned long)&signal, 0UL, 0UL, 0UL) == -1) return -1;
    return signal;
}
