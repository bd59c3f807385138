import Synchronization
import VectorCore

/// A hierarchical navigable small-world graph (Malkov & Yashunin), laid out
/// as hnswlib lays it out where it matters for speed:
///
/// - internal ids are dense `UInt32`s, apart from the external `UInt64` labels;
/// - level-0 links live in one flat array of fixed slots, `[degree, ids…]`
///   of `m0 + 1` words per node, so a node's neighbours are one load away;
/// - upper levels are separate blocks of `m + 1` words per level, only for the
///   ~1/m of nodes that have them;
/// - vectors are one dense row-major array (normalised first for cosine).
///
/// Built in RAM, the vector and level-0 arrays are page-aligned `IndexMemory`
/// (2 MiB-aligned mappings when large, with the chosen `HugePagePolicy`).
///
/// Level-0 links are plain slots in an index built in RAM; one opened over an
/// image may instead hold them compressed (`LinkLayout.compressed`), and a
/// search decodes each list it expands.
///
/// A search may traverse the graph with quantized vectors
/// (`search(…, quantized:options:)`, `QuantizedVectors`), reading the f32
/// vectors only to rescore its final candidates.
///
/// An index is either built in memory (`init(dimension:metric:parameters:capacity:)`,
/// then `insert` or `build`), or opened read-only over an `HNSWImage` whose
/// regions may be a file mapping — the same search code runs over both.
///
/// Concurrency: inserts may run on many threads at once (a mutex per node,
/// held by the inserting thread for the node's whole insertion, as hnswlib
/// does); searches may run on many threads at once.
/// Searching while inserting is not supported: callers that mix them (the
/// engine's appendable segment) serialise them outside.
public final class HNSWIndex: @unchecked Sendable {
    public let dimension: Int
    public let metric: Metric
    public let parameters: HNSWParameters
    public let capacity: Int
    public let isReadOnly: Bool

    let vectors: UnsafeMutablePointer<Float>
    /// Plain layout: the level-0 slots. Compressed: the start of the blocks
    /// (never read as words; `compressedOffsets` locates each block).
    let level0: UnsafeMutablePointer<UInt32>
    /// How level-0 links are stored.
    public let linkLayout: LinkLayout
    /// Compressed layout only: `count + 1` block offsets into `level0`.
    let compressedOffsets: UnsafePointer<UInt64>?
    /// Bytes of the level-0 link region (slots, or compressed blocks).
    let level0Bytes: Int
    let levels: UnsafeMutablePointer<UInt8>
    @usableFromInline let labels: UnsafeMutablePointer<UInt64>
    /// Per node, its upper-level block (`levels[i] × (m + 1)` words), or nil.
    let upper: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>?>
    let level0Stride: Int
    let upperStride: Int

    let claimedCount = Atomic<Int>(0)
    let entry: Mutex<EntryState>
    let labelToID: Mutex<[UInt64: UInt32]>
    let levelGenerator: Mutex<SeededGenerator>
    let linkLocks: LinkLockTable
    let visitedPool: VisitedSetPool
    /// Keeps file mappings (an index opened over an image) or the index's
    /// own `IndexMemory` (one built in RAM) alive.
    private let regionOwners: [AnyObject?]
    /// The huge-page policy of an index built in RAM (`system` for one opened
    /// over an image: its regions belong to someone else).
    public let hugePages: HugePagePolicy

    struct EntryState {
        var entryPoint: UInt32 = 0
        /// -1 while the graph is empty.
        var maxLevel: Int = -1
    }

    /// An empty index for up to `capacity` points, its large arrays advised
    /// per `hugePages`.
    public init(
        dimension: Int, metric: Metric, parameters: HNSWParameters = .init(), capacity: Int,
        hugePages: HugePagePolicy = .system
    ) throws(HNSWError) {
        try parameters.validate()
        guard dimension > 0 else { throw .invalidParameter("dimension must be ≥ 1, got \(dimension)") }
        guard capacity >= 0, capacity < Int(UInt32.max) else {
            throw .invalidParameter("capacity must be in 0..<\(UInt32.max), got \(capacity)")
        }
        self.dimension = dimension
        self.metric = metric
        self.parameters = parameters
        self.capacity = capacity
        isReadOnly = false
        level0Stride = parameters.m0 + 1
        upperStride = parameters.m + 1
        let slots = max(capacity, 1)
        let vectorMemory: IndexMemory, linkMemory: IndexMemory
        do {
            vectorMemory = try IndexMemory(byteCount: slots * dimension * 4, policy: hugePages)
            linkMemory = try IndexMemory(byteCount: slots * level0Stride * 4, policy: hugePages)
        } catch {
            throw .allocationFailed(error)
        }
        self.hugePages = hugePages
        // Both come zeroed.
        vectors = vectorMemory.pointer.bindMemory(to: Float.self, capacity: slots * dimension)
        level0 = linkMemory.pointer.bindMemory(to: UInt32.self, capacity: slots * level0Stride)
        linkLayout = .plain
        compressedOffsets = nil
        level0Bytes = slots * level0Stride * 4
        levels = .allocate(capacity: slots)
        levels.initialize(repeating: 0, count: slots)
        labels = .allocate(capacity: slots)
        labels.initialize(repeating: 0, count: slots)
        upper = .allocate(capacity: slots)
        upper.initialize(repeating: nil, count: slots)
        entry = Mutex(EntryState())
        labelToID = Mutex([:])
        levelGenerator = Mutex(SeededGenerator(seed: parameters.seed))
        linkLocks = LinkLockTable(capacity: capacity)
        visitedPool = VisitedSetPool(capacity: capacity)
        regionOwners = [vectorMemory, linkMemory]
    }

