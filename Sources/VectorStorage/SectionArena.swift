import VectorCore

/// One block of `IndexMemory` that the sections of several files opened into
/// RAM share — all the graphs of a sealed segment, one per tenant in a
/// shared collection.
///
/// Each tenant's graph is small (tens of KiB), and small allocations can
/// never be backed by 2 MiB pages: a segment of 1,000 tenant graphs read
/// into 1,000 heap blocks costs the TLB one entry per 4 KiB however it is
/// advised. Packed into one arena of the segment's size, the same bytes sit
/// in a handful of huge pages when the policy is `advise`. Sections start
/// on 64-byte boundaries (SIMD loads, no false sharing across sections).
///
/// A bump allocator, filled while one thread opens the files; the regions
/// handed out keep the arena alive.
public final class SectionArena: @unchecked Sendable {
    public let memory: IndexMemory
    private var used = 0

    /// Room for `byteCount` bytes of sections (plus alignment padding);
    /// `owner` (the segment directory) is named if the memory cannot be had.
    public init(byteCount: Int, policy: HugePagePolicy, owner: String? = nil) throws(StorageError) {
        do {
            memory = try IndexMemory(byteCount: max(byteCount, 1), policy: policy, owner: owner)
        } catch {
            throw .system(error)
        }
    }

    /// Bytes handed out so far, padding included.
    public var usedBytes: Int { used }

    /// `byteCount` bytes at the next 64-byte boundary, or nil when they do
    /// not fit (the caller falls back to a heap block of its own).
    func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer? {
        let start = (used + 63) & ~63
        guard start + byteCount <= memory.byteCount else { return nil }
        used = start + byteCount
        return memory.pointer + start
    }

    /// Resident and 2 MiB-mapped bytes of the arena, from /proc/self/smaps
    /// (a diagnostic: it takes the mmap lock).
    public func residency() throws(StorageError) -> MappingResidency {
        let start = UInt(bitPattern: memory.pointer)
        return try MappingResidency.read(range: start..<(start + UInt(max(memory.byteCount, 1))), what: "the section arena")
    }
}
