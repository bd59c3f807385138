import Foundation
import Synchronization
import VectorCore
import VectorWAL

/// The engine: a data directory of collections, their write-ahead log(s), a
/// seal scheduler shared by all of them, and — with one WAL per collection —
/// a bound on how many collections are open at once (thousands of tenants
/// as collections, opened lazily, least recently used closed first).
///
/// Layout of the data directory:
///
/// | path                                   | what                                  |
/// |----------------------------------------|---------------------------------------|
/// | `engine.json`                          | WAL scope, next collection number     |
/// | `engine.lock`                          | flock held while manifests are read-or-created or changed |
/// | `wal/`                                 | the shared WAL (scope `shared`)       |
/// | `collections/<name>/collection.json`   | number and configuration              |
/// | `collections/<name>/wal/`              | its own WAL (scope `per-collection`)  |
/// | `collections/<name>/segments/`         | sealed segments                       |
///
/// With a shared WAL every collection is opened (and replayed) at start-up,
/// since the log interleaves them all.
public final class Engine: @unchecked Sendable {
    public let configuration: EngineConfiguration
    public let scheduler: SealScheduler
    let sharedLog: WriteAheadLog?
    let state: Mutex<EngineState>
    let openLock = Mutex<Void>(())
    /// Appends and fdatasyncs of every per-collection WAL, kept past the
    /// collection's close (see `EngineStatistics.collectionWALs`).
    let collectionWALTotals = WALStatisticsAggregate()

    struct EngineState {
        var manifest: EngineManifest
        var catalog: [String: CatalogEntry]
        var open: [String: Collection] = [:]
        /// Collections taken out of `open` (evicted, closed idle, dropped)
        /// whose close is still running, outside `openLock`. A name in here
        /// is not opened again until its close ends: its WAL directory is
        /// still held, and two instances of one collection must never be
        /// open at once.
        var closing: [String: Closing] = [:]
        var lastUse: [String: UInt64] = [:]
        var tick: UInt64 = 0
        var evictions = 0
        /// Collection numbers this engine reserved in `engine.json` and has
        /// not handed out yet (see `reserveCollectionNumbersLocked`).
        var reservedNumbers: Range<UInt32> = 0..<0
        /// The collection that last held the shared WAL's oldest segment
        /// (see `truncateSharedLog`).
        var truncationBlocker: String?
    }

    /// A collection being closed, and what waits for it.
    final class Closing: @unchecked Sendable {
        let collection: Collection
        /// Entered while the close runs; a reopen of the name waits on it.
        let done = DispatchGroup()
        init(_ collection: Collection) {
            self.collection = collection
            done.enter()
        }
    }

    /// Test hooks: called with a collection's name as its close starts
    /// (outside `openLock`), and when an open of a name has to wait for its
    /// close to end. Both default to nothing.
    struct Hooks: Sendable {
        var closing: @Sendable (String) -> Void = { _ in }
        var waitingForClose: @Sendable (String) -> Void = { _ in }
    }
    let hooks = Mutex(Hooks())

    var collectionsDirectory: String { configuration.dataDirectory + "/collections" }

