import VectorCore
import VectorWAL

/// The engine's WAL records: one record per upsert or delete batch, so a
/// batch is replayed whole or not at all (a WAL record is atomic).
///
/// Every payload starts with the collection number, so one shared WAL can
/// carry every collection's writes. Little-endian throughout.
///
/// Upsert (`kind` 1):
///
/// | offset            | size        | field                                   |
/// |-------------------|-------------|-----------------------------------------|
/// | 0                 | 4           | collection number                       |
/// | 4                 | 4           | point count n                           |
/// | 8                 | 4           | dimension d                             |
/// | 12                | 4           | flags (bit 0: tenant tags present)      |
/// | 16                | 8·n         | ids                                     |
/// | 16 + 8n           | 4·n or 0    | tenant tags                             |
/// | …                 | 4·n·d       | vectors, row-major float32              |
///
/// Delete (`kind` 2): collection number (4), count n (4), ids (8·n).
enum WALPayload {
    static let upsertKind: UInt8 = 1
    static let deleteKind: UInt8 = 2

    enum Decoded {
        case upsert(collection: UInt32, points: [Point])
        case delete(collection: UInt32, ids: [UInt64])
    }

    static func encodeUpsert(collection: UInt32, points: [Point], dimension: Int) -> [UInt8] {
        let hasTenants = points.contains { $0.tenant != nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + points.count * (8 + (hasTenants ? 4 : 0) + dimension * 4))
        append(collection, to: &bytes)
        append(UInt32(points.count), to: &bytes)
        append(UInt32(dimension), to: &bytes)
        append(UInt32(hasTenants ? 1 : 0), to: &bytes)
        for point in points { append(point.id, to: &bytes) }
        if hasTenants { for point in points { append(point.tenant ?? Point.noTenant, to: &bytes) } }
        for point in points {
            point.vector.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    static func encodeDelete(collection: UInt32, ids: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + ids.count * 8)
        append(collection, to: &bytes)
        append(UInt32(ids.count), to: &bytes)
        for id in ids { append(id, to: &bytes) }
        return bytes
    }

    /// The collection number of a record, without decoding the rest.
    static func collection(of payload: UnsafeRawBufferPointer) -> UInt32? {
        payload.count >= 4 ? UInt32(littleEndian: payload.loadUnaligned(as: UInt32.self)) : nil
    }

    /// Decodes a record; nil for a kind or layout the engine never writes
    /// (the WAL's checksum already vouches for the bytes, so this means a
    /// version mismatch, reported by the caller with the LSN).
    static func decode(kind: UInt8, payload: UnsafeRawBufferPointer) -> Decoded? {
        var reader = Reader(bytes: payload)
        guard let collection = reader.read(UInt32.self), let count = reader.read(UInt32.self).map(Int.init) else { return nil }
        switch kind {
        case upsertKind:
            guard let dimension = reader.read(UInt32.self).map(Int.init), let flags = reader.read(UInt32.self) else { return nil }
            let hasTenants = flags & 1 != 0
            // Bounded before multiplying: a damaged or foreign record must not overflow.
            guard dimension <= InputLimit.dimension.range.upperBound, count <= payload.count / 8 else { return nil }
            let needed = count * (8 + (hasTenants ? 4 : 0) + dimension * 4)
            guard reader.remaining == needed else { return nil }
            let ids = (0..<count).map { _ in reader.read(UInt64.self)! }
            let tenants: [UInt32?] = hasTenants
                ? (0..<count).map { _ in let t = reader.read(UInt32.self)!; return t == Point.noTenant ? nil : t }
                : Array(repeating: nil, count: count)
            var points: [Point] = []
            points.reserveCapacity(count)
            for index in 0..<count {
                let vector = reader.readFloats(dimension)
                points.append(Point(id: ids[index], vector: vector, tenant: tenants[index]))
            }
            return .upsert(collection: collection, points: points)
        case deleteKind:
            guard reader.remaining == count * 8 else { return nil }
            return .delete(collection: collection, ids: (0..<count).map { _ in reader.read(UInt64.self)! })
        default:
            return nil
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func read<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard remaining >= MemoryLayout<T>.size else { return nil }
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func readFloats(_ count: Int) -> [Float] {
            defer { offset += count * 4 }
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count * 4]))
                initialized = count
            }
        }
    }
}

extension Point {
    /// The tag written for "no tenant" where tags are stored as a column.
    static let noTenant = UInt32.max
}
