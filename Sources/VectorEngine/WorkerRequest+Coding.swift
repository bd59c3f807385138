extension WorkerRequest {
    /// The request as one frame (length field included).
    public func encodedFrame() throws(WorkerProtocolError) -> [UInt8] {
        let message = "\(kind) request"
        switch self {
        case .hello(let magic, let version):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue)
            writer.append(raw: magic)
            writer.append(version)
            return try writer.frame()
        case .ping, .listCollections, .engineStatistics, .waitForSeals, .shutdown, .engineConfiguration, .adapterStatistics:
            return try WorkerMessageWriter(message: message, tag: kind.rawValue, reservingCapacity: 0).frame()
        case .createCollection(let name, let json):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue, reservingCapacity: json.utf8.count + 64)
            try writer.append(shortString: name, field: "name")
            try writer.append(longString: json, field: "configuration")
            return try writer.frame()
        case .dropCollection(let name), .count(let name):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue)
            try writer.append(shortString: name, field: "name")
            return try writer.frame()
        case .upsert(let collection, let points):
            return try Self.encodeUpsert(collection: collection, points: points, message: message)
        case .delete(let collection, let ids):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue, reservingCapacity: 64 + ids.count * 8)
            try writer.append(shortString: collection, field: "name")
            try writer.append(count: ids.count, field: "count")
            for id in ids { writer.append(id) }
            return try writer.frame()
        case .search(let collection, let query, let k, let ef, let tenant):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue, reservingCapacity: 96 + query.count * 4)
            try writer.append(shortString: collection, field: "name")
            writer.append(Int64(k))
            writer.append(Int64(ef))
            writer.append(tenant != nil)
            writer.append(tenant ?? 0)
            try writer.append(count: query.count, field: "dimension")
            writer.append(floats: query)
            return try writer.frame()
        case .get(let collection, let id):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue)
            try writer.append(shortString: collection, field: "name")
            writer.append(id)
            return try writer.frame()
        case .collectionStatistics(let collection, let includeResidency):
            var writer = WorkerMessageWriter(message: message, tag: kind.rawValue)
            try writer.append(shortString: collection, field: "name")
            writer.append(includeResidency)
            return try writer.frame()
        }
    }

    private static func encodeUpsert(collection: String, points: [Point], message: String) throws(WorkerProtocolError) -> [UInt8] {
        let floats = points.reduce(0) { $0 + $1.vector.count }
        let hasTenants = points.contains { $0.tenant != nil }
        var writer = WorkerMessageWriter(
            message: message, tag: WorkerProtocol.RequestKind.upsert.rawValue,
            reservingCapacity: 64 + points.count * 16 + floats * 4)
        try writer.append(shortString: collection, field: "name")
        try writer.append(count: points.count, field: "count")
        writer.append(UInt8(hasTenants ? 1 : 0))
        for point in points { writer.append(point.id) }
        if hasTenants {
            for point in points {
                writer.append(point.tenant != nil)
                writer.append(point.tenant ?? 0)
            }
        }
        for point in points { try writer.append(count: point.vector.count, field: "length") }
        for point in points { writer.append(floats: point.vector) }
        return try writer.frame()
    }

    /// Decodes a request frame body (the bytes after the length field).
    public static func decode(body: [UInt8]) throws(WorkerProtocolError) -> WorkerRequest {
        guard let first = body.first else { throw .emptyFrame }
        guard let kind = WorkerProtocol.RequestKind(rawValue: first) else { throw .unknownRequestKind(first) }
        var reader = WorkerMessageReader(message: "\(kind) request", body: body)
        let request: WorkerRequest
        switch kind {
        case .hello:
            let magic = try reader.readRaw(WorkerProtocol.magic.count, "magic")
            request = .hello(magic: magic, version: try reader.read(UInt16.self, "version"))
        case .ping: request = .ping
        case .listCollections: request = .listCollections
        case .engineStatistics: request = .engineStatistics
        case .waitForSeals: request = .waitForSeals
        case .shutdown: request = .shutdown
        case .engineConfiguration: request = .engineConfiguration
        case .adapterStatistics: request = .adapterStatistics
        case .createCollection:
            let name = try reader.readShortString("name")
            let json = try reader.readLongString("configuration")
            _ = try collectionConfiguration(json: json, message: reader.message)
            request = .createCollection(name: name, configurationJSON: json)
        case .dropCollection: request = .dropCollection(name: try reader.readShortString("name"))
        case .count: request = .count(collection: try reader.readShortString("name"))
        case .upsert: request = try decodeUpsert(&reader)
        case .delete:
            let name = try reader.readShortString("name")
            let count = try reader.readCount("count", elementBytes: 8, limit: .batch)
            var ids: [UInt64] = []
            ids.reserveCapacity(count)
            for _ in 0..<count { ids.append(try reader.read(UInt64.self, "id")) }
            request = .delete(collection: name, ids: ids)
        case .search:
            let name = try reader.readShortString("name")
            let k = try reader.read(.k, int64: "k"), ef = try reader.read(.ef, int64: "ef")
            let hasTenant = try reader.readBool("has tenant")
            let tenant = try reader.read(UInt32.self, "tenant")
            let dimension = try reader.readCount("dimension", elementBytes: 4, limit: .dimension)
            let query = try reader.readFloats(dimension, "query")
            request = .search(collection: name, query: query, k: k, ef: ef, tenant: hasTenant ? tenant : nil)
        case .get:
            let name = try reader.readShortString("name")
            request = .get(collection: name, id: try reader.read(UInt64.self, "id"))
        case .collectionStatistics:
            let name = try reader.readShortString("name")
            request = .collectionStatistics(collection: name, includeResidency: try reader.readBool("include residency"))
        }
        try reader.finish()
        return request
    }

    private static func decodeUpsert(_ reader: inout WorkerMessageReader) throws(WorkerProtocolError) -> WorkerRequest {
        let name = try reader.readShortString("name")
        // Each point needs at least an id (8) and a length (4).
        let count = try reader.readCount("count", elementBytes: 12, limit: .batch)
        let flags = try reader.read(UInt8.self, "flags")
        guard flags & ~1 == 0 else {
            throw .invalidValue(message: reader.message, field: "flags", reason: "unknown bits in \(flags)")
        }
        var ids: [UInt64] = []
        ids.reserveCapacity(count)
        for _ in 0..<count { ids.append(try reader.read(UInt64.self, "id")) }
        var tenants: [UInt32?] = Array(repeating: nil, count: count)
        if flags & 1 != 0 {
            for index in 0..<count {
                let hasTenant = try reader.readBool("has tenant")
                let tag = try reader.read(UInt32.self, "tenant")
                tenants[index] = hasTenant ? tag : nil
            }
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        var total = 0
        for _ in 0..<count {
            let length = try WorkerMessageReader.check(.dimension, Int64(try reader.read(UInt32.self, "length")),
                                                       message: reader.message, field: "length")
            lengths.append(length)
            total += length
        }
        guard total * 4 == reader.remaining else {
            throw .invalidValue(message: reader.message, field: "vectors",
                                reason: "lengths add up to \(total) floats (\(total * 4) bytes), \(reader.remaining) bytes follow")
        }
        var points: [Point] = []
        points.reserveCapacity(count)
        for index in 0..<count {
            let vector = try reader.readFloats(lengths[index], "vector")
            points.append(Point(id: ids[index], vector: vector, tenant: tenants[index]))
        }
        return .upsert(collection: name, points: points)
    }
}