    /// Opens (or creates) the engine in `configuration.dataDirectory` and
    /// recovers it: a shared WAL is replayed into every collection.
    public static func open(_ configuration: EngineConfiguration) throws -> Engine {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: configuration.dataDirectory + "/collections", withIntermediateDirectories: true)
        let manifestPath = configuration.dataDirectory + "/engine.json"
        // Read-or-create under the engine's file lock: two processes opening
        // a new data directory at once must agree on one manifest.
        let (manifest, catalog) = try FileLock.withLock(configuration.dataDirectory + "/" + Self.lockFileName) {
            () throws -> (EngineManifest, [String: CatalogEntry]) in
            var manifest = EngineManifest(walScope: configuration.walScope, nextCollectionNumber: 1)
            if fileManager.fileExists(atPath: manifestPath) {
                manifest = try EngineManifest.read(from: manifestPath)
                guard manifest.walScope == configuration.walScope else {
                    throw EngineError.invalidConfiguration(
                        "\(configuration.dataDirectory) was created with WAL scope \(manifest.walScope.rawValue), "
                        + "not \(configuration.walScope.rawValue)")
                }
            } else {
                try manifest.write(to: manifestPath)
            }
            return (manifest, try CatalogEntry.readAll(under: configuration.dataDirectory + "/collections"))
        }
        let shared: WriteAheadLog?
        if configuration.walScope == .shared {
            do { shared = try WriteAheadLog.open(directory: configuration.dataDirectory + "/wal", configuration: configuration.wal) }
            catch { throw EngineError.wal(collection: "(shared)", error) }
        } else {
            shared = nil
        }
        let engine = Engine(configuration: configuration, manifest: manifest, catalog: catalog, sharedLog: shared)
        if let shared {
            var byNumber: [UInt32: Collection] = [:]
            for name in catalog.keys.sorted() {
                let collection = try engine.openCollection(name)
                byNumber[collection.number] = collection
            }
            // A lost or older log must not hand out LSNs some collection
            // already stores as versions: new writes would look stale.
            if let highest = byNumber.values.map(\.highestSealedLSN).max(), highest > 0 {
                do { try shared.advance(past: highest) } catch { throw EngineError.wal(collection: "(shared)", error) }
            }
            try shared.forEachRecord(from: 0) { record in
                // Records of dropped collections are skipped: numbers are never reused.
                guard let number = WALPayload.collection(of: record.payload), let collection = byNumber[number] else { return }
                try collection.replay(record)
            }
            for collection in byNumber.values { collection.scheduleSealIfNeeded() }
        }
        return engine
    }

    init(configuration: EngineConfiguration, manifest: EngineManifest, catalog: [String: CatalogEntry], sharedLog: WriteAheadLog?) {
        self.configuration = configuration
        scheduler = SealScheduler(concurrency: configuration.sealConcurrency)
        self.sharedLog = sharedLog
        state = Mutex(EngineState(manifest: manifest, catalog: catalog))
    }

    /// Creates a collection; its name must be new and valid.
    @discardableResult
    public func createCollection(_ name: String, configuration collectionConfiguration: CollectionConfiguration) throws -> Collection {
        try CatalogEntry.validate(name: name)
        try collectionConfiguration.validate()
        let entry: CatalogEntry = try openLock.withLock { _ in
            try FileLock.withLock(lockPath) { () throws -> CatalogEntry in
                if try existingEntryLocked(name) != nil { throw EngineError.collectionExists(name) }
                return try createEntryLocked(name, configuration: collectionConfiguration)
            }
        }
        return try collection(entry.name)
    }

    /// The collection called `name`, created with `configuration` if it does
    /// not exist — in this process or another (the check and the creation
    /// hold the engine's file lock, so of two racing creators one creates and
    /// the other opens what it created). An existing collection must have the
    /// requested dimension and metric; anything else is refused.
    public func openOrCreateCollection(_ name: String, configuration collectionConfiguration: CollectionConfiguration) throws -> Collection {
        try CatalogEntry.validate(name: name)
        try collectionConfiguration.validate()
        let entry: CatalogEntry = try openLock.withLock { _ in
            try FileLock.withLock(lockPath) { () throws -> CatalogEntry in
                guard let existing = try existingEntryLocked(name) else {
                    return try createEntryLocked(name, configuration: collectionConfiguration)
                }
                let have = existing.configuration, want = collectionConfiguration
                guard have.dimension == want.dimension, have.metric == want.metric else {
                    throw EngineError.invalidConfiguration(
                        "collection '\(name)' exists with dimension \(have.dimension) and metric \(have.metric.rawValue) "
                        + "(\(collectionsDirectory)/\(name)/collection.json), not dimension \(want.dimension) and metric \(want.metric.rawValue)")
                }
                return existing
            }
        }
        return try collection(entry.name)
    }

    /// The engine's file lock: held while a manifest is read-or-created or changed.
    static let lockFileName = "engine.lock"
    var lockPath: String { configuration.dataDirectory + "/" + Self.lockFileName }

    /// The catalog entry of `name`, known to this process or created on disk
    /// by another since this engine opened (then added to the catalog).
    /// Caller holds `openLock` and the file lock.
    func existingEntryLocked(_ name: String) throws -> CatalogEntry? {
        if let known = state.withLock({ $0.catalog[name] }) { return known }
        let path = collectionsDirectory + "/" + name + "/collection.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let entry = try CatalogEntry.read(from: path, name: name)
        state.withLock { $0.catalog[name] = entry }
        return entry
    }

    /// Writes a new collection's manifest: a number from the block this
    /// engine reserved (see `reserveCollectionNumbersLocked`), then
    /// `collection.json`. Refuses a directory that
    /// holds a collection's data without its `collection.json`: a new
    /// collection there would replay the old log into a new configuration.
    /// Caller holds `openLock` and the file lock.
    func createEntryLocked(_ name: String, configuration collectionConfiguration: CollectionConfiguration) throws -> CatalogEntry {
        try refuseLeftoverData(name)
        let number = try reserveCollectionNumbersLocked(1).lowerBound
        let entry = CatalogEntry(name: name, number: number, configuration: collectionConfiguration)
        try entry.write(under: collectionsDirectory)
        state.withLock { $0.catalog[name] = entry }
        return entry
    }

    /// The collection called `name`, opened if it is not (and the least
    /// recently used idle collection closed if that passes the bound).
    public func collection(_ name: String) throws -> Collection {
        try collectionNotingOpen(name).collection
    }

    /// The collection called `name`, and whether this call had to open it
    /// (it was closed, or evicted by the open-collection bound): a cold
    /// open, which a benchmark counts and times apart from warm calls.
    public func collectionNotingOpen(_ name: String) throws -> (collection: Collection, opened: Bool) {
        if let open = state.withLock({ state -> Collection? in
            guard let open = state.open[name] else { return nil }
            state.tick += 1
            state.lastUse[name] = state.tick
            return open
        }) { return (open, false) }
        enum Step {
            case found(Collection)
            case opened(Collection, evicted: [Closing])
            case wait(DispatchGroup)
        }
        while true {
            let step: Step = try openLock.withLock { _ in
                if let open = state.withLock({ $0.open[name] }) { return .found(open) }
                if let closing = state.withLock({ $0.closing[name] }) { return .wait(closing.done) }
                let collection = try openCollection(name)
                return .opened(collection, evicted: sharedLog == nil ? takeEvictionVictimsLocked() : [])
            }
            switch step {
            case .found(let open):
                return (open, false)
            case .wait(let done):
                // Outside `openLock`: other tenants keep opening meanwhile.
                hooks.withLock { $0.waitingForClose }(name)
                done.wait()
            case .opened(let collection, let evicted):
                // Closing syncs the victims' WALs: outside `openLock`, so
                // cold opens of other tenants do not queue behind it.
                try finishClosing(evicted)
                return (collection, true)
            }
        }
    }

    /// Waits until no close of `name` is running. Caller holds `openLock`:
    /// a close never takes it, so this cannot deadlock; it holds up other
    /// opens meanwhile, which only a drop (rare) does.
    private func awaitClosingLocked(_ name: String) {
        while let closing = state.withLock({ $0.closing[name] }) {
            hooks.withLock { $0.waitingForClose }(name)
            closing.done.wait()
        }
    }

    /// Closes every open collection that has no seal in flight, as the
    /// open-collection bound would, and returns how many it closed: what an
    /// idle-tenant measurement starts from. A shared WAL interleaves every
    /// collection, so its collections stay open (0 is returned).
    @discardableResult
    public func closeIdleCollections() throws -> Int {
        guard sharedLog == nil else { return 0 }
        let victims: [Closing] = openLock.withLock { _ in
            state.withLock { state in
                let idle = state.open.values.filter { collection in collection.lock.withReadLock { !collection.sealInFlight } }
                state.evictions += idle.count
                return idle.map { state.beginClosing($0) }
            }
        }
        try finishClosing(victims)
        return victims.count
    }

    /// Closes collections `beginClosing` took out of `open` (the caller
    /// holds no engine lock), then lets waiting opens of their names go on.
    /// Every one is closed and released even if one fails; the first
    /// failure is thrown.
    func finishClosing(_ victims: [Closing]) throws {
        var firstError: (any Error)?
        for victim in victims {
            let name = victim.collection.name
            hooks.withLock { $0.closing }(name)
            do { try victim.collection.close() } catch { if firstError == nil { firstError = error } }
            state.withLock { state in
                if state.closing[name] === victim { state.closing[name] = nil }
            }
            victim.done.leave()
        }
        if let firstError { throw firstError }
    }

    /// Opens a collection (caller holds `openLock`).
    func openCollection(_ name: String) throws -> Collection {
        if let open = state.withLock({ $0.open[name] }) { return open }
        guard let entry = state.withLock({ $0.catalog[name] }) else { throw EngineError.unknownCollection(name) }
        let directory = collectionsDirectory + "/" + name
        let log: CollectionLog
        if let sharedLog {
            log = CollectionLog(wal: sharedLog, isShared: true) { [weak self] in self?.truncateSharedLog() }
        } else {
            let wal: WriteAheadLog
            do {
                wal = try WriteAheadLog.open(directory: directory + "/wal", configuration: configuration.wal, aggregate: collectionWALTotals)
            }
            catch { throw EngineError.wal(collection: name, error) }
            log = CollectionLog(wal: wal, isShared: false) { [weak wal, weak self] in
                guard let wal, let self, let collection = self.state.withLock({ $0.open[name] }) else { return }
                let floor = collection.truncationFloor()
                if floor > 1 { _ = try? wal.truncate(upTo: floor - 1) }
            }
        }
        let collection = try Collection(name: name, number: entry.number, configuration: entry.configuration,
                                        directory: directory, log: log, scheduler: scheduler)
        if !log.isShared {
            // A lost or older log must not hand out LSNs the sealed segments
            // already store as versions: new writes would look stale.
            if collection.highestSealedLSN > 0 {
                do { try log.wal.advance(past: collection.highestSealedLSN) } catch { throw EngineError.wal(collection: name, error) }
            }
            try collection.replayOwnLog()
        }
        state.withLock { state in
            state.open[name] = collection
            state.tick += 1
            state.lastUse[name] = state.tick
        }
        if !log.isShared { collection.scheduleSealIfNeeded() }
        return collection
    }

    /// Takes least recently used collections without a seal in flight out
    /// of `open` until at most `maximumOpenCollections` are open, and marks
    /// them closing; the caller closes them with `finishClosing` once it
    /// has released `openLock` (which it holds here).
    func takeEvictionVictimsLocked() -> [Closing] {
        state.withLock { state in
            var victims: [Closing] = []
            while state.open.count > configuration.maximumOpenCollections {
                let candidates = state.open.values.filter { collection in
                    collection.lock.withReadLock { !collection.sealInFlight }
                }
                guard let oldest = candidates.min(by: { (state.lastUse[$0.name] ?? 0) < (state.lastUse[$1.name] ?? 0) }) else { break }
                state.evictions += 1
                victims.append(state.beginClosing(oldest))
            }
            return victims
        }
    }

    /// Drops what every collection's seals made redundant from the shared
    /// WAL. Called after every seal: with thousands of collections open,
    /// asking each for its floor every time would make sealing quadratic in
    /// the number of tenants. So it stops at the first collection that still
    /// needs a record of the oldest WAL segment (then nothing can go), and
    /// remembers it: the next call asks that collection first, and only
    /// walks the others once it has moved past the segment.
    func truncateSharedLog() {
        guard let sharedLog, let removable = sharedLog.oldestSealedSegmentLastLSN else { return }
        let blocker = state.withLock { state in state.truncationBlocker.flatMap { state.open[$0] } }
        if let blocker, blocker.truncationFloor() <= removable { return }
        let collections = state.withLock { Array($0.open.values) }
        var floor = sharedLog.lastLSN + 1
        for collection in collections {
            let own = collection.truncationFloor()
            if own <= removable {
                state.withLock { $0.truncationBlocker = collection.name }
                return
            }
            floor = min(floor, own)
        }
        state.withLock { $0.truncationBlocker = nil }
        if floor > 1 { _ = try? sharedLog.truncate(upTo: floor - 1) }
    }

    /// Deletes a collection and its files. Its records in a shared WAL are
    /// skipped from then on (collection numbers are never reused).
    public func dropCollection(_ name: String) throws {
        try openLock.withLock { _ in
            awaitClosingLocked(name)
            guard state.withLock({ $0.catalog[name] }) != nil else { throw EngineError.unknownCollection(name) }
            let open = state.withLock { state -> Collection? in
                state.catalog[name] = nil
                state.lastUse[name] = nil
                return state.open.removeValue(forKey: name)
            }
            try open?.close()
            let directory = collectionsDirectory + "/" + name
            let graveyard = collectionsDirectory + "/.dropped-\(name)-\(UInt64.random(in: 0...UInt64.max))"
            _ = try SystemCall.run("rename", path: directory) { rename(directory, graveyard) }
            try AtomicFileWriter.syncDirectory(collectionsDirectory)
            try FileManager.default.removeItem(atPath: graveyard)
        }
    }

    public var collectionNames: [String] { state.withLock { $0.catalog.keys.sorted() } }
    public var openCollectionCount: Int { state.withLock { $0.open.count } }

    /// Blocks until no seal is queued or running.
    public func waitForSeals() { scheduler.waitUntilIdle() }

    /// Closes every collection and the shared WAL (after seals finish).
    public func close() throws {
        scheduler.waitUntilIdle()
        for closing in state.withLock({ Array($0.closing.values) }) { closing.done.wait() }
        let collections = state.withLock { state -> [Collection] in
            defer { state.open.removeAll() }
            return Array(state.open.values)
        }
        for collection in collections { try collection.close() }
        if let sharedLog { try sharedLog.close() }
    }
}

extension Engine.EngineState {
    /// Moves an open collection to `closing`.
    mutating func beginClosing(_ collection: Collection) -> Engine.Closing {
        let closing = Engine.Closing(collection)
        open[collection.name] = nil
        lastUse[collection.name] = nil
        self.closing[collection.name] = closing
        return closing
    }
}
