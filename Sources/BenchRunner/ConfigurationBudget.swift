import BenchModel
import Foundation
import VectorCore
import Workloads

/// Checks, before a configuration loads anything, that the machine can hold
/// it: the open files its collections will keep (against `RLIMIT_NOFILE`,
/// raised to the hard limit first), the memory maps its mapped segments
/// will take (against `vm.max_map_count`) and the disk its WAL
/// preallocation will reserve (against the data directory's free space). A configuration that
/// cannot fit is refused with the arithmetic and the figure that would lift
/// the limit, instead of failing half-loaded with EMFILE or ENOSPC.
enum ConfigurationBudget {
    /// Descriptors an open collection with its own WAL holds: the WAL
    /// directory's lock and its open segment (mapped segment files are
    /// closed once mapped).
    static let filesPerOpenCollection = 2
    /// Descriptors a process needs besides its collections: standard
    /// streams, the engine lock, counters, sockets, the shared WAL, /proc
    /// readings.
    static let slackFiles = 256
    /// Descriptors the runner holds per worker (connections, pipes).
    static let filesPerWorker = 8

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// Files each process of the configuration needs at most: (runner,
    /// each worker); the worker figure is nil when there are none.
    static func openFiles(_ settings: EngineSettings, tenants: Int) -> (runner: Int, worker: Int?) {
        func engineFiles(tenants: Int) -> Int {
            guard settings.tenancy == .collectionPerTenant, settings.walScope == .perCollection else { return slackFiles }
            return min(settings.maximumOpenCollections, tenants) * filesPerOpenCollection + slackFiles
        }
        switch settings.placement {
        case .embedded where settings.external == nil:
            return (engineFiles(tenants: tenants), nil)
        case .embedded:
            return (slackFiles + filesPerWorker, engineFiles(tenants: tenants))
        case .workers(let count):
            let perWorker = (tenants + max(count, 1) - 1) / max(count, 1)
            return (slackFiles + filesPerWorker * count, engineFiles(tenants: perWorker))
        }
    }

    /// WAL segment files the configuration creates at least: one per
    /// collection with a WAL per collection, one per engine with a shared WAL.
    static func walFiles(_ settings: EngineSettings, tenants: Int) -> Int {
        let engines: Int
        switch settings.placement {
        case .workers(let count): engines = max(min(count, tenants), 1)
        case .embedded: engines = 1
        }
        if settings.walScope == .shared || settings.tenancy == .sharedCollection { return engines }
        return tenants
    }

    /// Refuses the configuration when it cannot fit (see the type).
    static func check(_ settings: EngineSettings, tenants: Int, directory: String, sizes: [Int] = [],
                      maxMapCount: Int? = ConfigurationBudget.maxMapCount()) throws {
        guard settings.external == nil else { return }
        try checkMemoryMaps(settings, sizes: sizes, limit: maxMapCount)
        let limit = try OpenFileLimit.raiseSoftToHard()
        let (runner, worker) = openFiles(settings, tenants: tenants)
        let needed = max(runner, worker ?? 0)
        if let available = limit.soft, UInt64(needed) > available {
            let who = worker == nil ? "this process" : "each worker process"
            let perCollection = filesPerOpenCollection
            let fitting = max((Int(available) - slackFiles) / perCollection, 0)
            throw Refusal(description:
                "too many open files: \(who) would need up to \(needed) file descriptors "
                + "(min(max_open_collections \(settings.maximumOpenCollections), tenants) × \(perCollection) per open collection "
                + "+ \(slackFiles) slack), but \(limit) allows \(available); lower max_open_collections to \(fitting) or less, "
                + "or raise the hard limit to \(needed) (ulimit -Hn \(needed), LimitNOFILE=\(needed))")
        }
        let wals = walFiles(settings, tenants: tenants)
        let segmentBytes = UInt64(settings.walSegmentMiB) << 20
        let reserved = UInt64(wals) * segmentBytes
        let space = try FileSystemSpace.of(directory)
        if reserved > space.availableBytes {
            let fittingMiB = space.availableBytes / UInt64(max(wals, 1)) >> 20
            let scope = settings.walScope == .perCollection ? " (one WAL per collection)" : ""
            throw Refusal(description:
                "not enough disk for WAL preallocation: \(wals) WAL(s)\(scope) × wal_segment_mib \(settings.walSegmentMiB) "
                + "= \(mebibytes(reserved)) MiB, but \(directory) has \(mebibytes(space.availableBytes)) MiB free; "
                + (fittingMiB >= 1
                    ? "lower wal_segment_mib to \(fittingMiB) or less, use wal_scope: shared, or free \(mebibytes(reserved - space.availableBytes)) MiB"
                    : "use wal_scope: shared, or free \(mebibytes(reserved - space.availableBytes)) MiB"))
        }
    }

    private static func mebibytes(_ bytes: UInt64) -> String {
        String(bytes >> 20)
    }
}
