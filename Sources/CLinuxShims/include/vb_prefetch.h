#ifndef VB_PREFETCH_H
#define VB_PREFETCH_H

// Software prefetch for graph traversal: the next neighbour's vector and the
// next link list are fetched while the current distance is computed, as
// hnswlib does with _mm_prefetch. Inlined into Swift by the clang importer.
static inline void vb_prefetch_read(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
