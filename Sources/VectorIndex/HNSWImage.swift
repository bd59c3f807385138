import VectorCore

/// An HNSW graph as plain memory regions: what an index file stores and what
/// an index can be opened over without copying (a mapped file). All integers
/// are little-endian; all regions are dense arrays indexed by internal id.
///
/// | region        | element           | count                                  |
/// |---------------|-------------------|----------------------------------------|
/// | `vectors`     | Float32           | count × dimension                      |
/// | `level0Links` | UInt32            | count × (1 + m0): [degree, ids…, pad]  |
/// |               |   or, compressed: | UInt8 blocks (`CompressedLinks`)       |
/// | `level0Offsets`| UInt64           | compressed only: count + 1 block starts|
/// | `levels`      | UInt8             | count: the top level of each node      |
/// | `upperLinks`  | UInt32            | Σ levels[i] × (1 + m), in id order;    |
/// |               |                   | node i's level l ≥ 1 block is at       |
/// |               |                   | prefix(i) + (l − 1)·(1 + m)            |
/// | `labels`      | UInt64            | count: external id of each node        |
public struct HNSWImage: Sendable {
    public var dimension: Int
    public var metric: Metric
    public var parameters: HNSWParameters
    public var count: Int
    /// Internal id of the entry point; meaningless when `count == 0`.
    public var entryPoint: UInt32
    /// Top level of the graph; -1 when empty.
    public var maxLevel: Int
    public var vectors: MemoryRegion
    public var level0Links: MemoryRegion
    public var levels: MemoryRegion
    public var upperLinks: MemoryRegion
    public var labels: MemoryRegion
    /// How `level0Links` is laid out.
    public var linkLayout: LinkLayout
    /// Compressed layout only: where each node's block starts (empty for plain).
    public var level0Offsets: MemoryRegion

    public init(
        dimension: Int, metric: Metric, parameters: HNSWParameters, count: Int,
        entryPoint: UInt32, maxLevel: Int, vectors: MemoryRegion, level0Links: MemoryRegion,
        levels: MemoryRegion, upperLinks: MemoryRegion, labels: MemoryRegion,
        linkLayout: LinkLayout = .plain, level0Offsets: MemoryRegion? = nil
    ) {
        self.linkLayout = linkLayout
        self.level0Offsets = level0Offsets ?? .copying(UnsafeRawBufferPointer(start: nil, count: 0))
        self.dimension = dimension
        self.metric = metric
        self.parameters = parameters
        self.count = count
        self.entryPoint = entryPoint
        self.maxLevel = maxLevel
        self.vectors = vectors
        self.level0Links = level0Links
        self.levels = levels
        self.upperLinks = upperLinks
        self.labels = labels
    }

    /// Checks that every region has the size the header implies and that the
    /// link structure is in range, so a damaged file is refused before search
    /// can follow a wild id. Names the first inconsistency.
    public func validate() throws(HNSWError) {
        let m0Slots = parameters.m0 + 1, upperSlots = parameters.m + 1
        func need(_ region: MemoryRegion, _ bytes: Int, _ name: String) throws(HNSWError) {
            guard region.count >= bytes else {
                throw .corruptImage("\(name) holds \(region.count) bytes, needs \(bytes)")
            }
        }
        try need(vectors, count * dimension * 4, "vectors")
        if linkLayout == .plain { try need(level0Links, count * m0Slots * 4, "level-0 links") }
        try need(levels, count, "levels")
        try need(labels, count * 8, "labels")
        let levelBytes = levels.typed(UInt8.self)
        var upperTotal = 0
        for i in 0..<count { upperTotal += Int(levelBytes[i]) * upperSlots }
        try need(upperLinks, upperTotal * 4, "upper links")
        guard count == 0 || (Int(entryPoint) < count && Int(levelBytes[Int(entryPoint)]) == maxLevel) else {
            throw .corruptImage("entry point \(entryPoint) does not exist at level \(maxLevel)")
        }
        if linkLayout == .compressed {
            try need(level0Offsets, (count + 1) * 8, "level-0 link offsets")
            try CompressedLinks.validate(
                blocks: UnsafeRawBufferPointer(start: level0Links.base, count: level0Links.count),
                offsets: level0Offsets.typed(UInt64.self), count: count, m0: parameters.m0)
            withExtendedLifetime((level0Links, level0Offsets)) {}
        }
        let links = level0Links.typed(UInt32.self)
        for node in 0..<count where linkLayout == .plain {
            let base = node * m0Slots
            let degree = Int(links[base])
            guard degree <= parameters.m0 else {
                throw .corruptImage("node \(node) has level-0 degree \(degree) > m0 \(parameters.m0)")
            }
            for slot in 0..<degree where Int(links[base + 1 + slot]) >= count {
                throw .corruptImage("node \(node) links to \(links[base + 1 + slot]), past count \(count)")
            }
        }
        let upper = upperLinks.typed(UInt32.self)
        var offset = 0
        for node in 0..<count {
            for _ in 0..<Int(levelBytes[node]) {
                let degree = Int(upper[offset])
                guard degree <= parameters.m else {
                    throw .corruptImage("node \(node) has upper degree \(degree) > m \(parameters.m)")
                }
                for slot in 0..<degree where Int(upper[offset + 1 + slot]) >= count {
                    throw .corruptImage("node \(node) upper link \(upper[offset + 1 + slot]) past count \(count)")
                }
                offset += upperSlots
            }
        }
    }
}
