/// What an index memory access reads. A model of the memory hierarchy
/// (MemoryModel, bridged in the runner) counts misses per kind.
public enum MemoryAccessKind: UInt8, Sendable, CaseIterable, Codable {
    /// A stored vector (f32 row, or the quantized row a quantized search
    /// traverses with), read for a distance or written on insert.
    case vector
    /// A level-0 link list: its count word and the used neighbour slots.
    case level0Links
    /// An upper-level link block, or the per-node pointer to the blocks.
    case upperLinks
    /// A visited-set mark (2 bytes per node).
    case visitedMark
    /// A node's external id (8 bytes), read for each result or written on insert.
    case label
}

/// Receives every index memory access of a search, insert or exact scan, in
/// program order, as (address, bytes, kind). Pass one to the `accesses:`
/// overloads; the plain overloads record nothing and cost nothing.
///
/// Not reported: the query vector, the candidate list and result arrays,
/// locks, the stack, exclusion checks, and the engine's prefetches (a model
/// sees demand accesses only).
public protocol MemoryAccessRecorder {
    mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind)
}

/// One recorded access.
public struct MemoryAccess: Sendable, Equatable {
    public var address: UInt
    public var bytes: UInt32
    public var kind: MemoryAccessKind

    public init(address: UInt, bytes: UInt32, kind: MemoryAccessKind) {
        self.address = address
        self.bytes = bytes
        self.kind = kind
    }
}

/// A recorder that keeps the accesses in order, to be replayed into a
/// memory model after the operation (so the model's cost stays out of the
/// operation's latency).
public struct MemoryAccessLog: MemoryAccessRecorder, Sendable {
    public var accesses: [MemoryAccess] = []

    public init() {}

    public mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind) {
        accesses.append(MemoryAccess(address: address, bytes: UInt32(clamping: bytes), kind: kind))
    }

    public mutating func removeAll() { accesses.removeAll(keepingCapacity: true) }
}

/// A search recorder that forwards every access to a `MemoryAccessRecorder`
/// (through a pointer, so a log is appended to in place) and, when page
/// statistics are wanted too, keeps them.
struct AccessSearchRecorder<Accesses: MemoryAccessRecorder>: SearchRecorder {
    var pages: PageSearchRecorder?
    let accesses: UnsafeMutablePointer<Accesses>

    mutating func evaluated(vector address: UnsafeRawPointer, bytes: Int) {
        pages?.evaluated(vector: address, bytes: bytes)
        accesses.pointee.access(address: UInt(bitPattern: address), bytes: bytes, kind: .vector)
    }

    mutating func expanded(links address: UnsafeRawPointer, bytes: Int) {
        pages?.expanded(links: address, bytes: bytes)
    }

    mutating func visited() { pages?.visited() }

    mutating func touched(_ address: UnsafeRawPointer, bytes: Int, kind: MemoryAccessKind) {
        accesses.pointee.access(address: UInt(bitPattern: address), bytes: bytes, kind: kind)
    }

    mutating func rescored(vector address: UnsafeRawPointer, bytes: Int) {
        pages?.rescored(vector: address, bytes: bytes)
        accesses.pointee.access(address: UInt(bitPattern: address), bytes: bytes, kind: .vector)
    }
}

/// The recorder of the overloads that record nothing.
struct NoAccessRecorder: MemoryAccessRecorder {
    @inline(__always) mutating func access(address: UInt, bytes: Int, kind: MemoryAccessKind) {}
}
