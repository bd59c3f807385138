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

#if defined(VB_CRC32C_X86) || defined(VB_CRC32C_ARM)

// The crc instruction has a latency of 3 cycles and a throughput of 1, so one
// dependency chain runs at a third of the possible speed. Long buffers are
// cut into three interleaved streams whose CRCs are combined by "shifting"
// the earlier ones past the later bytes: crc(A ++ B) = shift(crc(A), |B|) ^
// crc0(B), where shift multiplies by x^(8|B|) mod P — precomputed for the two
// block sizes as four byte-indexed tables (Mark Adler's crc32c.c method).
#define VB_CRC32C_LONG 8192
#define VB_CRC32C_SHORT 256

static uint32_t vb_crc32c_long[4][256];
static uint32_t vb_crc32c_short[4][256];
static pthread_once_t vb_crc32c_shift_once = PTHREAD_ONCE_INIT;

static uint32_t vb_gf2_matrix_times(const uint32_t *mat, uint32_t vec) {
    uint32_t sum = 0;
    while (vec) {
        if (vec & 1) sum ^= *mat;
        vec >>= 1;
        mat++;
    }
    return sum;
}

static void vb_gf2_matrix_square(uint32_t *square, const uint32_t *mat) {
    for (int n = 0; n < 32; n++) square[n] = vb_gf2_matrix_times(mat, mat[n]);
}

// The operator appending `length` zero bytes (a power of two) to a raw CRC.
static void vb_crc32c_zeros_op(uint32_t *even, size_t length) {
    uint32_t odd[32];
    odd[0] = 0x82F63B78u;  // one zero bit
    uint32_t row = 1;
    for (int n = 1; n < 32; n++) {
        odd[n] = row;
        row <<= 1;
    }
    vb_gf2_matrix_square(even, odd);  // two zero bits
    vb_gf2_matrix_square(odd, even);  // four zero bits
    do {
        vb_gf2_matrix_square(even, odd);
        length >>= 1;
        if (length == 0) return;
        vb_gf2_matrix_square(odd, even);
        length >>= 1;
    } while (length);
    for (int n = 0; n < 32; n++) even[n] = odd[n];
}

static void vb_crc32c_zeros(uint32_t zeros[][256], size_t length) {
    uint32_t op[32];
    vb_crc32c_zeros_op(op, length);
    for (uint32_t n = 0; n < 256; n++) {
        zeros[0][n] = vb_gf2_matrix_times(op, n);
        zeros[1][n] = vb_gf2_matrix_times(op, n << 8);
        zeros[2][n] = vb_gf2_matrix_times(op, n << 16);
        zeros[3][n] = vb_gf2_matrix_times(op, n << 24);
    }
}

static void vb_crc32c_build_shift_tables(void) {
    vb_crc32c_zeros(vb_crc32c_long, VB_CRC32C_LONG);
    vb_crc32c_zeros(vb_crc32c_short, VB_CRC32C_SHORT);
}

static inline uint32_t vb_crc32c_shift(uint32_t zeros[][256], uint32_t crc) {
    return zeros[0][crc & 0xff] ^ zeros[1][(crc >> 8) & 0xff] ^ zeros[2][(crc >> 16) & 0xff] ^ zeros[3][crc >> 24];
}

#endif

#if defined(VB_CRC32C_X86)

#if defined(__x86_64__)
#define VB_CRC32C_WORD(crc, p) ((uint32_t)_mm_crc32_u64((crc), vb_load_word(p)))
#else
#define VB_CRC32C_WORD(crc, p) _mm_crc32_u32((crc), (uint32_t)vb_load_word(p))
#endif
#define VB_CRC32C_BYTE(crc, p) _mm_crc32_u8((crc), *(p))
#define VB_CRC32C_TARGET __attribute__((target("sse4.2")))

#elif defined(VB_CRC32C_ARM)

#define VB_CRC32C_WORD(crc, p) __crc32cd((crc), vb_load_word(p))
#define VB_CRC32C_BYTE(crc, p) __crc32cb((crc), *(p))
#define VB_CRC32C_TARGET __attribute__((target("+crc")))

#endif

#if defined(VB_CRC32C_X86) || defined(VB_CRC32C_ARM)

#if defined(__x86_64__) || defined(__aarch64__)
#define VB_CRC32C_WORD_SIZE 8
static inline uint64_t vb_load_word(const unsigned char *p) {
    uint64_t value;
    memcpy(&value, p, 8);
    return value;
}
#else
#define VB_CRC32C_WORD_SIZE 4
static inline uint32_t vb_load_word(const unsigned char *p) {
    uint32_t value;
    memcpy(&value, p, 4);
    return value;
}
#endif

VB_CRC32C_TARGET
uint32_t vb_crc32c_update_hardware(uint32_t crc, const void *data, size_t length) {
    pthread_once(&vb_crc32c_shift_once, vb_crc32c_build_shift_tables);
    const unsigned char *p = (const unsigned char *)data;
    uint32_t c0 = ~crc;
    while (length > 0 && ((uintptr_t)p & (VB_CRC32C_WORD_SIZE - 1)) != 0) {
        c0 = VB_CRC32C_BYTE(c0, p);
        p++;
        length--;
    }
    while (length >= 3 * VB_CRC32C_LONG) {
        uint32_t c1 = 0, c2 = 0;
        const unsigned char *end = p + VB_CRC32C_LONG;
        do {
            c0 = VB_CRC32C_WORD(c0, p);
            c1 = VB_CRC32C_WORD(c1, p + VB_CRC32C_LONG);
            c2 = VB_CRC32C_WORD(c2, p + 2 * VB_CRC32C_LONG);
            p += VB_CRC32C_WORD_SIZE;
        } while (p < end);
        c0 = vb_crc32c_shift(vb_crc32c_long, c0) ^ c1;
        c0 = vb_crc32c_shift(vb_crc32c_long, c0) ^ c2;
        p += 2 * VB_CRC32C_LONG;
        length -= 3 * VB_CRC32C_LONG;
    }
    while (length >= 3 * VB_CRC32C_SHORT) {
        uint32_t c1 = 0, c2 = 0;
        const unsigned char *end = p + VB_CRC32C_SHORT;
        do {
            c0 = VB_CRC32C_WORD(c0, p);
            c1 = VB_CRC32C_WORD(c1, p + VB_CRC32C_SHORT);
            c2 = VB_CRC32C_WORD(c2, p + 2 * VB_CRC32C_SHORT);
            p += VB_CRC32C_WORD_SIZE;
        } while (p < end);
        c0 = vb_crc32c_shift(vb_crc32c_short, c0) ^ c1;
        c0 = vb_crc32c_shift(vb_crc32c_short, c0) ^ c2;
        p += 2 * VB_CRC32C_SHORT;
        length -= 3 * VB_CRC32C_SHORT;
    }
    while (length >= VB_CRC32C_WORD_SIZE) {
        c0 = VB_CRC32C_WORD(c0, p);
        p += VB_CRC32C_WORD_SIZE;
        length -= VB_CRC32C_WORD_SIZE;
    }
    while (length > 0) {
        c0 = VB_CRC32C_BYTE(c0, p);
        p++;
        length--;
    }
    return ~c0;
}

#endif

#if defined(VB_CRC32C_X86)

int vb_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") ? 1 : 0;
}

static const char *const vb_crc32c_hardware_name = "sse4.2";

#elif defined(VB_CRC32C_ARM)

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
