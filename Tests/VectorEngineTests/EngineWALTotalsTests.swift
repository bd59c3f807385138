import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

/// The engine-wide WAL totals (`EngineStatistics.collectionWALs`) keep the
/// counts of collections that were closed, so a phase's fsyncs are never
/// negative however many collections the open bound evicts.
@Suite("Engine WAL totals")
struct EngineWALTotalsTests {
    @Test("fsync and byte totals never decrease and equal the sum over every WAL instance, evicted ones included")
    func totalsSurviveEviction() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .always, maximumOpen: 2))
        let names = (0..<6).map { "t\($0)" }
        try engine.createCollections(names, configuration: EngineFixtures.collection(threshold: 10_000))
        var instances: [Collection] = []
        var previous = WALAggregateStatistics?.none
        var openOnlySums: [UInt64] = []
        for round in 0..<3 {
            for (index, name) in names.enumerated() {
                let collection = try engine.collection(name)
                if !instances.contains(where: { $0 === collection }) { instances.append(collection) }
                let first = (round * names.count + index) * 10
                _ = try collection.upsert(EngineFixtures.points(first..<first + 10))
                let totals = try #require(engine.statistics().collectionWALs)
                if let previous {
                    #expect(totals.fsyncCount >= previous.fsyncCount)
                    #expect(totals.bytesAppended >= previous.bytesAppended)
                    #expect(totals.fsyncLatency.totalCount >= previous.fsyncLatency.totalCount)
                }
                previous = totals
                // Independently: every WAL instance this test was handed, open
                // or closed since, still answers for its own counts.
                let own = instances.map { $0.log.wal.statistics() }
                #expect(totals.fsyncCount == own.reduce(0) { $0 + $1.fsyncCount })
                #expect(totals.bytesAppended == own.reduce(0) { $0 + $1.bytesAppended })
                #expect(totals.fsyncLatency.totalCount == totals.fsyncCount)
                openOnlySums.append(engine.collectionStatistics().compactMap(\.wal).reduce(0) { $0 + $1.fsyncCount })
            }
        }
        // By hand: 18 upserts from one thread under `always`, one fdatasync
        // each; nothing is left unsynced for a close to sync. Round-robin
        // over 6 names with 2 open means every call after the first two
        // reopens a closed collection and evicts one: 18 opens, 16 evictions,
        // 18 WAL instances.
        let totals = try #require(engine.statistics().collectionWALs)
        #expect(totals.fsyncCount == 18)
        #expect(totals.appendCalls == 18)
        #expect(totals.recordsAppended == 18)
        #expect(totals.logsOpened == 18)
        #expect(totals.logsClosed == 16)
        #expect(instances.count == 18)
        #expect(engine.statistics().evictions == 16)
        // What the open collections alone sum to: the two most recent writes,
        // which is how a phase's fsyncs once came out negative.
        #expect(openOnlySums.last == 2)
        try engine.close()
        #expect(engine.statistics().collectionWALs?.logsClosed == 18)
        #expect(engine.statistics().collectionWALs?.fsyncCount == 18)
    }

    @Test("a shared WAL reports no collection totals; its own statistics stand for it")
    func sharedScope() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: .shared, sync: .always))
        let collection = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 10_000))
        _ = try collection.upsert(EngineFixtures.points(0..<5))
        #expect(engine.statistics().collectionWALs == nil)
        #expect(engine.statistics().sharedWAL?.fsyncCount == 1)
        try engine.close()
    }

    @Test("statistics from an engine that predates the totals still decode, without them")
    func olderDocumentDecodes() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, sync: .always))
        _ = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 10_000)).upsert(EngineFixtures.points(0..<3))
        let encoded = try JSONEncoder().encode(engine.statistics())
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["collectionWALs"] != nil)
        object["collectionWALs"] = nil
        let older = try JSONDecoder().decode(EngineStatistics.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.collectionWALs == nil)
        let current = try JSONDecoder().decode(EngineStatistics.self, from: encoded)
        #expect(current.collectionWALs?.fsyncCount == 1)
        try engine.close()
    }
}
