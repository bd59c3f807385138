import Foundation
import VectorCore

/// The bounds a request's sizes must keep (`InputLimit`), checked where the
/// frame is decoded: a value past its bound is a protocol error naming the
/// field, so no such size ever reaches an allocation in the engine.
///
/// | request | field | bound |
/// |---|---|---|
/// | search | `k` | `InputLimit.k` |
/// | search | `ef` | `InputLimit.ef` |
/// | search | `dimension` | `InputLimit.dimension` |
/// | upsert | `count` | `InputLimit.batch` |
/// | upsert | `length` (each vector) | `InputLimit.dimension` |
/// | delete | `count` | `InputLimit.batch` |
/// | createCollection | `configuration.dimension` | `InputLimit.dimension` |
/// | createCollection | `configuration.hnsw.m`, `.m0` | `InputLimit.m` |
/// | createCollection | `configuration.hnsw.efConstruction` | `InputLimit.efConstruction` |
/// | createCollection | `configuration.maximumBatchSize` | `InputLimit.batch` |
/// | createCollection | `configuration.indexingThreshold` | `InputLimit.points` (and ≥ 1) |
/// | createCollection | `configuration.sealBuildThreads` | `InputLimit.threads` |
extension WorkerRequest {
    /// Decodes a createCollection request's configuration and checks its
    /// sizes; a configuration that is not JSON of `CollectionConfiguration`
    /// or has a size out of bounds is refused naming the field.
    static func collectionConfiguration(json: String, message: String) throws(WorkerProtocolError) -> CollectionConfiguration {
        let configuration: CollectionConfiguration
        do {
            configuration = try JSONDecoder().decode(CollectionConfiguration.self, from: Data(json.utf8))
        } catch {
            throw .invalidValue(message: message, field: "configuration", reason: "not a CollectionConfiguration: \(error)")
        }
        func check(_ limit: InputLimit, _ value: Int, _ field: String) throws(WorkerProtocolError) {
            try WorkerMessageReader.check(limit, Int64(value), message: message, field: "configuration." + field)
        }
        try check(.dimension, configuration.dimension, "dimension")
        try check(.m, configuration.hnsw.m, "hnsw.m")
        try check(.m, configuration.hnsw.m0, "hnsw.m0")
        try check(.efConstruction, configuration.hnsw.efConstruction, "hnsw.efConstruction")
        try check(.batch, configuration.maximumBatchSize, "maximumBatchSize")
        try check(.points, configuration.indexingThreshold, "indexingThreshold")
        try check(.threads, configuration.sealBuildThreads, "sealBuildThreads")
        return configuration
    }
}

extension WorkerMessageReader {
    /// `value` if it lies within `limit`, else `invalidValue` naming the field,
    /// the value and the allowed range.
    @discardableResult
    static func check(_ limit: InputLimit, _ value: Int64, message: String, field: String) throws(WorkerProtocolError) -> Int {
        guard value >= Int64(limit.range.lowerBound), value <= Int64(limit.range.upperBound) else {
            throw .invalidValue(
                message: message, field: field,
                reason: "\(value) is out of range: allowed \(limit.range.lowerBound)…\(limit.range.upperBound) (\(limit.why))")
        }
        return Int(value)
    }

    /// An i64 field that must lie within `limit`.
    mutating func read(_ limit: InputLimit, int64 field: String) throws(WorkerProtocolError) -> Int {
        try Self.check(limit, try read(Int64.self, field), message: message, field: field)
    }

    /// A u32 element count that must lie within `limit` and fit what is left.
    mutating func readCount(_ field: String, elementBytes: Int, limit: InputLimit) throws(WorkerProtocolError) -> Int {
        let countOffset = offset
        let count = Int(try read(UInt32.self, field))
        try Self.check(limit, Int64(count), message: message, field: field)
        guard count * elementBytes <= remaining else {
            throw .truncated(message: message, field: field, offset: countOffset, needed: count * elementBytes, available: remaining)
        }
        return count
    }
}
