#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import VectorCore

/// Open segments this process closed with everything written fdatasynced,
/// and how each file looked then, so that reopening one it finds unchanged
/// can skip recovery's fdatasync (`WALDirectory.recoverOpenSegment`).
///
/// Why recovery syncs at all: a process killed before its sync leaves
/// written records in the page cache. The next opener reads and replays
/// them, so it must make them durable before it builds on them (and before
/// it reports them durable in `durableLSN`). Why that sync can be skipped
/// here: when this process's own `close()` fdatasynced every byte it wrote
/// to the file and the file still has the same device, inode, size,
/// modification and change times, nobody has written to it since, so the
/// page cache holds nothing of it that is not on the device. On Linux
/// fdatasync of a clean file still flushes the device's write cache, and a
/// collection per tenant reopens logs constantly (evicted by the open
/// bound, then asked for again), so the skipped syncs are most of a cold
/// open's cost. What is not skipped: any open whose recovery wrote to the
/// file (a torn tail zeroed, a gap record), any file this process did not
/// close cleanly (first open, after a crash, after a failed sync), and any
/// file another process wrote to since (its times or size differ; the only
/// blind spot is a write within the file system's timestamp granularity of
/// our close, by a process that then died unsynced, which could then only
/// lose records it never acknowledged as durable).
///
/// Keyed by path, device and inode: one small entry per cleanly closed log
/// (a closed, evicted tenant's costs a few dozen bytes); reopening takes
/// the entry out.
enum WALCleanCloses {
    struct Key: Hashable {
        var path: String
        var device: UInt64
        var inode: UInt64
    }

    /// Besides the file's size and times, its header's random salt and
    /// creation time: a different segment that came to have the same path
    /// and a reused inode still differs there.
    struct Stamp: Equatable {
        var salt: UInt32
        var created: UInt64
        var size: Int64
        var modified: timespec
        var changed: timespec

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.salt == b.salt && a.created == b.created && a.size == b.size && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    private static let closed = Mutex<[Key: Stamp]>([:])

    /// The file's identity and stamp; nil when fstat fails (then nothing is skipped).
    private static func read(_ segment: WALSegmentFile) -> (Key, Stamp)? {
        var info = stat()
        let raw = segment.file.raw
        guard (try? SystemCall.run("fstat", path: segment.path) { fstat(raw, &info) }) != nil else { return nil }
        return (Key(path: segment.path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
                Stamp(salt: segment.header.salt, created: segment.header.createdNanoseconds, size: Int64(info.st_size),
                      modified: info.st_mtim, changed: info.st_ctim))
    }

    /// Called by `close()` once every byte written to `file` is fdatasynced.
    static func recordClean(_ file: WALSegmentFile) {
        guard let (key, stamp) = read(file) else { return }
        closed.withLock { $0[key] = stamp }
    }

    /// True when this process closed `file` cleanly and it is unchanged
    /// since. Takes the entry out either way: the opener owns the file now.
    static func takeUnchanged(_ file: WALSegmentFile) -> Bool {
        guard let (key, stamp) = read(file) else { return false }
        guard let recorded = closed.withLock({ $0.removeValue(forKey: key) }) else { return false }
        return recorded == stamp
    }

    /// Entries held (for tests).
    static var count: Int { closed.withLock { $0.count } }
}
