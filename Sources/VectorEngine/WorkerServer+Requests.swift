import Foundation
import VectorCore
import VectorWAL

#if canImport(Glibc)
import Glibc
#endif

extension WorkerServer {
    /// Runs one request against the engine and encodes its response frame:
    /// the result, or a failed response carrying the error's kind and its
    /// own text (which names the collection and what was wrong).
    func respond(to request: WorkerRequest) -> [UInt8] {
        do {
            return try result(of: request)
        } catch {
            // EngineError and SystemError describe themselves naming what and where.
            return WorkerResponse.errorFrame(.failed, kind: WorkerProtocol.errorKind(of: error), message: String(describing: error))
        }
    }

    private func result(of request: WorkerRequest) throws -> [UInt8] {
        var writer = WorkerResponse.okWriter(to: request.kind)
        switch request {
        case .hello:
            writer.append(raw: WorkerProtocol.magic)
            writer.append(WorkerProtocol.version)
            writer.append(UInt32(getpid()))
            writer.append(UInt32(maximumFrameBytes))
        case .ping, .shutdown:
            break
        case .createCollection(let name, let json):
            // Decoding the request checked it already; this cannot fail.
            let configuration = try WorkerRequest.collectionConfiguration(json: json, message: "\(request.kind) request")
            // Created, not opened: the first request that uses it opens it.
            try engine.createCollections([name], configuration: configuration)
        case .dropCollection(let name):
            try engine.dropCollection(name)
        case .listCollections:
            let names = engine.collectionNames
            try writer.append(count: names.count, field: "count")
            for name in names { try writer.append(shortString: name, field: "name") }
        case .upsert(let collection, let points):
            let (target, opened) = try engine.collectionNotingOpen(collection)
            append(try target.upsert(points), to: &writer)
            writer.append(opened)
        case .delete(let collection, let ids):
            let (target, opened) = try engine.collectionNotingOpen(collection)
            append(try target.delete(ids), to: &writer)
            writer.append(opened)
        case .search(let collection, let query, let k, let ef, let tenant):
            let (target, opened) = try engine.collectionNotingOpen(collection)
            let hits = try target.search(query, k: k, ef: ef, tenant: tenant)
            writer = WorkerResponse.okWriter(to: request.kind, reservingCapacity: 5 + hits.count * 20)
            try writer.append(count: hits.count, field: "count")
            for hit in hits {
                writer.append(hit.id)
                writer.append(hit.distance)
                writer.append(hit.version)
            }
            writer.append(opened)
        case .get(let collection, let id):
            if let (vector, version) = try engine.collection(collection).get(id) {
                writer.append(true)
                writer.append(version)
                try writer.append(count: vector.count, field: "dimension")
                writer.append(floats: vector)
            } else {
                writer.append(false)
            }
        case .count(let collection):
            writer.append(UInt64(try engine.collection(collection).count))
        case .collectionStatistics(let collection, let includeResidency):
            let statistics = try engine.collection(collection).statistics(includeResidency: includeResidency)
            try writer.append(longBytes: Array(try Self.json.encode(statistics)), field: "statistics")
        case .engineStatistics:
            try writer.append(longBytes: Array(try Self.json.encode(engine.statistics())), field: "statistics")
        case .waitForSeals:
            engine.waitForSeals()
        case .engineConfiguration:
            try writer.append(longBytes: Array(try Self.json.encode(engine.configuration)), field: "configuration")
        case .adapterStatistics:
            try writer.append(longBytes: Array(try Self.json.encode(adapterStatistics())), field: "statistics")
        }
        return try writer.frame()
    }

    /// vecbench's own engine in adapter terms, so a comparison with an
    /// external engine has the same names on both sides.
    private func adapterStatistics() throws -> WorkerAdapterStatistics {
        let statistics = engine.statistics()
        var segments = 0, points = 0
        for name in engine.collectionNames {
            let collection = try engine.collection(name).statistics(includeResidency: false)
            segments += collection.sealedSegments
            points += try engine.collection(name).count
        }
        return WorkerAdapterStatistics(
            engine: "vecbench", figures: [
                "collections": Double(engine.collectionNames.count), "open_collections": Double(statistics.openCollections),
                "sealed_segments": Double(segments), "live_points": Double(points), "seals": Double(statistics.seals.completed),
            ])
    }

    private func append(_ ack: WALAcknowledgement, to writer: inout WorkerMessageWriter) {
        writer.append(ack.firstLSN)
        writer.append(ack.lastLSN)
        writer.append(WorkerProtocol.durabilityCode(ack.durability))
    }

    private static var json: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
