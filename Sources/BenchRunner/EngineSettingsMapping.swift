import BenchModel
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
        EngineConfiguration(
            dataDirectory: directory, walScope: walScope(settings.walScope),
            wal: WALConfiguration(syncPolicy: syncPolicy(settings.fsync), segmentBytes: settings.walSegmentMiB << 20,
                                  preallocate: true),
            sealConcurrency: settings.sealConcurrency, maximumOpenCollections: settings.maximumOpenCollections)
    }

    static func syncPolicy(_ fsync: EngineSettings.Fsync) -> WALSyncPolicy {
        switch fsync {
        case .always: .always
        case .never: .never
        case .naive: .naive
        case .interval(let milliseconds): .interval(milliseconds: milliseconds)
        }
    }

    static func walScope(_ scope: EngineSettings.WALScope) -> WALScope {
        switch scope {
        case .perCollection: .perCollection
        case .shared: .shared
        }
    }

    static func storageMode(_ storage: EngineSettings.Storage) -> StorageMode {
        switch storage {
        case .ram: .ram
        case .mmap: .mmap
        }
    }

    static func memoryAdvice(_ advice: EngineSettings.Advice) -> MemoryAdvice {
        switch advice {
        case .normal: .normal
        case .random: .random
        case .sequential: .sequential
        case .willneed: .willneed
        case .hugepage: .hugepage
        }
    }

    static func collectionConfiguration(_ settings: EngineSettings, data: DataSpecification, sharedCollection: Bool) throws -> CollectionConfiguration {
        let storage = storageMode(settings.storage)
        let advice = memoryAdvice(settings.advice)
        return CollectionConfiguration(
            dimension: data.dimension, metric: data.metric,
            hnsw: HNSWParameters(m: settings.m, efConstruction: settings.efConstruction),
            storage: storage, advice: settings.hugePages ? .hugepage : advice,
            indexingThreshold: settings.indexingThreshold, maximumBatchSize: 100_000,
            graphPerTenant: sharedCollection, sealBuildThreads: 1,
            // huge_pages: RAM graphs advised MADV_HUGEPAGE; mapped segments
            // get the hugepage advice (above).
            hugePages: settings.hugePages ? .advise : nil,
            quantization: vectorQuantization(settings.quantization), codesInRAM: settings.quantization.isQuantized
                ? settings.quantization.codesInRAM : nil,
            quantizedSearch: settings.quantization.isQuantized
                ? QuantizedSearchOptions(oversampling: settings.oversampling ?? EngineSettings.defaultOversampling,
                                         rescore: settings.rescore) : nil,
            links: settings.links == .plain ? nil : linkLayout(settings.links))
    }

    /// The index's quantization for a workload's: scalar with one global
    /// range (Qdrant's), binary centred on the data's means.
    static func vectorQuantization(_ quantization: EngineSettings.Quantization) -> VectorQuantization? {
        switch quantization {
        case .none: nil
        case .scalar(let quantile, _): .scalar(quantile: quantile, range: .global)
        case .binary: .binary(centered: true)
        }
    }

    static func linkLayout(_ links: EngineSettings.LinkLayout) -> VectorIndex.LinkLayout {
        switch links {
        case .plain: .plain
        case .compressed: .compressed
        }
    }
}
