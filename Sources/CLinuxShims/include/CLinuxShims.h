// CLinuxShims: the few Linux facilities Swift cannot reach directly.
// Every exported symbol is prefixed `vb_`. One header per concern; this
// umbrella only includes them.
#ifndef VB_CLINUXSHIMS_H
#define VB_CLINUXSHIMS_H

#include "vb_errno.h"
#include "vb_prefetch.h"
#include "vb_memory.h"
#include "vb_crc32c.h"
#include "vb_perf_event.h"
#include "vb_cpuid.h"
#include "vb_process.h"

#endif
