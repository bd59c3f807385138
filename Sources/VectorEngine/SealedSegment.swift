import Foundation
import VectorCore
import VectorIndex
import VectorStorage

/// An immutable, indexed segment: the points of a sealed appendable segment
/// in HNSW graphs (one, or one per tenant tag), searched from RAM or from
/// file mappings. Graph labels are point positions in this segment, so
/// deletion bits index straight from a graph node.
///
/// On disk, a directory `segment-<number>/` holding `points.vbs` (see
/// `SealedSegmentFile`) and one HNSW index file `graph-<g>.vbs` per group.
/// The directory is written as `segment-<number>.tmp/` and renamed, so a
/// crash leaves either no segment or a complete one.
final class SealedSegment: @unchecked Sendable {
    let number: UInt64
    let directory: String
    /// Highest LSN whose effect this segment holds.
    let coveredLSN: UInt64
    let ids: [UInt64]
    let versions: [UInt64]
    let tenants: [UInt32]
    let tombstones: [(id: UInt64, version: UInt64)]
    /// Tenant tag of each graph; `Point.noTenant` for an untenanted graph.
    let groupTenants: [UInt32]
    let graphs: [HNSWIndex]
    /// Open index files, when mapped (kept for residency readings).
    let graphFiles: [HNSWIndexFile]
    /// Quantized rows per graph, empty when the collection is not
    /// quantized: searches then traverse these and read the f32 vectors
    /// only to rescore.
    let codes: [QuantizedVectors]
    /// Open codes files, when mapped (kept for residency readings).
    let codeFiles: [QuantizedCodesFile]
    let quantizedSearch: QuantizedSearchOptions
    /// Bytes the segment's vectors take in RAM and on disk.
    let footprint: SegmentFootprint
    /// The block the graphs were read into, when in RAM.
    let arena: SectionArena?
    /// The graphs a search for one tenant walks: that tenant's own, then
    /// every untenanted one. A shared collection's segment holds a graph per
    /// tenant, so scanning `groupTenants` on every search would cost one
    /// comparison per tenant in the segment.
    private let groupsOfTenant: [UInt32: [Int]]
    private let untenantedGroups: [Int]
    var deleted: DeletionBits

    init(number: UInt64, directory: String, coveredLSN: UInt64, ids: [UInt64], versions: [UInt64], tenants: [UInt32],
         tombstones: [(id: UInt64, version: UInt64)], groupTenants: [UInt32], files: SegmentFiles,
         quantizedSearch: QuantizedSearchOptions, arena: SectionArena? = nil) {
        self.number = number
        self.directory = directory
        self.coveredLSN = coveredLSN
        self.ids = ids
        self.versions = versions
        self.tenants = tenants
        self.tombstones = tombstones
        self.groupTenants = groupTenants
        graphs = files.graphs
        graphFiles = files.graphFiles
        codes = files.codes
        codeFiles = files.codeFiles
        self.quantizedSearch = quantizedSearch
        var footprint = files.footprint
        footprint.addPointTables(points: ids.count)
        self.footprint = footprint
        self.arena = arena
        var groupsOfTenant: [UInt32: [Int]] = [:], untenanted: [Int] = []
        for (group, tenant) in groupTenants.enumerated() {
            if tenant == Point.noTenant { untenanted.append(group) } else { groupsOfTenant[tenant, default: []].append(group) }
        }
        self.groupsOfTenant = groupsOfTenant
        untenantedGroups = untenanted
        deleted = DeletionBits(count: ids.count)
    }

    var count: Int { ids.count }
    var liveCount: Int { ids.count - deleted.setCount }

    /// Bytes of the segment's files (what it costs on disk and, mapped, in
    /// address space).
    var fileBytes: Int {
        graphFiles.reduce(0) { $0 + $1.file.fileSize } + codeFiles.reduce(0) { $0 + $1.file.fileSize }
    }

    /// The mapped files, for residency readings.
    var mappedFiles: [SectionedFile] { graphFiles.map(\.file) + codeFiles.map(\.file) }

    func vector(at position: Int32) -> [Float]? {
        for graph in graphs {
            if let vector = graph.vector(of: UInt64(position)) { return vector }
        }
        return nil
    }

    /// k nearest live points of `tenant` (or of all) in this segment.
    func search(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, tenant: UInt32?,
        statistics: UnsafeMutablePointer<SearchStatistics>?
    ) -> [SearchHit] {
        search(query, k: k, ef: ef, tenant: tenant, statistics: statistics, accesses: UnsafeMutablePointer<NoSegmentAccesses>?.none)
    }

    /// The same, reporting every index access to `accesses` when given (nil
    /// takes the plain graph search, which records nothing).
    func search<Accesses: MemoryAccessRecorder>(
        _ query: UnsafeBufferPointer<Float>, k: Int, ef: Int, tenant: UInt32?,
        statistics: UnsafeMutablePointer<SearchStatistics>?, accesses: UnsafeMutablePointer<Accesses>?
    ) -> [SearchHit] {
        var best = TopK(k: k)
        let groups = tenant.map { (groupsOfTenant[$0] ?? []) + untenantedGroups } ?? Array(graphs.indices)
        deleted.words.withUnsafeBufferPointer { words in
            for group in groups {
                let graph = graphs[group], groupTenant = groupTenants[group]
                let exclusion = SegmentExclusion(
                    graph: graph, deleted: words.baseAddress!, tenants: tenants,
                    tenant: (groupTenant == Point.noTenant) ? tenant : nil)
                let hits: [Neighbor<UInt64>]
                if codes.isEmpty {
                    hits = accesses.map {
                        graph.search(query, k: k, ef: ef, excluding: exclusion, statistics: statistics, accesses: &$0.pointee)
                    } ?? graph.search(query, k: k, ef: ef, excluding: exclusion, statistics: statistics)
                } else {
                    let quantized = codes[group]
                    hits = accesses.map {
                        graph.search(query, k: k, ef: ef, quantized: quantized, options: quantizedSearch, excluding: exclusion,
                                     statistics: statistics, accesses: &$0.pointee)
                    } ?? graph.search(query, k: k, ef: ef, quantized: quantized, options: quantizedSearch, excluding: exclusion,
                                      statistics: statistics)
                }
                for hit in hits {
                    let position = Int(hit.id)
                    best.offer(SearchHit(id: ids[position], distance: hit.distance, version: versions[position]))
                }
            }
        }
        return best.sorted()
    }
}

/// Excludes deleted positions and, in an untenanted graph searched for one
/// tenant, other tenants' points.
struct SegmentExclusion: SearchExclusion {
    let graph: HNSWIndex
    let deleted: UnsafePointer<UInt64>
    let tenants: [UInt32]
    let tenant: UInt32?

    @inline(__always)
    func excludes(_ node: UInt32) -> Bool {
        let position = Int(graph.label(of: node))
        if deleted[position >> 6] & (1 << UInt64(position & 63)) != 0 { return true }
        if let tenant, tenants[position] != tenant { return true }
        return false
    }
}