    /// Opens a read-only index over an image (RAM copies or a file mapping).
    /// The image is validated first; a damaged one is refused.
    public init(image: HNSWImage) throws(HNSWError) {
        try image.parameters.validate()
        try image.validate()
        dimension = image.dimension
        metric = image.metric
        parameters = image.parameters
        capacity = image.count
        isReadOnly = true
        hugePages = .system
        level0Stride = parameters.m0 + 1
        upperStride = parameters.m + 1
        // Read-only: these pointers are never written through.
        vectors = UnsafeMutablePointer(mutating: image.vectors.base.assumingMemoryBound(to: Float.self))
        level0 = UnsafeMutablePointer(mutating: image.level0Links.base.assumingMemoryBound(to: UInt32.self))
        linkLayout = image.linkLayout
        switch image.linkLayout {
        case .plain:
            compressedOffsets = nil
            level0Bytes = max(image.count, 1) * level0Stride * 4
        case .compressed:
            compressedOffsets = image.level0Offsets.base.assumingMemoryBound(to: UInt64.self)
            level0Bytes = max(image.level0Links.count, 1)
        }
        levels = UnsafeMutablePointer(mutating: image.levels.base.assumingMemoryBound(to: UInt8.self))
        labels = UnsafeMutablePointer(mutating: image.labels.base.assumingMemoryBound(to: UInt64.self))
        let slots = max(image.count, 1)
        upper = .allocate(capacity: slots)
        upper.initialize(repeating: nil, count: slots)
        let upperBase = UnsafeMutablePointer(mutating: image.upperLinks.base.assumingMemoryBound(to: UInt32.self))
        var offset = 0
        var map = [UInt64: UInt32](minimumCapacity: image.count)
        for node in 0..<image.count {
            let level = Int(levels[node])
            if level > 0 {
                upper[node] = upperBase + offset
                offset += level * upperStride
            }
            map[labels[node]] = UInt32(node)
        }
        claimedCount.store(image.count, ordering: .relaxed)
        entry = Mutex(EntryState(entryPoint: image.entryPoint, maxLevel: image.count == 0 ? -1 : image.maxLevel))
        labelToID = Mutex(map)
        levelGenerator = Mutex(SeededGenerator(seed: parameters.seed))
        // Read-only: nothing is ever inserted, so no link locks are needed.
        linkLocks = LinkLockTable(capacity: 0)
        visitedPool = VisitedSetPool(capacity: image.count)
        regionOwners = [image.vectors.owner, image.level0Links.owner, image.levels.owner,
                        image.upperLinks.owner, image.labels.owner, image.level0Offsets.owner]
    }

    deinit {
        if !isReadOnly {
            for node in 0..<min(claimedCount.load(ordering: .relaxed), capacity) {
                upper[node]?.deallocate()
            }
            levels.deallocate()
            labels.deallocate()
        }
        upper.deallocate()
    }

    /// Points in the index.
    public var count: Int { min(claimedCount.load(ordering: .acquiring), capacity) }

    /// The top level of the graph, -1 when empty.
    public var maxLevel: Int { entry.withLock { $0.maxLevel } }

    /// Internal id of an external id, if present.
    public func internalID(of label: UInt64) -> UInt32? {
        labelToID.withLock { $0[label] }
    }

    /// External id of an internal id.
    @inlinable
    public func label(of node: UInt32) -> UInt64 { labels[Int(node)] }

    /// The stored vector of an external id (normalised if the metric is cosine).
    public func vector(of label: UInt64) -> [Float]? {
        guard let id = internalID(of: label) else { return nil }
        return Array(UnsafeBufferPointer(start: vectorPointer(id), count: dimension))
    }

    /// Bytes of memory the graph occupies (vectors, links, levels, labels),
    /// counted for the points present, not the reserved capacity.
    public var memoryBytes: Int {
        let n = count
        var upperWords = 0
        for node in 0..<n { upperWords += Int(levels[node]) * upperStride }
        switch linkLayout {
        case .plain: return n * (dimension * 4 + level0Stride * 4 + 1 + 8 + 8) + upperWords * 4
        case .compressed: return n * (dimension * 4 + 1 + 8 + 8) + level0Bytes + (n + 1) * 8 + upperWords * 4
        }
    }

    @inline(__always)
    func vectorPointer(_ id: UInt32) -> UnsafeMutablePointer<Float> {
        vectors + Int(id) &* dimension
    }

    @inline(__always)
    func linksPointer(_ id: UInt32, level: Int) -> UnsafeMutablePointer<UInt32> {
        if level == 0 { return level0 + Int(id) &* level0Stride }
        return upper[Int(id)]! + (level &- 1) &* upperStride
    }

    @inline(__always)
    func maxDegree(level: Int) -> Int { level == 0 ? parameters.m0 : parameters.m }

    /// The address ranges of the vector and level-0 link arrays (for reading
    /// their residency and huge-page coverage from smaps).
    public var arrayRanges: [Range<UInt>] {
        let geometry = pageGeometry
        return [geometry.vectorBase..<geometry.vectorBase + UInt(geometry.vectorBytes),
                geometry.linkBase..<geometry.linkBase + UInt(geometry.linkBytes)]
    }

    /// Where the vector and level-0 link regions lie, for page statistics.
    var pageGeometry: PageGeometry {
        PageGeometry(
            vectorBase: UInt(bitPattern: vectors), vectorBytes: max(capacity, 1) * dimension * 4,
            linkBase: UInt(bitPattern: level0), linkBytes: level0Bytes)
    }
}
