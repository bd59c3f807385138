import VectorCore
import VectorEngine
import VectorIndex
import VectorStorage
import VectorWAL
import Workloads

/// Turns a workload's engine settings into engine configurations, refusing
/// spellings the engine does not know with the setting named.
enum EngineSettingsMapping {
    static func engineConfiguration(_ settings: EngineSettings, directory: String) throws -> EngineConfiguration {
        guard let policy = WALSyncPolicy(parsing: settings.fsync) else {
            throw RunnerError.invalidSetting("fsync", settings.fsync)
        }
        guard let scope = WALScope(rawValue: settings.walScope) else {
            throw RunnerError.invalidSetting("wal_scope", settings.walScope)
        }
        return EngineConfiguration(
            dataDirectory: directory, walScope: scope,
            wal: WALConfiguration(syncPolicy: policy, segmentBytes: settings.walSegmentMiB << 20, preallocate: true),
            sealConcurrency: settings.sealConcurrency, maximumOpenCollections: 4096)
    }

    static func collectionConfiguration(_ settings: EngineSettings, data: DataSpecification, sharedCollection: Bool) throws -> CollectionConfiguration {
        guard let storage = StorageMode(parsing: settings.storage) else { throw RunnerError.invalidSetting("storage", settings.storage) }
        guard let advice = MemoryAdvice(parsing: settings.advice) else { throw RunnerError.invalidSetting("advice", settings.advice) }
        return CollectionConfiguration(
            dimension: data.dimension, metric: data.metric,
            hnsw: HNSWParameters(m: settings.m, efConstruction: settings.efConstruction),
            storage: storage, advice: settings.hugePages ? .hugepage : advice,
            indexingThreshold: settings.indexingThreshold, maximumBatchSize: 100_000,
            graphPerTenant: sharedCollection, sealBuildThreads: 1,
            // huge_pages: RAM graphs advised MADV_HUGEPAGE; mapped segments
            // get the hugepage advice (above).
            hugePages: settings.hugePages ? .advise : nil)
    }

    /// Every setting spelled as in workload files, for the result document.
    static func describe(_ settings: EngineSettings) -> [String: String] {
        let placement: String
        switch settings.placement {
        case .embedded: placement = "embedded"
        case .workers(let count): placement = "workers: \(count)"
        }
        return [
            "placement": placement, "tenancy": settings.tenancy.rawValue, "storage": settings.storage,
            "advice": settings.advice, "huge_pages": "\(settings.hugePages)", "wal_scope": settings.walScope,
            "fsync": settings.fsync, "seal_concurrency": settings.sealConcurrency.map(String.init) ?? "unbounded",
            "m": "\(settings.m)", "ef_construction": "\(settings.efConstruction)",
            "ef": settings.ef.map(String.init) ?? "(phase)", "upsert_batch": settings.upsertBatch.map(String.init) ?? "(phase)",
            "indexing_threshold": "\(settings.indexingThreshold)", "wal_segment_mib": "\(settings.walSegmentMiB)",
        ]
    }
}

/// Why a run or a configuration could not go on.
public enum RunnerError: Error, CustomStringConvertible, Sendable {
    case invalidSetting(String, String)
    case brokenIndex(String)
    case workload(String)

    public var description: String {
        switch self {
        case .invalidSetting(let key, let value): return "engine setting \(key): '\(value)' is not valid"
        case .brokenIndex(let text): return text
        case .workload(let text): return text
        }
    }
}
