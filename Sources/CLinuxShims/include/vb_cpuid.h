#ifndef VB_CPUID_H
#define VB_CPUID_H

#include <stdint.h>

// CPUID for the memory model's `host` CPU: executes CPUID with `leaf` in EAX
// and `subleaf` in ECX and stores EAX, EBX, ECX, EDX in `registers`.
// Returns 1 on x86, 0 (registers zeroed) where the instruction does not exist.
// The caller checks the maximum leaf (leaf 0 / 0x80000000) before asking
// beyond it: CPUID does not fail on an unsupported leaf, it answers with
// another leaf's data.
int vb_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t registers[4]);

#endif
