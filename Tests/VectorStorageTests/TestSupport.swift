import Foundation
import Testing
import TestSupport
import VectorCore
import VectorIndex
@testable import VectorStorage

/// A fresh directory for one test, named for this target (fault-injection
/// rules key on its unique name).
func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
    try TestSupport.withTemporaryDirectory(label: "storage", body)
}

func bytes(of region: MemoryRegion) -> [UInt8] {
    withExtendedLifetime(region.owner) {
        Array(UnsafeRawBufferPointer(start: region.base, count: region.count))
    }
}

/// Runs `body` and returns the `StorageError` it threw (nil if it did not
/// throw; a different error type is recorded as a test issue).
func storageError(_ body: () throws -> Void) -> StorageError? {
    do {
        try body()
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        Issue.record("expected a StorageError, got \(error)")
        return nil
    }
}

/// A small but valid HNSW graph built by hand: every node links to its next
/// few neighbours in id order on level 0, and to the next nodes that reach
/// each upper level. Deterministic for a seed.
func makeImage(count: Int, dimension: Int, m: Int = 2, metric: Metric = .l2, seed: UInt64 = 1) -> HNSWImage {
    let parameters = HNSWParameters(m: m, efConstruction: 10, seed: seed)
    var generator = SeededGenerator(seed: seed)
    let vectors = (0..<(count * dimension)).map { _ in Float.random(in: -1...1, using: &generator) }
    var levels = [UInt8](repeating: 0, count: count)
    for node in 0..<count where node % 3 == 1 { levels[node] = node % 9 == 4 ? 2 : 1 }
    let maxLevel = count == 0 ? -1 : Int(levels.max()!)
    let entryPoint = UInt32(levels.firstIndex(of: UInt8(max(maxLevel, 0))) ?? 0)

    var level0 = [UInt32](repeating: 0, count: count * (parameters.m0 + 1))
    for node in 0..<count {
        let degree = min(parameters.m0, count - 1, 1 + node % parameters.m0)
        level0[node * (parameters.m0 + 1)] = UInt32(degree)
        for slot in 0..<degree { level0[node * (parameters.m0 + 1) + 1 + slot] = UInt32((node + 1 + slot) % count) }
    }
    var upper: [UInt32] = []
    for node in 0..<count {
        for level in 1..<(Int(levels[node]) + 1) {
            let peers = (0..<count).filter { $0 != node && Int(levels[$0]) >= level }
            var block = [UInt32](repeating: 0, count: m + 1)
            block[0] = UInt32(min(m, peers.count))
            for (slot, peer) in peers.prefix(m).enumerated() { block[1 + slot] = UInt32(peer) }
            upper += block
        }
    }
    let labels = (0..<count).map { UInt64(1_000 + 7 * $0) }
    func region<T>(_ array: [T]) -> MemoryRegion { array.withUnsafeBytes { MemoryRegion.copying($0) } }
    return HNSWImage(
        dimension: dimension, metric: metric, parameters: parameters, count: count,
        entryPoint: entryPoint, maxLevel: maxLevel, vectors: region(vectors), level0Links: region(level0),
        levels: region(levels), upperLinks: region(upper), labels: region(labels))
}

/// Region-by-region byte equality plus header fields.
func expectSameImage(_ loaded: HNSWImage, _ original: HNSWImage) -> [String] {
    var differences: [String] = []
    if loaded.dimension != original.dimension { differences.append("dimension") }
    if loaded.metric != original.metric { differences.append("metric") }
    if loaded.parameters != original.parameters { differences.append("parameters") }
    if loaded.count != original.count { differences.append("count") }
    if loaded.count > 0, loaded.entryPoint != original.entryPoint { differences.append("entryPoint") }
    if loaded.maxLevel != original.maxLevel { differences.append("maxLevel") }
    if bytes(of: loaded.vectors) != bytes(of: original.vectors) { differences.append("vectors") }
    if bytes(of: loaded.level0Links) != bytes(of: original.level0Links) { differences.append("level0Links") }
    if bytes(of: loaded.levels) != bytes(of: original.levels) { differences.append("levels") }
    if bytes(of: loaded.upperLinks) != bytes(of: original.upperLinks) { differences.append("upperLinks") }
    if bytes(of: loaded.labels) != bytes(of: original.labels) { differences.append("labels") }
    return differences
}
