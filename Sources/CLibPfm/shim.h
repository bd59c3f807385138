// libpfm4 (Debian: libpfm4-dev). perf_event.h comes with it so events can be
// encoded straight into a struct perf_event_attr.
#ifndef VB_CLIBPFM_SHIM_H
#define VB_CLIBPFM_SHIM_H

#include <perfmon/pfmlib.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The fields of an encoded event that counting needs, copied out of libpfm's
// perf_event_attr here in C: the attr is full of bitfields inside anonymous
// structs, and Swift would otherwise see libpfm's perf_event_attr and the
// kernel's as two types with one name.
typedef struct vb_pfm_encoding {
    uint32_t type;
    uint64_t config;
    uint64_t config1;
    uint64_t config2;
    uint8_t exclude_user;
    uint8_t exclude_kernel;
    uint8_t exclude_hv;
    uint8_t exclude_guest;
    uint8_t exclude_host;
    uint8_t precise_ip;
    int pmu;           // pfm_pmu_t of the PMU libpfm chose
    int pmu_type;      // pfm_pmu_type_t: core, uncore, OS generic
    char *fstr;        // fully qualified event string; caller frees with free()
} vb_pfm_encoding;

// Encodes `name` for perf_event with default privilege levels `plm`
// (PFM_PLM0 kernel, PFM_PLM3 user). Returns a PFM_* code.
static inline int vb_pfm_encode(const char *name, int plm, vb_pfm_encoding *out) {
    struct perf_event_attr attr;
    char *fstr = NULL;
    pfm_perf_encode_arg_t arg;
    memset(&attr, 0, sizeof attr);
    memset(&arg, 0, sizeof arg);
    memset(out, 0, sizeof *out);
    arg.attr = &attr;
    arg.fstr = &fstr;
    arg.size = sizeof arg;
    int ret = pfm_get_os_event_encoding(name, plm, PFM_OS_PERF_EVENT_EXT, &arg);
    if (ret != PFM_SUCCESS) {
        free(fstr);
        return ret;
    }
    out->type = attr.type;
    out->config = attr.config;
    out->config1 = attr.config1;
    out->config2 = attr.config2;
    out->exclude_user = attr.exclude_user;
    out->exclude_kernel = attr.exclude_kernel;
    out->exclude_hv = attr.exclude_hv;
    out->exclude_guest = attr.exclude_guest;
    out->exclude_host = attr.exclude_host;
    out->precise_ip = attr.precise_ip;
    out->fstr = fstr;
    out->pmu = -1;
    out->pmu_type = PFM_PMU_TYPE_UNKNOWN;
    pfm_event_info_t info;
    memset(&info, 0, sizeof info);
    info.size = sizeof info;
    if (pfm_get_event_info(arg.idx, PFM_OS_PERF_EVENT_EXT, &info) == PFM_SUCCESS) {
        out->pmu = info.pmu;
        pfm_pmu_info_t pinfo;
        memset(&pinfo, 0, sizeof pinfo);
        pinfo.size = sizeof pinfo;
        if (pfm_get_pmu_info(info.pmu, &pinfo) == PFM_SUCCESS) out->pmu_type = pinfo.type;
    }
    return PFM_SUCCESS;
}

// One PMU libpfm knows of, flattened for Swift.
typedef struct vb_pfm_pmu {
    const char *name;
    const char *desc;
    int type;        // pfm_pmu_type_t
    int is_present;
    int nevents;
    int num_counters;
    int num_fixed_counters;
} vb_pfm_pmu;

// Fills `out` for PMU id `pmu`; returns a PFM_* code (PFM_ERR_NOTSUPP for ids
// the library was built without).
static inline int vb_pfm_pmu_info(int pmu, vb_pfm_pmu *out) {
    pfm_pmu_info_t info;
    memset(&info, 0, sizeof info);
    memset(out, 0, sizeof *out);
    info.size = sizeof info;
    int ret = pfm_get_pmu_info((pfm_pmu_t)pmu, &info);
    if (ret != PFM_SUCCESS) return ret;
    out->name = info.name;
    out->desc = info.desc;
    out->type = info.type;
    out->is_present = info.is_present;
    out->nevents = info.nevents;
    out->num_counters = info.num_cntrs;
    out->num_fixed_counters = info.num_fixed_cntrs;
    return PFM_SUCCESS;
}

static inline int vb_pfm_pmu_max(void) { return PFM_PMU_MAX; }
static inline int vb_pfm_pmu_type_core(void) { return PFM_PMU_TYPE_CORE; }
static inline int vb_pfm_pmu_type_uncore(void) { return PFM_PMU_TYPE_UNCORE; }
static inline int vb_pfm_pmu_type_os_generic(void) { return PFM_PMU_TYPE_OS_GENERIC; }

#endif
