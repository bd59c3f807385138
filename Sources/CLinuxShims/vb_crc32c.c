// CRC32C: hardware instructions where the CPU has them, a slicing-by-8 table
// otherwise. See vb_crc32c.h for the contract.
#include "vb_crc32c.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define VB_CRC32C_X86 1
#elif defined(__aarch64__) && defined(__linux__)
#include <arm_acle.h>
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
#define VB_CRC32C_ARM 1
#endif

// ---- software: slicing-by-8 -------------------------------------------------

static uint32_t vb_crc32c_table[8][256];
static pthread_once_t vb_crc32c_table_once = PTHREAD_ONCE_INIT;

static void vb_crc32c_build_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = n;
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        vb_crc32c_table[0][n] = crc;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = vb_crc32c_table[0][n];
        for (int k = 1; k < 8; k++) {
            crc = vb_crc32c_table[0][crc & 0xff] ^ (crc >> 8);
            vb_crc32c_table[k][n] = crc;
        }
    }
}

static inline uint64_t vb_load_le64(const unsigned char *p) {
    uint64_t value;
    memcpy(&value, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap64(value);
#endif
    return value;
}

uint32_t vb_crc32c_update_software(uint32_t crc, const void *data, size_t length) {
    pthread_once(&vb_crc32c_table_once, vb_crc32c_build_table);
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = vb_crc32c_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
        length--;
    }
    while (length >= 8) {
        uint64_t word = vb_load_le64(p) ^ c;
        c = vb_crc32c_table[7][word & 0xff] ^ vb_crc32c_table[6][(word >> 8) & 0xff] ^
            vb_crc32c_table[5][(word >> 16) & 0xff] ^ vb_crc32c_table[4][(word >> 24) & 0xff] ^
            vb_crc32c_table[3][(word >> 32) & 0xff] ^ vb_crc32c_table[2][(word >> 40) & 0xff] ^
            vb_crc32c_table[1][(word >> 48) & 0xff] ^ vb_crc32c_table[0][word >> 56];
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = vb_crc32c_table[0][(c ^ *p++) & 0xff] ^ (c >> 8);
        length--;
    }
    return ~c;
}

// ---- hardware ---------------------------------------------------------------

#if defined(VB_CRC32C_X86)

__attribute__((target("sse4.2")))
uint32_t vb_crc32c_update_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c32 = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c32 = _mm_crc32_u8(c32, *p++);
        length--;
    }
#if defined(__x86_64__)
    uint64_t c64 = c32;
    while (length >= 32) {
        uint64_t a, b, d, e;
        memcpy(&a, p, 8); memcpy(&b, p + 8, 8); memcpy(&d, p + 16, 8); memcpy(&e, p + 24, 8);
        c64 = _mm_crc32_u64(c64, a);
        c64 = _mm_crc32_u64(c64, b);
        c64 = _mm_crc32_u64(c64, d);
        c64 = _mm_crc32_u64(c64, e);
        p += 32;
        length -= 32;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c64 = _mm_crc32_u64(c64, word);
        p += 8;
        length -= 8;
    }
    c32 = (uint32_t)c64;
#endif
    while (length > 0) {
        c32 = _mm_crc32_u8(c32, *p++);
        length--;
    }
    return ~c32;
}

int vb_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

static const char *const vb_crc32c_hardware_name = "sse4.2";

#elif defined(VB_CRC32C_ARM)

__attribute__((target("+crc")))
uint32_t vb_crc32c_update_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = __crc32cb(c, *p++);
        length--;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __crc32cd(c, word);
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = __crc32cb(c, *p++);
        length--;
    }
    return ~c;
}

int vb_crc32c_hardware_available(void) {
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) ? 1 : 0;
}

static const char *const vb_crc32c_hardware_name = "armv8-crc";

#else

uint32_t vb_crc32c_update_hardware(uint32_t crc, const void *data, size_t length) {
    return vb_crc32c_update_software(crc, data, length);
}

int vb_crc32c_hardware_available(void) { return 0; }

static const char *const vb_crc32c_hardware_name = "software";

#endif

// ---- dispatch ---------------------------------------------------------------

// 0 = not yet decided, 1 = hardware, 2 = software. Deciding twice is harmless.
static int vb_crc32c_choice = 0;

static inline int vb_crc32c_use_hardware(void) {
    int choice = __atomic_load_n(&vb_crc32c_choice, __ATOMIC_RELAXED);
    if (choice == 0) {
        choice = vb_crc32c_hardware_available() ? 1 : 2;
        __atomic_store_n(&vb_crc32c_choice, choice, __ATOMIC_RELAXED);
    }
    return choice == 1;
}

uint32_t vb_crc32c_update(uint32_t crc, const void *data, size_t length) {
    if (vb_crc32c_use_hardware()) return vb_crc32c_update_hardware(crc, data, length);
    return vb_crc32c_update_software(crc, data, length);
}

const char *vb_crc32c_implementation(void) {
    return vb_crc32c_use_hardware() ? vb_crc32c_hardware_name : "software";
}
