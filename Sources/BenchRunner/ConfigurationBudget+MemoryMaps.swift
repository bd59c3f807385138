import BenchModel
import Foundation

extension ConfigurationBudget {
    /// Memory maps a process needs besides its segments: shared libraries,
    /// thread stacks and their guard pages, malloc arenas, the runner's
    /// own buffers.
    static let slackMaps = 4_096
    static let maxMapCountPath = "/proc/sys/vm/max_map_count"

    /// Sealed segments a tenant of `points` points ends with: a frozen
    /// segment is sealed in pieces of at most `indexingThreshold` points,
    /// and nothing below the threshold is sealed.
    static func sealedSegments(points: Int, indexingThreshold: Int) -> Int {
        let threshold = max(indexingThreshold, 1)
        return points >= threshold ? (points + threshold - 1) / threshold : 0
    }

    /// An estimate of the memory maps the busiest process of the
    /// configuration holds once loaded: one per mapped graph file of an
    /// open collection (`storage: mmap`; arrays in RAM of a small segment
    /// come from the heap) plus `slackMaps`. With one WAL per collection,
    /// the open-collection bound holds the biggest tenants at most; with a
    /// shared WAL every collection stays open. A shared collection with a
    /// graph per tenant maps a file per tenant and sealed piece; tenants
    /// load one after another, so a piece holds about one tenant's points
    /// and the estimate is a map per tenant plus one per piece. `sizes` are
    /// the tenants' initial point counts (any order); workers share them
    /// round-robin.
    static func memoryMaps(_ settings: EngineSettings, sizes: [Int]) -> Int {
        guard settings.storage == .mmap, !sizes.isEmpty else { return slackMaps }
        let engines: Int
        switch settings.placement {
        case .workers(let count): engines = max(min(count, sizes.count), 1)
        case .embedded: engines = 1
        }
        let sorted = sizes.sorted(by: >)
        // Worker w holds ranks w, w + engines, … of the sorted sizes: the
        // busiest worker is the one with the biggest tenants.
        let busiest = stride(from: 0, to: sorted.count, by: engines).map { sorted[$0] }
        let segments: Int
        switch settings.tenancy {
        case .sharedCollection:
            let total = busiest.reduce(0, +)
            segments = busiest.count + sealedSegments(points: total, indexingThreshold: settings.indexingThreshold)
        case .collectionPerTenant:
            let open = settings.walScope == .perCollection
                ? min(settings.maximumOpenCollections, busiest.count) : busiest.count
            segments = busiest.prefix(open).reduce(0) { $0 + sealedSegments(points: $1, indexingThreshold: settings.indexingThreshold) }
        }
        return segments + slackMaps
    }

    /// `vm.max_map_count`, or nil where it cannot be read.
    static func maxMapCount() -> Int? {
        guard let text = try? String(contentsOfFile: maxMapCountPath, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Refuses a configuration whose estimated memory maps pass
    /// `vm.max_map_count` (mmap then fails with ENOMEM part way through a load).
    static func checkMemoryMaps(_ settings: EngineSettings, sizes: [Int], limit: Int?) throws {
        guard let limit else { return }
        let needed = memoryMaps(settings, sizes: sizes)
        guard needed > limit else { return }
        let segments = needed - slackMaps
        let who: String
        if case .workers(let count) = settings.placement { who = "the busiest of \(count) worker processes" } else { who = "this process" }
        let scope = settings.tenancy == .collectionPerTenant && settings.walScope == .shared
            ? "every collection stays open with a shared WAL" : "open collections"
        throw Refusal(description:
            "too many memory maps: \(who) would map about \(segments) sealed graph files (\(scope), tenants' points "
            + "÷ indexing_threshold \(settings.indexingThreshold) per tenant, storage: mmap) + \(slackMaps) slack = \(needed), "
            + "but vm.max_map_count is \(limit); raise it to \(needed) or more (sysctl -w vm.max_map_count=\(needed)), "
            + "or use storage: ram, a higher indexing_threshold, fewer open collections, or more workers")
    }
}
