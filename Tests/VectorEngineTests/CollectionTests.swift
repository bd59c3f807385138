import Foundation
import Testing
import VectorCore
import VectorWAL
@testable import VectorEngine

@Suite("Collections")
struct CollectionTests {
    @Test("upsert, seal, search, get and count; recall against exact search", arguments: [WALScope.perCollection, .shared])
    func basics(scope: WALScope) throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope))
        let collection = try engine.createCollection("docs", configuration: EngineFixtures.collection(threshold: 300))
        let points = EngineFixtures.points(0..<1000)
        for batch in stride(from: 0, to: points.count, by: 100) {
            let ack = try collection.upsert(Array(points[batch..<batch + 100]))
            #expect(ack.durability == .unsynced)
        }
        engine.waitForSeals()
        let statistics = collection.statistics()
        #expect(statistics.livePoints == 1000)
        #expect(statistics.sealedSegments >= 2, "1000 points with threshold 300 should seal at least twice")
        #expect(statistics.seals == statistics.sealedSegments)
        #expect(collection.count == 1000)
        var hits = 0
        for query in EngineFixtures.points(5000..<5050, seed: 9) {
            let found = try collection.search(query.vector, k: 10, ef: 64)
            #expect(found.count == 10)
            hits += Set(found.map(\.id)).intersection(EngineFixtures.exact(query.vector, in: points, k: 10)).count
        }
        #expect(Double(hits) / 500 >= 0.95)
        #expect(collection.get(17)?.vector == points[17].vector)
        #expect(collection.get(99_999) == nil)
        try engine.close()
    }

    @Test("updates supersede, deletes stick, and both survive seal and reopen", arguments: [WALScope.perCollection, .shared])
    func supersedeAndDelete(scope: WALScope) throws {
        let directory = TemporaryDirectory()
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope))
            let collection = try engine.createCollection("c", configuration: EngineFixtures.collection(threshold: 100))
            _ = try collection.upsert(EngineFixtures.points(0..<250))
            engine.waitForSeals()
            // Rewrite ids 0..<10 with new vectors, delete 10..<20 (some sealed, some not).
            let moved = EngineFixtures.points(0..<10, seed: 77)
            _ = try collection.upsert(moved)
            _ = try collection.delete((10..<20).map(UInt64.init) + [240, 9999])
            #expect(collection.count == 240 - 1)
            #expect(collection.get(3)?.vector == moved[3].vector)
            #expect(collection.get(12) == nil)
            // The deleted point is never found, even by its own vector.
            let old = EngineFixtures.points(0..<250)[12]
            #expect(try collection.search(old.vector, k: 5, ef: 32).allSatisfy { $0.id != 12 })
            #expect(try collection.search(moved[3].vector, k: 1, ef: 32).first?.id == 3)
            _ = try collection.upsert(EngineFixtures.points(250..<400))
            engine.waitForSeals()
            try engine.close()
        }
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope))
        let collection = try engine.collection("c")
        #expect(collection.count == 400 - 11)
        #expect(collection.get(3)?.vector == EngineFixtures.points(0..<10, seed: 77)[3].vector)
        #expect(collection.get(12) == nil && collection.get(240) == nil)
        #expect(Set(collection.liveIDs()) == Set((0..<400).map(UInt64.init)).subtracting((10..<20).map(UInt64.init) + [240]))
        try engine.close()
    }

    @Test("bad input is refused with what and where, nothing is applied, the engine keeps serving")
    func badInput() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        let c = try engine.createCollection("c", configuration: EngineFixtures.collection())
        _ = try c.upsert(EngineFixtures.points(0..<5))
        func refused(_ body: () throws -> Void, _ check: (EngineError) -> Bool) {
            do { try body(); Issue.record("accepted") } catch let error as EngineError {
                #expect(check(error), "unexpected: \(error)")
            } catch { Issue.record("not an EngineError: \(error)") }
        }
        var wrong = EngineFixtures.points(10..<13)
        wrong[1].vector.removeLast()
        refused({ _ = try c.upsert(wrong) }) {
            if case .invalidVector("c", 1, 11, .wrongDimension(8, 7)) = $0 { return true } else { return false }
        }
        var nan = EngineFixtures.points(10..<13)
        nan[2].vector[4] = .nan
        refused({ _ = try c.upsert(nan) }) { if case .invalidVector("c", 2, 12, .nonFinite(4, _)) = $0 { true } else { false } }
        refused({ _ = try c.upsert([]) }) { if case .emptyBatch = $0 { true } else { false } }
        refused({ _ = try c.upsert(EngineFixtures.points(0..<501)) }) { if case .batchTooLarge("c", 501, 500) = $0 { true } else { false } }
        refused({ _ = try c.upsert(EngineFixtures.points(20..<22) + EngineFixtures.points(20..<21)) }) {
            if case .duplicateID("c", 20, 0, 2) = $0 { true } else { false }
        }
        refused({ _ = try engine.collection("nope") }) { if case .unknownCollection("nope") = $0 { true } else { false } }
        refused({ _ = try engine.createCollection("wal", configuration: EngineFixtures.collection()) }) {
            if case .invalidName = $0 { true } else { false }
        }
        refused({ _ = try engine.createCollection("../x", configuration: EngineFixtures.collection()) }) {
            if case .invalidName = $0 { true } else { false }
        }
        refused({ _ = try engine.createCollection("c", configuration: EngineFixtures.collection()) }) {
            if case .collectionExists("c") = $0 { true } else { false }
        }
        refused({ _ = try c.search([1, 2], k: 3, ef: 10) }) { if case .wrongQueryDimension("c", 8, 2) = $0 { true } else { false } }
        refused({ _ = try c.search([Float](repeating: .infinity, count: 8), k: 3, ef: 10) }) {
            if case .invalidQuery = $0 { true } else { false }
        }
        #expect(c.count == 5)
        #expect(c.statistics().upserts == 1)
        _ = try c.upsert(EngineFixtures.points(5..<6))
        #expect(c.count == 6)
        try engine.close()
    }

    @Test("a shared collection keeps a graph per tenant; a tenant's search sees only its points")
    func tenantGraphs() throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path))
        let c = try engine.createCollection("shared", configuration: EngineFixtures.collection(threshold: 150, perTenant: true))
        for tenant in UInt32(0)..<4 {
            let start = Int(tenant) * 100
            _ = try c.upsert(EngineFixtures.points(start..<start + 100, tenant: tenant))
        }
        engine.waitForSeals()
        let segments = c.lock.withReadLock { c.sealed }
        #expect(!segments.isEmpty)
        #expect(segments.allSatisfy { $0.graphs.count == Set($0.tenants).count })
        for tenant in UInt32(0)..<4 {
            let mine = Set((Int(tenant) * 100..<Int(tenant) * 100 + 100).map(UInt64.init))
            for query in EngineFixtures.points(9000..<9010, seed: 3) {
                let found = try c.search(query.vector, k: 10, ef: 40, tenant: tenant)
                #expect(found.count == 10)
                #expect(found.allSatisfy { mine.contains($0.id) })
            }
        }
        try engine.close()
    }

    @Test("a RAM segment packs its tenant graphs into one arena, and reopens the same")
    func ramSegmentArena() throws {
        let directory = TemporaryDirectory()
        var configuration = EngineFixtures.collection(dimension: 64, threshold: 1_200, perTenant: true, storage: .ram)
        configuration.hugePages = .advise
        var engine = try Engine.open(EngineFixtures.configuration(directory.path))
        var c = try engine.createCollection("shared", configuration: configuration)
        for tenant in UInt32(0)..<12 {
            let start = Int(tenant) * 100
            _ = try c.upsert(EngineFixtures.points(start..<start + 100, dimension: 64, tenant: tenant))
        }
        engine.waitForSeals()
        let segment = try #require(c.lock.withReadLock { c.sealed.first })
        #expect(segment.graphs.count == 12)
        // Twelve graphs, one block: every graph's vectors and links lie in
        // the segment's arena, not in heap blocks of their own.
        let arena = try #require(segment.arena)
        #expect(arena.memory.policy == .advise)
        let start = UInt(bitPattern: arena.memory.pointer), end = start + UInt(arena.usedBytes)
        for graph in segment.graphs {
            #expect(graph.arrayRanges.allSatisfy { $0.lowerBound >= start && $0.upperBound <= end })
        }
        func answers(_ c: Collection) throws -> [[UInt64]] {
            try (UInt32(0)..<12).map { tenant in
                try c.search(EngineFixtures.points(9000..<9001, dimension: 64, seed: 3)[0].vector, k: 5, ef: 40, tenant: tenant).map(\.id)
            }
        }
        let before = try answers(c)
        #expect(before.enumerated().allSatisfy { tenant, ids in ids.allSatisfy { Int($0) / 100 == tenant } })
        try engine.close()
        engine = try Engine.open(EngineFixtures.configuration(directory.path))
        c = try engine.collection("shared")
        #expect(c.configuration.hugePages == .advise)
        #expect(try answers(c) == before)
        try engine.close()
    }

    @Test("a collection.json written before huge pages existed still opens, as the system policy")
    func configurationWithoutHugePages() throws {
        let encoded = try JSONEncoder().encode(EngineFixtures.collection())
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["hugePages"] == nil, "nil is left out, as before the field existed")
        object["hugePages"] = nil
        let decoded = try JSONDecoder().decode(CollectionConfiguration.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(decoded.hugePages == nil && decoded == EngineFixtures.collection())
    }

    @Test("collection-per-tenant: 1,000 collections, at most 64 open, all recovered")
    func thousandCollections() throws {
        let directory = TemporaryDirectory()
        do {
            let engine = try Engine.open(EngineFixtures.configuration(directory.path, maximumOpen: 64))
            for tenant in 0..<1000 {
                let c = try engine.createCollection("tenant-\(tenant)", configuration: EngineFixtures.collection(dimension: 4, threshold: 1000))
                _ = try c.upsert(EngineFixtures.points(0..<3, dimension: 4, seed: UInt64(tenant)))
                #expect(engine.openCollectionCount <= 64)
            }
            #expect(engine.statistics().evictions >= 936)
            try engine.close()
        }
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, maximumOpen: 64))
        #expect(engine.collectionNames.count == 1000)
        for tenant in stride(from: 0, to: 1000, by: 37) {
            let c = try engine.collection("tenant-\(tenant)")
            #expect(c.count == 3)
            #expect(c.get(1)?.vector == EngineFixtures.points(0..<3, dimension: 4, seed: UInt64(tenant))[1].vector)
        }
        try engine.dropCollection("tenant-5")
        #expect(engine.collectionNames.count == 999)
        #expect(throws: EngineError.self) { _ = try engine.collection("tenant-5") }
        try engine.close()
    }

    @Test("concurrent writers and searchers on several collections lose nothing", arguments: [WALScope.perCollection, .shared])
    func concurrency(scope: WALScope) throws {
        let directory = TemporaryDirectory()
        let engine = try Engine.open(EngineFixtures.configuration(directory.path, scope: scope, sync: .always, sealConcurrency: 1))
        let names = ["a", "b", "c"]
        for name in names { try engine.createCollection(name, configuration: EngineFixtures.collection(threshold: 250)) }
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            let collection = try! engine.collection(names[worker % 3])
            if worker < 3 {
                for batch in 0..<20 {
                    let start = batch * 30
                    _ = try! collection.upsert(EngineFixtures.points(start..<start + 30, seed: 5))
                }
            } else {
                for query in EngineFixtures.points(0..<100, seed: 8) {
                    _ = try! collection.search(query.vector, k: 5, ef: 20)
                }
            }
        }
        engine.waitForSeals()
        for name in names { #expect(try engine.collection(name).count == 600) }
        let seals = engine.statistics().seals
        #expect(seals.peakRunning <= 1)
        #expect(seals.completed >= 3)
        try engine.close()
    }
}
