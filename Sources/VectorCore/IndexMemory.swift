import CLinuxShims

#if canImport(Glibc)
import Glibc
#endif

/// Whether an array built in RAM asks the kernel for transparent huge pages.
///
/// A search touches a few hundred random 4 KiB pages of an index per query,
/// so on a large index nearly every page is a TLB miss (and on a virtual
/// machine each miss walks two page tables). 2 MiB pages cover the same
/// bytes with 512× fewer entries. `system` leaves the choice to the kernel's
/// THP mode (`/sys/kernel/mm/transparent_hugepage/enabled`): under the common
/// `madvise` mode that means 4 KiB pages, which is also what a plain
/// `malloc` gets and what hnswlib runs on.
public enum HugePagePolicy: String, Sendable, Codable, CaseIterable {
    /// No advice: the kernel's THP mode decides.
    case system
    /// `MADV_NOHUGEPAGE`: 4 KiB pages even where THP is `always`.
    case never
    /// `MADV_HUGEPAGE`: huge pages wherever THP is not `never`.
    case advise
}

/// Zeroed memory for the large arrays of an index built in RAM (vectors,
/// level-0 links), page-aligned so that no vector straddles a page boundary
/// it does not have to (a `malloc` block starts 16 bytes into a page, which
/// made one 512-byte vector in eight touch two pages and two TLB entries).
///
/// Arrays of 2 MiB or more are anonymous mappings aligned to 2 MiB, advised
/// per `HugePagePolicy`; smaller ones (an engine holds thousands, and each
/// mapping costs a VMA) come from the heap, aligned to 4 KiB.
///
/// Write before reading: a read fault maps the shared zero page, and the
/// write that follows gets a 4 KiB page, not a huge one. An index writes
/// each vector and link list before any search reads it.
public final class IndexMemory: @unchecked Sendable {
    public static let hugePageSize = 2 << 20
    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int
    public let policy: HugePagePolicy
    /// Whether this is a mapping (2 MiB-aligned, advised per the policy).
    public let isMapped: Bool
    /// Why the policy's advice was refused (e.g. a kernel without THP), if it
    /// was; the memory works all the same, with the kernel's default pages.
    public let adviceError: SystemError?
    private let mappedLength: Int

    /// `owner` names what the memory is for in a failure ("the graphs of
    /// segment …"), as a path would.
    public init(byteCount: Int, policy: HugePagePolicy, owner: String? = nil) throws(SystemError) {
        self.byteCount = byteCount
        self.policy = policy
        let length = max(byteCount, 1)
        guard length >= Self.hugePageSize else {
            pointer = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: Self.pageSize)
            pointer.initializeMemory(as: UInt8.self, repeating: 0, count: length)
            isMapped = false
            mappedLength = 0
            adviceError = nil
            return
        }
        // Reserve 2 MiB more than needed, keep the 2 MiB-aligned part, and
        // give back the slack on both sides.
        let mapped = (length + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let reservedLength = mapped + Self.hugePageSize
        let reserved = try SystemCall.run("mmap", path: owner) {
            Int(bitPattern: mmap(nil, reservedLength, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        }
        let start = (reserved + Self.hugePageSize - 1) / Self.hugePageSize * Self.hugePageSize
        if start > reserved { Self.unmap(reserved, start - reserved) }
        let end = start + mapped, reservedEnd = reserved + reservedLength
        if reservedEnd > end { Self.unmap(end, reservedEnd - end) }
        pointer = UnsafeMutableRawPointer(bitPattern: start)!
        mappedLength = mapped
        isMapped = true
        let advice: Int32? = switch policy {
        case .system: nil
        case .never: vb_madv_nohugepage()
        case .advise: vb_madv_hugepage()
        }
        var refusal: SystemError?
        if let advice {
            do throws(SystemError) {
                _ = try SystemCall.run("madvise", path: owner) { madvise(UnsafeMutableRawPointer(bitPattern: start), mapped, advice) }
            } catch {
                refusal = error
            }
        }
        adviceError = refusal
    }

    deinit {
        if isMapped { Self.unmap(Int(bitPattern: pointer), mappedLength) } else { pointer.deallocate() }
    }

    private static func unmap(_ address: Int, _ length: Int) {
        _ = try? SystemCall.run("munmap") { munmap(UnsafeMutableRawPointer(bitPattern: address), length) }
    }
}
