/// A growable, 64-byte aligned byte buffer: the encode scratch under the
/// WAL's lock, and the segment image replay reads into. Owns its memory; use
/// only from one thread at a time (the WAL holds its lock; replay owns its own).
final class WALBuffer: @unchecked Sendable {
    private(set) var storage: UnsafeMutableRawBufferPointer

    init(capacity: Int = 64 << 10) {
        storage = .allocate(byteCount: max(capacity, 64), alignment: 64)
    }

    deinit { storage.deallocate() }

    var capacity: Int { storage.count }
    var base: UnsafeMutableRawPointer { storage.baseAddress! }

    /// Makes room for `count` bytes; existing contents up to `preserving` kept.
    func reserve(_ count: Int, preserving: Int = 0) {
        guard count > storage.count else { return }
        var capacity = storage.count
        while capacity < count { capacity *= 2 }
        let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        if preserving > 0 { grown.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: preserving) }
        storage.deallocate()
        storage = grown
    }

    /// Lets big one-off buffers go after use.
    func shrink(to count: Int) {
        guard storage.count > count else { return }
        storage.deallocate()
        storage = .allocate(byteCount: count, alignment: 64)
    }
}
