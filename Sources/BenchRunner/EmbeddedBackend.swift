import BenchModel
import Foundation
import VectorCore
import VectorEngine
import VectorIndex
import VectorStorage
import VectorWAL
import Workloads
import HardwareCounters

/// Every tenant in this process: a collection per tenant (`t<n>`), or one
/// shared collection with tenant-tagged points and a graph per tenant, whose
/// engine ids are `tenant << 40 | local id` (workload local ids use up to 40
/// bits: phase p upserts from size + p·2³²).
final class EmbeddedBackend: TenantBackend, @unchecked Sendable {
    var engine: Engine
    let tenancy: EngineSettings.Tenancy
    var shared: VectorEngine.Collection?
    let directory: String

    init(directory: String, settings: EngineSettings, data: DataSpecification) throws {
        self.directory = directory
        tenancy = settings.tenancy
        engine = try Engine.open(try EngineSettingsMapping.engineConfiguration(settings, directory: directory))
        let collection = try EngineSettingsMapping.collectionConfiguration(settings, data: data, sharedCollection: tenancy == .sharedCollection)
        switch tenancy {
        case .sharedCollection:
            shared = try engine.createCollection("shared", configuration: collection)
        case .collectionPerTenant:
            shared = nil
            // Created, not opened: each tenant opens on first use, as the
            // open-collection bound would have it anyway.
            try engine.createCollections((0..<data.tenants).map(Self.name), configuration: collection)
        }
    }

    static func name(_ tenant: Int) -> String { "t\(tenant)" }

    /// smaps names files by absolute path.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private func collection(_ tenant: Int) throws -> VectorEngine.Collection {
        try collectionNotingOpen(tenant).collection
    }

    /// The tenant's collection and whether this call opened it (never, for
    /// the shared collection, which stays open).
    private func collectionNotingOpen(_ tenant: Int) throws -> (collection: VectorEngine.Collection, opened: Bool) {
        if let shared { return (shared, false) }
        return try engine.collectionNotingOpen(Self.name(tenant))
    }

    private func engineID(_ tenant: Int, _ id: UInt64) -> UInt64 {
        shared == nil ? id : TenantIDs.engineID(tenant: tenant, local: id)
    }

    func upsert(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws {
        _ = try upsertNotingOpen(tenant: tenant, ids: ids, vectors: vectors)
    }

    func upsertNotingOpen(tenant: Int, ids: [UInt64], vectors: [[Float]]) throws -> Bool? {
        let tag: UInt32? = shared == nil ? nil : UInt32(tenant)
        let points = zip(ids, vectors).map { Point(id: engineID(tenant, $0), vector: $1, tenant: tag) }
        let (target, opened) = try collectionNotingOpen(tenant)
        _ = try target.upsert(points)
        return opened
    }

    /// The same search as `search`, reporting its index accesses (for the
    /// memory model, untimed).
    func search<Accesses: MemoryAccessRecorder>(
        tenant: Int, query: [Float], k: Int, ef: Int, accesses: inout Accesses
    ) throws -> [SearchHit] {
        try collection(tenant).search(query, k: k, ef: ef, tenant: shared == nil ? nil : UInt32(tenant), accesses: &accesses)
    }

    /// Index arrays of every tenant's sealed segments (each collection once).
    func indexArrayRanges(tenants: Int) throws -> [(name: String, range: Range<UInt>)] {
        if let shared { return shared.indexArrayRanges() }
        return try (0..<tenants).flatMap { try collection($0).indexArrayRanges() }
    }

    func delete(tenant: Int, ids: [UInt64]) throws {
        _ = try deleteNotingOpen(tenant: tenant, ids: ids)
    }

    func deleteNotingOpen(tenant: Int, ids: [UInt64]) throws -> Bool? {
        let (target, opened) = try collectionNotingOpen(tenant)
        _ = try target.delete(ids.map { engineID(tenant, $0) })
        return opened
    }

    func search(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?) throws -> [UInt64] {
        try searchNotingOpen(tenant: tenant, query: query, k: k, ef: ef, statistics: statistics).ids
    }

    func searchNotingOpen(tenant: Int, query: [Float], k: Int, ef: Int, statistics: UnsafeMutablePointer<SearchStatistics>?)
        throws -> (ids: [UInt64], opened: Bool?) {
        let (target, opened) = try collectionNotingOpen(tenant)
        let hits = try target.search(query, k: k, ef: ef, tenant: shared == nil ? nil : UInt32(tenant), statistics: statistics)
        return (hits.map { shared == nil ? $0.id : TenantIDs.localID($0.id) }, opened)
    }

    func openCollections() -> Int? { engine.openCollectionCount }

    func waitForSeals() { engine.waitForSeals() }

    func engineSnapshot() -> EngineSnapshot {
        let engineStatistics = engine.statistics()
        // Residency in one pass over smaps for every segment under the data
        // directory: asking each collection would read smaps once per
        // collection, quadratic in the number of tenants.
        let collections = engine.collectionStatistics(includeResidency: false)
        var snapshot = EngineSnapshot()
        snapshot.add(engineStatistics, collections: collections)
        let coverage = MappingCoverage.read(.pathPrefix(Self.absolute(directory))).value
        snapshot.residentBytes = coverage.map { Int($0.rss) }
        snapshot.hugePageBytes = coverage.map { Int($0.hugeMapped) }
        return snapshot
    }

    var workerCounters: CounterSet? { nil }
    var workerProcessIDs: [Int32] { [] }
    var dataPaths: [String] { [directory] }

    func close() throws { try engine.close() }
}
