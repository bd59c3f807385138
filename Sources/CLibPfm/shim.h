// libpfm4 (Debian: libpfm4-dev). perf_event.h comes with it so events can be
// encoded straight into a struct perf_event_attr.
#include <perfmon/pfmlib.h>
#include <perfmon/pfmlib_perf_event.h>
