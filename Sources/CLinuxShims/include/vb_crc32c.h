#ifndef VB_CRC32C_H
#define VB_CRC32C_H

#include <stddef.h>
#include <stdint.h>

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78), as used by iSCSI,
// ext4, LevelDB and RocksDB. `crc` is a finished checksum (0 for an empty
// prefix), so update(update(0, a), b) == update(0, a ++ b).
//
// vb_crc32c_update picks the fastest implementation once per process: SSE4.2
// `crc32` on x86-64, the ARMv8 CRC32C instructions on aarch64, otherwise a
// slicing-by-8 table. The other two entry points exist so tests can compare
// them; vb_crc32c_update_hardware must only be called when
// vb_crc32c_hardware_available() returns 1.
uint32_t vb_crc32c_update(uint32_t crc, const void *data, size_t length);
uint32_t vb_crc32c_update_software(uint32_t crc, const void *data, size_t length);
uint32_t vb_crc32c_update_hardware(uint32_t crc, const void *data, size_t length);
int vb_crc32c_hardware_available(void);
// "sse4.2", "armv8-crc" or "software": what vb_crc32c_update uses.
const char *vb_crc32c_implementation(void);

#endif
