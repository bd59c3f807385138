import VectorCore
import CLinuxShims
#if canImport(Glibc)
import Glibc
#endif

/// Small, known amounts of work whose counts are predictable, for the
/// self-test of `vecbench counters` and for the tests: if these do not
/// count, nothing else can be trusted.
public enum CounterWorkload {
    /// The size of a base page.
    public static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    /// Maps `pages` fresh anonymous pages, writes one byte to each, unmaps
    /// them. Each write is a first touch, so it takes a page fault: at least
    /// `pages` faults in total. Huge pages are refused for the mapping —
    /// one THP (or multi-size THP folio) fault would cover many pages.
    public static func touchFreshPages(_ pages: Int) throws(SystemError) {
        let size = pages * pageSize
        let address = try SystemCall.run("mmap") {
            Int(bitPattern: mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        }
        guard let base = UnsafeMutableRawPointer(bitPattern: address) else { return }
        defer { _ = munmap(base, size) }
        _ = try SystemCall.run("madvise") { madvise(base, size, vb_madv_nohugepage()) }
        for page in 0..<pages {
            base.storeBytes(of: UInt8(truncatingIfNeeded: page | 1), toByteOffset: page * pageSize, as: UInt8.self)
        }
    }

    /// Sleeps `times` times for `microseconds` each. A sleeping thread leaves
    /// the CPU, so every sleep is at least one context switch — unlike
    /// sched_yield, which switches nothing when no other thread is runnable.
    public static func sleepRepeatedly(_ times: Int, microseconds: Int = 100) {
        for _ in 0..<times {
            var request = timespec(tv_sec: 0, tv_nsec: microseconds * 1000)
            var remaining = timespec()
            while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
        }
    }

    /// Follows a random single-cycle permutation over `bytes` of memory for
    /// `steps` loads: cache and TLB misses for the hardware counters to see.
    /// Returns the final index so the loop cannot be optimised away.
    @inline(never)
    public static func chasePointers(bytes: Int, steps: Int, seed: UInt64 = 0x5eed) -> UInt32 {
        let count = max(2, bytes / MemoryLayout<UInt32>.stride)
        var next = [UInt32](repeating: 0, count: count)
        // Sattolo's algorithm: one cycle through every slot.
        var order = Array(0..<UInt32(count))
        var state = seed
        for index in stride(from: count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let other = Int((state >> 33) % UInt64(index))
            order.swapAt(index, other)
        }
        for index in 0..<count { next[Int(order[index])] = order[(index + 1) % count] }
        var position: UInt32 = 0
        for _ in 0..<steps { position = next[Int(position)] }
        return position
    }
}
