import Foundation
import VectorWAL

/// The collection API, one blocking call each, over the worker protocol.
extension WorkerClient {
    public func ping() throws(WorkerClientError) {
        try finish(exchange(.ping), "ping")
    }

    public func createCollection(_ name: String, configuration: CollectionConfiguration) throws(WorkerClientError) {
        let json: String
        do { json = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self) } catch {
            throw .invalidRequest(operation: "createCollection", reason: "configuration does not encode as JSON: \(error)")
        }
        try finish(exchange(.createCollection(name: name, configurationJSON: json)), "createCollection")
    }

    public func dropCollection(_ name: String) throws(WorkerClientError) {
        try finish(exchange(.dropCollection(name: name)), "dropCollection")
    }

    public func collectionNames() throws(WorkerClientError) -> [String] {
        var reader = try exchange(.listCollections)
        return try decodeResult("listCollections") { () throws(WorkerProtocolError) -> [String] in
            let count = try reader.readCount("count", elementBytes: 2)
            var names: [String] = []
            for _ in 0..<count { names.append(try reader.readShortString("name")) }
            try reader.finish()
            return names
        }
    }

    /// Upserts a batch whole (see `Collection.upsert`).
    public func upsert(_ points: [Point], into collection: String) throws(WorkerClientError) -> WALAcknowledgement {
        try upsertNotingOpen(points, into: collection).acknowledgement
    }

    /// The same, with whether the worker had to open the collection for it
    /// (nil from a server or adapter that does not say).
    public func upsertNotingOpen(_ points: [Point], into collection: String) throws(WorkerClientError)
        -> (acknowledgement: WALAcknowledgement, opened: Bool?) {
        try acknowledgement(exchange(.upsert(collection: collection, points: points)), "upsert")
    }

    public func delete(_ ids: [UInt64], from collection: String) throws(WorkerClientError) -> WALAcknowledgement {
        try deleteNotingOpen(ids, from: collection).acknowledgement
    }

    public func deleteNotingOpen(_ ids: [UInt64], from collection: String) throws(WorkerClientError)
        -> (acknowledgement: WALAcknowledgement, opened: Bool?) {
        try acknowledgement(exchange(.delete(collection: collection, ids: ids)), "delete")
    }

    /// The k nearest live points (of one tenant when given); see `Collection.search`.
    public func search(_ query: [Float], k: Int, ef: Int, tenant: UInt32? = nil, in collection: String) throws(WorkerClientError) -> [SearchHit] {
        try searchNotingOpen(query, k: k, ef: ef, tenant: tenant, in: collection).hits
    }

    /// The same, with whether the worker had to open the collection for it
    /// (nil from a server or adapter that does not say).
    public func searchNotingOpen(_ query: [Float], k: Int, ef: Int, tenant: UInt32? = nil, in collection: String)
        throws(WorkerClientError) -> (hits: [SearchHit], opened: Bool?) {
        var reader = try exchange(.search(collection: collection, query: query, k: k, ef: ef, tenant: tenant))
        return try decodeResult("search") { () throws(WorkerProtocolError) -> (hits: [SearchHit], opened: Bool?) in
            let count = try reader.readCount("count", elementBytes: 20)
            var hits: [SearchHit] = []
            hits.reserveCapacity(count)
            for _ in 0..<count {
                let id = try reader.read(UInt64.self, "id")
                let distance = try reader.readFloat("distance")
                hits.append(SearchHit(id: id, distance: distance, version: try reader.read(UInt64.self, "version")))
            }
            let opened = try Self.readOpenedFlag(&reader)
            try reader.finish()
            return (hits, opened)
        }
    }

    /// The stored vector and version of an id, nil when absent.
    public func get(_ id: UInt64, in collection: String) throws(WorkerClientError) -> (vector: [Float], version: UInt64)? {
        var reader = try exchange(.get(collection: collection, id: id))
        return try decodeResult("get") { () throws(WorkerProtocolError) -> (vector: [Float], version: UInt64)? in
            guard try reader.readBool("found") else {
                try reader.finish()
                return nil
            }
            let version = try reader.read(UInt64.self, "version")
            let dimension = try reader.readCount("dimension", elementBytes: 4)
            let vector = try reader.readFloats(dimension, "vector")
            try reader.finish()
            return (vector, version)
        }
    }

    /// Live points of a collection.
    public func count(of collection: String) throws(WorkerClientError) -> Int {
        var reader = try exchange(.count(collection: collection))
        return try decodeResult("count") { () throws(WorkerProtocolError) -> Int in
            let count = try reader.read(UInt64.self, "count")
            try reader.finish()
            guard let value = Int(exactly: count) else {
                throw .invalidValue(message: reader.message, field: "count", reason: "\(count) does not fit Int")
            }
            return value
        }
    }

    public func statistics(of collection: String, includeResidency: Bool = false) throws(WorkerClientError) -> CollectionStatistics {
        try document(exchange(.collectionStatistics(collection: collection, includeResidency: includeResidency)), "collectionStatistics")
    }

    public func engineStatistics() throws(WorkerClientError) -> EngineStatistics {
        try document(exchange(.engineStatistics), "engineStatistics")
    }

    /// The configuration the worker's engine runs with, as it reports it.
    public func engineConfiguration() throws(WorkerClientError) -> EngineConfiguration {
        try document(exchange(.engineConfiguration), "engineConfiguration")
    }

    /// The engine's own figures (an adapter's, or vecbench's in the same terms).
    public func adapterStatistics() throws(WorkerClientError) -> WorkerAdapterStatistics {
        try document(exchange(.adapterStatistics), "adapterStatistics")
    }

    /// Blocks until the worker's engine has no seal queued or running.
    public func waitForSeals() throws(WorkerClientError) {
        try finish(exchange(.waitForSeals), "waitForSeals")
    }

    /// Asks the worker to stop: it answers, stops accepting, finishes the
    /// requests in flight, closes its engine and exits.
    public func shutdown() throws(WorkerClientError) {
        try finish(exchange(.shutdown), "shutdown")
        close()
    }

    /// A handle on one collection of this worker, shaped like `Collection`.
    public func collection(_ name: String) -> WorkerCollection {
        WorkerCollection(name: name, client: self)
    }

    // MARK: Result decoding

    private func finish(_ reader: WorkerMessageReader, _ operation: String) throws(WorkerClientError) {
        try decodeResult(operation) { () throws(WorkerProtocolError) in try reader.finish() }
    }

    /// The trailing "opened" byte of an upsert, delete or search result:
    /// absent from servers and adapters written before it (nil then).
    static func readOpenedFlag(_ reader: inout WorkerMessageReader) throws(WorkerProtocolError) -> Bool? {
        guard reader.remaining > 0 else { return nil }
        return try reader.readBool("opened")
    }

    private func acknowledgement(_ reader: WorkerMessageReader, _ operation: String) throws(WorkerClientError)
        -> (acknowledgement: WALAcknowledgement, opened: Bool?) {
        var reader = reader
        return try decodeResult(operation) { () throws(WorkerProtocolError) -> (acknowledgement: WALAcknowledgement, opened: Bool?) in
            let first = try reader.read(UInt64.self, "first LSN")
            let last = try reader.read(UInt64.self, "last LSN")
            let code = try reader.read(UInt8.self, "durability")
            guard let durability = WorkerProtocol.durability(code: code) else {
                throw .invalidValue(message: reader.message, field: "durability", reason: "unknown code \(code)")
            }
            let opened = try Self.readOpenedFlag(&reader)
            try reader.finish()
            return (WALAcknowledgement(firstLSN: first, lastLSN: last, durability: durability), opened)
        }
    }

    private func document<Document: Decodable>(_ reader: WorkerMessageReader, _ operation: String) throws(WorkerClientError) -> Document {
        var reader = reader
        let bytes = try decodeResult(operation) { () throws(WorkerProtocolError) -> [UInt8] in
            let bytes = try reader.readLongBytes("document")
            try reader.finish()
            return bytes
        }
        do { return try JSONDecoder().decode(Document.self, from: Data(bytes)) } catch {
            throw .protocolViolation(socketPath: socketPath, operation: operation, reason: "\(Document.self) JSON does not decode: \(error)")
        }
    }
}
