import Foundation

/// The requests of `WorkerConformance` against one running worker, in
/// order; each records one outcome. Later checks build on the data the
/// earlier ones wrote.
final class WorkerConformanceSession {
    let client: WorkerClient
    let socketPath: String
    let pid: Int32
    var outcomes: [WorkerConformanceOutcome] = []

    init(client: WorkerClient, socketPath: String, pid: Int32) {
        self.client = client
        self.socketPath = socketPath
        self.pid = pid
    }

    typealias Check = () throws -> String

    func check(_ name: String, _ body: Check) {
        do {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .passed, detail: try body()))
        } catch let error as ConformanceFailure {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .failed, detail: error.reason))
        } catch WorkerClientError.remote(_, _, let kind, let message) where kind == "unavailable" {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .failed, detail: "answered unavailable, which this request may not be: \(message)"))
        } catch {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .failed, detail: "\(error)"))
        }
    }

    /// A check whose request an adapter may answer "unavailable".
    func optional(_ name: String, _ body: Check) {
        do {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .passed, detail: try body()))
        } catch WorkerClientError.remote(_, _, let kind, let message) where kind == "unavailable" {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .unavailable, detail: message))
        } catch let error as ConformanceFailure {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .failed, detail: error.reason))
        } catch {
            outcomes.append(WorkerConformanceOutcome(name: name, status: .failed, detail: "\(error)"))
        }
    }

    struct ConformanceFailure: Error {
        let reason: String
    }

    static func expect(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(reason: reason()) }
    }

    /// The request must fail with `kind` (any kind when nil) and leave the connection usable.
    func expectFailure(_ kind: String?, _ body: () throws(WorkerClientError) -> Void) throws -> String {
        let refusal: (kind: String, message: String)
        switch Result(catching: body) {
        case .success:
            throw ConformanceFailure(reason: "the request succeeded; it must fail" + (kind.map { " with '\($0)'" } ?? ""))
        case .failure(let error):
            guard case .remote(_, _, let got, let message) = error else { throw error }
            refusal = (got, message)
        }
        try Self.expect(kind == nil || refusal.kind == kind,
                        "failed with kind '\(refusal.kind)', expected '\(kind ?? "any")': \(refusal.message)")
        try client.ping()
        return "refused (\(refusal.kind)); connection usable"
    }

    func configuration(shared: Bool) -> CollectionConfiguration {
        CollectionConfiguration(dimension: WorkerConformance.dimension, metric: .l2, indexingThreshold: 10_000,
                                graphPerTenant: shared)
    }

    /// The ids of a search for a query at `position`, checked to be in
    /// ascending distance order.
    func searchIDs(_ position: Double, k: Int, tenant: UInt32? = nil, in name: String) throws -> [UInt64] {
        let hits = try client.search(WorkerConformance.vector(position), k: k, ef: 64, tenant: tenant, in: name)
        for (earlier, later) in zip(hits, hits.dropFirst()) {
            try Self.expect(earlier.distance <= later.distance, "hits not in ascending distance: \(hits.map(\.distance))")
        }
        return hits.map(\.id)
    }

    func runAll() {
        let plain = WorkerConformance.plainName, shared = WorkerConformance.sharedName
        let client = client, pid = pid
        check("hello") {
            try client.ping()
            try Self.expect(client.serverProcessIdentifier == pid,
                            "hello names pid \(client.serverProcessIdentifier.map(String.init) ?? "none"), the worker is \(pid)")
            return "pid \(pid)"
        }
        check("create") {
            try client.createCollection(plain, configuration: configuration(shared: false))
            try Self.expect(try client.collectionNames().contains(plain), "listCollections does not name \(plain)")
            return plain
        }
        check("create twice is refused") {
            try expectFailure("collectionExists") { () throws(WorkerClientError) in
                try client.createCollection(plain, configuration: configuration(shared: false))
            }
        }
        check("upsert") {
            // Two batches, so a batch boundary is crossed.
            for range in [0..<32, 32..<64] {
                let points = range.map { Point(id: UInt64($0), vector: WorkerConformance.vector(Double($0))) }
                _ = try client.upsert(points, into: plain)
            }
            let count = try client.count(of: plain)
            try Self.expect(count == 64, "count is \(count) after upserting 64 points")
            return "64 points in 2 batches, count 64"
        }
        check("search: results and ordering") {
            let hits = try client.search(WorkerConformance.vector(10.2), k: 5, ef: 64, in: plain)
            try Self.expect(hits.map(\.id) == [10, 11, 9, 12, 8], "ids \(hits.map(\.id)), expected [10, 11, 9, 12, 8]")
            // l2 distances are squared: 0.2² for the nearest.
            try Self.expect(abs(hits[0].distance - 0.04) < 1e-3, "nearest distance \(hits[0].distance), expected 0.04 (squared l2)")
            return "ids [10, 11, 9, 12, 8], nearest distance \(hits[0].distance)"
        }
        check("delete") {
            _ = try client.delete([10, 11], from: plain)
            let ids = try searchIDs(10.2, k: 5, in: plain)
            try Self.expect(ids == [9, 12, 8, 13, 7], "after deleting 10 and 11: ids \(ids), expected [9, 12, 8, 13, 7]")
            let count = try client.count(of: plain)
            try Self.expect(count == 62, "count is \(count) after deleting 2 of 64")
            return "deleted points leave results and count"
        }
        check("upsert overwrites") {
            _ = try client.upsert([Point(id: 9, vector: WorkerConformance.vector(1_000))], into: plain)
            let ids = try searchIDs(10.2, k: 4, in: plain)
            try Self.expect(ids == [12, 8, 13, 7], "after moving 9 away: ids \(ids), expected [12, 8, 13, 7]")
            return "a point's new vector replaces its old one"
        }
        check("wrong query dimension is refused") {
            try expectFailure(nil) { () throws(WorkerClientError) in
                _ = try client.search([1, 2, 3], k: 1, ef: 16, in: plain)
            }
        }
        check("unknown collection is refused") {
            try expectFailure("unknownCollection") { () throws(WorkerClientError) in
                _ = try client.search(WorkerConformance.vector(0), k: 1, ef: 16, in: "conformance-missing")
            }
        }
        check("shared collection: tenant-filtered search") {
            try client.createCollection(shared, configuration: configuration(shared: true))
            let points = (0..<40).map { Point(id: UInt64($0), vector: WorkerConformance.vector(Double($0)), tenant: UInt32($0 % 2)) }
            _ = try client.upsert(points, into: shared)
            let odd = try searchIDs(10.2, k: 3, tenant: 1, in: shared)
            try Self.expect(odd == [11, 9, 13], "tenant 1 ids \(odd), expected [11, 9, 13]")
            let even = try searchIDs(10.2, k: 3, tenant: 0, in: shared)
            try Self.expect(even == [10, 12, 8], "tenant 0 ids \(even), expected [10, 12, 8]")
            return "each tenant sees only its own points"
        }
        check("waitForSeals") {
            try client.waitForSeals()
            let ids = try searchIDs(10.2, k: 4, in: plain)
            try Self.expect(ids == [12, 8, 13, 7], "after waitForSeals: ids \(ids), expected [12, 8, 13, 7]")
            return "results unchanged"
        }
        optional("adapter statistics") { try client.adapterStatistics().summary }
        optional("engine statistics") { "open collections \(try client.engineStatistics().openCollections)" }
        optional("collection statistics") { "sealed segments \(try client.statistics(of: plain).sealedSegments)" }
        optional("engine configuration") { "data \(try client.engineConfiguration().dataDirectory)" }
        optional("get") {
            let found = try client.get(12, in: plain)
            try Self.expect(found?.vector == WorkerConformance.vector(12), "get 12 returned \(String(describing: found?.vector))")
            return "vector of 12"
        }
        check("drop") {
            try client.dropCollection(shared)
            try Self.expect(!(try client.collectionNames().contains(shared)), "listCollections still names \(shared)")
            return try expectFailure("unknownCollection") { () throws(WorkerClientError) in _ = try client.count(of: shared) }
        }
        runMalformed()
    }
}
