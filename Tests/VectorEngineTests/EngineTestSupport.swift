import Foundation
import VectorCore
import VectorStorage
import VectorWAL
@testable import VectorEngine

/// A fresh data directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String
    init(_ label: String = "engine") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("vb-\(label)-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

enum EngineFixtures {
    static func configuration(_ directory: String, scope: WALScope = .perCollection, sync: WALSyncPolicy = .never,
                              sealConcurrency: Int? = 2, maximumOpen: Int = 512) -> EngineConfiguration {
        EngineConfiguration(dataDirectory: directory, walScope: scope,
                            wal: WALConfiguration(syncPolicy: sync, segmentBytes: 1 << 20, preallocate: false),
                            sealConcurrency: sealConcurrency, maximumOpenCollections: maximumOpen)
    }

    static func collection(dimension: Int = 8, threshold: Int = 200, perTenant: Bool = false,
                           storage: StorageMode = .mmap) -> CollectionConfiguration {
        CollectionConfiguration(dimension: dimension, metric: .l2, hnsw: .init(m: 8, efConstruction: 64),
                                storage: storage, advice: .random, indexingThreshold: threshold,
                                maximumBatchSize: 500, graphPerTenant: perTenant)
    }

    static func points(_ ids: Range<Int>, dimension: Int = 8, seed: UInt64 = 1, tenant: UInt32? = nil) -> [Point] {
        var generator = SeededGenerator(seed: seed &+ UInt64(ids.lowerBound))
        return ids.map { id in
            Point(id: UInt64(id), vector: (0..<dimension).map { _ in Float(generator.nextGaussian()) }, tenant: tenant)
        }
    }

    /// Exact nearest ids over a point set, for recall.
    static func exact(_ query: [Float], in points: [Point], k: Int) -> [UInt64] {
        let scored: [(distance: Float, id: UInt64)] = points.map { (Metric.l2.distance(query, $0.vector), $0.id) }
        let sorted = scored.sorted { a, b in a.distance < b.distance || (a.distance == b.distance && a.id < b.id) }
        return sorted.prefix(k).map { $0.id }
    }
}
