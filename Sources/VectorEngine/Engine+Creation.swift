import Foundation
import Synchronization
import VectorCore
import VectorWAL

extension Engine {
    /// Collection numbers reserved in `engine.json` at a time: creating
    /// thousands of tenants' collections then rewrites (and fsyncs) the
    /// engine manifest once per block instead of once per collection.
    /// Numbers of a block this process never hands out are skipped for
    /// good, which is fine: numbers only have to be unique, never dense.
    static let collectionNumberBlock = 1_024

    /// Collections `createCollections` writes at once: their fsyncs
    /// overlap, so the file system commits many in one journal transaction.
    static let creationConcurrency = 64

    /// Creates collections for every name in `names`, all with
    /// `configuration`, without opening any: each is opened on first use
    /// (and counts as a cold open then). All names must be valid, distinct
    /// and new; nothing is created if one is not. The manifests are written
    /// as `createCollection` writes them (each durable before this
    /// returns), several at once; after an I/O error part way, those
    /// written exist (and are found as existing by a retry).
    public func createCollections(_ names: [String], configuration collectionConfiguration: CollectionConfiguration) throws {
        var seen = Set<String>()
        for name in names {
            try CatalogEntry.validate(name: name)
            guard seen.insert(name).inserted else { throw EngineError.collectionExists(name) }
        }
        try collectionConfiguration.validate()
        guard !names.isEmpty else { return }
        try openLock.withLock { _ in
            try FileLock.withLock(lockPath) { () throws in
                for name in names {
                    if try existingEntryLocked(name) != nil { throw EngineError.collectionExists(name) }
                    try refuseLeftoverData(name)
                }
                let numbers = try reserveCollectionNumbersLocked(names.count)
                let entries = zip(names, numbers).map { CatalogEntry(name: $0, number: $1, configuration: collectionConfiguration) }
                try Self.writeConcurrently(entries, under: collectionsDirectory)
                state.withLock { state in
                    for entry in entries { state.catalog[entry.name] = entry }
                }
            }
        }
    }

    /// Hands out `count` consecutive collection numbers from the block this
    /// engine reserved, reserving a new block past the one on disk (another
    /// process may have reserved numbers since this engine opened) when
    /// this one is short. Caller holds `openLock` and the file lock.
    func reserveCollectionNumbersLocked(_ count: Int) throws -> Range<UInt32> {
        let manifestPath = configuration.dataDirectory + "/engine.json"
        return try state.withLock { state throws -> Range<UInt32> in
            if state.reservedNumbers.count < count {
                let onDisk = try EngineManifest.read(from: manifestPath)
                let start = max(state.manifest.nextCollectionNumber, onDisk.nextCollectionNumber)
                let block = UInt64(max(count, Self.collectionNumberBlock))
                guard UInt64(start) + block <= UInt64(UInt32.max) else {
                    throw EngineError.invalidConfiguration(
                        "\(manifestPath): collection numbers are exhausted (next \(start), \(count) wanted)")
                }
                var reserved = state.manifest
                reserved.nextCollectionNumber = start + UInt32(block)
                try reserved.write(to: manifestPath)
                state.manifest = reserved
                state.reservedNumbers = start..<reserved.nextCollectionNumber
            }
            let taken = state.reservedNumbers.lowerBound..<state.reservedNumbers.lowerBound + UInt32(count)
            state.reservedNumbers = taken.upperBound..<state.reservedNumbers.upperBound
            return taken
        }
    }

    /// Refuses a directory that holds a collection's data without its
    /// `collection.json`: a new collection there would replay the old log
    /// into a new configuration.
    func refuseLeftoverData(_ name: String) throws {
        let directory = collectionsDirectory + "/" + name
        let fileManager = FileManager.default
        for part in ["wal", "segments"] {
            let contents = (try? fileManager.contentsOfDirectory(atPath: directory + "/" + part)) ?? []
            if contents.contains(where: { $0 != WriteAheadLog.lockFileName }) {
                throw EngineError.corruptCollection(collection: name, reason:
                    "\(directory)/\(part) holds data but \(directory)/collection.json is missing; refusing to create a new "
                    + "collection over it (restore collection.json, or remove the directory to start afresh)")
            }
        }
    }

    /// Writes `collection.json` of every entry from up to
    /// `creationConcurrency` threads; the first error is thrown once all
    /// threads stopped.
    private static func writeConcurrently(_ entries: [CatalogEntry], under collections: String) throws {
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let threads = DispatchGroup()
        for _ in 0..<min(entries.count, creationConcurrency) {
            threads.enter()
            Thread {
                defer { threads.leave() }
                while failure.withLock({ $0 == nil }) {
                    let index = next.add(1, ordering: .relaxed).newValue - 1
                    guard index < entries.count else { return }
                    do { try entries[index].write(under: collections) } catch {
                        failure.withLock { if $0 == nil { $0 = error } }
                    }
                }
            }.start()
        }
        threads.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
