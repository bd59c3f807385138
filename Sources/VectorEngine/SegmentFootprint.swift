import VectorCore
import VectorIndex

/// The bytes a sealed segment's vectors take, counted from what the engine
/// holds, in RAM and on disk apart: for bytes per vector by placement.
///
/// RAM is anonymous memory the segment keeps: graph sections read into RAM
/// (f32 vectors, links, levels, labels), links copied out of a mapping,
/// codes read into RAM or quantized on open, and the per-point tables (id,
/// version, tenant). Disk is the segment's graph and codes files, which
/// exist whatever the placement; a mapped file costs page cache, not
/// anonymous memory, and is counted only here. The HNSW index's own label
/// lookup table is not counted.
public struct SegmentFootprint: Sendable, Equatable, Codable {
    /// Vectors stored (graph nodes, deleted ones included).
    public var vectors = 0
    public var bytesInRAM = 0
    public var bytesOnDisk = 0

    public init(vectors: Int = 0, bytesInRAM: Int = 0, bytesOnDisk: Int = 0) {
        self.vectors = vectors
        self.bytesInRAM = bytesInRAM
        self.bytesOnDisk = bytesOnDisk
    }

    mutating func add(graph image: HNSWImage, fileBytes: Int, placement: SegmentPlacement) {
        vectors += image.count
        bytesOnDisk += fileBytes
        let links = image.level0Links.count + (image.linkLayout == .compressed ? image.level0Offsets.count : 0)
            + image.upperLinks.count + image.levels.count + image.labels.count
        if placement.graphs == .ram { bytesInRAM += image.vectors.count + links } else if placement.linksInRAM { bytesInRAM += links }
    }

    mutating func add(codes: Int, fileBytes: Int, inRAM: Bool) {
        bytesOnDisk += fileBytes
        if inRAM { bytesInRAM += codes }
    }

    /// Per-point tables kept in RAM by every segment: id, version, tenant.
    mutating func addPointTables(points: Int) {
        bytesInRAM += points * (8 + 8 + 4)
    }

    public static func + (left: SegmentFootprint, right: SegmentFootprint) -> SegmentFootprint {
        SegmentFootprint(vectors: left.vectors + right.vectors, bytesInRAM: left.bytesInRAM + right.bytesInRAM,
                         bytesOnDisk: left.bytesOnDisk + right.bytesOnDisk)
    }
}
